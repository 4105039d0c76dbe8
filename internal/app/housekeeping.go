package app

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/store"
)

// Housekeeping deletes expired sessions and login attempts older than a day. Every
// instance may run it; the deletes are idempotent.
func (a *App) Housekeeping(ctx context.Context) error {
	now := a.Clock.Now()
	return a.DB.Tx(ctx, store.System(), func(tx pgx.Tx) error {
		if _, err := store.PruneSessions(ctx, tx, time.Now()); err != nil { // scs stamps expiry with the wall clock
			return err
		}
		_, err := store.PruneLoginAttempts(ctx, tx, now.Add(-24*time.Hour))
		return err
	})
}
