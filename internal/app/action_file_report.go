package app

import (
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// FileReport: the lembaga's semester usage report (the PKS's evaluasi dan
// pelaporan), for one calendar semester of the term: a late report clears its
// own semester. Each report is a new file; see reportStatus for what counts.
var _ = define(actionDef{
	Event:   workflow.FileReport,
	Help:    "Laporan penggunaan data setiap semester: semester I paling lambat 31 Juli, semester II paling lambat 31 Januari.",
	Fields:  []Field{{Name: "semester", Kind: KindChoice, Label: "Semester yang dilaporkan", choicesFor: openSemesterChoices}},
	Uploads: []UploadSpec{{Kind: DocReport, PDFOnly: true, Required: true, Fresh: true}},
	History: []HistoryDetail{{"semester", "Semester"}},
	facts: func(c *fireCtx, f *workflow.Facts) error {
		f.HasReport = c.uploaded(DocReport)
		return nil
	},
	effect: func(c *fireCtx) error {
		reports, err := store.SemesterReports(c.ctx, c.tx, c.ap.TenantID, c.ap.ID)
		if err != nil {
			return err
		}
		sem, err := reportSemester(c.ap, reports, c.in.Text("semester"), c.now.In(c.loc))
		if err != nil {
			return err
		}
		var docID int64
		if doc, ok := c.latestUpload(DocReport); ok {
			docID = doc
		}
		if _, err := store.InsertSemesterReport(c.ctx, c.tx, c.ap.TenantID, c.ap.ID, sem, docID, c.now); err != nil {
			return onConflict(err, Conflict("Semester ini baru saja dilaporkan; muat ulang halaman."))
		}
		c.record("semester", sem)
		return nil
	},
	Notice: notice{
		to:   []audience{toStaff},
		what: "Lembaga telah mengirim laporan penggunaan semester untuk {app}.",
		next: map[audience]string{anyone: "periksa laporan tersebut, lalu terima atau kembalikan dengan alasannya."},
	},
})
