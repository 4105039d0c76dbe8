package app

import (
	"slices"
	"time"

	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// ReportGrace is how long after a semester ends its usage report is due.
const ReportGrace = 1 // month

// ReportStatus is where an active agreement stands with its semester reports
// (the PKS's evaluasi dan pelaporan).
type ReportStatus struct {
	Due     int       // reports due by now: one per semester ended more than a month ago
	Filed   int       // of those, the semesters a report was filed for in time
	NextDue time.Time // when the next report falls due
}

// Overdue reports whether fewer reports were filed than are due.
func (r ReportStatus) Overdue() bool { return r.Filed < r.Due }

// reportStatus derives the status from the PKS start and the history: semesters run
// from the start date in six-month steps, each report due ReportGrace months after
// its semester ends, and no later than the end of the term.
//
// A report counts for a semester only when it was filed within that semester's
// window, from the semester's start to its due date, and each report counts once:
// reports filed in bulk satisfy the semesters whose windows they fall in, never
// future ones, and a report filed before a window does not count for it.
func reportStatus(ap store.Application, events []store.Event, now time.Time) (ReportStatus, bool) {
	if ap.PKSStart == nil || ap.PKSEnd == nil || !slices.Contains([]workflow.State{workflow.Active, workflow.Expired, workflow.Revoked}, ap.State) {
		return ReportStatus{}, false
	}
	var filed []time.Time // in history order, so ascending
	for _, e := range events {
		if e.Event == string(workflow.FileReport) {
			filed = append(filed, e.At)
		}
	}
	var rs ReportStatus
	start := *ap.PKSStart
	termEnd := ap.PKSEnd.AddDate(0, 0, 1) // pks_end is the term's last valid day
	used := 0                             // reports before this index are spent or too early
	for i := 1; ; i++ {
		semesterStart := start.AddDate(0, 6*(i-1), 0)
		semesterEnd := start.AddDate(0, 6*i, 0)
		if semesterEnd.After(termEnd) {
			semesterEnd = termEnd
		}
		due := semesterEnd.AddDate(0, ReportGrace, 0)
		if due.After(now) {
			rs.NextDue = due
			break
		}
		rs.Due++
		// Windows follow one another, so the earliest report still unspent that
		// falls in this window is the one to count (greedy is optimal here).
		for used < len(filed) && filed[used].Before(semesterStart) {
			used++
		}
		if used < len(filed) && !filed[used].After(due) {
			rs.Filed++
			used++
		}
		// The last semester is the one whose nominal end reaches the term's last
		// day (this also holds for a pks_end stored as the day after the term).
		if !start.AddDate(0, 6*i, 0).Before(*ap.PKSEnd) {
			break
		}
	}
	return rs, true
}
