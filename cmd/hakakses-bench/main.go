// Command hakakses-bench measures the server over HTTP as its users meet it
// (`make bench`): it seeds the national-scale data set once (`hakakses
// seed-scale`, kept as a template database), starts the server on a fresh copy,
// signs 32 distinct users in per role and loads each page in turn from 32
// closed-loop clients, beside a bare chi + pgx + html/template handler doing one
// indexed query in the same run. It prints one line per page:
//
//	bench page=<name> rps=<n> p50_ms=<n> p99_ms=<n> ratio=<n> stmts=<n>
//
// then the server's peak RSS and its start-up to ready time. BENCH_QUICK=1 uses a
// tenth of the data set and shorter phases.
//
//	hakakses-bench [-server bin/hakakses] [-duration 10s]
//	hakakses-bench baseline   (the bare handler; started by the bench itself)
package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/pquerna/otp/totp"

	"github.com/hakakses/hakakses/internal/devdb"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/migrations"
)

const (
	users        = 32
	serverAddr   = "127.0.0.1:18414"
	baselineAddr = "127.0.0.1:18415"
	metricsAddr  = "127.0.0.1:18416" // the server's operator address: metrics and profiles
	password     = "hakakses-skala"  // cmd/hakakses ScalePassword
	// StatementsHeader is set by a server started with HAKAKSES_COUNT_STATEMENTS=1.
	statementsHeader = "X-Hakakses-Statements"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "baseline" {
		if err := baseline(os.Getenv("DATABASE_URL"), os.Getenv("BASELINE_ADDR")); err != nil {
			fmt.Fprintln(os.Stderr, "baseline:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "hakakses-bench:", err)
		os.Exit(1)
	}
}

type options struct {
	only     string // comma-separated page names to load (the baseline always runs); "" for all
	profile  string // a page whose load the server's CPU profile covers (written to bin/bench-<page>.pprof)
	server   string
	quick    bool
	duration time.Duration
	warmup   time.Duration
}

func run() error {
	var o options
	flag.StringVar(&o.server, "server", "bin/hakakses", "the server binary")
	flag.DurationVar(&o.duration, "duration", 0, "measured time per page (default 10s, 3s with BENCH_QUICK)")
	flag.StringVar(&o.profile, "profile", "", "write the server's CPU profile during this page's load to bin/bench-<page>.pprof")
	flag.StringVar(&o.only, "only", "", "load only these pages, comma-separated (e.g. detail,forward_one_tenant); the baseline always runs")
	flag.Parse()
	o.quick = os.Getenv("BENCH_QUICK") != "" && os.Getenv("BENCH_QUICK") != "0"
	if o.duration == 0 {
		o.duration = 10 * time.Second
		if o.quick {
			o.duration = 3 * time.Second
		}
	}
	o.warmup = o.duration / 5
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	began := time.Now()

	root, err := devdb.RepoRoot()
	if err != nil {
		return err
	}
	srvURL, err := devdb.Server(ctx, root, os.Stderr)
	if err != nil {
		return err
	}
	tpl, err := templateDB(ctx, o, srvURL)
	if err != nil {
		return err
	}
	runURL, dropRun, err := cloneDB(ctx, srvURL, tpl, "hakakses_bench_run")
	if err != nil {
		return err
	}
	defer dropRun()

	// The server under test, and the bare handler beside it.
	started := time.Now()
	srv, err := startProcess(ctx, o.server, []string{"serve"}, append(os.Environ(), "DATABASE_URL="+runURL,
		"HAKAKSES_ADDR="+serverAddr, "HAKAKSES_COOKIE_SECURE=false", "HAKAKSES_LOG_LEVEL=warn", "HAKAKSES_COUNT_STATEMENTS=1",
		"HAKAKSES_METRICS_ADDR="+metricsAddr))
	if err != nil {
		return err
	}
	defer srv.stop()
	if err := waitReady(ctx, "http://"+serverAddr+"/readyz", 60*time.Second); err != nil {
		return fmt.Errorf("server: %w", err)
	}
	ready := time.Since(started)
	self, err := os.Executable()
	if err != nil {
		return err
	}
	base, err := startProcess(ctx, self, []string{"baseline"}, append(os.Environ(), "DATABASE_URL="+runURL, "BASELINE_ADDR="+baselineAddr))
	if err != nil {
		return err
	}
	defer base.stop()
	if err := waitReady(ctx, "http://"+baselineAddr+"/healthz", 30*time.Second); err != nil {
		return fmt.Errorf("baseline: %w", err)
	}

	fx, err := loadFixtures(ctx, runURL)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "signing in %d users per role …\n", users)
	staff, err := signIn(ctx, func(i int) string { return store.ScaleStaffEmail(store.ScaleLargestSlug, i+1) })
	if err != nil {
		return err
	}
	lembaga, err := signIn(ctx, func(i int) string { return store.ScaleLembagaEmail(store.ScaleLargestSlug, 1, i+1) })
	if err != nil {
		return err
	}
	dirjen, err := signIn(ctx, func(i int) string { return store.ScaleDirjenEmail(i + 1) })
	if err != nil {
		return err
	}
	others, err := signIn(ctx, func(i int) string { return store.ScaleStaffOf(fx.acrossSlugs[i%len(fx.acrossSlugs)]) })
	if err != nil {
		return err
	}
	startupRSS := peakRSS(srv.cmd.Process.Pid)
	resetPeakRSS(srv.cmd.Process.Pid)

	oki := "/" + store.ScaleLargestSlug
	pages := []page{
		{name: "baseline", clients: anonymous(), url: func(w, i int) string {
			return fmt.Sprintf("http://%s/list?tenant=%d&institution=%d", baselineAddr, fx.largestTenant, fx.largestInstitution)
		}},
		{name: "public", clients: anonymous(), url: fixed(oki + "/")},
		{name: "queue_p1", clients: staff, url: fixed(oki + "/kantor/")},
		// Deep pages as a user reaches them, by the next links' cursors.
		{name: "queue_p500", clients: staff, url: fixed(oki + "/kantor/?halaman=" + strconv.Itoa(fx.queueDeep) + "&setelah=" + url.QueryEscape(fx.queueCursor))},
		{name: "queue_search", clients: staff, url: fixed(oki + "/kantor/?q=" + url.QueryEscape(fx.search))},
		{name: "lembaga_home", clients: lembaga, url: fixed(oki + "/lembaga/")},
		{name: "inbox_p1", clients: dirjen, url: fixed("/dirjen/")},
		{name: "inbox_p1000", clients: dirjen, url: fixed("/dirjen/?halaman=" + strconv.Itoa(fx.inboxDeep) + "&setelah=" + url.QueryEscape(fx.inboxCursor))},
		{name: "inbox_all_p3000", clients: dirjen, url: fixed("/dirjen/?tahap=semua&halaman=" + strconv.Itoa(fx.inboxAllDeep) + "&setelah=" + url.QueryEscape(fx.inboxAllCursor))},
		{name: "detail", clients: staff, url: func(w, i int) string {
			return fmt.Sprintf("%s/kantor/permohonan/%d/", oki, fx.detail[(w+i)%len(fx.detail)].ID)
		}},
	}
	var results []result
	for _, p := range pages {
		if !o.wants(p.name) && p.name != "baseline" {
			continue
		}
		fmt.Fprintf(os.Stderr, "loading %s …\n", p.name)
		stopProfile := o.profileDuring(ctx, p.name)
		r, err := p.load(ctx, o)
		stopProfile()
		if err != nil {
			return err
		}
		results = append(results, r)
	}
	// The bare handler again: the machine's load moves during a run, and the
	// ratio is taken against the mean of both measurements.
	again, err := pages[0].load(ctx, o)
	if err != nil {
		return err
	}
	results[0].rps = (results[0].rps + again.rps) / 2
	results[0].p50, results[0].p99 = (results[0].p50+again.p50)/2, (results[0].p99+again.p99)/2
	fmt.Fprintf(os.Stderr, "loading forwards …\n")
	for _, f := range []struct {
		name    string
		clients []*http.Client
		targets []store.ScaleTarget
	}{{"forward_one_tenant", staff, fx.within}, {"forward_32_tenants", others, fx.across}} {
		if o.wants(f.name) {
			stopProfile := o.profileDuring(ctx, f.name)
			results = append(results, forward(ctx, o, runURL, f.name, f.clients, f.targets))
			stopProfile()
		}
	}
	loadRSS := peakRSS(srv.cmd.Process.Pid)

	baseRPS := results[0].rps
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "page\trps\tp50 ms\tp99 ms\tshare of bare\tstatements\terrors\t")
	for _, r := range results {
		fmt.Fprintf(tw, "%s\t%.0f\t%.1f\t%.1f\t%.1f%%\t%s\t%d\t\n", r.name, r.rps, ms(r.p50), ms(r.p99), 100*r.rps/baseRPS, r.stmts(), r.errors)
	}
	tw.Flush()
	fmt.Println()
	for _, r := range results {
		fmt.Printf("bench page=%s rps=%.0f p50_ms=%.1f p99_ms=%.1f ratio=%.3f stmts=%s errors=%d\n",
			r.name, r.rps, ms(r.p50), ms(r.p99), r.rps/baseRPS, r.stmts(), r.errors)
	}
	mode := "full"
	if o.quick {
		mode = "quick"
	}
	fmt.Printf("bench server peak_rss_mb=%.0f startup_peak_rss_mb=%.0f ready_ms=%d\n", float64(max(loadRSS, startupRSS))/1024, float64(startupRSS)/1024, ready.Milliseconds())
	fmt.Printf("bench mode=%s users=%d duration_per_page=%s total=%s\n", mode, users, o.duration, time.Since(began).Round(time.Second))
	for _, r := range results {
		if r.errors > 0 {
			return fmt.Errorf("%s: %d requests failed (first: %s)", r.name, r.errors, r.firstErr)
		}
	}
	return nil
}

// profileDuring starts the server's CPU profile for the measured time of page
// (when -profile names it); the returned function waits for it and writes it.
func (o options) profileDuring(ctx context.Context, page string) func() {
	if o.profile != page {
		return func() {}
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := writeProfile(ctx, o, page); err != nil {
			fmt.Fprintln(os.Stderr, "profile:", err)
		}
	}()
	return func() { <-done }
}

func writeProfile(ctx context.Context, o options, page string) error {
	// The warm-up is not profiled: the profile covers the measured seconds.
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(o.warmup):
	}
	secs := max(1, int(o.duration.Seconds()))
	resp, err := http.Get(fmt.Sprintf("http://%s/debug/pprof/profile?seconds=%d", metricsAddr, secs))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("profile: %s", resp.Status)
	}
	name := filepath.Join("bin", "bench-"+page+".pprof")
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, resp.Body); err != nil {
		f.Close()
		return err
	}
	fmt.Fprintf(os.Stderr, "profile of %s written to %s\n", page, name)
	return f.Close()
}

// wants reports whether page is to be loaded.
func (o options) wants(page string) bool {
	return o.only == "" || slices.Contains(strings.Split(o.only, ","), page)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// templateDB returns the name of a database holding the seeded data set for the
// current migrations, seeding it on first use (the run then clones it).
func templateDB(ctx context.Context, o options, srvURL string) (string, error) {
	h := sha256.New()
	err := fs.WalkDir(migrations.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(migrations.FS, path)
		h.Write([]byte(path))
		h.Write(b)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("hash migrations: %w", err)
	}
	size := "full"
	if o.quick {
		size = "quick"
	}
	fmt.Fprintf(h, "seed-scale %d", store.ScaleVersion)
	name := "hakakses_bench_" + size + "_" + hex.EncodeToString(h.Sum(nil))[:10]
	conn, err := pgx.Connect(ctx, srvURL)
	if err != nil {
		return "", fmt.Errorf("connect: %w", err)
	}
	defer conn.Close(context.Background())
	var seeded bool
	err = conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database d JOIN pg_shdescription s ON s.objoid = d.oid
		WHERE d.datname = $1 AND s.description = 'seeded')`, name).Scan(&seeded)
	if err != nil {
		return "", fmt.Errorf("look for %s: %w", name, err)
	}
	if seeded {
		return name, nil
	}
	// Data sets of earlier migration sets are never used again: a gigabyte each.
	rows, err := conn.Query(ctx, `SELECT datname FROM pg_database WHERE datname LIKE $1 AND datname <> $2`,
		"hakakses_bench_"+size+"_%", name)
	if err != nil {
		return "", fmt.Errorf("list old data sets: %w", err)
	}
	stale, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return "", fmt.Errorf("list old data sets: %w", err)
	}
	for _, old := range append(stale, name) {
		if _, err := conn.Exec(ctx, `DROP DATABASE IF EXISTS `+pgx.Identifier{old}.Sanitize()+` WITH (FORCE)`); err != nil {
			return "", fmt.Errorf("drop %s: %w", old, err)
		}
	}
	id := pgx.Identifier{name}.Sanitize()
	if _, err := conn.Exec(ctx, `CREATE DATABASE `+id); err != nil {
		return "", fmt.Errorf("create %s: %w", name, err)
	}
	u, err := withDatabase(srvURL, name)
	if err != nil {
		return "", err
	}
	args := []string{"seed-scale"}
	if o.quick {
		args = append(args, "-quick")
	}
	fmt.Fprintf(os.Stderr, "seeding %s (once per migration set) …\n", name)
	cmd := exec.CommandContext(ctx, o.server, args...)
	cmd.Env = append(os.Environ(), "DATABASE_URL="+u)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("seed-scale: %w", err)
	}
	if _, err := conn.Exec(ctx, `COMMENT ON DATABASE `+id+` IS 'seeded'`); err != nil {
		return "", fmt.Errorf("mark %s: %w", name, err)
	}
	return name, nil
}

func cloneDB(ctx context.Context, srvURL, tpl, name string) (string, func(), error) {
	conn, err := pgx.Connect(ctx, srvURL)
	if err != nil {
		return "", nil, fmt.Errorf("connect: %w", err)
	}
	defer conn.Close(context.Background())
	id := pgx.Identifier{name}.Sanitize()
	if _, err := conn.Exec(ctx, `DROP DATABASE IF EXISTS `+id+` WITH (FORCE)`); err != nil {
		return "", nil, fmt.Errorf("drop %s: %w", name, err)
	}
	if _, err := conn.Exec(ctx, `CREATE DATABASE `+id+` TEMPLATE `+pgx.Identifier{tpl}.Sanitize()); err != nil {
		return "", nil, fmt.Errorf("clone %s: %w", tpl, err)
	}
	u, err := withDatabase(srvURL, name)
	drop := func() {
		c, err := pgx.Connect(context.Background(), srvURL)
		if err == nil {
			c.Exec(context.Background(), `DROP DATABASE IF EXISTS `+id+` WITH (FORCE)`) //nolint:errcheck // best effort
			c.Close(context.Background())
		}
	}
	return u, drop, err
}

func withDatabase(raw, name string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("database URL: %w", err)
	}
	u.Path = "/" + name
	return u.String(), nil
}

type process struct {
	cmd  *exec.Cmd
	done chan struct{}
}

func startProcess(ctx context.Context, bin string, args, env []string) (*process, error) {
	abs, err := filepath.Abs(bin)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(abs, args...)
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", bin, err)
	}
	p := &process{cmd: cmd, done: make(chan struct{})}
	go func() { cmd.Wait(); close(p.done) }() //nolint:errcheck // its exit is reported by stop
	go func() {
		select {
		case <-ctx.Done():
			p.stop()
		case <-p.done:
		}
	}()
	return p, nil
}

func (p *process) stop() {
	select {
	case <-p.done:
		return
	default:
	}
	p.cmd.Process.Signal(syscall.SIGTERM) //nolint:errcheck // it may have exited already
	select {
	case <-p.done:
	case <-time.After(20 * time.Second):
		p.cmd.Process.Kill() //nolint:errcheck // last resort
		<-p.done
	}
}

func waitReady(ctx context.Context, u string, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(u); err == nil {
			io.Copy(io.Discard, resp.Body) //nolint:errcheck // drained
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
	return fmt.Errorf("%s not ready after %s", u, limit)
}

// peakRSS is a process's high-water resident set (VmHWM) in KiB.
func peakRSS(pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return n
		}
	}
	return 0
}

// resetPeakRSS starts a new high-water mark (Linux: clear_refs 5).
func resetPeakRSS(pid int) {
	os.WriteFile(fmt.Sprintf("/proc/%d/clear_refs", pid), []byte("5"), 0) //nolint:errcheck // optional
}

type fixtures struct {
	largestTenant, largestInstitution  int64
	queueDeep, inboxDeep, inboxAllDeep int
	search                             string
	queueCursor, inboxCursor           string
	inboxAllCursor                     string
	detail, within, across             []store.ScaleTarget
	acrossSlugs                        []string // the tenants of across, in order: one per worker
}

func loadFixtures(ctx context.Context, dbURL string) (fixtures, error) {
	var fx fixtures
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		return fx, fmt.Errorf("connect: %w", err)
	}
	defer conn.Close(context.Background())
	st, err := store.ScaleStatsOf(ctx, conn)
	if err != nil {
		return fx, err
	}
	fx.largestTenant, fx.largestInstitution = st.LargestTenantID, st.LargestInstitutionID
	// The deepest pages the issue measured, or the last page of a smaller set.
	deep := func(want, rows int) int { return max(1, min(want, (rows-1)/25+1)) }
	fx.queueDeep = deep(500, st.LargestQueue)
	fx.inboxDeep = deep(1000, st.InboxWaiting)
	fx.inboxAllDeep = deep(3000, st.InboxAll)
	fx.search = st.SearchTerm
	for _, c := range []struct {
		list string
		page int
		dst  *string
	}{{"queue", fx.queueDeep, &fx.queueCursor}, {"inbox", fx.inboxDeep, &fx.inboxCursor}, {"inbox_all", fx.inboxAllDeep, &fx.inboxAllCursor}} {
		if *c.dst, err = store.ScaleCursor(ctx, conn, c.list, c.page); err != nil {
			return fx, err
		}
	}
	if fx.detail, err = store.ScaleTargets(ctx, conn, store.ScaleLargestSlug, "active", users); err != nil {
		return fx, err
	}
	if fx.within, err = store.ScaleTargets(ctx, conn, store.ScaleLargestSlug, "submitted", 5000); err != nil {
		return fx, err
	}
	if fx.across, err = store.ScaleTargetsAcross(ctx, conn, "submitted", users, 200); err != nil {
		return fx, err
	}
	for _, t := range fx.across {
		if !slices.Contains(fx.acrossSlugs, t.Slug) {
			fx.acrossSlugs = append(fx.acrossSlugs, t.Slug)
		}
	}
	if len(fx.detail) == 0 || len(fx.within) == 0 || len(fx.acrossSlugs) < users {
		return fx, errors.New("the data set lacks applications to load (re-seed it)")
	}
	return fx, nil
}

// signIn logs users in, two at a time (each login hashes a password), and
// returns one client per user.
func signIn(ctx context.Context, email func(i int) string) ([]*http.Client, error) {
	out := make([]*http.Client, users)
	errs := make([]error, users)
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2) // each login's argon2id holds 19 MiB
	for i := range users {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			out[i], errs[i] = signInOne(ctx, email(i))
		}()
	}
	wg.Wait()
	return out, errors.Join(errs...)
}

func signInOne(ctx context.Context, email string) (*http.Client, error) {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Transport: transport, Timeout: 60 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	form := url.Values{"email": {email}, "password": {password}}
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, "http://"+serverAddr+"/masuk", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := c.Do(req)
	if err != nil {
		return nil, fmt.Errorf("sign %s in: %w", email, err)
	}
	io.Copy(io.Discard, resp.Body) //nolint:errcheck // drained
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		return nil, fmt.Errorf("sign %s in: status %d", email, resp.StatusCode)
	}
	if resp.Header.Get("Location") == "/masuk/verifikasi" {
		// Kepala, Dirjen and admin accounts sign in with two factors: seed-scale
		// gives them store.ScaleTOTPSecret, so the code is the one their app would
		// show now. Each user signs in once, so no code is used twice.
		if err := secondStep(ctx, c, email); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// secondStep posts the current TOTP code of a seeded account.
func secondStep(ctx context.Context, c *http.Client, email string) error {
	code, err := totp.GenerateCode(store.ScaleTOTPSecret, time.Now())
	if err != nil {
		return fmt.Errorf("sign %s in: TOTP code: %w", email, err)
	}
	form := url.Values{"code": {code}}
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, "http://"+serverAddr+"/masuk/verifikasi", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := c.Do(req)
	if err != nil {
		return fmt.Errorf("sign %s in: second step: %w", email, err)
	}
	io.Copy(io.Discard, resp.Body) //nolint:errcheck // drained
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/beranda" {
		return fmt.Errorf("sign %s in: second step: status %d to %q", email, resp.StatusCode, resp.Header.Get("Location"))
	}
	return nil
}

var transport = &http.Transport{MaxIdleConns: 256, MaxIdleConnsPerHost: 128, IdleConnTimeout: time.Minute}

func anonymous() []*http.Client {
	out := make([]*http.Client, users)
	for i := range out {
		out[i] = &http.Client{Transport: transport, Timeout: 60 * time.Second}
	}
	return out
}

func fixed(path string) func(w, i int) string {
	return func(int, int) string { return "http://" + serverAddr + path }
}

type page struct {
	name    string
	clients []*http.Client
	url     func(worker, i int) string
}

type result struct {
	name               string
	rps                float64
	p50, p99           time.Duration
	errors             int
	firstErr           string
	statements, counts int64
}

func (r result) stmts() string {
	if r.counts == 0 {
		return "-"
	}
	return strconv.FormatFloat(float64(r.statements)/float64(r.counts), 'f', 1, 64)
}

type sample struct {
	lat        []time.Duration
	errors     int
	firstErr   string
	statements int64
	counts     int64
}

func (s *sample) fail(msg string) {
	if s.errors == 0 {
		s.firstErr = msg
	}
	s.errors++
}

// do sends req and records it in s: a failure, an answer other than want, and
// the statements the server counted for it.
func (s *sample) do(c *http.Client, req *http.Request, want int) {
	resp, err := c.Do(req)
	if err != nil {
		s.fail(err.Error())
		return
	}
	io.Copy(io.Discard, resp.Body) //nolint:errcheck // drained
	resp.Body.Close()
	if resp.StatusCode != want {
		s.fail(fmt.Sprintf("%s %s: %d", req.Method, req.URL, resp.StatusCode))
	}
	s.statementsOf(resp)
}

func (s *sample) statementsOf(resp *http.Response) {
	if v := resp.Header.Get(statementsHeader); v != "" {
		n, _ := strconv.ParseInt(v, 10, 64)
		s.statements += n
		s.counts++
	}
}

// load runs 32 closed-loop clients for the warm-up and then the measured time.
func (p page) load(ctx context.Context, o options) (result, error) {
	return measure(ctx, o, p.name, len(p.clients), func(w, i int, s *sample) bool {
		target := p.url(w, i)
		if !strings.HasPrefix(target, "http") {
			target = "http://" + serverAddr + target
		}
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
		s.do(p.clients[w], req, http.StatusOK)
		return true
	}), nil
}

// forward fires the forward transition on submitted applications, each client on
// its own share of them, until the time is up or they run out.
func forward(ctx context.Context, o options, dbURL, name string, clients []*http.Client, targets []store.ScaleTarget) result {
	// Each worker takes the next application of its queue: every target for the
	// one tenant, or its own tenant's targets across tenants.
	queues := make([][]store.ScaleTarget, len(clients))
	if name == "forward_32_tenants" {
		slugs := map[string]int{}
		for _, t := range targets {
			w, ok := slugs[t.Slug]
			if !ok {
				w = len(slugs)
				slugs[t.Slug] = w
			}
			if w < len(queues) {
				queues[w] = append(queues[w], t)
			}
		}
	}
	var mu sync.Mutex
	next := 0
	take := func(w int) (store.ScaleTarget, bool) {
		mu.Lock()
		defer mu.Unlock()
		if name == "forward_32_tenants" {
			if len(queues[w]) == 0 {
				return store.ScaleTarget{}, false
			}
			t := queues[w][0]
			queues[w] = queues[w][1:]
			return t, true
		}
		if next >= len(targets) {
			return store.ScaleTarget{}, false
		}
		next++
		return targets[next-1], true
	}
	var sentMu sync.Mutex
	var sent []int64
	r := measure(ctx, o, name, len(clients), func(w, i int, s *sample) bool {
		t, ok := take(w)
		if !ok {
			return false
		}
		target := fmt.Sprintf("http://%s/%s/kantor/permohonan/%d/aksi/forward", serverAddr, t.Slug, t.ID)
		form := url.Values{"version": {strconv.Itoa(t.Version)}}
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, target, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		s.do(clients[w], req, http.StatusSeeOther)
		sentMu.Lock()
		sent = append(sent, t.ID)
		sentMu.Unlock()
		return true
	})
	// A refused forward also answers 303 (Post/Redirect/Get to the page that
	// shows why): only the applications that reached "forwarded" count.
	done, err := store.ScaleCountInState(ctx, dbURL, sent, "forwarded")
	if err != nil {
		r.errors++
		r.firstErr = err.Error()
		return r
	}
	if refused := len(sent) - done; refused > 0 {
		if r.errors == 0 {
			r.firstErr = fmt.Sprintf("%d of %d forwards were refused (answered 303 to the page, state unchanged)", refused, len(sent))
		}
		r.errors += refused
	}
	return r
}

// measure runs n workers in a closed loop: a warm-up whose samples are dropped,
// then the measured time. do returns false when a worker has nothing left to do.
func measure(ctx context.Context, o options, name string, n int, do func(worker, i int, s *sample) bool) result {
	samples := make([]*sample, n)
	var wg sync.WaitGroup
	start := time.Now()
	measureFrom := start.Add(o.warmup)
	end := measureFrom.Add(o.duration)
	if strings.HasPrefix(name, "forward") {
		measureFrom = start // a forward consumes its application: count every one
		end = start.Add(o.duration)
	}
	var last time.Time
	var lastMu sync.Mutex
	for w := range n {
		samples[w] = &sample{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := samples[w]
			for i := 0; ctx.Err() == nil; i++ {
				t0 := time.Now()
				if t0.After(end) {
					break
				}
				warm := t0.Before(measureFrom)
				var tmp sample
				target := s
				if warm {
					target = &tmp
				}
				if !do(w, i, target) {
					break
				}
				if !warm {
					s.lat = append(s.lat, time.Since(t0))
				}
			}
			lastMu.Lock()
			if now := time.Now(); now.After(last) {
				last = now
			}
			lastMu.Unlock()
		}()
	}
	wg.Wait()
	var all []time.Duration
	r := result{name: name}
	for _, s := range samples {
		all = append(all, s.lat...)
		if s.errors > 0 && r.errors == 0 {
			r.firstErr = s.firstErr
		}
		r.errors += s.errors
		r.statements += s.statements
		r.counts += s.counts
	}
	if len(all) == 0 {
		return r
	}
	slices.Sort(all)
	r.p50 = all[len(all)*50/100]
	r.p99 = all[min(len(all)-1, len(all)*99/100)]
	if last.After(end) {
		last = end
	}
	r.rps = float64(len(all)) / last.Sub(measureFrom).Seconds()
	return r
}
