package app

import (
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// RejectAddendum: the Dirjen refuses the addendum (its elements/purpose or its
// DWH changes); the PKS stays as it was.
var _ = define(actionDef{
	Event:   workflow.RejectAddendum,
	Danger:  true,
	Confirm: "Tolak adendum ini? PKS tetap berlaku seperti semula.",
	Fields:  []Field{reasonField("Alasan penolakan adendum")},
	History: []HistoryDetail{reasonDetail},
	facts:   reasonFacts,
	effect: func(c *fireCtx) error {
		c.recordReason()
		return c.updateAddendum(store.AddendumUpdate{Status: "rejected"})
	},
	Notice: notice{
		to:   []audience{toLembaga, toStaff},
		what: "Adendum PKS untuk {app} ditolak Direktur Jenderal Dukcapil.",
		next: map[audience]string{anyone: "PKS tetap berlaku seperti semula."},
	},
})
