package app

import (
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// ApproveAddendum: the Dirjen approves the changed elements or purpose, by letter.
var _ = define(actionDef{
	Event: workflow.ApproveAddendum,
	Open:  true,
	Fields: []Field{
		{Name: "letter_number", Kind: KindText, Label: "Nomor surat Dirjen", Required: true, Limit: maxShortTextLen},
		{Name: "letter_date", Kind: KindDate, Label: "Tanggal surat", Required: true},
	},
	Uploads: []UploadSpec{{Kind: DocAddendumDirjen, Required: true}},
	History: []HistoryDetail{{"letter_number", "Nomor surat"}, {"letter_date", "Tanggal surat"}},
	facts: func(c *fireCtx, f *workflow.Facts) error {
		f.LetterNumber, f.LetterDate, f.HasLetterScan = c.in.Text("letter_number"), c.in.Date("letter_date"), c.uploaded(DocAddendumDirjen)
		return addendumFacts(c, f)
	},
	effect: func(c *fireCtx) error {
		c.record("letter_number", c.in.Text("letter_number"))
		c.record("letter_date", c.in.Text("letter_date"))
		return c.updateAddendum(store.AddendumUpdate{Status: "requested", DirjenApproved: true})
	},
	Notice: notice{
		to:   []audience{toLembaga, toStaff},
		what: "Adendum PKS untuk {app} disetujui Direktur Jenderal Dukcapil.",
		next: map[audience]string{anyone: "susun dan tandatangani adendum, {deadline}."},
	},
})
