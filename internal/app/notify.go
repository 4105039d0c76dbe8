package app

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// notifyTransition tells the parties a transition concerns. Notifications land in
// the outbox in the same transaction as the transition (see notifications.go).
func (a *App) notifyTransition(ctx context.Context, tx pgx.Tx, ap store.Application, t store.Tenant, inst store.Institution,
	ev workflow.Event, to workflow.State, p Principal, now time.Time) error {
	return nil
}
