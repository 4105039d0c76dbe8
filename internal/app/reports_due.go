package app

import (
	"time"

	"github.com/hakakses/hakakses/internal/store"
)

// ReportGrace is how long after a semester ends its usage report is due.
const ReportGrace = 1 // month

// ReportStatus is where an active agreement stands with its semester reports
// (the PKS's evaluasi dan pelaporan).
type ReportStatus struct {
	Due     int       // reports due by now: one per semester ended more than a month ago
	Filed   int       // reports filed
	NextDue time.Time // when the next report falls due
}

// Overdue reports whether fewer reports were filed than are due.
func (r ReportStatus) Overdue() bool { return r.Filed < r.Due }

// reportStatus derives the status from the PKS start and the history: semesters run
// from the start date in six-month steps, each report due ReportGrace months after
// its semester ends, and no later than the end of the term.
func reportStatus(ap store.Application, events []store.Event, now time.Time) (ReportStatus, bool) {
	if ap.PKSStart == nil || ap.PKSEnd == nil || (ap.State != "active" && ap.State != "expired" && ap.State != "revoked") {
		return ReportStatus{}, false
	}
	var rs ReportStatus
	for _, e := range events {
		if e.Event == "file_report" {
			rs.Filed++
		}
	}
	start := *ap.PKSStart
	for i := 1; ; i++ {
		semesterEnd := start.AddDate(0, 6*i, 0)
		if semesterEnd.After(*ap.PKSEnd) {
			semesterEnd = *ap.PKSEnd
		}
		due := semesterEnd.AddDate(0, ReportGrace, 0)
		if due.After(now) {
			rs.NextDue = due
			break
		}
		rs.Due++
		if !semesterEnd.Before(*ap.PKSEnd) {
			break
		}
	}
	return rs, true
}
