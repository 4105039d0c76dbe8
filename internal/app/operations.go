package app

import (
	"context"

	"github.com/jackc/pgx/v5"

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
	return metrics.Snapshot{OverdueByClock: c.OverdueByClock, MailPending: c.MailPending, MailFailed: c.MailFailed}, nil
}
