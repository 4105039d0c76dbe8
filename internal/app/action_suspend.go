package app

import "github.com/hakakses/hakakses/internal/workflow"

// Suspend: penghentian sementara — access suspended for a typed ground, the DWH
// User IDs listed for deactivation in the letter.
var _ = define(actionDef{
	Event:   workflow.Suspend,
	Danger:  true,
	Confirm: "Hentikan sementara hak akses ini? User ID yang tercantum diusulkan dinonaktifkan.",
	Help:    workflow.SanctionPenghentian.Effect(),
	Fields: append(groundFields(false), Field{Name: "user_ids", Kind: KindLines, Label: "User ID yang dinonaktifkan (satu per baris)",
		MaxItems: 20, TooMany: "Paling banyak %d User ID.", Limit: maxShortTextLen, prefill: issuedUserIDsPrefill}),
	History: sanctionHistory,
	facts: func(c *fireCtx, f *workflow.Facts) error {
		if err := userIDFacts(c, f); err != nil {
			return err
		}
		return sanctionFacts(c, f)
	},
	effect: sanctionEffect,
	Notice: sanctionNotice("Hak akses dihentikan sementara", "hentikan penggunaan User ID dan selesaikan dasar sanksi; hak akses dipulihkan setelahnya."),
})
