package app_test

import (
	"math"
	"testing"
	"time"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/workflow"
)

// A known data set, all submitted Tuesday 2026-03-10 10:00 WIB (verification due
// Wednesday 16:00): A forwarded Wednesday 10:00 (on time, 1.0 working day: 6 h on
// Tuesday + 2.5 h on Wednesday = one 8.5-hour office day), B forwarded Thursday
// 10:00 (late, 2.0 working days), C still waiting on Thursday 10:00 (overdue, late).
func TestDashboardFiguresOfAKnownDataSet(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a, b := f.submitted(), f.submitted()
	f.submitted() // C
	f.clock.Set(time.Date(2026, 3, 11, 10, 0, 0, 0, wib))
	f.fire(f.petugas, a, app.Action{Event: workflow.Forward})
	f.clock.Set(time.Date(2026, 3, 12, 10, 0, 0, 0, wib))
	f.fire(f.petugas, b, app.Action{Event: workflow.Forward})

	check := func(d app.Dashboard, who string) {
		t.Helper()
		states := map[workflow.State]int{}
		for _, s := range d.ByState {
			states[s.State] = s.Count
		}
		if len(states) != 2 || states[workflow.Forwarded] != 2 || states[workflow.Submitted] != 1 || d.Overdue != 1 {
			t.Errorf("%s: states %v, overdue %d", who, states, d.Overdue)
		}
		if n := len(d.Months); n != app.DashboardMonths {
			t.Fatalf("%s: %d months", who, n)
		}
		last := d.Months[len(d.Months)-1]
		if last.Year != 2026 || last.Month != time.March || last.OnTime != 1 || last.Late != 2 {
			t.Errorf("%s: March 2026 = %+v, want 1 on time, 2 late", who, last)
		}
		for _, m := range d.Months[:len(d.Months)-1] {
			if m.OnTime+m.Late != 0 {
				t.Errorf("%s: %v %d has steps", who, m.Month, m.Year)
			}
		}
		vf := d.Steps[0]
		if vf.Kind != workflow.ClockVerifyForward || vf.Finished != 2 || math.Abs(vf.Average-1.5) > 1e-9 || math.Abs(vf.P90-2) > 1e-9 {
			t.Errorf("%s: verification step %+v, want 2 finished, average 1.5, p90 2.0", who, vf)
		}
		for _, s := range d.Steps[1:] {
			if s.Finished != 0 {
				t.Errorf("%s: step %+v", who, s)
			}
		}
	}
	d, err := f.app.Dashboard(f.ctx, f.kepala)
	if err != nil {
		t.Fatal(err)
	}
	check(d, "kepala")
	if d.National || len(d.Ranking) != 0 {
		t.Errorf("tenant dashboard with national parts: %+v", d)
	}
	f.onboardOKU() // a second tenant, with nothing yet
	n, err := f.app.Dashboard(f.ctx, f.dirjen)
	if err != nil {
		t.Fatal(err)
	}
	check(n, "dirjen")
	oki := f.tenant(f.okiID())
	if len(n.Ranking) != 1 || n.Ranking[0].Tenant != oki.Name || n.Ranking[0].OnTime != 1 || n.Ranking[0].Late != 2 ||
		math.Abs(n.Ranking[0].Share-1.0/3) > 1e-9 {
		t.Errorf("ranking %+v", n.Ranking)
	}
	if len(n.Provinces) != 1 || n.Provinces[0] != (app.ProvinceFigure{Province: oki.Province, Tenants: 1, Applications: 3,
		Overdue: 1, OnTime: 1, Late: 2}) {
		t.Errorf("provinces %+v", n.Provinces)
	}
	if _, err := f.app.Dashboard(f.ctx, f.lembaga); app.ErrorCode(err) != app.CodeForbidden {
		t.Errorf("lembaga dashboard: %v", err)
	}
}
