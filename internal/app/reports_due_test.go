package app

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/hakakses/hakakses/internal/store"
)

func TestSemesterReportsFallDueOnTheCalendarDatesThePKSPrints(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 9, 0, 0, 0, time.UTC) }
	start := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)
	end := start.AddDate(0, 24, -1) // 9 March 2028, the last valid day of a 24-month PKS
	ap := store.Application{State: "active", PKSStart: &start, PKSEnd: &end}
	ev := func(name string, at time.Time, semester string) store.Event {
		data, _ := json.Marshal(map[string]string{"semester": semester})
		if semester == "" {
			data = []byte(`{}`)
		}
		return store.Event{Event: name, At: at, Data: data}
	}
	file := func(at time.Time) store.Event { return ev("file_report", at, "") }
	cases := []struct {
		name    string
		now     time.Time
		events  []store.Event
		due     int
		filed   int
		overdue bool
		next    time.Time
	}{
		{"first semester running", day(2026, 5, 1), nil, 0, 0, false, day(2026, 7, 31)},
		{"the due day itself is on time", day(2026, 7, 31), nil, 0, 0, false, day(2026, 7, 31)},
		{"the day after the due day, no report", day(2026, 8, 1), nil, 1, 0, true, day(2027, 1, 31)},
		{"report filed on time", day(2026, 8, 1), []store.Event{file(day(2026, 7, 20))}, 1, 1, false, day(2027, 1, 31)},
		{"a late report clears its own semester", day(2026, 10, 1), []store.Event{file(day(2026, 9, 15))}, 1, 1, false, day(2027, 1, 31)},
		{"a late report clears only its own semester", day(2027, 2, 5), []store.Event{file(day(2027, 2, 2))}, 2, 1, true, day(2027, 7, 31)},
		{"a report naming its semester counts for that one", day(2027, 2, 5),
			[]store.Event{ev("file_report", day(2027, 1, 10), "2026-2")}, 2, 1, true, day(2027, 7, 31)},
		{"a returned report leaves its semester overdue", day(2026, 8, 10),
			[]store.Event{file(day(2026, 7, 20)), ev("return_report", day(2026, 7, 25), "2026-1")}, 1, 0, true, day(2027, 1, 31)},
		{"refiled late after a return and accepted", day(2026, 9, 1),
			[]store.Event{file(day(2026, 7, 20)), ev("return_report", day(2026, 7, 25), "2026-1"), file(day(2026, 8, 20)),
				ev("accept_report", day(2026, 8, 22), "2026-1")}, 1, 1, false, day(2027, 1, 31)},
		{"bulk filing cannot stand for semesters not begun", day(2027, 8, 1),
			[]store.Event{file(day(2026, 7, 1)), file(day(2026, 7, 1)), file(day(2026, 7, 1))}, 3, 2, true, day(2028, 1, 31)},
		{"a report before the term counts for nothing", day(2026, 8, 1), []store.Event{file(day(2026, 3, 1))}, 1, 0, true, day(2027, 1, 31)},
		{"term over: the partial last semester is due 31 July", day(2028, 8, 1),
			[]store.Event{file(day(2026, 7, 1)), file(day(2027, 1, 5)), file(day(2027, 7, 5)), file(day(2028, 1, 5)), file(day(2028, 7, 5))},
			5, 5, false, time.Time{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rs, ok := reportStatus(ap, c.events, c.now)
			if !ok || rs.Due != c.due || rs.Filed != c.filed || rs.Overdue() != c.overdue {
				t.Fatalf("status due %d filed %d overdue %v ok=%v, want due %d filed %d overdue %v\n%+v",
					rs.Due, rs.Filed, rs.Overdue(), ok, c.due, c.filed, c.overdue, rs.Schedule)
			}
			if !c.next.IsZero() && !sameDay(rs.NextDue, c.next) {
				t.Errorf("next due %s, want %s", rs.NextDue.Format("2006-01-02"), c.next.Format("2006-01-02"))
			}
		})
	}
	draft := store.Application{State: "draft"}
	if _, ok := reportStatus(draft, nil, start); ok {
		t.Fatal("a draft has a report status")
	}
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}
