package store

import (
	"context"
	"fmt"
	"io"
	"log/slog"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"
)

// MigrateRiver applies the job queue's own schema (River's tables, through River's
// migrator) as the user databaseURL names, the tables' owner. It runs before our
// migrations: migration 16 grants the runtime role what River needs on them.
func MigrateRiver(ctx context.Context, databaseURL string) error {
	pool, err := pgxpool.New(ctx, databaseURL)
	if err != nil {
		return fmt.Errorf("river migrate: open pool: %w", err)
	}
	defer pool.Close()
	mg, err := rivermigrate.New(riverpgxv5.New(pool), &rivermigrate.Config{
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		return fmt.Errorf("river migrate: %w", err)
	}
	if _, err := mg.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("river migrate up: %w", err)
	}
	return nil
}

// RiverSchemaVersion is the newest River migration this build carries; the test
// template is named after it too, so a River upgrade builds a new template.
func RiverSchemaVersion() int {
	mg, err := rivermigrate.New(riverpgxv5.New(nil), nil)
	if err != nil {
		return 0
	}
	all := mg.AllVersions()
	if len(all) == 0 {
		return 0
	}
	return all[len(all)-1].Version
}
