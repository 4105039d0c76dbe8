package app

import (
	"context"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/sla"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// MonthCompliance is one month of a tenant's service-standard record.
type MonthCompliance struct {
	Month   time.Month
	ByClock map[workflow.ClockKind][2]int // clock → {on time, total}
	OnTime  int
	Total   int
	Running int // clocks still running, not yet judged
}

// Compliance computes, for each month of year (in the tenant's zone), how many of
// the Disdukcapil's clocks that started that month finished within the standard.
// Like every SLA figure it is derived from the history and the calendar, so a
// corrected holiday corrects the report. Missed and still-overdue clocks count as
// late; running clocks within their deadline are reported apart.
func (a *App) Compliance(ctx context.Context, p Principal, year int) ([]MonthCompliance, error) {
	if !p.IsStaff() {
		return nil, Forbidden("")
	}
	now := a.Clock.Now()
	months := make([]MonthCompliance, 12)
	for i := range months {
		months[i] = MonthCompliance{Month: time.Month(i + 1), ByClock: map[workflow.ClockKind][2]int{}}
	}
	err := a.readDB(ctx).ReadTx(ctx, scope(p), func(tx pgx.Tx) error {
		t, cal, err := a.cachedTenantCalendar(ctx, tx, p.TenantID)
		if err != nil {
			return err
		}
		loc := t.Location()
		from := time.Date(year, 1, 1, 0, 0, 0, 0, loc)
		to := from.AddDate(1, 0, 0)
		// Histories of the applications that submitted anything in the year; one
		// query, streamed application by application.
		return store.HistoriesWithEvents(ctx, tx, t.ID, from, to, clockStartEvents(), func(_ int64, steps []store.Step) {
			entries := make([]sla.Entry, 0, len(steps))
			for _, s := range steps {
				entries = append(entries, slaEntry(s.Event, s.From, s.To, s.At))
			}
			for _, c := range sla.Clocks(entries, cal, t.SLATargetDays, now) {
				st := c.Started.In(loc)
				if st.Year() != year {
					continue
				}
				m := &months[st.Month()-1]
				pair := m.ByClock[c.Kind]
				switch c.Status {
				case sla.Met:
					pair[0]++
					pair[1]++
					m.OnTime++
					m.Total++
				case sla.Missed, sla.Overdue:
					pair[1]++
					m.Total++
				default:
					m.Running++
				}
				m.ByClock[c.Kind] = pair
			}
		})
	})
	return months, err
}

// clockStartEvents are the events that start a Disdukcapil clock: those whose
// edge enters a state with a clock (workflow.ClockOf).
func clockStartEvents() []string {
	var out []string
	for _, tr := range workflow.Transitions() {
		if _, ok := workflow.ClockOf(tr.To); ok && tr.From != tr.To && !slices.Contains(out, string(tr.Event)) {
			out = append(out, string(tr.Event))
		}
	}
	return out
}
