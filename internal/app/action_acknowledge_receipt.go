package app

import (
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// AcknowledgeReceipt (item 6): the lembaga confirms it received the User IDs; a
// one-time fact (the guard refuses a second one, and the page stops offering it).
var _ = define(actionDef{
	Event:  workflow.AcknowledgeReceipt,
	Help:   "Konfirmasikan bahwa User ID telah Anda terima.",
	Open:   true,
	change: func(_ *fireCtx, ch *store.Change) { ch.Acknowledge = true },
	Notice: notice{
		to: always(toStaff),
		text: func(m *messageContext, _ audience) (string, string) {
			return "Lembaga telah mengonfirmasi penerimaan User ID untuk " + m.app + "; hak akses kini aktif.", "tidak ada tindakan lanjutan."
		},
	},
})
