package app

import (
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// ReturnAddendum: the office returns an incomplete addendum request; the PKS
// stays as it was.
var _ = define(actionDef{
	Event:   workflow.ReturnAddendum,
	Fields:  []Field{reasonField("Alasan pengembalian adendum (dibaca oleh lembaga)")},
	History: []HistoryDetail{reasonDetail},
	facts:   reasonFacts,
	effect: func(c *fireCtx) error {
		c.recordReason()
		return c.updateAddendum(store.AddendumUpdate{Status: "returned"})
	},
	Notice: notice{
		to:   []audience{toLembaga},
		what: "Permohonan adendum untuk {app} dikembalikan.",
		next: map[audience]string{anyone: "perbaiki sesuai alasan di atas dan ajukan kembali bila perlu."},
	},
})
