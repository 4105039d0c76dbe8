package app

import (
	"testing"
	"time"

	"github.com/hakakses/hakakses/internal/store"
)

func TestSemesterReportsFallDueAMonthAfterEachSemester(t *testing.T) {
	start := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)
	end := start.AddDate(0, 24, 0)
	ap := store.Application{State: "active", PKSStart: &start, PKSEnd: &end}
	reports := func(n int) []store.Event {
		var out []store.Event
		for i := 0; i < n; i++ {
			out = append(out, store.Event{Event: "file_report"})
		}
		return out
	}
	cases := []struct {
		name    string
		now     time.Time
		filed   int
		due     int
		overdue bool
	}{
		{"first semester running", time.Date(2026, 8, 1, 0, 0, 0, 0, time.UTC), 0, 0, false},
		{"semester ended, grace month running", time.Date(2026, 9, 20, 0, 0, 0, 0, time.UTC), 0, 0, false},
		{"grace month over without report", time.Date(2026, 10, 11, 0, 0, 0, 0, time.UTC), 0, 1, true},
		{"report filed", time.Date(2026, 10, 11, 0, 0, 0, 0, time.UTC), 1, 1, false},
		{"a year and a half in, one report", time.Date(2027, 10, 11, 0, 0, 0, 0, time.UTC), 1, 3, true},
		{"term over: four semesters due", time.Date(2029, 1, 1, 0, 0, 0, 0, time.UTC), 4, 4, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rs, ok := reportStatus(ap, reports(c.filed), c.now)
			if !ok || rs.Due != c.due || rs.Overdue() != c.overdue {
				t.Fatalf("status %+v ok=%v, want due %d overdue %v", rs, ok, c.due, c.overdue)
			}
		})
	}
	draft := store.Application{State: "draft"}
	if _, ok := reportStatus(draft, nil, start); ok {
		t.Fatal("a draft has a report status")
	}
}
