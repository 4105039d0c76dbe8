package app

import (
	"testing"
	"time"

	"github.com/hakakses/hakakses/internal/store"
)

func TestSemesterReportsFallDueAMonthAfterEachSemester(t *testing.T) {
	start := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)
	end := start.AddDate(0, 24, -1) // the last valid day of a 24-month PKS
	ap := store.Application{State: "active", PKSStart: &start, PKSEnd: &end}
	// reports(n) files one report a week after each of the first n semesters ends,
	// inside its window.
	reports := func(n int) []store.Event {
		var out []store.Event
		for i := 1; i <= n; i++ {
			out = append(out, store.Event{Event: "file_report", At: start.AddDate(0, 6*i, 7)})
		}
		return out
	}
	at := func(dates ...time.Time) []store.Event {
		var out []store.Event
		for _, d := range dates {
			out = append(out, store.Event{Event: "file_report", At: d})
		}
		return out
	}
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 9, 0, 0, 0, time.UTC) }
	cases := []struct {
		name    string
		now     time.Time
		events  []store.Event
		due     int
		filed   int
		overdue bool
	}{
		{"first semester running", day(2026, 8, 1), reports(0), 0, 0, false},
		{"semester ended, grace month running", day(2026, 9, 20), reports(0), 0, 0, false},
		{"grace month over without report", day(2026, 10, 11), reports(0), 1, 0, true},
		{"report filed", day(2026, 10, 11), reports(1), 1, 1, false},
		{"a year and a half in, one report", day(2027, 10, 11), reports(1), 3, 1, true},
		{"term over: four semesters due", day(2029, 1, 1), reports(4), 4, 4, false},
		// Four reports filed at once in the first semester satisfy only the first:
		// they cannot stand in advance for semesters that have not begun.
		{"bulk filing in the first semester", day(2027, 10, 11),
			at(day(2026, 9, 1), day(2026, 9, 1), day(2026, 9, 1), day(2026, 9, 1)), 3, 1, true},
		// A report filed during semester 1's grace month counts once: for semester
		// 1, even though semester 2's window has opened too.
		{"one report in the overlap counts once", day(2027, 4, 11), at(day(2026, 9, 20)), 2, 1, true},
		// A report filed before the PKS started counts for no semester.
		{"report before the term", day(2026, 10, 11), at(day(2026, 3, 1)), 1, 0, true},
		// Two reports in the overlap serve semesters 1 and 2.
		{"two reports in the overlap", day(2027, 4, 11), at(day(2026, 9, 15), day(2026, 10, 1)), 2, 2, false},
		// The old convention (pks_end the day after the term) yields the same four semesters.
		{"pks_end stored as the day after", day(2029, 1, 1), reports(4), 4, 4, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := ap
			if c.name == "pks_end stored as the day after" {
				old := start.AddDate(0, 24, 0)
				a.PKSEnd = &old
			}
			rs, ok := reportStatus(a, c.events, c.now)
			if !ok || rs.Due != c.due || rs.Filed != c.filed || rs.Overdue() != c.overdue {
				t.Fatalf("status %+v ok=%v, want due %d filed %d overdue %v", rs, ok, c.due, c.filed, c.overdue)
			}
		})
	}
	draft := store.Application{State: "draft"}
	if _, ok := reportStatus(draft, nil, start); ok {
		t.Fatal("a draft has a report status")
	}
}
