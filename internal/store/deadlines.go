package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// TenantsWithOpenClocks lists the tenants having an application with a cached
// running clock; tenantID 0 means every tenant, otherwise only that one (if it has).
func TenantsWithOpenClocks(ctx context.Context, q pgx.Tx, tenantID int64) ([]int64, error) {
	rows, err := q.Query(ctx, `SELECT DISTINCT tenant_id FROM applications WHERE sla_due_at IS NOT NULL AND ($1 = 0 OR tenant_id = $1)`, tenantID)
	if err != nil {
		return nil, fmt.Errorf("store: tenants with open clocks: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("store: tenants with open clocks: %w", err)
	}
	return ids, nil
}

// OpenClockHistories is the history of the next (at most limit) applications of
// the tenant with a cached running clock after application afterID, by
// application ID; the IDs come back in order, each listed even if
// (inconsistently) it has no history. Bounded batches keep the recompute's
// memory flat however many clocks a tenant has.
func OpenClockHistories(ctx context.Context, q pgx.Tx, tenantID, afterID int64, limit int) ([]int64, map[int64][]Event, error) {
	rows, err := q.Query(ctx, `SELECT id FROM applications WHERE tenant_id = $1 AND sla_due_at IS NOT NULL AND id > $2
		ORDER BY id LIMIT $3`, tenantID, afterID, limit)
	if err != nil {
		return nil, nil, fmt.Errorf("store: open clock applications: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, nil, fmt.Errorf("store: open clock applications: %w", err)
	}
	rows, err = q.Query(ctx, `SELECT `+eventColumnsOf("e")+` FROM application_events e
		WHERE e.tenant_id = $1 AND e.application_id = ANY ($2)
		ORDER BY e.application_id, e.seq`, tenantID, ids)
	if err != nil {
		return nil, nil, fmt.Errorf("store: open clock histories: %w", err)
	}
	events, err := pgx.CollectRows(rows, pgx.RowToStructByName[Event])
	if err != nil {
		return nil, nil, fmt.Errorf("store: open clock histories: %w", err)
	}
	history := map[int64][]Event{}
	for _, e := range events {
		history[e.ApplicationID] = append(history[e.ApplicationID], e)
	}
	return ids, history, nil
}

// SetSLAs rewrites the cached clock of many applications of a tenant in one
// statement; a nil clock and due clear the cache.
func SetSLAs(ctx context.Context, q pgx.Tx, tenantID int64, ids []int64, clocks []*string, dues []*time.Time) error {
	if len(ids) == 0 {
		return nil
	}
	_, err := q.Exec(ctx, `UPDATE applications a SET sla_clock = u.clock, sla_due_at = u.due
		FROM unnest($2::bigint[], $3::text[], $4::timestamptz[]) AS u(id, clock, due)
		WHERE a.tenant_id = $1 AND a.id = u.id`, tenantID, ids, clocks, dues)
	if err != nil {
		return fmt.Errorf("store: set %d cached deadlines: %w", len(ids), err)
	}
	return nil
}

// ApplicationRef names an application and its tenant.
type ApplicationRef struct {
	TenantID int64
	ID       int64
}

// ActiveEndedBy lists (at most limit) active applications whose PKS's last valid
// day is on or before lastDay.
func ActiveEndedBy(ctx context.Context, q pgx.Tx, lastDay string, limit int) ([]ApplicationRef, error) {
	rows, err := q.Query(ctx, `SELECT tenant_id, id FROM applications WHERE state IN ('active', 'suspended',
		'addendum_requested', 'addendum_forwarded', 'addendum_dwh_requested', 'addendum_approved') AND pks_end <= $1::date LIMIT $2`, lastDay, limit)
	if err != nil {
		return nil, fmt.Errorf("store: active agreements ended: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (ApplicationRef, error) {
		var a ApplicationRef
		return a, r.Scan(&a.TenantID, &a.ID)
	})
	if err != nil {
		return nil, fmt.Errorf("store: active agreements ended: %w", err)
	}
	return out, nil
}

func eventColumnsOf(alias string) string {
	out := ""
	for i, c := range []string{"id", "tenant_id", "application_id", "seq", "event", "from_state", "to_state", "actor_id", "actor_role",
		"actor_name", "at", "data", "document_ids", "prev_hash", "hash"} {
		if i > 0 {
			out += ", "
		}
		out += alias + "." + c
	}
	return out
}
