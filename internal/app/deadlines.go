package app

import (
	"context"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/sla"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// RecomputeDeadlines refreshes the cached due instant of every open Disdukcapil
// clock of a tenant (or of all tenants when tenantID is 0) after its calendar
// changed: a corrected holiday moves open deadlines. It touches only applications
// whose clock runs, one tenant per transaction.
func (a *App) RecomputeDeadlines(ctx context.Context, tenantID int64) (int, error) {
	var tenants []int64
	err := a.DB.ReadTx(ctx, store.System(), func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT DISTINCT tenant_id FROM applications WHERE sla_due_at IS NOT NULL AND ($1 = 0 OR tenant_id = $1)`, tenantID)
		if err != nil {
			return err
		}
		tenants, err = pgx.CollectRows(rows, pgx.RowTo[int64])
		return err
	})
	if err != nil {
		return 0, err
	}
	total := 0
	for _, tid := range tenants {
		n, err := a.recomputeTenant(ctx, tid)
		total += n
		if err != nil {
			return total, err
		}
	}
	return total, nil
}

// recomputeTenant refreshes one tenant's open clocks with a fixed number of queries
// however many there are: the calendar once, every open application's history in
// one query, and one batched update.
func (a *App) recomputeTenant(ctx context.Context, tid int64) (int, error) {
	n := 0
	err := a.DB.Tx(ctx, store.TenantScope(tid), func(tx pgx.Tx) error {
		t, err := store.TenantByID(ctx, tx, tid)
		if err != nil {
			return err
		}
		cal, err := calendarFor(ctx, tx, t)
		if err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `SELECT `+eventColumnsFor("e")+` FROM application_events e
			WHERE e.tenant_id = $1 AND e.application_id IN (SELECT id FROM applications WHERE tenant_id = $1 AND sla_due_at IS NOT NULL)
			ORDER BY e.application_id, e.seq`, tid)
		if err != nil {
			return err
		}
		events, err := pgx.CollectRows(rows, pgx.RowToStructByName[store.Event])
		if err != nil {
			return err
		}
		// Every application with a cached clock is rewritten: its history says
		// which clock runs now, or that none does (then the cache is cleared).
		rows, err = tx.Query(ctx, `SELECT id FROM applications WHERE tenant_id = $1 AND sla_due_at IS NOT NULL ORDER BY id`, tid)
		if err != nil {
			return err
		}
		ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
		if err != nil {
			return err
		}
		history := map[int64][]store.Event{}
		for _, e := range events {
			history[e.ApplicationID] = append(history[e.ApplicationID], e)
		}
		clocks, dues := make([]*string, len(ids)), make([]*time.Time, len(ids))
		for i, id := range ids {
			if due, kind, ok := sla.DueAt(slaEntries(history[id]), cal, t.SLATargetDays); ok {
				k, d := string(kind), due
				clocks[i], dues[i] = &k, &d
			}
		}
		if len(ids) == 0 {
			return nil
		}
		_, err = tx.Exec(ctx, `UPDATE applications a SET sla_clock = u.clock, sla_due_at = u.due
			FROM unnest($2::bigint[], $3::text[], $4::timestamptz[]) AS u(id, clock, due)
			WHERE a.tenant_id = $1 AND a.id = u.id`, tid, ids, clocks, dues)
		n = len(ids)
		return err
	})
	return n, err
}

func eventColumnsFor(alias string) string {
	cols := []string{"id", "tenant_id", "application_id", "seq", "event", "from_state", "to_state", "actor_id", "actor_role",
		"actor_name", "at", "data", "document_ids", "prev_hash", "hash"}
	for i, c := range cols {
		cols[i] = alias + "." + c
	}
	return strings.Join(cols, ", ")
}

// ExpireDue ends every active agreement whose PKS term has passed, as the system,
// one application per transaction so one failure does not hold back the rest.
func (a *App) ExpireDue(ctx context.Context) (int, error) {
	now := a.Clock.Now()
	type due struct{ tenant, id int64 }
	var list []due
	err := a.DB.ReadTx(ctx, store.System(), func(tx pgx.Tx) error {
		// pks_end is a calendar date; comparing with tomorrow's date in UTC+9 (the
		// easternmost zone) errs toward checking too many, and the guard decides.
		rows, err := tx.Query(ctx, `SELECT tenant_id, id FROM applications WHERE state IN ('active', 'suspended', 'addendum_requested',
			'addendum_forwarded', 'addendum_dwh_requested', 'addendum_approved') AND pks_end <= $1::date LIMIT 1000`,
			now.Add(9*time.Hour).Format("2006-01-02"))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var d due
			if err := rows.Scan(&d.tenant, &d.id); err != nil {
				return err
			}
			list = append(list, d)
		}
		return rows.Err()
	})
	if err != nil {
		return 0, err
	}
	n := 0
	for _, d := range list {
		sys := Principal{Role: workflow.RoleSystem, Name: "Sistem Hak Akses", TenantID: d.tenant}
		err := a.Fire(ctx, sys, d.id, Action{Event: workflow.Expire})
		if err == nil {
			n++
			continue
		}
		if code := ErrorCode(err); code == CodeInvalid || code == CodeConflict {
			continue // not yet due in its own time zone, or moved on meanwhile
		}
		return n, err
	}
	return n, nil
}
