package app

import "github.com/hakakses/hakakses/internal/workflow"

// Reinstate: the ground of a suspension is cured; the User IDs are listed for
// reactivation.
var _ = define(actionDef{
	Event: workflow.Reinstate,
	Help:  workflow.SanctionPemulihan.Effect(),
	Fields: []Field{reasonField("Bagaimana dasar penghentian telah diselesaikan"),
		{Name: "user_ids", Kind: KindLines, Label: "User ID yang diaktifkan kembali (satu per baris)", MaxItems: 20,
			TooMany: "Paling banyak %d User ID.", Limit: maxShortTextLen, prefill: issuedUserIDsPrefill}},
	History: sanctionHistory,
	facts: func(c *fireCtx, f *workflow.Facts) error {
		f.Reason = c.in.Text("reason")
		return userIDFacts(c, f)
	},
	effect: sanctionEffect,
	Notice: sanctionNotice("Hak akses dipulihkan", "User ID dapat digunakan kembali sesuai PKS."),
})
