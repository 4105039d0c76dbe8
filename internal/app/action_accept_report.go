package app

import (
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// reportField picks the filed report staff judge.
var reportField = Field{Name: "report_id", Kind: KindChoice, Label: "Laporan", choicesFor: pendingReportChoices}

// AcceptReport: staff accept a filed semester report.
var _ = define(actionDef{
	Event:   workflow.AcceptReport,
	Fields:  []Field{reportField},
	History: []HistoryDetail{{"semester", "Semester"}},
	facts:   reviewFacts,
	effect:  func(c *fireCtx) error { return reviewEffect(c, workflow.ReviewAccepted) },
	Notice: notice{
		to:   []audience{toLembaga},
		what: "Laporan semester untuk {app} diterima Disdukcapil {tenant}.",
		next: map[audience]string{anyone: "tidak ada tindakan lanjutan."},
	},
})

func reviewFacts(c *fireCtx, f *workflow.Facts) error {
	r, err := c.pendingReport()
	f.ReportAwaitingReview = r.ID != 0
	f.Reason = c.in.Text("reason")
	return err
}

func reviewEffect(c *fireCtx, review workflow.ReviewStatus) error {
	r, err := c.pendingReport()
	if err != nil {
		return err
	}
	reason := ""
	if review == workflow.ReviewReturned {
		reason = c.in.Text("reason")
		c.recordReason()
	}
	if _, err := store.ReviewSemesterReport(c.ctx, c.tx, c.ap.TenantID, c.ap.ID, r.ID, string(review), reason, c.p.UserID, c.now); err != nil {
		return onConflict(err, Conflict("Laporan ini baru saja diperiksa; muat ulang halaman."))
	}
	c.record("semester", r.Semester)
	return nil
}
