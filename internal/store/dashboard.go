package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// The dashboards' figures come from a fixed handful of queries, for one tenant or
// for the whole country alike (tenantID 0, system scope): counts by state, the
// active agreements, the holiday data, and one streamed pass over the histories.

// StateCount is how many applications of a tenant are in one state, and how many
// of those have a Disdukcapil clock past due at now.
type StateCount struct {
	TenantID int64  `db:"tenant_id"`
	State    string `db:"state"`
	Count    int    `db:"n"`
	Overdue  int    `db:"overdue"`
}

// StateCounts counts applications (drafts excluded) per tenant and state.
func StateCounts(ctx context.Context, q pgx.Tx, tenantID int64, now time.Time) ([]StateCount, error) {
	rows, err := q.Query(ctx, `SELECT tenant_id, state, count(*)::int AS n,
			count(*) FILTER (WHERE sla_due_at < @now)::int AS overdue
		FROM applications WHERE state <> 'draft' AND (@tenant = 0 OR tenant_id = @tenant)
		GROUP BY tenant_id, state ORDER BY tenant_id, state`, pgx.NamedArgs{"tenant": tenantID, "now": now})
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[StateCount])
}

// ActiveAccess is an institution with an active agreement.
type ActiveAccess struct {
	TenantID    int64     `db:"tenant_id"`
	Institution string    `db:"institution"`
	Number      string    `db:"number"`
	PKSEnd      time.Time `db:"pks_end"`
}

// ActiveAccessList lists active agreements by PKS end date, up to limit.
func ActiveAccessList(ctx context.Context, q pgx.Tx, tenantID int64, limit int) ([]ActiveAccess, error) {
	rows, err := q.Query(ctx, `SELECT a.tenant_id, i.nama AS institution, a.number, a.pks_end
		FROM applications a JOIN institutions i ON i.tenant_id = a.tenant_id AND i.id = a.institution_id
		WHERE a.state = 'active' AND a.pks_end IS NOT NULL AND (@tenant = 0 OR a.tenant_id = @tenant)
		ORDER BY a.pks_end, a.id LIMIT @limit`, pgx.NamedArgs{"tenant": tenantID, "limit": limit})
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[ActiveAccess])
}

// SLAEvent is one history entry as the SLA clocks read it.
type SLAEvent struct {
	TenantID      int64
	ApplicationID int64
	Event         string
	From          *string
	To            string
	At            time.Time
}

// EachSLAEvent streams, application by application, the histories of the
// applications submitted since an instant, calling fn for each entry.
func EachSLAEvent(ctx context.Context, q pgx.Tx, tenantID int64, since time.Time, fn func(SLAEvent) error) error {
	rows, err := q.Query(ctx, `SELECT e.tenant_id, e.application_id, e.event, e.from_state, e.to_state, e.at
		FROM application_events e JOIN applications a ON a.tenant_id = e.tenant_id AND a.id = e.application_id
		WHERE a.submitted_at >= @since AND (@tenant = 0 OR a.tenant_id = @tenant)
		ORDER BY e.tenant_id, e.application_id, e.seq`, pgx.NamedArgs{"tenant": tenantID, "since": since})
	if err != nil {
		return err
	}
	defer rows.Close()
	var ev SLAEvent
	for rows.Next() {
		if err := rows.Scan(&ev.TenantID, &ev.ApplicationID, &ev.Event, &ev.From, &ev.To, &ev.At); err != nil {
			return err
		}
		if err := fn(ev); err != nil {
			return err
		}
	}
	return rows.Err()
}

// LocalHolidaysOf lists the local holidays of one tenant, or of all (0), in one query.
func LocalHolidaysOf(ctx context.Context, q pgx.Tx, tenantID int64) (map[int64][]HolidayRow, error) {
	rows, err := q.Query(ctx, `SELECT tenant_id, tanggal, keterangan FROM local_holidays
		WHERE @tenant = 0 OR tenant_id = @tenant ORDER BY tenant_id, tanggal`, pgx.NamedArgs{"tenant": tenantID})
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64][]HolidayRow{}
	for rows.Next() {
		var tid int64
		h := HolidayRow{Kind: "lokal"}
		if err := rows.Scan(&tid, &h.Date, &h.Name); err != nil {
			return nil, err
		}
		out[tid] = append(out[tid], h)
	}
	return out, rows.Err()
}
