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
		to:   []audience{toStaff},
		what: "Lembaga telah mengonfirmasi penerimaan User ID untuk {app}; hak akses kini aktif.",
		next: map[audience]string{anyone: "tidak ada tindakan lanjutan."},
	},
})
