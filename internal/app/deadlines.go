package app

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

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
		err := a.DB.Tx(ctx, store.TenantScope(tid), func(tx pgx.Tx) error {
			t, err := store.TenantByID(ctx, tx, tid)
			if err != nil {
				return err
			}
			rows, err := tx.Query(ctx, `SELECT id FROM applications WHERE tenant_id = $1 AND sla_due_at IS NOT NULL`, tid)
			if err != nil {
				return err
			}
			ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
			if err != nil {
				return err
			}
			for _, id := range ids {
				if err := refreshSLA(ctx, tx, t, id); err != nil {
					return err
				}
			}
			total += len(ids)
			return nil
		})
		if err != nil {
			return total, err
		}
	}
	return total, nil
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
		rows, err := tx.Query(ctx, `SELECT tenant_id, id FROM applications WHERE state = 'active' AND pks_end <= $1::date LIMIT 1000`,
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
