// Command hakakses is the Hak Akses server and its administrative subcommands.
//
//	hakakses [serve]          migrate, then serve HTTP (DATABASE_URL required)
//	hakakses dev              find or provision PostgreSQL, migrate, seed the demo, serve
//	hakakses migrate up | down N | version
//	hakakses seed             seed the demo tenant and accounts (idempotent)
//	hakakses verify-history   prove every application's history chain intact, or name every bad application
//	hakakses seed-scale [-seed N] [-quick]   write the national-scale benchmark data set into an empty database
//	hakakses verify-documents every document's bytes present and matching its SHA-256 (after a restore)
//	hakakses documents migrate --to blob|db   move document bytes to or from HAKAKSES_BLOB_URL (resumable)
//	hakakses healthcheck      exit 0 when this instance's /readyz answers 200 (the container's probe)
//	hakakses clean-data       stop the private dev cluster under .data with its own binaries, delete .data
package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"
	_ "time/tzdata" // WIB, WITA and WIT must resolve even on an image without zoneinfo

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/clock"
	"github.com/hakakses/hakakses/internal/config"
	"github.com/hakakses/hakakses/internal/devdb"
	"github.com/hakakses/hakakses/internal/mail"
	"github.com/hakakses/hakakses/internal/metrics"
	"github.com/hakakses/hakakses/internal/objstore"
	"github.com/hakakses/hakakses/internal/reqid"
	"github.com/hakakses/hakakses/internal/server"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "hakakses:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	cmd := "serve"
	if len(args) > 0 {
		cmd, args = args[0], args[1:]
	}
	cfg, err := config.FromEnv()
	if err != nil {
		return err
	}
	log := newLogger(cfg.LogLevel)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	switch cmd {
	case "serve":
		if cfg.DatabaseURL == "" {
			return errors.New("DATABASE_URL is not set (use `make run` or `hakakses dev` for a local database)")
		}
		return serve(ctx, cfg, log, false)
	case "dev":
		root, err := devdb.RepoRoot()
		if err != nil {
			return err
		}
		if cfg.DatabaseURL, err = devdb.Database(ctx, root, os.Stderr); err != nil {
			return err
		}
		if os.Getenv("HAKAKSES_COOKIE_SECURE") == "" {
			// Plain http on a developer's machine: browsers accept Secure cookies on
			// localhost, but not on a LAN address, so dev mode does not require it.
			cfg.CookieSecure = false
		}
		return serve(ctx, cfg, log, true)
	case "verify-documents":
		return verifyDocumentsCmd(ctx, cfg, log)
	case "documents":
		return documentsCmd(ctx, cfg, log, args)
	case "healthcheck":
		return healthcheck(ctx, cfg.Addr)
	case "clean-data":
		root, err := devdb.RepoRoot()
		if err != nil {
			return err
		}
		return devdb.RemovePrivate(ctx, root, os.Stderr)
	case "migrate":
		return migrateCmd(cfg, args)
	case "seed":
		db, err := openDB(ctx, cfg, true)
		if err != nil {
			return err
		}
		defer db.Close()
		return app.New(db, clock.System{}, log).SeedDemo(ctx)
	case "seed-scale":
		if cfg.DatabaseURL == "" {
			return errors.New("DATABASE_URL is not set")
		}
		return seedScale(ctx, cfg, args)
	case "verify-history":
		if cfg.DatabaseURL == "" {
			return errors.New("DATABASE_URL is not set")
		}
		db, err := store.OpenWithLimits(ctx, cfg.DatabaseURL, store.Unbounded) // reads every entry, however many
		if err != nil {
			return err
		}
		defer db.Close()
		return verifyHistory(ctx, app.New(db, clock.System{}, log), os.Stdout)
	default:
		return fmt.Errorf("unknown command %q (serve, dev, migrate, seed, seed-scale, verify-history, verify-documents, documents, healthcheck, clean-data)", cmd)
	}
}

// openDB opens the configured database, migrating it first when asked.
func openDB(ctx context.Context, cfg config.Config, migrate bool) (*store.DB, error) {
	if cfg.DatabaseURL == "" {
		return nil, errors.New("DATABASE_URL is not set")
	}
	if migrate {
		if err := store.MigrateUp(ctx, cfg.DatabaseURL); err != nil {
			return nil, err
		}
	}
	return store.OpenWithLimits(ctx, cfg.DatabaseURL, dbLimits(cfg))
}

// dbLimits bounds every transaction: connect, statement and lock timeouts, so an
// outage answers 503.
func dbLimits(cfg config.Config) store.Limits {
	return store.Limits{Connect: cfg.DBConnectTimeout, Statement: cfg.DBStatementTimeout, Lock: cfg.DBLockTimeout}
}

func serve(ctx context.Context, cfg config.Config, log *slog.Logger, demo bool) error {
	db, err := openDB(ctx, cfg, true)
	if err != nil {
		return err
	}
	defer db.Close()
	// Statements per request go to the request log (and, when configured, a header).
	if err := db.EnableStatementCounting(ctx); err != nil {
		return err
	}
	clk, err := newClock(cfg.Now)
	if err != nil {
		return err
	}
	a := app.New(db, clk, log)
	if demo {
		if err := a.SeedDemo(ctx); err != nil {
			return fmt.Errorf("seed demo: %w", err)
		}
	}
	a.BaseURL = cfg.BaseURL
	a.WebhookAllowPrivate = cfg.WebhookAllowPrivate
	if cfg.ReplicaURL != "" {
		reads, err := openReads(ctx, cfg, db, log)
		if err != nil {
			return err
		}
		defer reads.Replica.Close()
		a.Reads = reads
	}
	if cfg.BlobURL != "" {
		bucket, err := openBucket(ctx, cfg)
		if err != nil {
			return err
		}
		a.Documents = app.BlobDocuments{Objects: bucket}
	}
	if cfg.MetricsAddr != "" {
		a.Metrics = metrics.New()
		a.Metrics.WatchDatabase(db, a.OperationalSnapshot)
		stopMetrics, err := serveMetrics(cfg.MetricsAddr, a.Metrics, log)
		if err != nil {
			return err
		}
		defer stopMetrics()
	}
	// Background jobs on the River queue: every instance works e-mail deliveries,
	// the elected leader alone schedules the periodic work. Without SMTP the
	// e-mails stay in the dev mailbox (/dev/surel).
	var send app.SendMail
	if cfg.SMTPAddr != "" {
		send = mail.SMTP{Addr: cfg.SMTPAddr, From: cfg.SMTPFrom, User: cfg.SMTPUser, Password: cfg.SMTPPassword}.Send
	}
	if err := a.NewJobs(app.JobOptions{Send: send, Periodic: true}); err != nil {
		return err
	}
	if err := a.Jobs.Start(ctx); err != nil {
		return fmt.Errorf("start job queue: %w", err)
	}
	defer a.CountJobFailures()()
	defer func() { // runs before db.Close: jobs in flight finish first
		// Bounded like the HTTP shutdown, inside the container's grace period; a
		// job cut short is run again (every job is idempotent).
		stopCtx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
		defer cancel()
		if err := a.Jobs.Stop(stopCtx); err != nil {
			log.Error("stop job queue", "err", err)
		}
	}()
	srv := server.New(a, cfg, log)
	defer srv.Close()
	httpSrv := &http.Server{
		Addr:              cfg.Addr,
		Handler:           srv,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    1 << 20,
	}
	errc := make(chan error, 1)
	go func() { errc <- httpSrv.ListenAndServe() }()
	log.Info("listening", "addr", cfg.Addr)
	if demo {
		printDemo(cfg.Addr)
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	// Graceful shutdown: stop accepting, let requests in flight finish within
	// HAKAKSES_SHUTDOWN_TIMEOUT (8 s by default, inside Docker's 10 s stop timeout,
	// leaving time to stop the jobs and close the pool).
	log.Info("shutting down")
	shutCtx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	return httpSrv.Shutdown(shutCtx)
}

// openReads opens HAKAKSES_DATABASE_REPLICA_URL's standby beside the primary.
// A standby that does not answer at start-up is no reason to stop: the warning
// is logged and reads go to the primary until it answers.
func openReads(ctx context.Context, cfg config.Config, primary *store.DB, log *slog.Logger) (*store.Reads, error) {
	replica, down, err := store.OpenReplica(ctx, cfg.ReplicaURL, dbLimits(cfg))
	if err != nil {
		return nil, fmt.Errorf("HAKAKSES_DATABASE_REPLICA_URL: %w", err)
	}
	if down != nil {
		log.Warn("read replica unreachable at start-up: reads go to the primary until it answers", "err", down)
	}
	return &store.Reads{Primary: primary, Replica: replica, MaxLag: cfg.ReplicaMaxLag, Now: clock.System{}.Now, Log: log}, nil
}

// openBucket opens HAKAKSES_BLOB_URL's bucket, creating it when missing.
func openBucket(ctx context.Context, cfg config.Config) (*objstore.Bucket, error) {
	bucket, err := objstore.Open(cfg.BlobURL, cfg.BlobAccessKey, cfg.BlobSecretKey)
	if err != nil {
		return nil, err
	}
	if err := bucket.EnsureBucket(ctx); err != nil {
		return nil, fmt.Errorf("HAKAKSES_BLOB_URL: %w", err)
	}
	return bucket, nil
}

// verifyDocumentsCmd proves every document's bytes present and intact.
func verifyDocumentsCmd(ctx context.Context, cfg config.Config, log *slog.Logger) error {
	if cfg.DatabaseURL == "" {
		return errors.New("DATABASE_URL is not set")
	}
	db, err := store.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer db.Close()
	var objs app.Objects
	if cfg.BlobURL != "" {
		bucket, err := openBucket(ctx, cfg)
		if err != nil {
			return err
		}
		objs = bucket
	}
	n, faults, err := app.New(db, clock.System{}, log).VerifyDocuments(ctx, objs)
	if err != nil {
		return err
	}
	for _, f := range faults {
		fmt.Printf("document %d (tenant %d, application %d): %s\n", f.DocumentID, f.TenantID, f.ApplicationID, f.Reason)
	}
	if len(faults) > 0 {
		return fmt.Errorf("%d of %d documents missing or altered", len(faults), n)
	}
	fmt.Printf("documents intact: %d checked\n", n)
	return nil
}

// documentsCmd is `hakakses documents migrate --to blob|db`.
func documentsCmd(ctx context.Context, cfg config.Config, log *slog.Logger, args []string) error {
	const usage = "usage: hakakses documents migrate --to blob|db"
	if len(args) != 3 || args[0] != "migrate" || args[1] != "--to" {
		return errors.New(usage)
	}
	if cfg.DatabaseURL == "" || cfg.BlobURL == "" {
		return errors.New("DATABASE_URL and HAKAKSES_BLOB_URL must both be set")
	}
	if err := store.MigrateUp(ctx, cfg.DatabaseURL); err != nil {
		return err
	}
	db, err := store.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer db.Close()
	bucket, err := openBucket(ctx, cfg)
	if err != nil {
		return err
	}
	n, err := app.New(db, clock.System{}, log).MoveDocuments(ctx, bucket, args[2], os.Stderr)
	fmt.Printf("%d documents moved to %s\n", n, args[2])
	return err
}

func printDemo(addr string) {
	host := addr
	if len(host) > 0 && host[0] == ':' {
		host = "localhost" + host
	}
	fmt.Printf("\n  Hak Akses berjalan di http://%s/\n", host)
	fmt.Printf("  Standar pelayanan Disdukcapil OKI: http://%s/oki\n\n", host)
	fmt.Printf("  Akun demo (kata sandi semua: %s)\n", app.DemoPassword)
	for _, a := range app.DemoAccounts {
		line := fmt.Sprintf("    %-8s %s", a.Role, a.Email)
		if app.SecondFactorMandatory(workflow.Role(a.Role)) {
			line += "  + kode verifikasi"
		}
		fmt.Println(line)
	}
	fmt.Printf("\n  Kepala, dirjen dan admin masuk dengan autentikasi dua langkah. Kunci TOTP demo: %s\n", app.DemoTOTPSecret)
	fmt.Printf("  Tambahkan ke aplikasi autentikator, atau buat kodenya: oathtool --totp -b %s\n", app.DemoTOTPSecret)
	fmt.Println()
}

func migrateCmd(cfg config.Config, args []string) error {
	if cfg.DatabaseURL == "" {
		return errors.New("DATABASE_URL is not set")
	}
	if len(args) == 0 {
		return errors.New("usage: hakakses migrate up | down N | version")
	}
	if args[0] == "up" { // River's schema, then ours (as at start-up)
		return store.MigrateUp(context.Background(), cfg.DatabaseURL)
	}
	mg, err := store.NewMigrator(cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer mg.Close()
	switch args[0] {
	case "down":
		if len(args) != 2 {
			return errors.New("usage: hakakses migrate down N")
		}
		n, err := strconv.Atoi(args[1])
		if err != nil || n <= 0 {
			return fmt.Errorf("down needs a positive number of steps, not %q", args[1])
		}
		return mg.Down(n)
	case "version":
		v, dirty, err := mg.Version()
		if err != nil {
			return err
		}
		fmt.Printf("%d", v)
		if dirty {
			fmt.Print(" (dirty)")
		}
		fmt.Println()
		return nil
	}
	return fmt.Errorf("unknown migrate command %q", args[0])
}

func newClock(start string) (clock.Clock, error) {
	if start == "" {
		return clock.System{}, nil
	}
	t, err := time.Parse(time.RFC3339, start)
	if err != nil {
		return nil, fmt.Errorf("HAKAKSES_NOW: %q is not an RFC 3339 instant: %w", start, err)
	}
	return clock.StartingAt(t), nil
}

func newLogger(level string) *slog.Logger {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		l = slog.LevelInfo
	}
	return slog.New(reqid.NewHandler(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: l})))
}

// serveMetrics serves /metrics on its own address (HAKAKSES_METRICS_ADDR), so
// that the public listener never exposes them; the returned function stops it.
func serveMetrics(addr string, m *metrics.Metrics, log *slog.Logger) (func(), error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("metrics listener HAKAKSES_METRICS_ADDR=%s: %w", addr, err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m.Handler())
	// Profiles on the operator's address only (never the public one): what a
	// slow page spends its CPU on (docs/benchmarks.md, hakakses-bench -profile).
	mux.HandleFunc("GET /debug/pprof/", pprof.Index)
	mux.HandleFunc("GET /debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("GET /debug/pprof/trace", pprof.Trace)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second, WriteTimeout: 30 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("metrics server", "err", err)
		}
	}()
	log.Info("metrics listening", "addr", ln.Addr().String())
	return func() { srv.Close() }, nil
}
