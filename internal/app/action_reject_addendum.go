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
		to: always(toLembaga, toStaff),
		text: func(m *messageContext, _ audience) (string, string) {
			return "Adendum PKS untuk " + m.app + " ditolak Direktur Jenderal Dukcapil.", "PKS tetap berlaku seperti semula."
		},
	},
})
