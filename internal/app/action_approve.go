package app

import "github.com/hakakses/hakakses/internal/workflow"

// Approve (item 3): the Dirjen's approval letter is recorded, with its number,
// date and scan. The office's prepare-agreement clock starts.
var _ = define(actionDef{
	Event:   workflow.Approve,
	Open:    true,
	Fields:  dirjenLetterFields,
	Uploads: []UploadSpec{{Kind: DocDirjenApproval, Required: true}},
	History: []HistoryDetail{{"letter_number", "Nomor surat"}, {"letter_date", "Tanggal surat"}},
	facts: func(c *fireCtx, f *workflow.Facts) error {
		dirjenLetterFacts(c, f)
		f.HasLetterScan = c.uploaded(DocDirjenApproval)
		return nil
	},
	effect: recordDirjenLetter,
	Notice: notice{
		to: always(toLembaga, toStaff),
		text: func(m *messageContext, aud audience) (string, string) {
			next := "Disdukcapil menyusun draf PKS dan Juknis; Anda akan diberi tahu ketika draf siap diperiksa."
			if aud == toStaff {
				next = "susun draf PKS dan Juknis, " + m.deadline + "."
			}
			return capital(m.app) + " telah disetujui Direktur Jenderal Dukcapil.", next
		},
	},
})

// dirjenLetterFields are the decision letter's number and date (items 3 and 7).
var dirjenLetterFields = []Field{
	{Name: "letter_number", Kind: KindText, Label: "Nomor surat Dirjen", Required: true, Limit: maxShortTextLen},
	{Name: "letter_date", Kind: KindDate, Label: "Tanggal surat", Required: true},
}

func dirjenLetterFacts(c *fireCtx, f *workflow.Facts) {
	f.LetterNumber = c.in.Text("letter_number")
	f.LetterDate = c.in.Date("letter_date")
}

func recordDirjenLetter(c *fireCtx) error {
	c.recordReason()
	c.record("letter_number", c.in.Text("letter_number"))
	c.record("letter_date", c.in.Date("letter_date").Format("2006-01-02"))
	return nil
}
