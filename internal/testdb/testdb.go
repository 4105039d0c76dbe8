// Package testdb gives each test its own PostgreSQL database, cloned from a template
// that was migrated once (CREATE DATABASE … TEMPLATE …): real SQL, real row-level
// security, parallel-safe, and fast. The server is found or provisioned exactly as
// `make run` does (package devdb); HAKAKSES_TEST_DATABASE_URL or DATABASE_URL name
// one explicitly.
package testdb

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/hakakses/hakakses/internal/devdb"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/migrations"
)

var (
	once      sync.Once
	serverURL string
	template  string
	setupErr  error
)

// New returns the URL of a fresh, fully migrated database that is dropped when the
// test ends. The URL names the server's admin user (the tables' owner), like
// DATABASE_URL does in production; store.Open switches to the runtime role.
func New(t testing.TB) string {
	t.Helper()
	once.Do(func() { serverURL, template, setupErr = setup() })
	if setupErr != nil {
		t.Fatalf("testdb: %v", setupErr)
	}
	ctx := context.Background()
	name := "hakakses_test_" + randomSuffix()
	conn, err := pgx.Connect(ctx, serverURL)
	if err != nil {
		t.Fatalf("testdb: connect: %v", err)
	}
	defer conn.Close(ctx)
	// Concurrent clones of one template can collide on its lock; retry briefly.
	for attempt := 0; ; attempt++ {
		_, err = conn.Exec(ctx, fmt.Sprintf("CREATE DATABASE %s TEMPLATE %s", name, template))
		if err == nil || !isBusy(err) || attempt > 50 {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("testdb: clone template: %v", err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(context.Background(), serverURL)
		if err != nil {
			t.Logf("testdb: drop %s: %v", name, err)
			return
		}
		defer c.Close(context.Background())
		if _, err := c.Exec(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Logf("testdb: drop %s: %v", name, err)
		}
	})
	return dbURL(serverURL, name)
}

// Open returns a store over a fresh database, closed when the test ends.
func Open(t testing.TB) (*store.DB, string) {
	t.Helper()
	u := New(t)
	db, err := store.Open(context.Background(), u)
	if err != nil {
		t.Fatalf("testdb: open: %v", err)
	}
	t.Cleanup(db.Close)
	return db, u
}

// ServerURL returns the admin URL of the test server (for tests that manage
// databases themselves, such as the migration round trip).
func ServerURL(t testing.TB) string {
	t.Helper()
	once.Do(func() { serverURL, template, setupErr = setup() })
	if setupErr != nil {
		t.Fatalf("testdb: %v", setupErr)
	}
	return serverURL
}

func setup() (string, string, error) {
	ctx := context.Background()
	srv := os.Getenv("HAKAKSES_TEST_DATABASE_URL")
	if srv == "" {
		root, err := devdb.RepoRoot()
		if err != nil {
			return "", "", err
		}
		if srv, err = devdb.Server(ctx, root, io.Discard); err != nil {
			return "", "", err
		}
	}
	hash, err := migrationsHash()
	if err != nil {
		return "", "", err
	}
	tpl := "hakakses_tpl_" + hash[:12]
	conn, err := pgx.Connect(ctx, srv)
	if err != nil {
		return "", "", fmt.Errorf("connect %s: %w", redact(srv), err)
	}
	defer conn.Close(ctx)
	// Test packages run as parallel processes: one builds the template, the others wait.
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock(727274)`); err != nil {
		return "", "", err
	}
	defer conn.Exec(ctx, `SELECT pg_advisory_unlock(727274)`)
	var ready bool
	err = conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1 AND datistemplate)`, tpl).Scan(&ready)
	if err != nil {
		return "", "", err
	}
	if ready {
		return srv, tpl, nil
	}
	if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+tpl+" WITH (FORCE)"); err != nil {
		return "", "", err
	}
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+tpl); err != nil {
		return "", "", err
	}
	if err := store.MigrateUp(ctx, dbURL(srv, tpl)); err != nil {
		return "", "", fmt.Errorf("migrate template: %w", err)
	}
	if _, err := conn.Exec(ctx, "ALTER DATABASE "+tpl+" WITH IS_TEMPLATE true"); err != nil {
		return "", "", err
	}
	return srv, tpl, nil
}

// migrationsHash names the template after the migrations' content, so a changed
// migration builds a new template instead of reusing a stale one.
func migrationsHash() (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "river %d\n", store.RiverSchemaVersion())
	err := fs.WalkDir(migrations.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(migrations.FS, path)
		if err != nil {
			return err
		}
		h.Write([]byte(path))
		h.Write(b)
		return nil
	})
	return hex.EncodeToString(h.Sum(nil)), err
}

func dbURL(server, name string) string {
	u, err := url.Parse(server)
	if err != nil {
		return server
	}
	u.Path = "/" + name
	return u.String()
}

func randomSuffix() string {
	b := make([]byte, 6)
	rand.Read(b)
	return hex.EncodeToString(b)
}

func isBusy(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && (pgErr.Code == "55006" || strings.Contains(pgErr.Message, "being accessed"))
}

func redact(u string) string {
	if p, err := url.Parse(u); err == nil {
		return p.Redacted()
	}
	return "database"
}
