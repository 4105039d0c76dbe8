package devdb

import (
	"bytes"
	"context"
	"os"
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
