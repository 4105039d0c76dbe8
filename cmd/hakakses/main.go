// Command hakakses is the Hak Akses server and its administrative subcommands.
//
//	hakakses [serve]          migrate, then serve HTTP (DATABASE_URL required)
//	hakakses dev              find or provision PostgreSQL, migrate, seed the demo, serve
//	hakakses migrate up | down N | version
//	hakakses seed             seed the demo tenant and accounts (idempotent)
//	hakakses verify-history   prove every application's history chain intact, or name every bad application
//	hakakses seed-scale [-seed N] [-quick]   write the national-scale benchmark data set into an empty database
package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
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
	"github.com/hakakses/hakakses/internal/server"
	"github.com/hakakses/hakakses/internal/store"
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
		a := app.New(db, clock.System{}, log)
		brk, n, err := a.VerifyHistory(ctx)
		if err != nil {
			return err
		}
		for _, b := range brk {
			fmt.Printf("history broken: tenant %d, application %d, entry %d: %s\n", b.TenantID, b.ApplicationID, b.Seq, b.Reason)
		}
		seq, reason, an, err := a.VerifyAudit(ctx)
		if err != nil {
			return err
		}
		if seq != 0 {
			fmt.Printf("audit trail broken at entry %d: %s\n", seq, reason)
		}
		if len(brk) > 0 || seq != 0 {
			return fmt.Errorf("history broken in %d applications (%d entries checked), audit trail %s (%d entries checked)",
				len(brk), n, map[bool]string{true: "intact", false: "broken"}[seq == 0], an)
		}
		fmt.Printf("audit trail intact: %d entries checked\n", an)
		fmt.Printf("history intact: %d entries checked\n", n)
		return nil
	default:
		return fmt.Errorf("unknown command %q (serve, dev, migrate, seed, seed-scale, verify-history)", cmd)
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
	// Bounded: connect, statement and lock timeouts, so an outage answers 503.
	return store.OpenWithLimits(ctx, cfg.DatabaseURL, store.Limits{
		Connect: cfg.DBConnectTimeout, Statement: cfg.DBStatementTimeout, Lock: cfg.DBLockTimeout})
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
	defer func() { // runs before db.Close: jobs in flight finish first
		stopCtx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
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
	// Graceful shutdown: stop accepting, let requests in flight finish.
	log.Info("shutting down")
	shutCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	return httpSrv.Shutdown(shutCtx)
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
		fmt.Printf("    %-8s %s\n", a.Role, a.Email)
	}
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
	return slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: l}))
}
