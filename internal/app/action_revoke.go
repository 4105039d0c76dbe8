package app

import "github.com/hakakses/hakakses/internal/workflow"

// Revoke: pencabutan — access is withdrawn for good, from active or suspended,
// for a typed ground (a free-text reason alone is an "other" ground), with the
// office's letter.
var _ = define(actionDef{
	Event:   workflow.Revoke,
	Danger:  true,
	Confirm: "Cabut hak akses ini? Tindakan ini mengakhiri perjanjian.",
	Fields:  append(groundFields(true), reasonField("Alasan pencabutan (pelanggaran butir 9/10, laporan sangat terlambat, …)")),
	History: sanctionHistory,
	facts:   sanctionFacts,
	effect: func(c *fireCtx) error {
		c.recordReason()
		return sanctionEffect(c)
	},
	Notice: notice{
		to:   []audience{toLembaga, toStaff},
		what: "Hak akses untuk {app} dicabut oleh {actor}.",
		next: map[audience]string{
			toLembaga: "hentikan penggunaan User ID; hubungi Disdukcapil {tenant} bila ada pertanyaan.",
			anyone:    "pastikan akses User ID lembaga dihentikan.",
		},
	},
})
