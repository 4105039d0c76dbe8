package app

import "github.com/hakakses/hakakses/internal/workflow"

// FileReport: the lembaga's semester usage report (the PKS's evaluasi dan
// pelaporan). Each report is a new file; see reportStatus for what counts.
var _ = define(actionDef{
	Event:   workflow.FileReport,
	Help:    "Laporan penggunaan data setiap semester (evaluasi dan pelaporan).",
	Uploads: []UploadSpec{{Kind: DocReport, PDFOnly: true, Required: true, Fresh: true}},
	facts: func(c *fireCtx, f *workflow.Facts) error {
		f.HasReport = c.uploaded(DocReport)
		return nil
	},
	Notice: notice{
		to:   []audience{toStaff},
		what: "Lembaga telah mengirim laporan penggunaan semester untuk {app}.",
		next: map[audience]string{anyone: "periksa laporan penggunaan tersebut."},
	},
})
