package app_test

import (
	"testing"
	"time"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/workflow"
)

func TestComplianceCountsOnTimeAndLateStepsPerMonth(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	// March: one forwarded within the standard, one forwarded late.
	onTime := f.completeDraft()
	late := f.completeDraft()
	f.fire(f.lembaga, onTime, app.Action{Event: workflow.Submit}) // Tue 10 Mar 10:00 → due Wed 16:00
	f.fire(f.lembaga, late, app.Action{Event: workflow.Submit})
	f.clock.Advance(2 * time.Hour)
	f.fire(f.petugas, onTime, app.Action{Event: workflow.Forward})
	f.clock.Set(time.Date(2026, 3, 13, 9, 0, 0, 0, wib)) // Friday: two days late
	f.fire(f.petugas, late, app.Action{Event: workflow.Forward})
	// April: one still waiting within its deadline.
	f.clock.Set(time.Date(2026, 4, 6, 9, 0, 0, 0, wib))
	waiting := f.completeDraft()
	f.fire(f.lembaga, waiting, app.Action{Event: workflow.Submit})

	months, err := f.app.Compliance(f.ctx, f.kepala, 2026)
	if err != nil {
		t.Fatal(err)
	}
	mar, apr := months[2], months[3]
	if mar.OnTime != 1 || mar.Total != 2 || mar.ByClock[workflow.ClockVerifyForward] != [2]int{1, 2} {
		t.Errorf("March = %+v, want 1 of 2 on time", mar)
	}
	if apr.Total != 0 || apr.Running != 1 {
		t.Errorf("April = %+v, want one running clock and nothing judged", apr)
	}
	if _, err := f.app.Compliance(f.ctx, f.lembaga, 2026); app.ErrorCode(err) != app.CodeForbidden {
		t.Errorf("lembaga sees the office report: %v", err)
	}
}
