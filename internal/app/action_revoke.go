package app

import "github.com/hakakses/hakakses/internal/workflow"

// Revoke: access is withdrawn, for a breach of rules 9/10 or long-overdue
// reports, with the reason.
var _ = define(withReason("Alasan pencabutan (pelanggaran butir 9/10, laporan sangat terlambat, …)", actionDef{
	Event:   workflow.Revoke,
	Danger:  true,
	Confirm: "Cabut hak akses ini? Tindakan ini mengakhiri perjanjian.",
	Notice: notice{
		to:   []audience{toLembaga, toStaff},
		what: "Hak akses untuk {app} dicabut oleh {actor}.",
		next: map[audience]string{
			toLembaga: "hentikan penggunaan User ID; hubungi Disdukcapil {tenant} bila ada pertanyaan.",
			anyone:    "pastikan akses User ID lembaga dihentikan.",
		},
	},
}))
