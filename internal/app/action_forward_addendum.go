package app

import "github.com/hakakses/hakakses/internal/workflow"

// ForwardAddendum: changed elements or purpose go to the Dirjen again, with the
// office's letter.
var _ = define(actionDef{
	Event: workflow.ForwardAddendum,
	Fields: []Field{
		{Name: "letter_number", Kind: KindText, Label: "Nomor surat pengantar adendum", Required: true, Limit: maxShortTextLen},
		{Name: "signatory", Kind: KindText, Label: "Penanda tangan", Limit: maxShortTextLen,
			prefill: func(d *Detail) Value { return Value{Text: d.Tenant.KepalaName} }},
	},
	History: []HistoryDetail{{"letter_number", "Nomor surat"}},
	facts: func(c *fireCtx, f *workflow.Facts) error {
		f.LetterNumber, f.Signatory = c.in.Text("letter_number"), c.in.Text("signatory")
		return addendumFacts(c, f)
	},
	effect: func(c *fireCtx) error {
		c.record("letter_number", c.in.Text("letter_number"))
		return nil
	},
	Notice: notice{
		to:   []audience{toDirjen, toLembaga},
		what: "Adendum PKS untuk {app} diteruskan kepada Direktur Jenderal Dukcapil.",
		next: map[audience]string{anyone: "tunggu keputusan Dirjen atas perubahan elemen data atau tujuan."},
	},
})
