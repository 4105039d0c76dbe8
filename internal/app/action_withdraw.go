package app

import "github.com/hakakses/hakakses/internal/workflow"

// Withdraw: the lembaga walks away before the Dirjen decides. No guard: it may
// always do so.
var _ = define(actionDef{
	Event:   workflow.Withdraw,
	Help:    "Permohonan yang dibatalkan tidak dapat diajukan kembali; buat permohonan baru bila perlu.",
	Danger:  true,
	Confirm: "Batalkan permohonan ini? Tindakan ini tidak dapat diurungkan.",
	Notice: notice{
		to: func(from workflow.State) []audience {
			if from == workflow.Forwarded {
				// The Dirjen has it in the inbox: it should stop reviewing it.
				return []audience{toLembaga, toStaff, toDirjen}
			}
			return []audience{toLembaga, toStaff}
		},
		text: func(m *messageContext, aud audience) (string, string) {
			next := "tidak ada tindakan lanjutan; permohonan ini selesai."
			if aud == toLembaga {
				next = "tidak ada tindakan lanjutan. Bila masih diperlukan, buat permohonan baru."
			}
			return capital(m.app) + " dibatalkan oleh lembaga (" + m.actor + ").", next
		},
	},
})
