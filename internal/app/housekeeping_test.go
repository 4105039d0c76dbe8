package app_test

import (
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/store"
)

func TestHousekeepingDropsExpiredSessionsAndOldLoginAttempts(t *testing.T) {
	t.Parallel()
	f := newFixture(t) // logging the demo accounts in recorded attempts at the fixture's clock
	err := f.db.Tx(f.ctx, store.System(), func(tx pgx.Tx) error {
		_, err := tx.Exec(f.ctx, `INSERT INTO sessions (token, data, expiry) VALUES
			('old', '\x00', now() - interval '1 hour'), ('live', '\x00', now() + interval '1 hour')`)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(25 * time.Hour)
	if err := f.app.Housekeeping(f.ctx); err != nil {
		t.Fatal(err)
	}
	var sessions, attempts int
	f.db.ReadTx(f.ctx, store.System(), func(tx pgx.Tx) error {
		tx.QueryRow(f.ctx, `SELECT count(*) FROM sessions`).Scan(&sessions)
		return tx.QueryRow(f.ctx, `SELECT count(*) FROM login_attempts`).Scan(&attempts)
	})
	if sessions != 1 || attempts != 0 {
		t.Fatalf("%d sessions and %d login attempts left, want the live session only", sessions, attempts)
	}
}
