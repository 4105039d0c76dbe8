package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/auth"
	"github.com/hakakses/hakakses/internal/clock"
	"github.com/hakakses/hakakses/internal/testdb"
)

// Deleting the newest audit entry as the table owner leaves a chain that is
// valid on its own; verify-history still names the entry, from the stored head.
func TestVerifyHistoryNamesADeletedLastAuditEntry(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, url := testdb.Open(t)
	a := app.New(db, clock.NewManual(time.Date(2025, 3, 11, 2, 0, 0, 0, time.UTC)), slog.New(slog.NewTextHandler(io.Discard, nil)))
	a.HashParams = auth.Params{Memory: 1024, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}
	if err := a.SeedDemo(ctx); err != nil {
		t.Fatal(err)
	}
	for range 3 { // three sign-ins: three audit entries
		if _, _, err := a.Authenticate(ctx, app.DemoAccounts[0].Email, app.DemoPassword, "10.0.0.1"); err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	if err := verifyHistory(ctx, a, &out); err != nil || !strings.Contains(out.String(), "audit trail intact: 3 entries checked") {
		t.Fatalf("before: %v, %s", err, out.String())
	}
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `DELETE FROM audit_events WHERE seq = 3`); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	err = verifyHistory(ctx, a, &out)
	if err == nil || !strings.Contains(out.String(), "audit trail broken at entry 3:") || !strings.Contains(out.String(), "entri terakhir hilang") {
		t.Fatalf("after deleting the last entry: %v, %q", err, out.String())
	}
	// The next append continues the head's count, not the truncated chain's, so the
	// gap stays visible rather than being papered over.
	if _, _, err := a.Authenticate(ctx, app.DemoAccounts[0].Email, app.DemoPassword, "10.0.0.1"); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if err := verifyHistory(ctx, a, &out); err == nil || !strings.Contains(out.String(), "audit trail broken at entry 3:") {
		t.Fatalf("after another append: %v, %q", err, out.String())
	}
}
