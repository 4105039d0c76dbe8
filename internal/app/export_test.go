package app

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/store"
)

// QueueMailForTest exposes queueMail to the external tests.
func QueueMailForTest(a *App, ctx context.Context, tx pgx.Tx, mails []store.NewMail, now time.Time) error {
	return a.queueMail(ctx, tx, mails, now)
}
