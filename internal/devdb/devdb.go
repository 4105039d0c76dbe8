// Package devdb finds or provisions a PostgreSQL server for `make run` and `make test`
// on a developer's machine, so a newcomer needs nothing but Go: it uses DATABASE_URL
// when set, else a local server that answers, else a private cluster started from the
// machine's PostgreSQL binaries under the repository's .data folder, else
// `docker compose up -d db`; otherwise it says exactly what to install.
package devdb

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// PrivatePort is where the private cluster listens, away from a system server's 5432.
const PrivatePort = "54329"

// composeURL is docker-compose.yml's db service, published on 54320 rather than
// 5432 so that it never clashes with a server on the host.
const composeURL = "postgres://hakakses:hakakses@127.0.0.1:54320/postgres?sslmode=disable"

// Server returns the URL of a reachable PostgreSQL server's maintenance database
// ("postgres"), as a role that may create databases. repoRoot holds the private
// cluster's data folder. Progress goes to log.
func Server(ctx context.Context, repoRoot string, log io.Writer) (string, error) {
	if u := os.Getenv("DATABASE_URL"); u != "" {
		return withDatabase(u, "postgres")
	}
	for _, u := range localCandidates() {
		if ping(ctx, u) == nil {
			return u, nil
		}
	}
	private := privateURL(repoRoot)
	if ping(ctx, private) == nil {
		return private, nil
	}
	if ping(ctx, composeURL) == nil {
		return composeURL, nil
	}
	bin, binErr := findPostgresBin()
	if binErr == nil {
		fmt.Fprintf(log, "Tidak ada PostgreSQL yang menjawab; memulai klaster pribadi di %s …\n", filepath.Join(repoRoot, ".data", "postgres"))
		if err := startPrivate(ctx, bin, repoRoot, PrivatePort, log); err != nil {
			return "", fmt.Errorf("start private PostgreSQL cluster: %w", err)
		}
		return private, waitFor(ctx, private, 30*time.Second)
	}
	if _, err := exec.LookPath("docker"); err == nil {
		fmt.Fprintln(log, "Tidak ada PostgreSQL lokal; menjalankan `docker compose up -d db` …")
		cmd := exec.CommandContext(ctx, "docker", "compose", "up", "-d", "db")
		cmd.Dir, cmd.Stdout, cmd.Stderr = repoRoot, log, log
		if err := cmd.Run(); err == nil {
			return composeURL, waitFor(ctx, composeURL, 60*time.Second)
		}
	}
	return "", errors.New(`no PostgreSQL found. Install one of:
  - PostgreSQL 15 or newer (Debian/Ubuntu: sudo apt-get install postgresql; macOS: brew install postgresql@16),
    then run make again: a private cluster is started under .data/ when no server answers;
  - Docker with the compose plugin (docker compose up -d db);
  or point DATABASE_URL at a server, e.g. DATABASE_URL=postgres://user:pass@host:5432/hakakses`)
}

// EnsureDatabase creates database name on the server if missing and returns its URL.
func EnsureDatabase(ctx context.Context, serverURL, name string) (string, error) {
	conn, err := pgx.Connect(ctx, serverURL)
	if err != nil {
		return "", err
	}
	defer conn.Close(ctx)
	var exists bool
	if err := conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&exists); err != nil {
		return "", err
	}
	if !exists {
		if _, err := conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
			return "", fmt.Errorf("create database %s: %w", name, err)
		}
	}
	return withDatabase(serverURL, name)
}

// Database is the usual path for `make run`: the app's own database on whatever
// server Server finds. With DATABASE_URL set it is returned unchanged, after
// creating the database it names when the server answers that it does not exist.
func Database(ctx context.Context, repoRoot string, log io.Writer) (string, error) {
	if u := os.Getenv("DATABASE_URL"); u != "" {
		return u, EnsureNamedDatabase(ctx, u, log)
	}
	srv, err := Server(ctx, repoRoot, log)
	if err != nil {
		return "", err
	}
	return EnsureDatabase(ctx, srv, "hakakses")
}

// EnsureNamedDatabase creates the database a URL names when the server reports it
// missing (SQLSTATE 3D000), connecting to the server's "postgres" database with the
// same credentials. Any other connection failure is returned as it is, with what to
// do about it.
func EnsureNamedDatabase(ctx context.Context, dbURL string, log io.Writer) error {
	err := ping(ctx, dbURL)
	var pgErr *pgconn.PgError
	if err == nil || !errors.As(err, &pgErr) || pgErr.Code != "3D000" { // invalid_catalog_name
		if err != nil {
			return fmt.Errorf("DATABASE_URL does not answer: %w", err)
		}
		return nil
	}
	cfg, err := pgx.ParseConfig(dbURL)
	if err != nil {
		return fmt.Errorf("parse DATABASE_URL: %w", err)
	}
	name := cfg.Database
	admin, err := withDatabase(dbURL, "postgres")
	if err != nil {
		return err
	}
	fmt.Fprintf(log, "Basis data %q belum ada; membuatnya …\n", name)
	if _, err := EnsureDatabase(ctx, admin, name); err != nil {
		return fmt.Errorf("database %q does not exist and could not be created (create it yourself: createdb %s): %w", name, name, err)
	}
	return nil
}

func localCandidates() []string {
	out := []string{"postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"}
	if u, err := user.Current(); err == nil && u.Username != "postgres" {
		out = append(out, "postgres://"+url.PathEscape(u.Username)+"@127.0.0.1:5432/postgres?sslmode=disable")
	}
	for _, dir := range []string{"/var/run/postgresql", "/tmp"} {
		if _, err := os.Stat(filepath.Join(dir, ".s.PGSQL.5432")); err == nil {
			out = append(out, "postgres:///postgres?host="+dir+"&user=postgres")
			if u, err := user.Current(); err == nil {
				out = append(out, "postgres:///postgres?host="+dir+"&user="+url.QueryEscape(u.Username))
			}
		}
	}
	return out
}

func privateURL(repoRoot string) string { return privateURLOn(PrivatePort) }

func privateURLOn(port string) string {
	return "postgres://hakakses@127.0.0.1:" + port + "/postgres?sslmode=disable"
}

// stopPrivate stops a private cluster (used by tests; `make clean-data` for people).
func stopPrivate(ctx context.Context, bin, dir string) error {
	args := []string{filepath.Join(bin, "pg_ctl"), "-D", dir, "-m", "fast", "-w", "stop"}
	if os.Geteuid() == 0 {
		args = append([]string{"runuser", "-u", "postgres", "--"}, args...)
	}
	out, err := exec.CommandContext(ctx, args[0], args[1:]...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s: %w: %s", strings.Join(args, " "), err, bytes.TrimSpace(out))
	}
	return nil
}

// binFile records, beside the cluster, the folder of the binaries that started it,
// so it is stopped by the same pg_ctl even where none is on PATH (stock Debian).
const binFile = "postgres.bin"

// RemovePrivate is `make clean-data`: it stops the private cluster under
// repoRoot/.data with the binaries it was started with (recorded at start; else
// those of its PG_VERSION; else any found), and deletes .data only once no
// postmaster runs there, so no orphan server keeps the port.
func RemovePrivate(ctx context.Context, repoRoot string, log io.Writer) error {
	dataRoot := filepath.Join(repoRoot, ".data")
	dir := filepath.Join(dataRoot, "postgres")
	if _, err := os.Stat(filepath.Join(dir, "postmaster.pid")); err == nil {
		bin := clusterBin(dataRoot, dir)
		if bin == "" {
			return fmt.Errorf("a PostgreSQL server runs from %s and no pg_ctl was found to stop it; stop it, then delete .data", dir)
		}
		fmt.Fprintf(log, "Menghentikan klaster pribadi dengan %s …\n", filepath.Join(bin, "pg_ctl"))
		if err := stopPrivate(ctx, bin, dir); err != nil {
			return fmt.Errorf("stop the private cluster (.data not deleted): %w", err)
		}
	}
	if err := os.RemoveAll(dataRoot); err != nil {
		return fmt.Errorf("delete %s: %w", dataRoot, err)
	}
	return nil
}

func clusterBin(dataRoot, dir string) string {
	has := func(d string) bool {
		_, err := os.Stat(filepath.Join(d, "pg_ctl"))
		return d != "" && err == nil
	}
	if b, err := os.ReadFile(filepath.Join(dataRoot, binFile)); err == nil && has(strings.TrimSpace(string(b))) {
		return strings.TrimSpace(string(b))
	}
	if v, err := os.ReadFile(filepath.Join(dir, "PG_VERSION")); err == nil {
		for _, d := range []string{"/usr/lib/postgresql/" + strings.TrimSpace(string(v)) + "/bin"} {
			if has(d) {
				return d
			}
		}
	}
	if d, err := findPostgresBin(); err == nil && has(d) {
		return d
	}
	return ""
}

func ping(ctx context.Context, u string) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, u)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	return conn.Ping(ctx)
}

func waitFor(ctx context.Context, u string, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for {
		err := ping(ctx, u)
		if err == nil {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("PostgreSQL did not answer within %s: %w", limit, err)
		}
		time.Sleep(300 * time.Millisecond)
	}
}

// findPostgresBin finds the directory holding initdb and pg_ctl: on PATH, or in
// Debian's versioned /usr/lib/postgresql/N/bin (newest first), or Homebrew's.
func findPostgresBin() (string, error) {
	if p, err := exec.LookPath("initdb"); err == nil {
		if _, err := exec.LookPath("pg_ctl"); err == nil {
			return filepath.Dir(p), nil
		}
	}
	var dirs []string
	for _, pattern := range []string{"/usr/lib/postgresql/*/bin", "/usr/local/opt/postgresql*/bin", "/opt/homebrew/opt/postgresql*/bin"} {
		m, _ := filepath.Glob(pattern)
		dirs = append(dirs, m...)
	}
	sort.Sort(sort.Reverse(sort.StringSlice(dirs)))
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	return "", errors.New("no initdb found")
}

// startPrivate initialises (once) and starts a cluster owned by the current user
// (or by the postgres system user when running as root, since PostgreSQL refuses to
// run as root), listening on 127.0.0.1:PrivatePort with trust authentication for
// local connections only.
func startPrivate(ctx context.Context, bin, repoRoot, port string, log io.Writer) error {
	dataRoot := filepath.Join(repoRoot, ".data")
	dir := filepath.Join(dataRoot, "postgres")
	if err := os.MkdirAll(dataRoot, 0o755); err != nil {
		return err
	}
	asUser := []string{}
	if os.Geteuid() == 0 {
		pgUser, err := user.Lookup("postgres")
		if err != nil {
			return errors.New("running as root and there is no postgres system user to run the cluster as")
		}
		asUser = []string{"runuser", "-u", "postgres", "--"}
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return err
		}
		if err := exec.CommandContext(ctx, "chown", "-R", pgUser.Username, dir).Run(); err != nil {
			return fmt.Errorf("chown %s: %w", dir, err)
		}
	}
	run := func(name string, args ...string) error {
		full := append(append([]string{}, asUser...), append([]string{filepath.Join(bin, name)}, args...)...)
		cmd := exec.CommandContext(ctx, full[0], full[1:]...)
		cmd.Stdout, cmd.Stderr = log, log
		return cmd.Run()
	}
	if _, err := os.Stat(filepath.Join(dir, "PG_VERSION")); err != nil {
		if err := run("initdb", "-D", dir, "-U", "hakakses", "--auth=trust", "-E", "UTF8", "--locale=C"); err != nil {
			return fmt.Errorf("initdb: %w", err)
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:"+port)
	if err != nil {
		return fmt.Errorf("port %s is taken by something that is not PostgreSQL", port)
	}
	ln.Close()
	if err := os.WriteFile(filepath.Join(dataRoot, binFile), []byte(bin+"\n"), 0o644); err != nil {
		return fmt.Errorf("record the cluster's binaries: %w", err)
	}
	opts := strings.Join([]string{"-p " + port, "-c listen_addresses=127.0.0.1", "-c unix_socket_directories=''"}, " ") // TCP only: socket paths are limited to 107 bytes
	return run("pg_ctl", "-D", dir, "-l", filepath.Join(dir, "server.log"), "-o", opts, "-w", "start")
}

func withDatabase(raw, name string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("parse database URL: %w", err)
	}
	u.Path = "/" + name
	return u.String(), nil
}

// RepoRoot walks up from the working directory to the folder holding go.mod.
func RepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("go.mod not found above the working directory")
		}
		dir = parent
	}
}
