package app

import "github.com/hakakses/hakakses/internal/workflow"

// Expire: the system ends an agreement whose PKS term is over (ExpireDue). The
// guard refuses it before the end date, so an early run changes nothing.
var _ = define(actionDef{
	Event: workflow.Expire,
	Notice: notice{
		to: always(toLembaga, toStaff),
		text: func(m *messageContext, aud audience) (string, string) {
			next := "tidak ada tindakan lanjutan."
			if aud == toLembaga {
				next = "bila data kependudukan masih diperlukan, ajukan perpanjangan dari halaman permohonan."
			}
			return "Masa berlaku PKS untuk " + m.app + " telah berakhir; hak akses tidak berlaku lagi.", next
		},
	},
})
