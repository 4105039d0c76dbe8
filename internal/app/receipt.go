package app

import (
	"github.com/hakakses/hakakses/internal/letters"
	"github.com/hakakses/hakakses/internal/sla"
	"github.com/hakakses/hakakses/internal/workflow"
)

// SubmissionReceipt writes the bukti pengajuan of an application as loaded for
// its lembaga: the latest submission, and the deadline of the office's
// verify-and-forward clock it started, read from the same SLA computation as
// the detail page (history and calendar), so the two never disagree.
// trackURL is the public tracking page printed on it.
func SubmissionReceipt(d *Detail, trackURL string) ([]byte, error) {
	if d.TrackingCode == "" {
		return nil, NotFound("Bukti pengajuan")
	}
	at, from := -1, workflow.State("")
	for i, e := range d.Events {
		if e.Event == workflow.Submit {
			at, from = i, e.From
		}
	}
	if at < 0 {
		return nil, Invalid("Bukti pengajuan tersedia setelah permohonan diajukan.", nil)
	}
	submitted := d.Events[at].At
	target := d.Tenant.SLATargetDays
	if target < 1 {
		target = sla.DefaultTarget // as sla.Clocks counts it
	}
	r := letters.Receipt{Number: d.App.Number, TrackingCode: d.TrackingCode, Institution: d.Institution.Name,
		Zone: zoneAbbrev(d.Tenant), TargetDays: target, Resubmission: from == workflow.Returned,
		TrackURL: trackURL}
	loc := d.Tenant.Location()
	r.Submitted = submitted.In(loc)
	for _, c := range d.Clocks {
		if c.Kind == workflow.ClockVerifyForward && c.Started.Equal(submitted) {
			r.Deadline = c.Due.In(loc)
		}
	}
	b, err := letters.SubmissionReceipt(OfficeOf(d.Tenant), r)
	if err != nil {
		return nil, generationError(err)
	}
	return b, nil
}
