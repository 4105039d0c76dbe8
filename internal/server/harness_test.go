package server_test

// The harness builds the real application over a fresh PostgreSQL database per
// test (package testdb), serves it with httptest, and drives it with a small
// client that keeps cookies itself (Go's cookiejar drops Secure cookies on plain
// http) and never follows redirects, so tests can assert each hop.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/pquerna/otp/totp"
	xhtml "golang.org/x/net/html"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/auth"
	"github.com/hakakses/hakakses/internal/clock"
	"github.com/hakakses/hakakses/internal/config"
	"github.com/hakakses/hakakses/internal/reqid"
	"github.com/hakakses/hakakses/internal/server"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/testdb"
)

// sessionCookie is the name server.New gives the session cookie.
const sessionCookie = "hakakses_session"

// testHashParams keep argon2id cheap in tests; production uses auth.DefaultParams.
var testHashParams = auth.Params{Memory: 1024, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

// demoNow is the instant the manual clock stands at: a Tuesday morning in WIB.
var demoNow = time.Date(2025, time.March, 11, 9, 0, 0, 0, time.FixedZone("WIB", 7*3600))

// env is one running application over its own database.
type env struct {
	t     testing.TB
	DB    *store.DB
	URL   string // the database's URL (the table owner's)
	App   *app.App
	Clock *clock.Manual
	Srv   *httptest.Server
	Cfg   config.Config
	Logs  *logBuffer // every log line of app and server, as JSON
	TOTP  *authenticator
}

type envOption func(*config.Config)

// withStatementCounts puts each response's statement count in a header.
func withStatementCounts() envOption {
	return func(c *config.Config) { c.CountStatements = true }
}

// withIdleTimeout shortens the session idle timeout.
func withIdleTimeout(d time.Duration) envOption {
	return func(c *config.Config) { c.IdleTimeout = d }
}

// newEnv migrates a fresh database, seeds the demo (tenant "oki", one account per
// role), and serves the real handler.
func newEnv(t testing.TB, opts ...envOption) *env {
	t.Helper()
	db, dbURL := testdb.Open(t)
	if err := db.EnableStatementCounting(context.Background()); err != nil {
		t.Fatalf("count statements: %v", err)
	}
	logs := &logBuffer{}
	logger := slog.New(reqid.NewHandler(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	clk := clock.NewManual(demoNow)
	a := app.New(db, clk, logger)
	a.HashParams = testHashParams
	totpClock := clock.NewManual(time.Now())
	a.TOTPClock = totpClock
	if err := a.SeedDemo(context.Background()); err != nil {
		t.Fatalf("seed demo: %v", err)
	}
	cfg := config.Config{
		Addr:          "127.0.0.1:0",
		BaseURL:       "http://localhost",
		CookieSecure:  true,
		IdleTimeout:   30 * time.Minute,
		SessionMaxAge: 12 * time.Hour,
		LogLevel:      "debug",
	}
	for _, o := range opts {
		o(&cfg)
	}
	s := server.New(a, cfg, logger)
	srv := httptest.NewServer(s)
	// Cleanups run last-in first-out: the server stops before the database goes.
	// s.Close is deliberately not called: pgxstore's StopCleanup reads a channel
	// field its cleanup goroutine writes without synchronisation (a data race the
	// race detector reports). The idle goroutine ticks every 10 minutes, long after
	// the test binary is done.
	t.Cleanup(srv.Close)
	return &env{t: t, DB: db, URL: dbURL, App: a, Clock: clk, Srv: srv, Cfg: cfg, Logs: logs, TOTP: newAuthenticator(totpClock)}
}

// client is one browser: its own cookies, no automatic redirects. It sends each
// request straight through a Transport, so no client-side redirect handling
// (not even parsing the Location header) stands between a test and the response.
type client struct {
	t       testing.TB
	base    string
	rt      http.RoundTripper
	mu      sync.Mutex
	cookies map[string]*http.Cookie
	totp    *authenticator // the users' authenticator apps, shared by the env's clients
}

// newClient returns a browser talking to e from 127.0.0.1; failures are
// reported to t (pass the subtest's t from a subtest).
func (e *env) newClient(t testing.TB) *client { return e.newClientFrom(t, "") }

// newClientFrom returns a browser whose connections leave from localIP (any
// address of 127.0.0.0/8 works on Linux), so the server sees another client
// address; "" lets the system choose.
func (e *env) newClientFrom(t testing.TB, localIP string) *client {
	tr := e.Srv.Client().Transport.(*http.Transport).Clone()
	if localIP != "" {
		d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(localIP)}, Timeout: 5 * time.Second}
		tr.DialContext = d.DialContext
	}
	t.Cleanup(tr.CloseIdleConnections)
	return &client{t: t, base: e.Srv.URL, rt: tr, cookies: map[string]*http.Cookie{}, totp: e.TOTP}
}

// response is what a test asserts on.
type response struct {
	Status     int
	Header     http.Header
	Body       string
	SetCookies []*http.Cookie
}

// Location is the raw Location header.
func (r *response) Location() string { return r.Header.Get("Location") }

// sessionSet returns the session cookie this response set, if any.
func (r *response) sessionSet() (*http.Cookie, bool) {
	for _, c := range r.SetCookies {
		if c.Name == sessionCookie {
			return c, true
		}
	}
	return nil, false
}

func (r *response) String() string {
	body := r.Body
	if len(body) > 600 {
		body = body[:600] + "…"
	}
	return fmt.Sprintf("status %d, Location %q, body %s", r.Status, r.Location(), body)
}

// do sends req with the client's cookies and remembers the cookies it gets back.
func (c *client) do(req *http.Request) *response {
	c.t.Helper()
	c.mu.Lock()
	for _, ck := range c.cookies {
		req.AddCookie(&http.Cookie{Name: ck.Name, Value: ck.Value})
	}
	c.mu.Unlock()
	ctx, cancel := context.WithTimeout(req.Context(), 20*time.Second)
	defer cancel()
	res, err := c.rt.RoundTrip(req.WithContext(ctx))
	if err != nil {
		c.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		c.t.Fatalf("%s %s: read body: %v", req.Method, req.URL, err)
	}
	set := res.Cookies()
	c.mu.Lock()
	for _, ck := range set {
		if ck.MaxAge < 0 || ck.Value == "" {
			delete(c.cookies, ck.Name)
		} else {
			c.cookies[ck.Name] = ck
		}
	}
	c.mu.Unlock()
	return &response{Status: res.StatusCode, Header: res.Header, Body: string(b), SetCookies: set}
}

func (c *client) newRequest(method, path string, body io.Reader) *http.Request {
	c.t.Helper()
	req, err := http.NewRequest(method, c.base+path, body)
	if err != nil {
		c.t.Fatalf("new request %s %s: %v", method, path, err)
	}
	return req
}

// get fetches path.
func (c *client) get(path string) *response {
	c.t.Helper()
	return c.do(c.newRequest(http.MethodGet, path, nil))
}

// post submits a form the way a browser does from one of the site's own pages.
func (c *client) post(path string, form url.Values) *response {
	c.t.Helper()
	return c.postWith(path, form, http.Header{"Sec-Fetch-Site": {"same-origin"}})
}

// postWith submits a form with exactly the extra headers given (none of the
// browser's same-origin markers unless listed).
func (c *client) postWith(path string, form url.Values, h http.Header) *response {
	c.t.Helper()
	req := c.newRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for k, vs := range h {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	return c.do(req)
}

// session returns the session token the client holds, or "".
func (c *client) session() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if ck, ok := c.cookies[sessionCookie]; ok {
		return ck.Value
	}
	return ""
}

// setSession makes the client present token as its session cookie.
func (c *client) setSession(token string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cookies[sessionCookie] = &http.Cookie{Name: sessionCookie, Value: token}
}

// login posts the login form and requires success: 303 to /beranda.
// A user whose account has a second factor (or must enrol one) passes that step
// too, as its owner would with an authenticator app (secondStep); an enrolment
// ends on the recovery codes page, whose continue link must lead to /beranda.
func (c *client) login(email, password string) *response {
	c.t.Helper()
	res := c.post("/masuk", url.Values{"email": {email}, "password": {password}})
	res, enrolled := c.secondStep(email, res)
	if enrolled {
		if res.Status != http.StatusOK || !strings.Contains(res.Body, `href="/beranda" data-testid="recovery-continue"`) {
			c.t.Fatalf("login %s: enrolment did not end on the recovery codes leading to /beranda: %s", email, res)
		}
		return res
	}
	if res.Status != http.StatusSeeOther || res.Location() != "/beranda" {
		c.t.Fatalf("login %s: want 303 to /beranda, got %s", email, res)
	}
	return res
}

// secondStep answers the second step a password answer res leads to, if any: the
// code from the user's authenticator app, or (for a role that must have one and
// has none) an enrolment with the secret the page shows, remembered for later
// sign-ins. It returns the final answer and whether that was an enrolment.
func (c *client) secondStep(email string, res *response) (*response, bool) {
	c.t.Helper()
	if res.Status != http.StatusSeeOther {
		return res, false
	}
	email = strings.ToLower(strings.TrimSpace(email))
	switch res.Location() {
	case "/masuk/verifikasi":
		unlock := c.totp.hold()
		defer unlock()
		return c.post("/masuk/verifikasi", url.Values{"code": {c.totp.nextCode(c.t, email)}}), false
	case "/masuk/aktivasi-dua-langkah":
		page := c.get(res.Location())
		m := enrolSecretRE.FindStringSubmatch(page.Body)
		if m == nil {
			c.t.Fatalf("enrolment page shows no secret: %s", page)
		}
		secret := strings.ReplaceAll(m[1], " ", "")
		c.totp.remember(email, secret)
		unlock := c.totp.hold()
		defer unlock()
		return c.post(res.Location(), url.Values{"code": {c.totp.nextCode(c.t, email)}}), true
	}
	return res, false
}

var enrolSecretRE = regexp.MustCompile(`data-testid="enrol-secret">([A-Z2-7 ]+)<`)

// authenticator is the users' authenticator apps: each account's secret (the
// demo's and seed-scale's known ones, and any enrolled in the test) and the
// clock the server checks codes against. A code is accepted once per 30-second
// step, so every code it makes moves that clock on by a step first, as if the
// user signed in again half a minute later; the app's own clock stays put.
type authenticator struct {
	mu      sync.Mutex // held from making a code until the server has checked it
	clock   *clock.Manual
	smu     sync.Mutex
	secrets map[string]string
}

func newAuthenticator(c *clock.Manual) *authenticator {
	return &authenticator{clock: c, secrets: map[string]string{}}
}

func (a *authenticator) hold() func() { a.mu.Lock(); return a.mu.Unlock }

func (a *authenticator) remember(email, secret string) {
	a.smu.Lock()
	defer a.smu.Unlock()
	a.secrets[email] = secret
}

// secret is the account's TOTP secret as its owner's app holds it.
func (a *authenticator) secret(t testing.TB, email string) string {
	t.Helper()
	a.smu.Lock()
	s, ok := a.secrets[email]
	a.smu.Unlock()
	switch {
	case ok:
		return s
	case strings.HasSuffix(email, "@"+store.ScaleDomain) || strings.HasSuffix(email, "."+store.ScaleDomain):
		return store.ScaleTOTPSecret
	}
	for _, acc := range app.DemoAccounts {
		if acc.Email == email {
			return app.DemoTOTPSecret
		}
	}
	t.Fatalf("no authenticator secret known for %s", email)
	return ""
}

// nextCode moves the server's TOTP clock on by a step and returns the code of
// that step; call it while holding the authenticator.
func (a *authenticator) nextCode(t testing.TB, email string) string {
	t.Helper()
	a.clock.Advance(30 * time.Second)
	return a.codeNow(t, email)
}

// codeNow is the code the app shows at the current step (a replay test's).
func (a *authenticator) codeNow(t testing.TB, email string) string {
	t.Helper()
	code, err := totp.GenerateCode(a.secret(t, email), a.clock.Now())
	if err != nil {
		t.Fatalf("TOTP code for %s: %v", email, err)
	}
	return code
}

// follow GETs path and then every redirect it leads to (up to 10 hops), returning
// the final response and the paths visited.
func (c *client) follow(path string) (*response, []string) {
	c.t.Helper()
	visited := []string{path}
	res := c.get(path)
	for i := 0; i < 10 && isRedirect(res.Status); i++ {
		loc, err := url.Parse(res.Location())
		if err != nil {
			c.t.Fatalf("redirect from %s: bad Location %q", visited[len(visited)-1], res.Location())
		}
		if loc.Host != "" {
			c.t.Fatalf("redirect from %s leaves the site: %q", visited[len(visited)-1], res.Location())
		}
		visited = append(visited, loc.RequestURI())
		res = c.get(loc.RequestURI())
	}
	return res, visited
}

func isRedirect(status int) bool { return status >= 300 && status < 400 }

// demo returns the seeded account of a role.
func demo(t testing.TB, role string) app.DemoAccount {
	t.Helper()
	for _, a := range app.DemoAccounts {
		if a.Role == role {
			return a
		}
	}
	t.Fatalf("no demo account for role %q", role)
	return app.DemoAccount{}
}

// loginAs returns a new client logged in as the demo account of role.
func (e *env) loginAs(t testing.TB, role string) *client {
	t.Helper()
	c := e.newClient(t)
	c.login(demo(t, role).Email, app.DemoPassword)
	return c
}

// secondTenant is Kabupaten Ogan Komering Ulu (16.01), onboarded as "oku" with one
// verified institution, a lembaga user and a petugas.
type secondTenant struct {
	ID           int64
	LembagaEmail string
	PetugasEmail string
	Password     string
}

// onboardOKU onboards tenant B next to the demo's OKI.
func (e *env) onboardOKU() secondTenant {
	e.t.Helper()
	ctx := context.Background()
	st := secondTenant{LembagaEmail: "lembaga@oku.test", PetugasEmail: "petugas@oku.test", Password: "kata-sandi-oku-123"}
	hash, err := auth.Hash(st.Password, testHashParams)
	if err != nil {
		e.t.Fatal(err)
	}
	now := e.Clock.Now()
	err = e.DB.Tx(ctx, store.System(), func(tx pgx.Tx) error {
		t, err := store.TenantByCode(ctx, tx, "16.01")
		if err != nil {
			return fmt.Errorf("tenant 16.01: %w", err)
		}
		st.ID = t.ID
		s := app.DemoTenantSettings
		s.Slug, s.City, s.UnitCode = "oku", "Baturaja", "DUKCAPIL.OKU"
		s.ServiceSK, s.ComplaintPhone, s.Email = "470/1/KEP/DUKCAPIL.OKU/2024", "0811-0000-0001", "disdukcapil@oku.test"
		s.KepalaName, s.HeadName = "Kepala OKU", "Bupati OKU"
		if err := store.UpdateTenantSettings(ctx, tx, t.ID, s, now); err != nil {
			return fmt.Errorf("onboard: %w", err)
		}
		inst, err := store.CreateInstitution(ctx, tx, store.NewInstitution{
			TenantID: t.ID, Type: "perangkat_daerah", Name: "Dinas Sosial Kabupaten Ogan Komering Ulu",
		}, now)
		if err != nil {
			return fmt.Errorf("institution: %w", err)
		}
		if err := store.SetInstitutionStatus(ctx, tx, t.ID, inst, "verified", "", now); err != nil {
			return fmt.Errorf("verify institution: %w", err)
		}
		if _, err := store.CreateUser(ctx, tx, store.NewUser{TenantID: &t.ID, InstitutionID: &inst,
			Email: st.LembagaEmail, Name: "Lembaga OKU", Role: "lembaga", PasswordHash: hash}, now); err != nil {
			return fmt.Errorf("lembaga: %w", err)
		}
		if _, err := store.CreateUser(ctx, tx, store.NewUser{TenantID: &t.ID,
			Email: st.PetugasEmail, Name: "Petugas OKU", Role: "petugas", PasswordHash: hash}, now); err != nil {
			return fmt.Errorf("petugas: %w", err)
		}
		return nil
	})
	if err != nil {
		e.t.Fatalf("onboard OKU: %v", err)
	}
	return st
}

// sessionExpiry reads a session's expiry from the scs table (no RLS on it).
func (e *env) sessionExpiry(token string) (time.Time, bool) {
	e.t.Helper()
	var exp time.Time
	err := e.DB.ReadTx(context.Background(), store.System(), func(tx pgx.Tx) error {
		return tx.QueryRow(context.Background(), `SELECT expiry FROM sessions WHERE token = $1`, token).Scan(&exp)
	})
	if errors.Is(err, pgx.ErrNoRows) {
		return time.Time{}, false
	}
	if err != nil {
		e.t.Fatalf("read session: %v", err)
	}
	return exp, true
}

// ---- HTML helpers --------------------------------------------------------------

var userNameRE = regexp.MustCompile(`data-testid="user-name"[^>]*>([^<]*)<`)

// userName is the logged-in user's name shown in the header, or "".
func userName(body string) string {
	m := userNameRE.FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return html.UnescapeString(m[1])
}

func parseHTML(t testing.TB, body string) *xhtml.Node {
	t.Helper()
	doc, err := xhtml.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatalf("parse HTML: %v", err)
	}
	return doc
}

// byTestID finds the first element with data-testid=id.
func byTestID(n *xhtml.Node, id string) *xhtml.Node {
	if n.Type == xhtml.ElementNode {
		for _, a := range n.Attr {
			if a.Key == "data-testid" && a.Val == id {
				return n
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := byTestID(c, id); f != nil {
			return f
		}
	}
	return nil
}

// childElements lists n's direct element children named tag.
func childElements(n *xhtml.Node, tag string) []*xhtml.Node {
	var out []*xhtml.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == xhtml.ElementNode && c.Data == tag {
			out = append(out, c)
		}
	}
	return out
}

// text is n's text content with runs of white space collapsed to one space.
func text(n *xhtml.Node) string {
	var b strings.Builder
	var walk func(*xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// ---- log capture ---------------------------------------------------------------

// logBuffer collects log output safely across the server's goroutines.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// lines decodes every JSON log line so far.
func (l *logBuffer) lines(t testing.TB) []map[string]any {
	t.Helper()
	var out []map[string]any
	sc := bufio.NewScanner(strings.NewReader(l.String()))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("log line is not JSON: %q: %v", sc.Text(), err)
		}
		out = append(out, m)
	}
	return out
}

// waitForLine waits up to two seconds for a line matching pred: the request log
// line is written after the response has gone out, so it may trail the client.
func (l *logBuffer) waitForLine(t testing.TB, pred func(map[string]any) bool) map[string]any {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for {
		for _, m := range l.lines(t) {
			if pred(m) {
				return m
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no matching log line in:\n%s", l.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// requestLine matches the request log line of method and path with status.
func requestLine(method, path string, status int) func(map[string]any) bool {
	return func(m map[string]any) bool {
		return m["msg"] == "request" && m["method"] == method && m["path"] == path && m["status"] == float64(status)
	}
}

// refusedAt checks that a refused POST redirected (303) to want and returns the
// page there, which must show the refusal once: a second GET (a reload) is a
// plain 200 page without it.
func (c *client) refusedAt(res *response, want string) *response {
	c.t.Helper()
	if res.Status != http.StatusSeeOther || res.Location() != want {
		c.t.Fatalf("refused POST: want 303 to %s, got %s", want, res)
	}
	page := c.get(want)
	if page.Status != http.StatusOK {
		c.t.Fatalf("page after a refusal: %s", page)
	}
	if !strings.Contains(page.Body, `data-error-summary`) {
		c.t.Fatalf("the page after a refusal shows no error summary:\n%s", page)
	}
	return page
}
