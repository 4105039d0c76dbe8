package devdb

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// The path `make run` takes on a machine with PostgreSQL installed but not
// running: a private cluster from the machine's binaries, under the repository.
func TestPrivateClusterStartsFromMachineBinariesAndAcceptsConnections(t *testing.T) {
	bin, err := findPostgresBin()
	if err != nil {
		t.Fatalf("no PostgreSQL binaries (initdb, pg_ctl) on this machine: %v — .ci/run installs them", err)
	}
	root := t.TempDir()
	if os.Geteuid() == 0 {
		// The cluster runs as the postgres user, who must be able to reach the folder.
		os.Chmod(filepath.Dir(root), 0o755)
		os.Chmod(root, 0o755)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var log bytes.Buffer
	const port = "54339"
	if err := startPrivate(ctx, bin, root, port, &log); err != nil {
		t.Fatalf("start: %v\n%s", err, log.String())
	}
	defer stopPrivate(context.Background(), bin, filepath.Join(root, ".data", "postgres"))
	u := privateURLOn(port)
	if err := waitFor(ctx, u, 30*time.Second); err != nil {
		t.Fatal(err)
	}
	db, err := EnsureDatabase(ctx, u, "hakakses")
	if err != nil {
		t.Fatal(err)
	}
	if err := ping(ctx, db); err != nil {
		t.Fatalf("the hakakses database does not answer: %v", err)
	}
	// Idempotent: a second call finds the database.
	if _, err := EnsureDatabase(ctx, u, "hakakses"); err != nil {
		t.Fatal(err)
	}
}

// `make run` with DATABASE_URL naming a database that does not exist creates it
// instead of stopping with SQLSTATE 3D000; `make clean-data` then stops the cluster
// with the binaries that started it although no pg_ctl is on PATH (stock Debian),
// and deletes .data only once the server is gone.
func TestNamedDatabaseIsCreatedAndCleanDataStopsTheClusterWithoutPgCtlOnPath(t *testing.T) {
	bin, err := findPostgresBin()
	if err != nil {
		t.Fatalf("no PostgreSQL binaries (initdb, pg_ctl) on this machine: %v — scripts/test-deps.sh installs them", err)
	}
	root := t.TempDir()
	if os.Geteuid() == 0 {
		os.Chmod(filepath.Dir(root), 0o755)
		os.Chmod(root, 0o755)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var log bytes.Buffer
	const port = "54337"
	if err := startPrivate(ctx, bin, root, port, &log); err != nil {
		t.Fatalf("start: %v\n%s", err, log.String())
	}
	dir := filepath.Join(root, ".data", "postgres")
	stopped := false
	defer func() {
		if !stopped {
			stopPrivate(context.Background(), bin, dir)
		}
	}()
	u := privateURLOn(port)
	if err := waitFor(ctx, u, 30*time.Second); err != nil {
		t.Fatal(err)
	}

	named, err := withDatabase(u, "hakakses_named_by_url")
	if err != nil {
		t.Fatal(err)
	}
	if err := ping(ctx, named); err == nil {
		t.Fatal("the database exists before the test created it")
	}
	t.Setenv("DATABASE_URL", named)
	got, err := Database(ctx, root, &log)
	if err != nil {
		t.Fatalf("Database with a missing named database: %v", err)
	}
	if got != named {
		t.Errorf("Database returned %q, want DATABASE_URL unchanged %q", got, named)
	}
	if err := ping(ctx, named); err != nil {
		t.Fatalf("the named database was not created: %v", err)
	}

	// A wrong password or an unreachable server is reported, not papered over.
	t.Setenv("DATABASE_URL", "postgres://hakakses@127.0.0.1:1/x?sslmode=disable&connect_timeout=1")
	if _, err := Database(ctx, root, &log); err == nil {
		t.Error("Database with an unreachable server: want an error")
	}

	t.Setenv("PATH", "/usr/sbin:/sbin:/bin") // no pg_ctl here, as on stock Debian
	if _, err := exec.LookPath("pg_ctl"); err == nil {
		t.Fatal("pg_ctl still on PATH; the test would not prove anything")
	}
	if err := RemovePrivate(ctx, root, &log); err != nil {
		t.Fatalf("RemovePrivate: %v\n%s", err, log.String())
	}
	stopped = true
	if err := ping(ctx, u); err == nil {
		t.Fatal("the cluster still answers after clean-data: an orphan postmaster")
	}
	if _, err := os.Stat(filepath.Join(root, ".data")); !os.IsNotExist(err) {
		t.Errorf(".data still there after clean-data: %v", err)
	}
}
