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
		to: []audience{toLembaga, toStaff},
		// The Dirjen has a forwarded one in the inbox: it should stop reviewing it.
		alsoFrom: map[workflow.State][]audience{workflow.Forwarded: {toDirjen}},
		what:     "{App} dibatalkan oleh lembaga ({actor}).",
		next: map[audience]string{
			toLembaga: "tidak ada tindakan lanjutan. Bila masih diperlukan, buat permohonan baru.",
			anyone:    "tidak ada tindakan lanjutan; permohonan ini selesai.",
		},
	},
})
