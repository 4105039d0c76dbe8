package app_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// cluster is a PostgreSQL server the test runs from the machine's binaries.
type cluster struct {
	t        *testing.T
	bin, dir string
	port     int
}

func (c cluster) url(db string) string {
	return fmt.Sprintf("postgres://hakakses@127.0.0.1:%d/%s?sslmode=disable", c.port, db)
}

// pgRun runs a PostgreSQL binary, as the postgres system user when root (the
// server refuses to run as root).
func pgRun(t *testing.T, bin string, args ...string) {
	t.Helper()
	if os.Geteuid() == 0 {
		args = append([]string{"-u", "postgres", "--", bin}, args...)
		bin = "runuser"
	}
	if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(bin), strings.Join(args, " "), err, out)
	}
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// workDir is a temporary folder the postgres system user may use.
func workDir(t *testing.T) string {
	dir := t.TempDir()
	if os.Geteuid() == 0 {
		for d := dir; d != "/" && d != os.TempDir(); d = filepath.Dir(d) {
			os.Chmod(d, 0o777)
		}
	}
	return dir
}

func (c cluster) start() {
	c.t.Helper()
	opts := "-p " + strconv.Itoa(c.port) + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"
	pgRun(c.t, filepath.Join(c.bin, "pg_ctl"), "-D", c.dir, "-l", filepath.Join(c.dir, "server.log"), "-o", opts, "-w", "start")
}

func (c cluster) stop() {
	if os.Geteuid() == 0 {
		exec.Command("runuser", "-u", "postgres", "--", filepath.Join(c.bin, "pg_ctl"), "-D", c.dir, "-m", "immediate", "-w", "stop").Run()
		return
	}
	exec.Command(filepath.Join(c.bin, "pg_ctl"), "-D", c.dir, "-m", "immediate", "-w", "stop").Run()
}

// primaryAndStandby starts a primary and a streaming standby made from it with
// pg_basebackup -R, both from the machine's PostgreSQL binaries.
func primaryAndStandby(t *testing.T) (primary, standby cluster) {
	bin := filepath.Dir(postgresTool(t, "pg_basebackup"))
	root := workDir(t)
	primary = cluster{t: t, bin: bin, dir: filepath.Join(root, "primary"), port: freePort(t)}
	pgRun(t, filepath.Join(bin, "initdb"), "-D", primary.dir, "-U", "hakakses", "--auth=trust", "-E", "UTF8", "--locale=C")
	primary.start()
	t.Cleanup(primary.stop)
	conn, err := pgx.Connect(context.Background(), primary.url("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = conn.Exec(context.Background(), "CREATE DATABASE hakakses")
	conn.Close(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if err := store.MigrateUp(context.Background(), primary.url("hakakses")); err != nil {
		t.Fatal(err)
	}
	standby = cluster{t: t, bin: bin, dir: filepath.Join(root, "standby"), port: freePort(t)}
	pgRun(t, filepath.Join(bin, "pg_basebackup"), "-h", "127.0.0.1", "-p", strconv.Itoa(primary.port), "-U", "hakakses",
		"-D", standby.dir, "-R", "-X", "stream", "-c", "fast")
	standby.start()
	t.Cleanup(standby.stop)
	return primary, standby
}

// queued is how many applications the petugas's work queue shows.
func (f *fixture) queued(ctx context.Context) int {
	f.t.Helper()
	res, err := f.app.Queue(ctx, f.petugas, app.QueueFilter{})
	if err != nil {
		f.t.Fatal(err)
	}
	return len(res.Rows)
}

// HAKAKSES_DATABASE_REPLICA_URL: the read-only pages read from a streaming
// standby (proved by pausing its replay: they miss what the primary has and the
// standby has not), under the same row-level security; a request that just
// wrote reads the primary; a standby that lags too far or is lost is left for
// the primary.
func TestReadsGoToAFreshReplicaUnderRLSAndFallBackWhenItLagsOrIsLost(t *testing.T) {
	primary, standby := primaryAndStandby(t)
	ctx := context.Background()
	pdb, err := store.Open(ctx, primary.url("hakakses"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pdb.Close)
	f := fixtureOn(t, pdb, primary.url("hakakses"))
	rdb, err := store.Open(ctx, standby.url("hakakses"))
	if err != nil {
		t.Fatalf("open the standby as the runtime role: %v", err)
	}
	t.Cleanup(rdb.Close)
	reads := &store.Reads{Primary: pdb, Replica: rdb, MaxLag: time.Hour, CheckEvery: -1, Now: time.Now}
	f.app.Reads = reads

	first := f.completeDraft()
	f.fire(f.lembaga, first, app.Action{Event: workflow.Submit})
	waitFor(t, func() bool { return f.queued(ctx) == 1 && reads.DB(ctx) == rdb })

	// RLS holds on the standby: another tenant's scope sees nothing there.
	var mine, other int
	if err := rdb.ReadTx(ctx, store.TenantScope(f.petugas.TenantID), func(tx pgx.Tx) error {
		return tx.QueryRow(ctx, `SELECT count(*) FROM applications`).Scan(&mine)
	}); err != nil {
		t.Fatal(err)
	}
	if err := rdb.ReadTx(ctx, store.TenantScope(f.petugas.TenantID+1), func(tx pgx.Tx) error {
		return tx.QueryRow(ctx, `SELECT count(*) FROM applications`).Scan(&other)
	}); err != nil {
		t.Fatal(err)
	}
	if mine != 1 || other != 0 {
		t.Fatalf("on the standby: own tenant sees %d, another tenant %d; want 1 and 0", mine, other)
	}

	// Pause replay: the primary moves on, the standby does not.
	super, err := pgx.Connect(ctx, standby.url("hakakses"))
	if err != nil {
		t.Fatal(err)
	}
	defer super.Close(ctx)
	if _, err := super.Exec(ctx, `SELECT pg_wal_replay_pause()`); err != nil {
		t.Fatal(err)
	}
	second := f.completeDraft()
	f.fire(f.lembaga, second, app.Action{Event: workflow.Submit})
	if n := f.queued(ctx); n != 1 {
		t.Fatalf("within MaxLag the queue is read from the paused standby: want 1, got %d", n)
	}
	if n := f.queued(app.ReadYourWrites(ctx)); n != 2 {
		t.Fatalf("a request that just wrote reads the primary: want 2, got %d", n)
	}
	reads.MaxLag = time.Millisecond
	if n := f.queued(ctx); n != 2 {
		t.Fatalf("a standby further behind than MaxLag is left for the primary: want 2, got %d", n)
	}
	if err := reads.LastError(); err == nil || !strings.Contains(err.Error(), "behind") {
		t.Errorf("why the standby was left: %v", err)
	}

	// Lost: the standby stops; reads carry on from the primary.
	reads.MaxLag = time.Hour
	super.Close(ctx)
	standby.stop()
	if n := f.queued(ctx); n != 2 {
		t.Fatalf("with the standby gone: want 2 from the primary, got %d", n)
	}
	if reads.DB(ctx) != pdb {
		t.Error("reads still routed to a stopped standby")
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met within 30 s")
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// HAKAKSES_DATABASE_REPLICA_URL naming a standby that is down when the app
// starts: opening it succeeds (saying why it cannot be used), reads go to the
// primary meanwhile, and once the standby answers (its role checked then, as
// store.Open checks it at once) reads go there again.
func TestAReplicaDownAtStartUpIsUsedOnceItAnswers(t *testing.T) {
	primary, standby := primaryAndStandby(t)
	standby.stop()
	ctx := context.Background()
	pdb, err := store.Open(ctx, primary.url("hakakses"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pdb.Close)
	f := fixtureOn(t, pdb, primary.url("hakakses"))

	rdb, down, err := store.OpenReplica(ctx, standby.url("hakakses"), store.DefaultLimits)
	if err != nil {
		t.Fatalf("a standby down at start-up must not be an error: %v", err)
	}
	t.Cleanup(rdb.Close)
	if !errors.Is(down, store.ErrUnavailable) {
		t.Fatalf("why the standby cannot be used now: %v, want unavailable", down)
	}
	reads := &store.Reads{Primary: pdb, Replica: rdb, MaxLag: time.Hour, CheckEvery: -1, Now: time.Now}
	f.app.Reads = reads

	id := f.completeDraft()
	f.fire(f.lembaga, id, app.Action{Event: workflow.Submit})
	if n := f.queued(ctx); n != 1 {
		t.Fatalf("with the standby down the queue is read from the primary: want 1, got %d", n)
	}
	if reads.DB(ctx) != pdb || reads.LastError() == nil {
		t.Fatalf("reads routed to a standby that is down (last error %v)", reads.LastError())
	}

	standby.start()
	waitFor(t, func() bool { return reads.DB(ctx) == rdb })
	// Proved on the standby itself: pause its replay, write on the primary, and
	// the queue (read from the standby within MaxLag) does not see it yet.
	waitFor(t, func() bool { return f.queued(ctx) == 1 })
	super, err := pgx.Connect(ctx, standby.url("hakakses"))
	if err != nil {
		t.Fatal(err)
	}
	defer super.Close(ctx)
	if _, err := super.Exec(ctx, `SELECT pg_wal_replay_pause()`); err != nil {
		t.Fatal(err)
	}
	second := f.completeDraft()
	f.fire(f.lembaga, second, app.Action{Event: workflow.Submit})
	if n, all := f.queued(ctx), f.queued(app.ReadYourWrites(ctx)); n != 1 || all != 2 {
		t.Fatalf("queue read %d from the standby that came back and %d from the primary; want 1 and 2", n, all)
	}
}
