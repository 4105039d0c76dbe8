package app_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"log/slog"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/clock"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/testdb"
	"github.com/hakakses/hakakses/internal/workflow"
)

// postgresTool finds pg_dump or pg_restore: Debian's newest versioned folder
// first (it must be at least the server's version), else PATH.
func postgresTool(t *testing.T, name string) string {
	t.Helper()
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Sort(sort.Reverse(sort.StringSlice(dirs)))
	for _, d := range dirs {
		if p := filepath.Join(d, name); fileExists(p) {
			return p
		}
	}
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s not installed (apt-get install postgresql-client): %v", name, err)
	}
	return p
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

// The backup procedure of docs/operations.md: pg_dump of a database with a whole
// lifecycle's documents and history, restored into a fresh database, proves
// every document's SHA-256 and every history chain there.
func TestABackupRestoredIntoAFreshDatabaseHasEveryDocumentAndHistoryChainIntact(t *testing.T) {
	f := newFixture(t)
	active := f.completeDraft()
	f.toActive(active)
	submitted := f.completeDraft()
	f.fire(f.lembaga, submitted, app.Action{Event: workflow.Submit})

	_, entries, err := f.app.VerifyHistory(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	docs, faults, err := f.app.VerifyDocuments(f.ctx, nil)
	if err != nil || len(faults) != 0 || docs < 10 {
		t.Fatalf("source: %d documents, faults %v, err %v", docs, faults, err)
	}

	dump := filepath.Join(t.TempDir(), "hakakses.dump")
	run(t, postgresTool(t, "pg_dump"), "--format=custom", "--file="+dump, f.url)

	restored := emptyDatabase(t)
	run(t, postgresTool(t, "pg_restore"), "--exit-on-error", "--dbname="+restored, dump)

	db, err := store.Open(f.ctx, restored)
	if err != nil {
		t.Fatalf("open the restored database: %v", err)
	}
	defer db.Close()
	r := app.New(db, clock.NewManual(f.clock.Now()), slog.New(slog.NewTextHandler(io.Discard, nil)))
	brk, n, err := r.VerifyHistory(f.ctx)
	if err != nil || brk != nil || n != entries {
		t.Fatalf("restored history: break %+v, %d of %d entries, err %v", brk, n, entries, err)
	}
	n, faults, err = r.VerifyDocuments(f.ctx, nil)
	if err != nil || len(faults) != 0 || n != docs {
		t.Fatalf("restored documents: %d of %d, faults %v, err %v", n, docs, faults, err)
	}

	// The checks are not vacuous: one altered byte in the restored copy is found.
	conn, err := pgx.Connect(f.ctx, restored)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(f.ctx)
	if _, err := conn.Exec(f.ctx, `ALTER TABLE documents DISABLE TRIGGER documents_immutable;
		UPDATE documents SET content = overlay(content placing '\x00' from 5) WHERE id = (SELECT min(id) FROM documents);
		ALTER TABLE documents ENABLE TRIGGER documents_immutable`); err != nil {
		t.Fatal(err)
	}
	if _, faults, err := r.VerifyDocuments(f.ctx, nil); err != nil || len(faults) != 1 {
		t.Fatalf("an altered document: want 1 fault, got %v (err %v)", faults, err)
	}
}

// emptyDatabase creates a database with nothing in it on the test server,
// dropped when the test ends.
func emptyDatabase(t *testing.T) string {
	t.Helper()
	server := testdb.ServerURL(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, server)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var b [6]byte
	rand.Read(b[:])
	name := "hakakses_restore_" + hex.EncodeToString(b[:])
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name+" TEMPLATE template0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(context.Background(), server)
		if err != nil {
			return
		}
		defer c.Close(context.Background())
		c.Exec(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	})
	u, err := url.Parse(server)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

func run(t *testing.T, name string, args ...string) {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", filepath.Base(name), err, out)
	}
}
