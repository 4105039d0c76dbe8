package app

import (
	"github.com/hakakses/hakakses/internal/workflow"

	"github.com/hakakses/hakakses/internal/idfmt"
)

// Approve (item 3): the Dirjen's approval letter is recorded, with its number,
// date and scan. The office's prepare-agreement clock starts.
var _ = define(actionDef{
	Event:   workflow.Approve,
	Open:    true,
	Fields:  dirjenLetterFields,
	Uploads: []UploadSpec{{Kind: DocDirjenApproval, Required: true}},
	History: []HistoryDetail{{"letter_number", "Nomor surat"}, {"letter_date", "Tanggal surat"}},
	facts:   dirjenLetterFacts(DocDirjenApproval),
	effect:  recordDirjenLetter,
	Notice: notice{
		to:   []audience{toLembaga, toStaff},
		what: "{App} telah disetujui Direktur Jenderal Dukcapil.",
		next: map[audience]string{
			toStaff: "susun draf PKS dan Juknis, {deadline}.",
			anyone:  "Disdukcapil menyusun draf PKS dan Juknis; Anda akan diberi tahu ketika draf siap diperiksa.",
		},
	},
})

// dirjenLetterFields are the decision letter's number and date (items 3 and 7).
var dirjenLetterFields = []Field{
	{Name: "letter_number", Kind: KindText, Label: "Nomor surat Dirjen", Required: true, Limit: maxShortTextLen},
	{Name: "letter_date", Kind: KindDate, Label: "Tanggal surat", Required: true},
}

// dirjenLetterFacts gives the guards the letter's number, date and scan (of
// kind), and the reason where the form has one.
func dirjenLetterFacts(scan string) func(c *fireCtx, f *workflow.Facts) error {
	return func(c *fireCtx, f *workflow.Facts) error {
		f.LetterNumber = c.in.Text("letter_number")
		f.LetterDate = c.in.Date("letter_date")
		f.Reason = c.in.Text("reason")
		f.HasLetterScan = c.uploaded(scan)
		return nil
	}
}

func recordDirjenLetter(c *fireCtx) error {
	c.recordReason()
	c.record("letter_number", c.in.Text("letter_number"))
	c.record("letter_date", idfmt.Date(c.in.Date("letter_date")))
	return nil
}
