package app

import (
	"context"
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
		t, err := store.TenantByID(ctx, tx, p.TenantID)
		if err != nil {
			return err
		}
		cal, err := calendarFor(ctx, tx, t)
		if err != nil {
			return err
		}
		loc := t.Location()
		from := time.Date(year, 1, 1, 0, 0, 0, 0, loc)
		to := from.AddDate(1, 0, 0)
		// Histories of the applications that submitted anything in the year; one
		// query, streamed application by application.
		rows, err := tx.Query(ctx, `SELECT e.application_id, e.event, e.from_state, e.to_state, e.at
			FROM application_events e
			WHERE e.tenant_id = $1 AND e.application_id IN (
				SELECT DISTINCT application_id FROM application_events
				WHERE tenant_id = $1 AND at >= $2 AND at < $3 AND event IN ('submit', 'approve', 'request_user_id', 'approve_dwh'))
			ORDER BY e.application_id, e.seq`, t.ID, from, to)
		if err != nil {
			return err
		}
		defer rows.Close()
		var current int64
		var entries []sla.Entry
		flush := func() {
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
			entries = entries[:0]
		}
		for rows.Next() {
			var id int64
			var ev, to string
			var from *string
			var at time.Time
			if err := rows.Scan(&id, &ev, &from, &to, &at); err != nil {
				return err
			}
			if id != current && len(entries) > 0 {
				flush()
			}
			current = id
			e := sla.Entry{Event: workflow.Event(ev), To: workflow.State(to), At: at}
			if ev == "create" {
				e.Event = ""
			}
			if from != nil {
				e.From = workflow.State(*from)
			}
			entries = append(entries, e)
		}
		if len(entries) > 0 {
			flush()
		}
		return rows.Err()
	})
	return months, err
}
