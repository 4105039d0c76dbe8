package sla_test

import (
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"testing"
	"time"
	_ "time/tzdata" // the tests must not depend on the host's zoneinfo

	"github.com/hakakses/hakakses/internal/calendar"
	"github.com/hakakses/hakakses/internal/sla"
	"github.com/hakakses/hakakses/internal/workflow"
)

var (
	wib  = mustZone("Asia/Jakarta")
	wita = mustZone("Asia/Makassar")
	wit  = mustZone("Asia/Jayapura")
)

const officeDay = 8*time.Hour + 30*time.Minute

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

func at(t testing.TB, loc *time.Location, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func national(t testing.TB) []calendar.Holiday {
	t.Helper()
	f, err := os.Open("../calendar/testdata/hari-libur-nasional.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	hs, err := calendar.ParseNationalCSV(f)
	if err != nil {
		t.Fatal(err)
	}
	return hs
}

func newCal(t testing.TB, loc *time.Location, hs []calendar.Holiday) *calendar.Calendar {
	t.Helper()
	c, err := calendar.New(loc, calendar.DefaultOfficeHours(), hs, []int{2025, 2026})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func realCal(t testing.TB, loc *time.Location) *calendar.Calendar { return newCal(t, loc, national(t)) }

// step is a history entry written as text, in one zone.
type step struct {
	ev       workflow.Event
	from, to workflow.State
	at       string
}

func history(t testing.TB, loc *time.Location, steps ...step) []sla.Entry {
	t.Helper()
	out := make([]sla.Entry, len(steps))
	for i, s := range steps {
		out[i] = sla.Entry{Event: s.ev, From: s.from, To: s.to, At: at(t, loc, s.at)}
	}
	return out
}

// want is a clock expectation; stopped "" means running.
type want struct {
	kind      workflow.ClockKind
	started   string
	due       string
	stopped   string
	stoppedBy workflow.Event
	status    sla.Status
	remaining time.Duration
}

func checkClocks(t *testing.T, loc *time.Location, got []sla.Clock, wants []want) {
	t.Helper()
	if len(got) != len(wants) {
		t.Fatalf("got %d clocks, want %d: %+v", len(got), len(wants), got)
	}
	for i, w := range wants {
		g := got[i]
		var stopped time.Time
		if w.stopped != "" {
			stopped = at(t, loc, w.stopped)
		}
		if g.Kind != w.kind || !g.Started.Equal(at(t, loc, w.started)) || !g.Due.Equal(at(t, loc, w.due)) ||
			!g.Stopped.Equal(stopped) || g.StoppedBy != w.stoppedBy || g.Status != w.status || g.Remaining != w.remaining {
			t.Errorf("clock %d = {%s started %s due %s stopped %s by %q: %s, %v}\n     want %+v",
				i, g.Kind, g.Started.In(loc).Format("2006-01-02 15:04"), g.Due.In(loc).Format("2006-01-02 15:04"),
				g.Stopped.In(loc).Format("2006-01-02 15:04"), g.StoppedBy, g.Status, g.Remaining, w)
		}
	}
}

func TestClocks_happyPathAcrossIdulfitri2026(t *testing.T) {
	h := history(t, wib,
		step{workflow.Submit, workflow.Draft, workflow.Submitted, "2026-03-17 09:15"},                  // Tuesday before Nyepi/Idulfitri
		step{workflow.Forward, workflow.Submitted, workflow.Forwarded, "2026-03-25 11:00"},             // first day back
		step{workflow.Approve, workflow.Forwarded, workflow.Approved, "2026-04-09 14:20"},              // Thursday
		step{workflow.PrepareAgreement, workflow.Approved, workflow.Signing, "2026-04-13 10:00"},       // Monday: late
		step{workflow.ReviseAgreement, workflow.Signing, workflow.Signing, "2026-04-15 09:00"},         // no clock
		step{workflow.Sign, workflow.Signing, workflow.Signed, "2026-04-23 13:00"},                     // waits on lembaga
		step{workflow.RequestUserID, workflow.Signed, workflow.UserIDRequested, "2026-04-27 08:00"},    // Monday
		step{workflow.RequestDWH, workflow.UserIDRequested, workflow.DWHRequested, "2026-04-28 15:59"}, // a minute to spare
		step{workflow.ApproveDWH, workflow.DWHRequested, workflow.DWHApproved, "2026-05-13 17:30"},     // after hours before Kenaikan
		step{workflow.HandOver, workflow.DWHApproved, workflow.Active, "2026-05-18 10:00"},             // Monday after the long weekend
		step{workflow.AcknowledgeReceipt, workflow.Active, workflow.Active, "2026-05-18 11:00"},        // no clock
	)
	cal := realCal(t, wib)
	clocks := sla.Clocks(h, cal, 2, at(t, wib, "2026-06-01 09:00"))
	checkClocks(t, wib, clocks, []want{
		{workflow.ClockVerifyForward, "2026-03-17 09:15", "2026-03-25 16:00", "2026-03-25 11:00", workflow.Forward, sla.Met, 5 * time.Hour},
		{workflow.ClockPrepareAgreement, "2026-04-09 14:20", "2026-04-10 16:00", "2026-04-13 10:00", workflow.PrepareAgreement, sla.Missed, -150 * time.Minute},
		{workflow.ClockSendDWHRequest, "2026-04-27 08:00", "2026-04-28 16:00", "2026-04-28 15:59", workflow.RequestDWH, sla.Met, time.Minute},
		// 14 May Kenaikan, 15 May cuti bersama, then the weekend: day 1 is Monday 18 May.
		{workflow.ClockHandOverUserID, "2026-05-13 17:30", "2026-05-19 16:00", "2026-05-18 10:00", workflow.HandOver, sla.Met, 6*time.Hour + officeDay},
	})
	if on, total := sla.Compliance(clocks); on != 3 || total != 4 {
		t.Errorf("Compliance = %d/%d, want 3/4", on, total)
	}
	if c, ok := sla.Current(clocks); ok {
		t.Errorf("Current = %+v, want none", c)
	}
	if _, _, ok := sla.DueAt(h, cal, 2); ok {
		t.Error("DueAt reports an open clock on an active application")
	}
}

func TestClocks_returnAndResubmitGiveTwoVerifyClocks(t *testing.T) {
	tests := []struct {
		name  string
		steps []step
		want  []want
	}{
		{
			name: "return in time is met, late forward after resubmission is missed",
			steps: []step{
				{workflow.Submit, workflow.Draft, workflow.Submitted, "2026-03-02 09:00"},
				{workflow.Return, workflow.Submitted, workflow.Returned, "2026-03-03 10:00"},
				{workflow.Submit, workflow.Returned, workflow.Submitted, "2026-03-09 13:00"},
				{workflow.Forward, workflow.Submitted, workflow.Forwarded, "2026-03-11 09:00"},
			},
			want: []want{
				{workflow.ClockVerifyForward, "2026-03-02 09:00", "2026-03-03 16:00", "2026-03-03 10:00", workflow.Return, sla.Met, 6 * time.Hour},
				{workflow.ClockVerifyForward, "2026-03-09 13:00", "2026-03-10 16:00", "2026-03-11 09:00", workflow.Forward, sla.Missed, -90 * time.Minute},
			},
		},
		{
			name: "late return is missed, the resubmission runs fresh",
			steps: []step{
				{workflow.Submit, workflow.Draft, workflow.Submitted, "2026-03-02 09:00"},
				{workflow.Return, workflow.Submitted, workflow.Returned, "2026-03-04 08:00"},
				{workflow.Submit, workflow.Returned, workflow.Submitted, "2026-03-10 16:30"},
			},
			want: []want{
				{workflow.ClockVerifyForward, "2026-03-02 09:00", "2026-03-03 16:00", "2026-03-04 08:00", workflow.Return, sla.Missed, -30 * time.Minute},
				{workflow.ClockVerifyForward, "2026-03-10 16:30", "2026-03-12 16:00", "", "", sla.Running, 2 * officeDay},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkClocks(t, wib, sla.Clocks(history(t, wib, tt.steps...), realCal(t, wib), 2, at(t, wib, "2026-03-10 17:00")), tt.want)
		})
	}
}

func TestClocks_statusAtVariousNows(t *testing.T) {
	cal := realCal(t, wib)
	h := history(t, wib, step{workflow.Submit, workflow.Draft, workflow.Submitted, "2026-03-10 10:00"}) // due Wed 11 16:00
	tests := []struct {
		now       string
		status    sla.Status
		remaining time.Duration
	}{
		{"2026-03-10 12:00", sla.Running, 4*time.Hour + officeDay},
		{"2026-03-10 16:00", sla.Running, officeDay}, // exactly one office day left is not "under one"
		{"2026-03-10 19:00", sla.Running, officeDay},
		{"2026-03-11 07:30", sla.Running, officeDay},
		{"2026-03-11 07:31", sla.DueSoon, officeDay - time.Minute},
		{"2026-03-11 15:00", sla.DueSoon, time.Hour},
		{"2026-03-11 16:00", sla.DueSoon, 0}, // due now, not yet over
		{"2026-03-11 16:01", sla.Overdue, 0}, // over, but no office time has passed since
		{"2026-03-12 09:00", sla.Overdue, -90 * time.Minute},
		{"2026-03-16 08:00", sla.Overdue, -(2*officeDay + 30*time.Minute)},
	}
	for _, tt := range tests {
		t.Run(tt.now, func(t *testing.T) {
			c, ok := sla.Current(sla.Clocks(h, cal, 2, at(t, wib, tt.now)))
			if !ok || c.Status != tt.status || c.Remaining != tt.remaining {
				t.Errorf("Current = %v %s %v, want %s %v", ok, c.Status, c.Remaining, tt.status, tt.remaining)
			}
		})
	}
}

func TestClocks_statusDuringIdulfitriBreak(t *testing.T) {
	cal := realCal(t, wib)
	h := history(t, wib, step{workflow.Submit, workflow.Draft, workflow.Submitted, "2026-03-17 09:15"}) // due Wed 25 16:00
	tests := []struct {
		now       string
		status    sla.Status
		remaining time.Duration
	}{
		{"2026-03-17 15:00", sla.Running, time.Hour + officeDay},
		{"2026-03-20 10:00", sla.Running, officeDay}, // the whole break costs the office nothing
		{"2026-03-25 12:00", sla.DueSoon, 4 * time.Hour},
		{"2026-03-26 08:00", sla.Overdue, -30 * time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.now, func(t *testing.T) {
			c, _ := sla.Current(sla.Clocks(h, cal, 2, at(t, wib, tt.now)))
			if c.Status != tt.status || c.Remaining != tt.remaining {
				t.Errorf("got %s %v, want %s %v", c.Status, c.Remaining, tt.status, tt.remaining)
			}
		})
	}
}

func TestClocks_sameInstantsInWIBWITAandWIT(t *testing.T) {
	// Submitted at 07:30 UTC = 14:30 WIB, 15:30 WITA, 16:30 WIT (after closing).
	submit := time.Date(2026, 3, 10, 7, 30, 0, 0, time.UTC)
	now := time.Date(2026, 3, 11, 8, 30, 0, 0, time.UTC) // 15:30 WIB, 16:30 WITA, 17:30 WIT
	h := []sla.Entry{{Event: workflow.Submit, From: workflow.Draft, To: workflow.Submitted, At: submit}}
	forwarded := append(slices.Clone(h), sla.Entry{Event: workflow.Forward, From: workflow.Submitted, To: workflow.Forwarded, At: now})
	tests := []struct {
		zone          *time.Location
		due           time.Time
		running       sla.Status
		remaining     time.Duration
		forwardStatus sla.Status
	}{
		{wib, time.Date(2026, 3, 11, 16, 0, 0, 0, wib), sla.DueSoon, 30 * time.Minute, sla.Met},
		{wita, time.Date(2026, 3, 11, 16, 0, 0, 0, wita), sla.Overdue, 0, sla.Missed},
		{wit, time.Date(2026, 3, 12, 16, 0, 0, 0, wit), sla.Running, officeDay, sla.Met},
	}
	for _, tt := range tests {
		t.Run(tt.zone.String(), func(t *testing.T) {
			cal := realCal(t, tt.zone)
			c, ok := sla.Current(sla.Clocks(h, cal, 2, now))
			if !ok || !c.Due.Equal(tt.due) || c.Status != tt.running || c.Remaining != tt.remaining {
				t.Errorf("running clock: due %s %s %v, want due %s %s %v", c.Due, c.Status, c.Remaining, tt.due, tt.running, tt.remaining)
			}
			if due, kind, ok := sla.DueAt(h, cal, 2); !ok || kind != workflow.ClockVerifyForward || !due.Equal(tt.due) {
				t.Errorf("DueAt = %s %s %v", due, kind, ok)
			}
			if got := sla.Clocks(forwarded, cal, 2, now.Add(time.Hour)); got[0].Status != tt.forwardStatus {
				t.Errorf("forwarded at %s: %s, want %s", now.In(tt.zone), got[0].Status, tt.forwardStatus)
			}
		})
	}
}

func TestClocks_stopRules(t *testing.T) {
	cal := realCal(t, wib)
	now := at(t, wib, "2026-03-20 09:00")
	tests := []struct {
		name  string
		steps []step
		want  []want
	}{
		{
			name: "withdraw stops verify_forward",
			steps: []step{
				{workflow.Submit, workflow.Draft, workflow.Submitted, "2026-03-10 10:00"},
				{workflow.Withdraw, workflow.Submitted, workflow.Withdrawn, "2026-03-11 09:00"},
			},
			want: []want{{workflow.ClockVerifyForward, "2026-03-10 10:00", "2026-03-11 16:00", "2026-03-11 09:00", workflow.Withdraw, sla.Met, 7 * time.Hour}},
		},
		{
			name: "a final state stops any running clock",
			steps: []step{
				{workflow.RequestUserID, workflow.Signed, workflow.UserIDRequested, "2026-03-10 10:00"},
				{workflow.Revoke, workflow.UserIDRequested, workflow.Revoked, "2026-03-13 09:00"},
			},
			want: []want{{workflow.ClockSendDWHRequest, "2026-03-10 10:00", "2026-03-11 16:00", "2026-03-13 09:00", workflow.Revoke, sla.Missed, -(officeDay + 90*time.Minute)}},
		},
		{
			name: "waiting on the Dirjen runs no clock, and a rejection stops nothing",
			steps: []step{
				{workflow.Submit, workflow.Draft, workflow.Submitted, "2026-03-10 10:00"},
				{workflow.Forward, workflow.Submitted, workflow.Forwarded, "2026-03-10 11:00"},
				{workflow.Reject, workflow.Forwarded, workflow.Rejected, "2026-03-13 11:00"},
			},
			want: []want{{workflow.ClockVerifyForward, "2026-03-10 10:00", "2026-03-11 16:00", "2026-03-10 11:00", workflow.Forward, sla.Met, 5*time.Hour + officeDay}},
		},
		{
			name: "a DWH request sent back runs no clock until the lembaga asks again",
			steps: []step{
				{workflow.RequestUserID, workflow.Signed, workflow.UserIDRequested, "2026-03-02 10:00"},
				{workflow.RequestDWH, workflow.UserIDRequested, workflow.DWHRequested, "2026-03-02 11:00"},
				{workflow.ReturnDWH, workflow.DWHRequested, workflow.Signed, "2026-03-04 11:00"},
				{workflow.RequestUserID, workflow.Signed, workflow.UserIDRequested, "2026-03-16 10:00"},
			},
			want: []want{
				{workflow.ClockSendDWHRequest, "2026-03-02 10:00", "2026-03-03 16:00", "2026-03-02 11:00", workflow.RequestDWH, sla.Met, 5*time.Hour + officeDay},
				// Monday 16 March: day 2 is Tuesday 17, the last day before the break.
				{workflow.ClockSendDWHRequest, "2026-03-16 10:00", "2026-03-17 16:00", "", "", sla.Overdue, 0},
			},
		},
		{
			name: "re-firing the running clock's start does not reset it",
			steps: []step{
				{workflow.Submit, workflow.Draft, workflow.Submitted, "2026-03-10 10:00"},
				{workflow.Submit, workflow.Submitted, workflow.Submitted, "2026-03-12 10:00"},
			},
			want: []want{{workflow.ClockVerifyForward, "2026-03-10 10:00", "2026-03-11 16:00", "", "", sla.Overdue, -4 * officeDay}},
		},
		{
			name: "another step's start ends the running clock",
			steps: []step{
				{workflow.Approve, workflow.Forwarded, workflow.Approved, "2026-03-09 10:00"},
				{workflow.ApproveDWH, workflow.DWHRequested, workflow.DWHApproved, "2026-03-10 10:00"},
			},
			want: []want{
				{workflow.ClockPrepareAgreement, "2026-03-09 10:00", "2026-03-10 16:00", "2026-03-10 10:00", workflow.ApproveDWH, sla.Met, 6 * time.Hour},
				{workflow.ClockHandOverUserID, "2026-03-10 10:00", "2026-03-11 16:00", "", "", sla.Overdue, -4 * officeDay},
			},
		},
		{
			name: "a change request runs revise_agreement until the new version; agreeing and signing run none",
			steps: []step{
				{workflow.RequestChanges, workflow.Signing, workflow.ChangesRequested, "2026-03-02 10:00"},
				{workflow.ReviseAgreement, workflow.ChangesRequested, workflow.Signing, "2026-03-03 15:00"},
				{workflow.AgreeAgreement, workflow.Signing, workflow.Agreed, "2026-03-04 10:00"},
				{workflow.Sign, workflow.Agreed, workflow.Signed, "2026-03-10 10:00"},
			},
			want: []want{{workflow.ClockReviseAgreement, "2026-03-02 10:00", "2026-03-03 16:00", "2026-03-03 15:00", workflow.ReviseAgreement, sla.Met, time.Hour}},
		},
		{
			name: "an addendum: verified, approved by the Dirjen, sent to DWH, approved, signed",
			steps: []step{
				{workflow.RequestAddendum, workflow.Active, workflow.AddendumRequested, "2026-03-02 10:00"},
				{workflow.ForwardAddendum, workflow.AddendumRequested, workflow.AddendumForwarded, "2026-03-02 14:00"},
				{workflow.ApproveAddendum, workflow.AddendumForwarded, workflow.AddendumApproved, "2026-03-05 10:00"},
				{workflow.RequestAddendumDWH, workflow.AddendumApproved, workflow.AddendumDWHRequested, "2026-03-05 11:00"},
				{workflow.ApproveAddendumDWH, workflow.AddendumDWHRequested, workflow.AddendumApproved, "2026-03-09 10:00"},
				{workflow.SignAddendum, workflow.AddendumApproved, workflow.Active, "2026-03-16 10:00"},
			},
			want: []want{
				{workflow.ClockVerifyAddendum, "2026-03-02 10:00", "2026-03-03 16:00", "2026-03-02 14:00", workflow.ForwardAddendum, sla.Met, 2*time.Hour + officeDay},
				{workflow.ClockPrepareAddendum, "2026-03-05 10:00", "2026-03-06 16:00", "2026-03-05 11:00", workflow.RequestAddendumDWH, sla.Met, 5*time.Hour + officeDay},
				{workflow.ClockPrepareAddendum, "2026-03-09 10:00", "2026-03-10 16:00", "2026-03-16 10:00", workflow.SignAddendum, sla.Missed, -(3*officeDay + 2*time.Hour + 30*time.Minute)},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkClocks(t, wib, sla.Clocks(history(t, wib, tt.steps...), cal, 2, now), tt.want)
		})
	}
}

func TestClocks_targetBelowOneMeansDefault(t *testing.T) {
	cal := realCal(t, wib)
	h := history(t, wib, step{workflow.Submit, workflow.Draft, workflow.Submitted, "2026-03-10 10:00"})
	now := at(t, wib, "2026-03-10 11:00")
	if a, b := sla.Clocks(h, cal, 0, now), sla.Clocks(h, cal, sla.DefaultTarget, now); !slices.Equal(a, b) {
		t.Errorf("target 0: %+v, default: %+v", a, b)
	}
	if c := sla.Clocks(h, cal, 3, now); !c[0].Due.Equal(at(t, wib, "2026-03-12 16:00")) {
		t.Errorf("target 3 due %s", c[0].Due)
	}
}

func TestWaiting_attributesOfficeTimeToWhoTheStateWaitsOn(t *testing.T) {
	h := history(t, wib,
		step{"", "", workflow.Draft, "2026-02-27 10:00"}, // created on a Friday
		step{workflow.Submit, workflow.Draft, workflow.Submitted, "2026-03-02 08:00"},
		step{workflow.Return, workflow.Submitted, workflow.Returned, "2026-03-02 10:00"},
		step{workflow.Submit, workflow.Returned, workflow.Submitted, "2026-03-04 08:00"},
		step{workflow.Forward, workflow.Submitted, workflow.Forwarded, "2026-03-04 12:00"},
		step{workflow.Approve, workflow.Forwarded, workflow.Approved, "2026-03-09 07:30"},
		step{workflow.PrepareAgreement, workflow.Approved, workflow.Signing, "2026-03-09 11:45"},
		step{workflow.Sign, workflow.Signing, workflow.Signed, "2026-03-10 16:00"},
	)
	got := sla.Waiting(h, realCal(t, wib), at(t, wib, "2026-03-11 12:00"))
	hours := func(h float64) float64 { return h / 8.5 }
	wantDays := map[workflow.Party]float64{
		// draft Fri 10:00–Mon 08:00 = 6h + 0.5h; returned Mon 10:00–Wed 08:00 = 6h + 8.5h + 0.5h;
		// signed Tue 16:00–Wed 12:00 = 4.5h.
		workflow.PartyLembaga: hours(6.5 + 15 + 4.5),
		// submitted 2h, submitted again 4h, approved 4.25h.
		workflow.PartyDisdukcapil: hours(2 + 4 + 4.25),
		// forwarded Wed 12:00–Mon 07:30 = 4h + two full days.
		workflow.PartyDirjen: hours(4 + 8.5 + 8.5),
		// signing Mon 11:45–Tue 16:00.
		workflow.PartyBoth: hours(4.25 + 8.5),
	}
	if len(got) != len(wantDays) {
		t.Errorf("got parties %v, want %v", got, wantDays)
	}
	for p, w := range wantDays {
		if math.Abs(got[p]-w) > 1e-9 {
			t.Errorf("%s: %.4f working days, want %.4f", p, got[p], w)
		}
	}
}

func TestWaiting_activeAndFinalStatesAreNotMeasured(t *testing.T) {
	h := history(t, wita,
		step{workflow.RequestDWH, workflow.UserIDRequested, workflow.DWHRequested, "2026-03-02 07:30"},
		step{workflow.ApproveDWH, workflow.DWHRequested, workflow.DWHApproved, "2026-03-03 07:30"},
		step{workflow.HandOver, workflow.DWHApproved, workflow.Active, "2026-03-03 11:45"},
		step{workflow.Revoke, workflow.Active, workflow.Revoked, "2026-06-01 10:00"},
	)
	got := sla.Waiting(h, realCal(t, wita), at(t, wita, "2026-12-01 10:00"))
	want := map[workflow.Party]float64{workflow.PartyDirjen: 1, workflow.PartyDisdukcapil: 0.5}
	if len(got) != len(want) || got[workflow.PartyDirjen] != 1 || got[workflow.PartyDisdukcapil] != 0.5 {
		t.Errorf("got %v, want %v", got, want)
	}
}

// transitions is the lifecycle of docs/domain.md §3, enough to generate plausible histories.
var transitions = func() map[workflow.State][]struct {
	ev workflow.Event
	to workflow.State
} {
	m := map[workflow.State][]struct {
		ev workflow.Event
		to workflow.State
	}{}
	for _, tr := range workflow.Transitions() {
		m[tr.From] = append(m[tr.From], struct {
			ev workflow.Event
			to workflow.State
		}{tr.Event, tr.To})
	}
	return m
}()

// randomHistory walks the lifecycle with gaps of up to four days, from draft or,
// half the time, from a random state (so the clocks after signing are reached
// as often as the early ones).
func randomHistory(rng *rand.Rand, loc *time.Location) []sla.Entry {
	at := time.Date(2025, 1, 1, 0, 0, 0, 0, loc).Add(time.Duration(rng.Int64N(int64(690 * 24 * time.Hour))))
	state := workflow.Draft
	if rng.IntN(2) == 0 {
		for state = workflow.States[rng.IntN(len(workflow.States))]; state.IsFinal(); {
			state = workflow.States[rng.IntN(len(workflow.States))]
		}
	}
	var h []sla.Entry
	for n := 1 + rng.IntN(14); n > 0; n-- {
		next := transitions[state]
		if len(next) == 0 {
			break
		}
		tr := next[rng.IntN(len(next))]
		at = at.Add(time.Duration(rng.Int64N(int64(4 * 24 * time.Hour))))
		h = append(h, sla.Entry{Event: tr.ev, From: state, To: tr.to, At: at})
		state = tr.to
	}
	return h
}

// TestDueAt_agreesWithRecomputedClocks replays thousands of generated histories in
// all three zones: the stored DueAt must be exactly the running clock that Clocks
// recomputes, and a holiday added on that due date (an admin correcting the
// calendar) must move the deadline later, again in agreement with Clocks.
func TestDueAt_agreesWithRecomputedClocks(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	hs := national(t)
	open := map[workflow.ClockKind]int{}
	for _, loc := range []*time.Location{wib, wita, wit} {
		cal := newCal(t, loc, hs)
		for range 1500 {
			h := randomHistory(rng, loc)
			target := 1 + rng.IntN(3)
			now := h[len(h)-1].At.Add(time.Duration(rng.Int64N(int64(6 * 24 * time.Hour))))
			clocks := sla.Clocks(h, cal, target, now)
			running := 0
			for _, c := range clocks {
				if c.IsRunning() {
					running++
				}
				if !c.Due.Equal(cal.Deadline(c.Started, target)) {
					t.Fatalf("clock due %s, calendar says %s", c.Due, cal.Deadline(c.Started, target))
				}
				if !c.IsRunning() && (c.Status == sla.Met) == c.Stopped.After(c.Due) {
					t.Fatalf("stopped clock %+v judged %s", c, c.Status)
				}
			}
			if running > 1 {
				t.Fatalf("%d clocks running: %+v", running, clocks)
			}
			cur, hasCur := sla.Current(clocks)
			due, kind, ok := sla.DueAt(h, cal, target)
			if ok != hasCur || (ok && (!due.Equal(cur.Due) || kind != cur.Kind)) {
				t.Fatalf("DueAt = %s %s %v, Clocks say %+v %v\nhistory %+v", due, kind, ok, cur, hasCur, h)
			}
			if !ok {
				continue
			}
			open[kind]++
			corrected := newCal(t, loc, append(slices.Clone(hs), calendar.Holiday{Date: cal.DateOf(due), Kind: calendar.Lokal, Name: "koreksi"}))
			moved, _, _ := sla.DueAt(h, corrected, target)
			if !moved.After(due) {
				t.Fatalf("holiday on %s did not move the deadline: %s", cal.DateOf(due), moved)
			}
			if cur, _ := sla.Current(sla.Clocks(h, corrected, target, now)); !cur.Due.Equal(moved) {
				t.Fatalf("after correction DueAt %s, Clocks %s", moved, cur.Due)
			}
		}
	}
	t.Logf("open clocks by kind: %v", open)
	for _, k := range workflow.Clocks {
		if open[k] < 10 {
			t.Errorf("only %d generated histories had an open %s clock; the generator is too tame: %v", open[k], k, open)
		}
	}
}

func TestDueAt_followsHolidayCorrections(t *testing.T) {
	h := history(t, wib, step{workflow.Submit, workflow.Draft, workflow.Submitted, "2026-03-17 09:15"})
	hs := national(t)
	due, kind, ok := sla.DueAt(h, newCal(t, wib, hs), 2)
	if !ok || kind != workflow.ClockVerifyForward || !due.Equal(at(t, wib, "2026-03-25 16:00")) {
		t.Fatalf("DueAt = %s %s %v", due, kind, ok)
	}
	// A tenant whose service unit opens on cuti bersama drops those days: the office
	// is open on Wednesday 18 March, so the request is due then.
	var noCuti []calendar.Holiday
	for _, x := range hs {
		if x.Kind != calendar.CutiBersama {
			noCuti = append(noCuti, x)
		}
	}
	if due, _, _ := sla.DueAt(h, newCal(t, wib, noCuti), 2); !due.Equal(at(t, wib, "2026-03-18 16:00")) {
		t.Errorf("without cuti bersama DueAt = %s, want 2026-03-18 16:00", due)
	}
	// A local holiday on the first day back pushes it to Thursday.
	local := append(slices.Clone(hs), calendar.Holiday{Date: calendar.Date{Year: 2026, Month: 3, Day: 25}, Kind: calendar.Lokal, Name: "Hari Jadi"})
	if due, _, _ := sla.DueAt(h, newCal(t, wib, local), 2); !due.Equal(at(t, wib, "2026-03-26 16:00")) {
		t.Errorf("with local holiday DueAt = %s, want 2026-03-26 16:00", due)
	}
}

func TestCompliance(t *testing.T) {
	clocks := []sla.Clock{{Status: sla.Met}, {Status: sla.Met}, {Status: sla.Missed}, {Status: sla.Overdue}, {Status: sla.Running}, {Status: sla.DueSoon}}
	if on, total := sla.Compliance(clocks); on != 2 || total != 4 {
		t.Errorf("Compliance = %d/%d, want 2/4", on, total)
	}
	if on, total := sla.Compliance(nil); on != 0 || total != 0 {
		t.Errorf("Compliance(nil) = %d/%d", on, total)
	}
}

func TestEmptyHistoryHasNoClocks(t *testing.T) {
	cal := realCal(t, wib)
	if c := sla.Clocks(nil, cal, 2, time.Now()); len(c) != 0 {
		t.Errorf("Clocks = %+v", c)
	}
	if _, _, ok := sla.DueAt(nil, cal, 2); ok {
		t.Error("DueAt on empty history")
	}
	if w := sla.Waiting(nil, cal, time.Now()); len(w) != 0 {
		t.Errorf("Waiting = %v", w)
	}
}
