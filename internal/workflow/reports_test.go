package workflow

import (
	"fmt"
	"testing"
	"time"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, wib) }

func TestReportSemestersFollowTheCalendar(t *testing.T) {
	// A 24-month PKS signed on 10 March 2026 runs through 9 March 2028: five
	// semesters, the first and last partial, each due on the calendar date.
	got := ReportSemesters(day(2026, 3, 10), day(2028, 3, 9))
	want := []struct {
		key      string
		from, to time.Time
		due      time.Time
	}{
		{"2026-1", day(2026, 3, 10), day(2026, 6, 30), day(2026, 7, 31)},
		{"2026-2", day(2026, 7, 1), day(2026, 12, 31), day(2027, 1, 31)},
		{"2027-1", day(2027, 1, 1), day(2027, 6, 30), day(2027, 7, 31)},
		{"2027-2", day(2027, 7, 1), day(2027, 12, 31), day(2028, 1, 31)},
		{"2028-1", day(2028, 1, 1), day(2028, 3, 9), day(2028, 7, 31)},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d semesters, want %d: %v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.Key() != w.key || !g.From.Equal(w.from) || !g.To.Equal(w.to) || !g.Due.Equal(w.due) {
			t.Errorf("semester %d = %s %s..%s due %s, want %s %s..%s due %s", i, g.Key(), g.From.Format("2006-01-02"),
				g.To.Format("2006-01-02"), g.Due.Format("2006-01-02"), w.key, w.from.Format("2006-01-02"),
				w.to.Format("2006-01-02"), w.due.Format("2006-01-02"))
		}
	}
	if got := ReportSemesters(day(2026, 7, 1), day(2026, 12, 31)); len(got) != 1 || got[0].Key() != "2026-2" {
		t.Errorf("a term of exactly semester II = %v", got)
	}
	if got := ReportSemesters(day(2026, 7, 1), day(2026, 6, 1)); got != nil {
		t.Errorf("an inverted term = %v, want none", got)
	}
}

func TestOverdueStartsTheDayAfterTheDueDay(t *testing.T) {
	s := ReportSemesters(day(2026, 1, 1), day(2026, 12, 31))[0] // due 31 July 2026
	cases := []struct {
		now     time.Time
		overdue bool
		months  int
	}{
		{time.Date(2026, 7, 31, 23, 59, 0, 0, wib), false, 0},
		{time.Date(2026, 7, 31, 17, 0, 0, 0, time.UTC), true, 0}, // 1 August 00:00 WIB
		{day(2026, 8, 1), true, 0},
		{day(2026, 8, 31), true, 0},
		{day(2026, 9, 1), true, 1},
		{day(2026, 10, 31), true, 2},
		{day(2026, 11, 1), true, 3},
	}
	for _, tc := range cases {
		if got := s.OverdueOn(tc.now); got != tc.overdue {
			t.Errorf("OverdueOn(%s) = %v, want %v", tc.now, got, tc.overdue)
		}
		if got := s.MonthsLate(tc.now); got != tc.months {
			t.Errorf("MonthsLate(%s) = %d, want %d", tc.now, got, tc.months)
		}
	}
}

func TestReportScheduleJudgesEachSemesterByItsOwnReport(t *testing.T) {
	first, last := day(2026, 3, 10), day(2028, 3, 9)
	now := day(2027, 3, 1)
	states := func(reports ...FiledReport) string {
		var out []string
		for _, s := range ReportSchedule(first, last, reports, now) {
			st := string(s.State)
			if s.Late {
				st += "(late)"
			}
			out = append(out, s.Key()+":"+st)
		}
		return fmt.Sprint(out)
	}
	cases := []struct {
		name    string
		reports []FiledReport
		want    string
	}{
		{"nothing filed: both due semesters overdue, the current one not due",
			nil, "[2026-1:overdue 2026-2:overdue 2027-1:not_due]"},
		{"accepted on time",
			[]FiledReport{{"2026-1", day(2026, 7, 20), ReviewAccepted}},
			"[2026-1:accepted 2026-2:overdue 2027-1:not_due]"},
		{"a late report clears its own semester, and only that one",
			[]FiledReport{{"2026-2", day(2027, 2, 20), ReviewPending}},
			"[2026-1:overdue 2026-2:filed(late) 2027-1:not_due]"},
		{"returned and not refiled: overdue again",
			[]FiledReport{{"2026-1", day(2026, 7, 20), ReviewReturned}},
			"[2026-1:overdue 2026-2:overdue 2027-1:not_due]"},
		{"returned, refiled late and accepted: cleared, late",
			[]FiledReport{{"2026-1", day(2026, 7, 20), ReviewReturned}, {"2026-1", day(2026, 9, 2), ReviewAccepted}},
			"[2026-1:accepted(late) 2026-2:overdue 2027-1:not_due]"},
		{"returned before its due day: returned, not yet overdue",
			[]FiledReport{{"2027-1", day(2027, 2, 20), ReviewReturned}},
			"[2026-1:overdue 2026-2:overdue 2027-1:returned]"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := states(tc.reports...); got != tc.want {
				t.Errorf("schedule = %s, want %s", got, tc.want)
			}
		})
	}
	sched := ReportSchedule(first, last, []FiledReport{{"2026-1", day(2026, 7, 20), ReviewAccepted}}, now)
	if s, ok := OpenSemester(sched); !ok || s.Key() != "2026-2" {
		t.Errorf("OpenSemester = %s, %v, want 2026-2", s.Key(), ok)
	}
}
