package app

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"

	"github.com/hakakses/hakakses/internal/metrics"
	"github.com/hakakses/hakakses/internal/store"
)

// OperationalSnapshot reads what the metrics endpoint reports at each scrape:
// SLA clocks past due now, by clock, and the e-mail queue. Read-only, in the
// system scope: only counts leave it, never content.
func (a *App) OperationalSnapshot(ctx context.Context) (metrics.Snapshot, error) {
	var c store.OperationalCounts
	now := a.Clock.Now()
	err := a.DB.ReadTx(ctx, store.System(), func(tx pgx.Tx) error {
		var err error
		c, err = store.ReadOperationalCounts(ctx, tx, now)
		return err
	})
	if err != nil {
		return metrics.Snapshot{}, err
	}
	return metrics.Snapshot{OverdueByClock: c.OverdueByClock, MailPending: c.MailPending, MailFailed: c.MailFailed,
		JobsQueued: c.JobsQueued, JobsDiscarded: c.JobsDiscarded}, nil
}

// CountJobFailures feeds every failed job run (a retry or a give-up) of the queue
// into the metrics, by job kind, until the returned function is called.
func (a *App) CountJobFailures() (stop func()) {
	if a.Jobs == nil || a.Metrics == nil {
		return func() {}
	}
	events, cancel := a.Jobs.Subscribe(river.EventKindJobFailed)
	go func() {
		for ev := range events {
			if ev != nil && ev.Job != nil {
				a.Metrics.JobFailed(ev.Job.Kind)
			}
		}
	}()
	return cancel
}
