package app

import (
	"encoding/json"
	"time"

	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// ReportGrace is the month between a calendar semester's end and its report's
// due day (30 June → 31 July, 31 December → 31 January): reminders are sent in it.
const ReportGrace = 1 // month

// ReportStatus is where an agreement stands with its semester reports (the
// PKS's evaluasi dan pelaporan), by the calendar-semester rule the PKS prints
// (workflow.ReportRules).
type ReportStatus struct {
	Due      int       // semesters whose due day has passed
	Filed    int       // of those, the semesters cleared by a report (on time or late)
	NextDue  time.Time // the due day of the next semester still to be reported
	Schedule []workflow.SemesterStatus
}

// Overdue reports whether a semester is past its due day without a report.
func (r ReportStatus) Overdue() bool { return r.Filed < r.Due }

// reportStatus judges the agreement's semesters at now. A report counts for
// the semester it was filed for (the "semester" of its history entry); an entry
// without one counts for the earliest semester open when it was filed, so a
// late report clears its own semester, never a future one, and a report filed
// before the term counts for none. Reviews (accept_report, return_report) name
// the semester they judge.
func reportStatus(ap store.Application, events []store.Event, now time.Time) (ReportStatus, bool) {
	if ap.PKSStart == nil || ap.PKSEnd == nil || !reportsApply(workflow.State(ap.State)) {
		return ReportStatus{}, false
	}
	first, last := *ap.PKSStart, *ap.PKSEnd // pks_end is the term's last valid day
	var reports []workflow.FiledReport
	for _, e := range events {
		var d struct {
			Semester string `json:"semester"`
		}
		_ = json.Unmarshal(e.Data, &d)
		switch workflow.Event(e.Event) {
		case workflow.FileReport:
			if d.Semester == "" {
				s, ok := workflow.OpenSemester(workflow.ReportSchedule(first, last, reports, e.At))
				if !ok {
					continue
				}
				d.Semester = s.Key()
			}
			reports = append(reports, workflow.FiledReport{Semester: d.Semester, FiledAt: e.At, Review: workflow.ReviewPending})
		case workflow.AcceptReport, workflow.ReturnReport:
			review := workflow.ReviewAccepted
			if workflow.Event(e.Event) == workflow.ReturnReport {
				review = workflow.ReviewReturned
			}
			for i := len(reports) - 1; i >= 0; i-- {
				if reports[i].Review == workflow.ReviewPending && (d.Semester == "" || reports[i].Semester == d.Semester) {
					reports[i].Review = review
					break
				}
			}
		}
	}
	rs := ReportStatus{Schedule: workflow.ReportSchedule(first, last, reports, now)}
	for _, s := range rs.Schedule {
		switch {
		case s.OverdueOn(now):
			rs.Due++
			if s.State == workflow.ReportFiled || s.State == workflow.ReportAccepted {
				rs.Filed++
			}
		case rs.NextDue.IsZero() && s.State != workflow.ReportAccepted && s.State != workflow.ReportFiled:
			rs.NextDue = s.Due
		}
	}
	if rs.NextDue.IsZero() {
		// The next semester may not have begun yet: its due day is still known.
		for _, s := range workflow.ReportSemesters(first, last) {
			if s.From.After(now) {
				rs.NextDue = s.Due
				break
			}
		}
	}
	return rs, true
}

// reportsApply: reports are owed from signing while the PKS is in force, and
// remain judged after it ends.
func reportsApply(s workflow.State) bool {
	return s.IsInForce() || s == workflow.Expired || s == workflow.Revoked
}
