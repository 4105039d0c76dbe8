package app

import "github.com/hakakses/hakakses/internal/workflow"

// ReturnReport: staff return a report with the reason; it must be filed again,
// and its semester is overdue again once its due day has passed.
var _ = define(actionDef{
	Event:   workflow.ReturnReport,
	Fields:  []Field{reportField, reasonField("Alasan pengembalian (dibaca oleh lembaga)")},
	History: []HistoryDetail{{"semester", "Semester"}, reasonDetail},
	facts:   reviewFacts,
	effect:  func(c *fireCtx) error { return reviewEffect(c, workflow.ReviewReturned) },
	Notice: notice{
		to:   []audience{toLembaga},
		what: "Laporan semester untuk {app} dikembalikan Disdukcapil {tenant}.",
		next: map[audience]string{anyone: "perbaiki laporan sesuai alasan di atas dan kirim kembali untuk semester yang sama."},
	},
})
