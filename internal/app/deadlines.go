package app

import (
	"context"
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
	// A recompute follows every calendar change: pages must not show the
	// calendar from before it.
	a.forgetTenant(tenantID)
	var tenants []int64
	err := a.DB.ReadTx(ctx, store.System(), func(tx pgx.Tx) error {
		var err error
		tenants, err = store.TenantsWithOpenClocks(ctx, tx, tenantID)
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

// recomputeBatch is how many open clocks one recompute transaction rewrites: it
// bounds the memory and the lock time of the start-up recompute at any scale.
const recomputeBatch = 500

// recomputeTenant refreshes one tenant's open clocks, recomputeBatch at a time,
// each batch with a fixed number of queries: the calendar, the batch's histories
// in one query, and one batched update.
func (a *App) recomputeTenant(ctx context.Context, tid int64) (int, error) {
	total := 0
	var after int64
	for {
		n, last, err := a.recomputeTenantBatch(ctx, tid, after)
		total += n
		if err != nil || n < recomputeBatch {
			return total, err
		}
		after = last
	}
}

func (a *App) recomputeTenantBatch(ctx context.Context, tid, after int64) (int, int64, error) {
	n, last := 0, after
	err := a.DB.Tx(ctx, store.TenantScope(tid), func(tx pgx.Tx) error {
		t, cal, err := tenantCalendar(ctx, tx, tid)
		if err != nil {
			return err
		}
		// Every application with a cached clock is rewritten: its history says
		// which clock runs now, or that none does (then the cache is cleared).
		ids, history, err := store.OpenClockHistories(ctx, tx, tid, after, recomputeBatch)
		if err != nil {
			return err
		}
		if len(ids) > 0 {
			last = ids[len(ids)-1]
		}
		clocks, dues := make([]*string, len(ids)), make([]*time.Time, len(ids))
		for i, id := range ids {
			if due, kind, ok := sla.DueAt(slaEntries(history[id]), cal, t.SLATargetDays); ok {
				k, d := string(kind), due
				clocks[i], dues[i] = &k, &d
			}
		}
		n = len(ids)
		return store.SetSLAs(ctx, tx, tid, ids, clocks, dues)
	})
	return n, last, err
}

// ExpireDue ends every active agreement whose PKS term has passed, as the system,
// one application per transaction so one failure does not hold back the rest.
func (a *App) ExpireDue(ctx context.Context) (int, error) {
	now := a.Clock.Now()
	var list []store.ApplicationRef
	err := a.DB.ReadTx(ctx, store.System(), func(tx pgx.Tx) error {
		// pks_end is a calendar date; comparing with tomorrow's date in UTC+9 (the
		// easternmost zone) errs toward checking too many, and the guard decides.
		var err error
		list, err = store.ActiveEndedBy(ctx, tx, now.Add(9*time.Hour).Format("2006-01-02"), 1000)
		return err
	})
	if err != nil {
		return 0, err
	}
	n := 0
	for _, d := range list {
		sys := Principal{Role: workflow.RoleSystem, Name: "Sistem Hak Akses", TenantID: d.TenantID}
		err := a.Fire(ctx, sys, d.ID, Action{Event: workflow.Expire})
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
