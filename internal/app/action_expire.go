package app

import "github.com/hakakses/hakakses/internal/workflow"

// Expire: the system ends an agreement whose PKS term is over (ExpireDue). The
// guard refuses it before the end date, so an early run changes nothing.
var _ = define(actionDef{
	Event: workflow.Expire,
	Notice: notice{
		to:   []audience{toLembaga, toStaff},
		what: "Masa berlaku PKS untuk {app} telah berakhir; hak akses tidak berlaku lagi.",
		next: map[audience]string{
			toLembaga: "bila data kependudukan masih diperlukan, ajukan perpanjangan dari halaman permohonan.",
			anyone:    "tidak ada tindakan lanjutan.",
		},
	},
})
