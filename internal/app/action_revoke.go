package app

import "github.com/hakakses/hakakses/internal/workflow"

// Revoke: access is withdrawn, for a breach of rules 9/10 or long-overdue
// reports, with the reason.
var _ = define(actionDef{
	Event:   workflow.Revoke,
	Danger:  true,
	Confirm: "Cabut hak akses ini? Tindakan ini mengakhiri perjanjian.",
	Fields:  []Field{reasonField("Alasan pencabutan (pelanggaran butir 9/10, laporan sangat terlambat, …)")},
	History: []HistoryDetail{reasonDetail},
	facts:   reasonFacts,
	effect:  recordReasonEffect,
	Notice: notice{
		to: always(toLembaga, toStaff),
		text: func(m *messageContext, aud audience) (string, string) {
			next := "pastikan akses User ID lembaga dihentikan."
			if aud == toLembaga {
				next = "hentikan penggunaan User ID; hubungi Disdukcapil " + m.tenant + " bila ada pertanyaan."
			}
			return "Hak akses untuk " + m.app + " dicabut oleh " + m.actor + ".", next
		},
	},
})
