package app

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/store"
)

// webhookRetention is how long settled webhook deliveries stay listed.
const webhookRetention = 90 * 24 * time.Hour

// Housekeeping deletes expired sessions, login attempts older than a day,
// webhook deliveries settled more than webhookRetention ago and pending uploads
// nobody came back to use (PendingUploadTTL). Every instance may run it; the
// deletes are idempotent.
func (a *App) Housekeeping(ctx context.Context) error {
	now := a.Clock.Now()
	return a.DB.Tx(ctx, store.System(), func(tx pgx.Tx) error {
		if _, err := store.PruneSessions(ctx, tx, time.Now()); err != nil { // scs stamps expiry with the wall clock
			return err
		}
		if _, err := store.PruneLoginAttempts(ctx, tx, now.Add(-24*time.Hour)); err != nil {
			return err
		}
		if _, err := store.PruneWebhookDeliveries(ctx, tx, now.Add(-webhookRetention)); err != nil {
			return err
		}
		_, err := store.PrunePendingUploads(ctx, tx, now.Add(-PendingUploadTTL))
		return err
	})
}
