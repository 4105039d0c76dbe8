// Package e2e drives the real application in headless Chromium, as each role
// would use it. Every test serves the whole product (app, server, templ pages)
// over a fresh database, and every screen it visits is saved as a full-page
// screenshot under e2e-artifacts/ and checked with axe-core: a serious or
// critical WCAG 2 A/AA violation fails the test.
//
// Needs: Chromium (`apt-get install chromium fonts-liberation`), axe-core
// (`npm ci` in internal/e2e), pdftotext (`apt-get install poppler-utils`) and
// PostgreSQL as package testdb finds it. .ci/run installs all of them.
package e2e

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/pquerna/otp/totp"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/auth"
	"github.com/hakakses/hakakses/internal/clock"
	"github.com/hakakses/hakakses/internal/config"
	"github.com/hakakses/hakakses/internal/devdb"
	"github.com/hakakses/hakakses/internal/server"
	"github.com/hakakses/hakakses/internal/testdb"
	"github.com/hakakses/hakakses/internal/workflow"
)

const (
	// stepTimeout bounds one browser step (a navigation, a query, a screenshot):
	// a missing element fails within it instead of hanging the test.
	stepTimeout = 40 * time.Second
	// testTimeout bounds a whole test's browser; the brief is ~2 minutes a test,
	// more on a CPU shared with other builds (every screen is also width-checked
	// and every form submission reloaded).
	testTimeout = 6 * time.Minute
)

// demoStart is where the demo clock starts: Tuesday 2026-03-10 09:00 WIB, so
// SLA texts and letter dates are stable enough to read in screenshots.
var demoStart = time.Date(2026, time.March, 10, 9, 0, 0, 0, time.FixedZone("WIB", 7*3600))

// cheapHash keeps argon2id fast in tests; production uses auth.DefaultParams.
var cheapHash = auth.Params{Memory: 1024, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

// E is one running product and one browser tab driving it.
type E struct {
	t    *testing.T
	App  *app.App
	Srv  *httptest.Server
	Base string // http://127.0.0.1:port

	ctx     context.Context // the current tab; each step derives a timeout from it
	user    *app.DemoAccount
	browser context.Context // the first tab, parent of the others
	tabs    map[string]*tab // one window of its own per role, see as
	cancels []context.CancelFunc
	root    string // repository root
	dir     string // this test's artifact folder
	axe     string // axe-core's source
	phone   int64  // the emulated phone's width; 0 on the desktop

	mu       sync.Mutex
	n        int // artifacts saved so far, for the NN- prefix
	console  []chromedp.ConsoleMessage
	seen     int                    // console messages already checked
	dialogs  []string               // confirm() texts the tests accepted, in order
	checked  map[string]string      // DOM digest → the screen axe already checked with it
	findings map[string]*axeFinding // serious violations, reported once each
	favicon  bool                   // the missing /favicon.ico was reported
	logs     *lineBuffer
	finished bool

	totpClock *clock.Manual // the server's clock for second-factor codes (totpCode)
}

var (
	axeOnce sync.Once
	axeSrc  string
	axeErr  error
)

// chromium finds Debian's Chromium; the test fails (never skips) without it,
// because CI installs it and a skipped browser suite proves nothing.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("Chromium is not installed; the browser tests need it: run `apt-get install chromium fonts-liberation` (.ci/run does)")
	return ""
}

func axeSource(t *testing.T, root string) string {
	t.Helper()
	axeOnce.Do(func() {
		var b []byte
		b, axeErr = os.ReadFile(filepath.Join(root, "internal", "e2e", "node_modules", "axe-core", "axe.min.js"))
		axeSrc = string(b)
	})
	if axeErr != nil {
		t.Fatalf("axe-core is not installed (%v): run `npm ci` in internal/e2e (.ci/run does)", axeErr)
	}
	return axeSrc
}

// The two screens every page is tried at: a clerk's laptop and a phone.
const (
	desktopWidth, desktopHeight = 1366, 900
	phoneWidth, phoneHeight     = 390, 844
)

// start serves the product over a fresh, seeded database and opens Chromium at
// the desktop size.
func start(t *testing.T) *E {
	t.Helper()
	return startAt(t, 0)
}

// startPhone is start on a 390×844 phone (mobile emulation, touch): every
// screen must then fit the viewport's width.
func startPhone(t *testing.T) *E {
	t.Helper()
	return startAt(t, phoneWidth)
}

func startAt(t *testing.T, phone int64) *E {
	t.Helper()
	chrome := chromium(t)
	root, err := devdb.RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	axe := axeSource(t, root)

	db, _ := testdb.Open(t)
	logs := &lineBuffer{}
	logger := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelInfo}))
	a := app.New(db, clock.StartingAt(demoStart), logger)
	a.HashParams = cheapHash
	// The server checks second-factor codes against a clock of their own, moved
	// on by a 30-second step before each code (a code counts once per step).
	totpClock := clock.NewManual(time.Now())
	a.TOTPClock = totpClock
	if err := a.SeedDemo(context.Background()); err != nil {
		t.Fatalf("seed demo: %v", err)
	}
	cfg := config.Config{
		Addr:           "127.0.0.1:0",
		BaseURL:        "http://127.0.0.1",
		CookieSecure:   true, // Chromium accepts Secure cookies from http://127.0.0.1
		IdleTimeout:    30 * time.Minute,
		SessionMaxAge:  12 * time.Hour,
		LogLevel:       "info",
		MaxUploadBytes: 10 << 20,
	}
	s := server.New(a, cfg, logger)
	srv := httptest.NewServer(s)
	t.Cleanup(func() {
		srv.Close()
		s.Close()
	})

	dir := filepath.Join(root, "e2e-artifacts", artifactName(t.Name()))
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}

	// The profile is removed by hand, tolerantly: Chromium's helpers can still be
	// writing into it for a moment after the browser exits.
	profile, err := os.MkdirTemp("", "hakakses-e2e-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for range 20 {
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})

	e := &E{t: t, App: a, Srv: srv, Base: srv.URL, root: root, dir: dir, axe: axe, logs: logs, totpClock: totpClock,
		checked: map[string]string{}, findings: map[string]*axeFinding{}, phone: phone}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chrome),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(desktopWidth, desktopHeight),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-breakpad", true),
		chromedp.Flag("disable-features", "Translate,OptimizationHints,MediaRouter"),
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.Flag("password-store", "basic"),
		chromedp.Flag("lang", "id-ID"),
		// The browser is an Indonesian user's: headless Chromium otherwise sends
		// "Accept-Language: en-US", which now shows the pages in English.
		chromedp.Flag("accept-lang", "id-ID,id"),
	}
	base, cancelBase := context.WithTimeout(context.Background(), testTimeout)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(base, opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx, chromedp.WithErrorf(e.logf), chromedp.WithLogf(func(string, ...any) {}))
	t.Cleanup(func() {
		e.mu.Lock()
		e.finished = true
		e.mu.Unlock()
		for _, c := range e.cancels {
			c()
		}
		cancelCtx()
		cancelAlloc()
		cancelBase()
		e.reportFindings()
		if t.Failed() {
			e.dumpServerErrors()
		}
	})
	// The first Do starts the browser; it must run without a step timeout.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start Chromium (%s): %v", chrome, err)
	}
	e.ctx, e.browser, e.tabs = ctx, ctx, map[string]*tab{}
	e.listen(ctx)
	e.emulate(ctx)
	return e
}

// emulate gives a tab the phone's viewport when the test runs on a phone.
func (e *E) emulate(ctx context.Context) {
	if e.phone == 0 {
		return
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(e.phone, phoneHeight, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(2))); err != nil {
		e.t.Fatalf("emulate a phone: %v", err)
	}
}

// listen follows a tab's console and accepts its confirmation dialogs
// (data-confirm buttons) as a person clicking OK would, remembering their
// texts so tests can assert they were asked.
func (e *E) listen(ctx context.Context) {
	dialogs := chromedp.Events(ctx, page.JavascriptDialogOpening)
	go func() {
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			e.mu.Lock()
			e.dialogs = append(e.dialogs, ev.Message)
			e.mu.Unlock()
			chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		}
	}()
	msgs := chromedp.Console(ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			e.mu.Lock()
			e.console = append(e.console, m)
			e.mu.Unlock()
		}
	}()
}

// tab is a browser window with its own cookies, for one person.
type tab struct {
	ctx  context.Context
	user *app.DemoAccount
}

// as switches to role's own window, signing in through the form the first
// time. Several people work on one application; each keeps a window (an
// isolated browser context, as on separate computers), so switching between
// them needs no logout and login.
func (e *E) as(role string) {
	e.t.Helper()
	if e.user != nil && e.user.Role == role {
		return
	}
	if e.tabs[e.roleKey()] == nil {
		e.tabs[e.roleKey()] = &tab{ctx: e.ctx}
	}
	e.tabs[e.roleKey()].user = e.user
	if t, ok := e.tabs[role]; ok {
		e.ctx, e.user = t.ctx, t.user
		return
	}
	ctx, cancel := chromedp.NewContext(e.browser, chromedp.WithNewBrowserContext())
	e.cancels = append(e.cancels, cancel)
	if err := chromedp.Do(ctx); err != nil {
		e.t.Fatalf("open a window for %s: %v", role, err)
	}
	e.listen(ctx)
	e.emulate(ctx)
	e.tabs[role] = &tab{ctx: ctx}
	e.ctx, e.user = ctx, nil
	e.login(role)
	e.tabs[role].user = e.user
}

// roleKey names the current window: its user's role, or "" when signed out.
func (e *E) roleKey() string {
	if e.user == nil {
		return ""
	}
	return e.user.Role
}

// logf is chromedp's error log, silenced once the test is over.
func (e *E) logf(format string, args ...any) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.finished {
		e.t.Logf("chromedp: "+format, args...)
	}
}

// dumpServerErrors prints the server's warnings and errors after a failure.
func (e *E) dumpServerErrors() {
	for _, line := range e.logs.lines() {
		var m map[string]any
		if json.Unmarshal([]byte(line), &m) != nil {
			continue
		}
		if lvl, _ := m["level"].(string); lvl == "ERROR" || lvl == "WARN" {
			e.t.Logf("server log: %s", line)
		}
	}
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9_.-]+`)

func artifactName(testName string) string {
	parts := strings.Split(testName, "/")
	for i, p := range parts {
		parts[i] = strings.Trim(unsafeName.ReplaceAllString(p, "-"), "-")
	}
	return filepath.Join(parts...)
}

// ---- failure reporting ----------------------------------------------------------

// fatalf stops the test with the current page's address, its visible alerts,
// and a screenshot of what the browser showed.
func (e *E) fatalf(format string, args ...any) {
	e.t.Helper()
	msg := fmt.Sprintf(format, args...)
	e.t.Fatalf("%s%s", msg, e.context("FAILED"))
}

// errorf records a failure and carries on, with the same context as fatalf.
func (e *E) errorf(format string, args ...any) {
	e.t.Helper()
	msg := fmt.Sprintf(format, args...)
	e.t.Errorf("%s%s", msg, e.context("ERROR"))
}

// context describes where the browser is, saving a screenshot of it.
func (e *E) context(label string) string {
	ctx, cancel := context.WithTimeout(e.ctx, 5*time.Second)
	defer cancel()
	var b strings.Builder
	if loc, err := chromedp.Run(ctx, chromedp.Location()); err == nil {
		fmt.Fprintf(&b, "\n    page: %s", loc)
	}
	if h1, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const h = document.querySelector("h1"); return h ? h.innerText : "" })()`)); err == nil && h1 != "" {
		fmt.Fprintf(&b, "\n    heading: %q", h1)
	}
	if alerts, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('[role=alert], .alert, .field-error, [data-testid=flash], [data-testid=error-page]')).map(n => n.innerText.trim()).filter(Boolean)`)); err == nil && len(alerts) > 0 {
		fmt.Fprintf(&b, "\n    messages on page: %q", alerts)
	}
	if png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil {
		p := e.artifact(label, "png")
		if os.WriteFile(p, png, 0o644) == nil {
			fmt.Fprintf(&b, "\n    screenshot: %s", e.rel(p))
		}
	}
	return b.String()
}

func (e *E) rel(p string) string {
	if r, err := filepath.Rel(e.root, p); err == nil {
		return r
	}
	return p
}

// artifact reserves the next numbered file name in this test's folder.
func (e *E) artifact(name, ext string) string {
	e.mu.Lock()
	e.n++
	n := e.n
	e.mu.Unlock()
	name = strings.Trim(unsafeName.ReplaceAllString(name, "-"), "-")
	if name == "" {
		name = "page"
	}
	return filepath.Join(e.dir, fmt.Sprintf("%02d-%s.%s", n, name, ext))
}

// ---- low-level browser steps ---------------------------------------------------

// do runs steps with a step timeout; what names the step in a failure.
func (e *E) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(e.ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		e.fatalf("%s: %v", what, err)
	}
}

// js evaluates expr in the page and decodes its result into T. Runtime.evaluate
// is not subject to the page's Content-Security-Policy.
func js[T any](e *E, expr string) T {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(e.ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		e.fatalf("evaluate %.80q: %v", expr, err)
	}
	return v
}

// q quotes s as a JavaScript string literal.
func q(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// testID is the CSS selector of data-testid=id.
func testID(id string) string { return fmt.Sprintf(`[data-testid=%q]`, id) }

// has reports whether sel matches an element now (pages are server-rendered,
// so after a navigation everything is there or never will be).
func (e *E) has(sel string) bool {
	e.t.Helper()
	return js[bool](e, `document.querySelector(`+q(sel)+`) !== null`)
}

// must fails at once, naming the selector, when sel is not on the page.
func (e *E) must(sel, what string) {
	e.t.Helper()
	if !e.has(sel) {
		e.fatalf("%s: no element %s on this page", what, sel)
	}
}

// visible reports whether sel is rendered (not display:none, not hidden).
func (e *E) visible(sel string) bool {
	e.t.Helper()
	return js[bool](e, `(() => { const el = document.querySelector(`+q(sel)+`); return !!el && el.checkVisibility() })()`)
}

// location is the current path (and query).
func (e *E) location() string {
	e.t.Helper()
	return js[string](e, `location.pathname + location.search`)
}

// ---- navigation: every screen reached is photographed and checked -------------

// visit opens path and checks the screen; the response must not be an error.
func (e *E) visit(path string) {
	e.t.Helper()
	e.visitExpect(path, 0)
}

// visitExpect opens path and requires the final response's status (0: any
// status below 400).
func (e *E) visitExpect(path string, status int) {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(e.ctx, stepTimeout)
	defer cancel()
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(e.Base+path))
	if err != nil {
		e.fatalf("open %s: %v", path, err)
	}
	e.checkStatus("open "+path, resp, status)
	e.screen(nameOf(path))
}

// click clicks sel, waits for the page it leads to, and checks that screen.
// Use it for links and submit buttons; name is the screenshot's name.
func (e *E) click(sel, name string) {
	e.t.Helper()
	e.clickExpect(sel, name, 0)
}

// clickExpect is click requiring the final response's status (0: below 400).
func (e *E) clickExpect(sel, name string, status int) {
	e.t.Helper()
	e.must(sel, "click")
	// A submit the browser's own validation blocks never navigates: say which
	// fields it objects to instead of timing out.
	invalid := js[[]string](e, `(() => {
		const el = document.querySelector(`+q(sel)+`);
		const f = el.form || el.closest("form");
		if (!f || f.noValidate || el.formNoValidate || f.checkValidity()) return [];
		return Array.from(f.elements).filter(x => x.willValidate && !x.checkValidity()).map(x => (x.name || x.id) + ": " + x.validationMessage);
	})()`)
	if len(invalid) > 0 {
		e.fatalf("click %s: the browser refuses to submit the form: %q", sel, invalid)
	}
	posted := js[bool](e, `(() => {
		const el = document.querySelector(`+q(sel)+`);
		const f = el.form || el.closest("form");
		return !!f && f.method === "post";
	})()`)
	e.scrollTo(sel)
	ctx, cancel := context.WithTimeout(e.ctx, stepTimeout)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel)))
	if err != nil {
		e.fatalf("click %s: no page followed: %v", sel, err)
	}
	e.checkStatus("click "+sel, resp, status)
	e.screen(name)
	if posted {
		e.checkReload("click " + sel)
	}
}

// checkReload is what reloading (or going back to) the page a form submission
// left the browser on would get: the address shown must answer a GET, never
// 405 (Post/Redirect/Get).
func (e *E) checkReload(what string) {
	e.t.Helper()
	got := js[int](e, `fetch(location.href, {credentials: "same-origin", redirect: "manual"}).then(r => r.status)`)
	if got == 405 || got >= 500 { // 405 Method Not Allowed
		e.fatalf("%s: reloading %s answers HTTP %d", what, e.location(), got)
	}
}

func (e *E) checkStatus(what string, resp *network.Response, want int) {
	e.t.Helper()
	if resp == nil {
		e.fatalf("%s: no response", what)
	}
	got := int(resp.Status)
	if (want == 0 && got >= 400) || (want != 0 && got != want) {
		w := fmt.Sprint(want)
		if want == 0 {
			w = "below 400"
		}
		e.fatalf("%s: HTTP %d at %s, want %s", what, got, resp.URL, w)
	}
}

// nameOf turns a path into a screenshot name: /oki/kantor/ → oki-kantor.
func nameOf(path string) string {
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path = path[:i]
	}
	path = strings.Trim(path, "/")
	if path == "" {
		return "landing"
	}
	return strings.ReplaceAll(path, "/", "-")
}

// screen is what happens on every screen the tests reach: a full-page
// screenshot, the axe-core check, and a look at the console.
func (e *E) screen(name string) {
	e.t.Helper()
	t0 := time.Now()
	e.shot(name)
	e.checkWidth(name)
	t1 := time.Now()
	e.axeCheck(name)
	t2 := time.Now()
	e.checkConsole(name)
	if os.Getenv("E2E_TIMING") != "" { // E2E_TIMING=1 shows where a slow run spends its time

		e.t.Logf("timing %s: shot %v, axe %v", name, t1.Sub(t0), t2.Sub(t1))
	}
}

// checkWidth fails when the page is wider than the viewport (it scrolls
// sideways), naming the widest elements that stick out.
func (e *E) checkWidth(name string) {
	e.t.Helper()
	over := js[[]string](e, `(() => {
		const w = document.documentElement.clientWidth;
		if (document.documentElement.scrollWidth <= w) return [];
		const out = [];
		for (const el of document.body.querySelectorAll("*")) {
			const r = el.getBoundingClientRect();
			if (r.right > w + 1 && !el.closest("[data-scroll]")) {
				out.push(el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ").join(".") : "") + " " + Math.round(r.right) + "px");
			}
		}
		return ["page " + document.documentElement.scrollWidth + "px > viewport " + w + "px"].concat(out.slice(0, 8));
	})()`)
	if len(over) > 0 {
		e.errorf("screen %s is wider than the viewport: %s", name, strings.Join(over, "; "))
	}
}

// shot saves a full-page PNG as e2e-artifacts/<test>/<NN>-<name>.png.
func (e *E) shot(name string) {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(e.ctx, stepTimeout)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		e.fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(e.artifact(name, "png"), png, 0o644); err != nil {
		e.t.Fatal(err)
	}
}

// axeViolation is the part of axe-core's result the report needs.
type axeViolation struct {
	ID      string `json:"id"`
	Impact  string `json:"impact"`
	Help    string `json:"help"`
	HelpURL string `json:"helpUrl"`
	Nodes   []struct {
		Target  []any  `json:"target"`
		Summary string `json:"failureSummary"`
	} `json:"nodes"`
}

// axeFinding is one serious violation (a rule failing the same way) and the
// screens it was seen on.
type axeFinding struct {
	screens []string
}

// axeCheck runs axe-core (WCAG 2 A and AA rules) on the page. Serious and
// critical violations fail the test; moderate and minor ones are logged. A
// violation already reported in this test is not repeated; the screens it
// recurs on are listed when the test ends. A page whose DOM is identical to
// one already checked (the login form, the signed-out landing page) is not
// checked twice: the result could not differ.
func (e *E) axeCheck(name string) {
	e.t.Helper()
	digest := js[string](e, `(() => {
		const s = document.documentElement.outerHTML;
		let h = 5381;
		for (let i = 0; i < s.length; i++) h = (h * 33 + s.charCodeAt(i)) | 0;
		return s.length + ":" + (h >>> 0).toString(16);
	})()`)
	if _, ok := e.checked[digest]; ok {
		return
	}
	e.checked[digest] = name
	if !js[bool](e, `typeof window.axe === "object"`) {
		js[bool](e, e.axe+"\n;true")
	}
	raw := js[string](e, `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa"]}, resultTypes: ["violations"]})
		.then(r => JSON.stringify(r.violations))`)
	var vs []axeViolation
	if err := json.Unmarshal([]byte(raw), &vs); err != nil {
		e.fatalf("axe result on %s: %v", name, err)
	}
	loc := e.location()
	for _, v := range vs {
		var targets []string
		for i, n := range v.Nodes {
			if i == 3 {
				targets = append(targets, fmt.Sprintf("… %d more", len(v.Nodes)-3))
				break
			}
			targets = append(targets, fmt.Sprint(n.Target...))
		}
		summary := ""
		if len(v.Nodes) > 0 {
			summary = v.Nodes[0].Summary
		}
		msg := fmt.Sprintf("axe %s on %s (%s): %s — %s [%s]; elements: %s", v.Impact, name, loc, v.ID, v.Help, v.HelpURL, strings.Join(targets, ", "))
		if summary != "" {
			msg += "\n      " + strings.ReplaceAll(summary, "\n", "\n      ")
		}
		if v.Impact != "serious" && v.Impact != "critical" {
			e.t.Log(msg)
			continue
		}
		key := v.ID + "\x00" + summary
		if f, ok := e.findings[key]; ok {
			f.screens = append(f.screens, name)
			e.t.Fail()
			continue
		}
		e.findings[key] = &axeFinding{}
		e.t.Error(msg)
	}
}

// reportFindings lists where each reported violation recurred.
func (e *E) reportFindings() {
	for key, f := range e.findings {
		if len(f.screens) > 0 {
			rule, _, _ := strings.Cut(key, "\x00")
			e.t.Logf("axe %s: the same violation also on %d more screens: %s", rule, len(f.screens), strings.Join(f.screens, ", "))
		}
	}
}

// checkConsole fails on uncaught exceptions and Content-Security-Policy
// violations since the last check, and logs the console's other errors.
func (e *E) checkConsole(name string) {
	e.t.Helper()
	// Console messages arrive asynchronously; give stragglers a moment.
	time.Sleep(50 * time.Millisecond)
	href := js[string](e, `location.href`)
	e.mu.Lock()
	msgs := append([]chromedp.ConsoleMessage(nil), e.console[e.seen:]...)
	e.seen = len(e.console)
	e.mu.Unlock()
	for _, m := range msgs {
		switch {
		case m.IsException():
			e.t.Errorf("JavaScript exception on %s: %s (%s:%d)", name, m.Text, m.URL, m.Line+1)
		case strings.Contains(m.Text, "Content Security Policy"):
			e.t.Errorf("Content-Security-Policy violation on %s: %s", name, m.Text)
		case m.URL == href && strings.HasPrefix(m.Text, "Failed to load resource"):
			// The page's own status, already checked by the navigation helper.
		case strings.HasSuffix(m.URL, "/favicon.ico"):
			e.mu.Lock()
			first := !e.favicon
			e.favicon = true
			e.mu.Unlock()
			if first {
				e.t.Logf("note: the site has no /favicon.ico (404 on every first page load)")
			}
		case m.Type == chromedp.ConsoleError:
			e.t.Logf("console error on %s: %s %s", name, m.Text, m.URL)
		}
	}
}

// ---- form helpers ----------------------------------------------------------------

// scrollTo brings sel into view (clicks need it visible).
func (e *E) scrollTo(sel string) {
	e.t.Helper()
	js[bool](e, `(() => { const el = document.querySelector(`+q(sel)+`); if (el) el.scrollIntoView({block: "center"}); return true })()`)
}

// reveal opens a closed <details> around sel, the way a person would click its
// summary, so that forms tucked into disclosure widgets can be used.
func (e *E) reveal(sel string) {
	e.t.Helper()
	// Outermost first: a pasal sits in a closed <details> inside its action's.
	for range 4 {
		summary := js[string](e, `(() => {
			const el = document.querySelector(`+q(sel)+`);
			let closed = null;
			for (let d = el && el.closest("details"); d; d = d.parentElement.closest("details")) {
				if (!d.open && d.querySelector(":scope > summary")) closed = d;
			}
			if (!closed) return "";
			closed.querySelector(":scope > summary").setAttribute("data-e2e-summary", "1");
			return "[data-e2e-summary]";
		})()`)
		if summary == "" {
			return
		}
		e.do("open "+sel, chromedp.Click(chromedp.CSS(summary)))
		js[bool](e, `(() => { document.querySelector("[data-e2e-summary]").removeAttribute("data-e2e-summary"); return true })()`)
	}
}

// fill types text into an input or textarea, replacing what was there. Date
// and time inputs get their value set (typing into them depends on locale).
func (e *E) fill(sel, text string) {
	e.t.Helper()
	e.must(sel, "fill")
	e.reveal(sel)
	kind := js[string](e, `(() => { const el = document.querySelector(`+q(sel)+`); return el.tagName.toLowerCase() + ":" + (el.type || "") })()`)
	switch kind {
	case "input:date", "input:time", "input:datetime-local", "input:month", "select:select-one":
		e.setValue(sel, text)
		return
	case "input:file":
		e.upload(sel, text)
		return
	}
	e.scrollTo(sel)
	js[bool](e, `(() => { document.querySelector(`+q(sel)+`).value = ""; return true })()`)
	e.do("type into "+sel, chromedp.SendKeys(chromedp.CSS(sel), text))
	if got := js[string](e, `document.querySelector(`+q(sel)+`).value`); normalizeNL(got) != normalizeNL(text) {
		e.fatalf("fill %s: field holds %q, want %q", sel, got, text)
	}
}

func normalizeNL(s string) string { return strings.ReplaceAll(strings.TrimSpace(s), "\r\n", "\n") }

// setValue sets a control's value and fires input and change, as a picker would.
func (e *E) setValue(sel, value string) {
	e.t.Helper()
	got := js[string](e, `(() => {
		const el = document.querySelector(`+q(sel)+`);
		el.value = `+q(value)+`;
		el.dispatchEvent(new Event("input", {bubbles: true}));
		el.dispatchEvent(new Event("change", {bubbles: true}));
		return el.value;
	})()`)
	if got != value {
		e.fatalf("set %s to %q: it holds %q (no such option, or a malformed value?)", sel, value, got)
	}
}

// selectOption picks the option with value in a <select>.
func (e *E) selectOption(sel, value string) {
	e.t.Helper()
	e.must(sel, "select")
	e.reveal(sel)
	e.setValue(sel, value)
}

// check ticks a checkbox or radio button by clicking it, unless already ticked.
func (e *E) check(sel string) {
	e.t.Helper()
	e.must(sel, "check")
	e.reveal(sel)
	if js[bool](e, `document.querySelector(`+q(sel)+`).checked`) {
		return
	}
	e.scrollTo(sel)
	e.do("tick "+sel, chromedp.Click(chromedp.CSS(sel)))
	if !js[bool](e, `document.querySelector(`+q(sel)+`).checked`) {
		e.fatalf("tick %s: still unticked after a click (covered by another element?)", sel)
	}
}

// upload puts the file at path into a file input.
func (e *E) upload(sel, path string) {
	e.t.Helper()
	e.must(sel, "upload")
	e.reveal(sel)
	abs, err := filepath.Abs(path)
	if err != nil {
		e.t.Fatal(err)
	}
	e.do("upload into "+sel, chromedp.SetUploadFiles(chromedp.CSS(sel), []string{abs}))
	if n := js[int](e, `document.querySelector(`+q(sel)+`).files.length`); n != 1 {
		e.fatalf("upload %s: input holds %d files", sel, n)
	}
}

// text is the visible text of sel with white space collapsed.
func (e *E) text(sel string) string {
	e.t.Helper()
	e.must(sel, "read")
	return strings.Join(strings.Fields(js[string](e, `document.querySelector(`+q(sel)+`).innerText`)), " ")
}

// assertText requires sel's visible text to contain want.
func (e *E) assertText(sel, want string) {
	e.t.Helper()
	if got := e.text(sel); !strings.Contains(got, want) {
		e.fatalf("%s reads %q; want it to contain %q", sel, got, want)
	}
}

// ---- accounts ----------------------------------------------------------------------

// demo returns the seeded account of role.
func demo(t *testing.T, role string) app.DemoAccount {
	t.Helper()
	for _, a := range app.DemoAccounts {
		if a.Role == role {
			return a
		}
	}
	t.Fatalf("no demo account for role %q", role)
	return app.DemoAccount{}
}

// homes is where each role lands after signing in.
var homes = map[string]string{
	"lembaga": "/oki/lembaga/",
	"petugas": "/oki/kantor/",
	"kepala":  "/oki/kantor/",
	"dirjen":  "/dirjen/",
	"admin":   "/admin/",
}

// login signs in as the demo account of role through the /masuk form (signing
// out first if someone is signed in) and requires the role's home page with
// the account's name in the header.
func (e *E) login(role string) {
	e.t.Helper()
	if e.user != nil && e.user.Role == role {
		return
	}
	acc := demo(e.t, role)
	if e.user != nil || e.has(testID("logout")) {
		e.logout()
	}
	e.visit("/masuk")
	if e.has(testID("logout")) { // still signed in (a step failed earlier): /masuk sent us home
		e.logout()
		e.visit("/masuk")
	}
	e.fill("#email", acc.Email)
	e.fill("#password", app.DemoPassword)
	if app.SecondFactorMandatory(workflow.Role(role)) {
		// The demo's kepala, dirjen and admin sign in with two factors: the code
		// their authenticator app would show for the demo secret.
		e.click(testID("login-submit"), "second-factor-"+role)
		if got := e.location(); got != "/masuk/verifikasi" {
			e.fatalf("%s: after the password landed on %s, want /masuk/verifikasi", role, got)
		}
		e.fill("#code", e.totpCode(app.DemoTOTPSecret))
		e.click(testID("second-factor-submit"), "home-"+role)
	} else {
		e.click(testID("login-submit"), "home-"+role)
	}
	if got := e.location(); got != homes[role] {
		e.fatalf("%s signed in and landed on %s, want %s", role, got, homes[role])
	}
	e.assertText(testID("user-name"), acc.Name)
	e.user = &acc
}

// totpCode moves the server's second-factor clock on by a step and returns the
// code an authenticator app holding secret shows then.
func (e *E) totpCode(secret string) string {
	e.t.Helper()
	e.totpClock.Advance(30 * time.Second)
	code, err := totp.GenerateCode(secret, e.totpClock.Now())
	if err != nil {
		e.t.Fatalf("TOTP code: %v", err)
	}
	return code
}

// dialogsSince returns the confirm() texts accepted after the first n.
func (e *E) dialogCount() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return len(e.dialogs)
}

func (e *E) dialogsSince(n int) []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]string(nil), e.dialogs[n:]...)
}

// menu opens the header menu on a phone (where the navigation folds behind
// the Menu button); on the desktop it does nothing.
func (e *E) menu() {
	e.t.Helper()
	if e.phone == 0 || !e.visible(testID("menu-toggle")) {
		return
	}
	if js[string](e, `document.querySelector('[data-testid="menu-toggle"]').getAttribute("aria-expanded")`) != "true" {
		e.do("open the menu", chromedp.Click(chromedp.CSS(testID("menu-toggle"))))
	}
	if !e.visible(".nav") {
		e.fatalf("the Menu button does not show the navigation")
	}
}

// logout presses Keluar and requires the signed-out landing page.
func (e *E) logout() {
	e.t.Helper()
	e.menu()
	e.click(testID("logout"), "signed-out")
	e.must(testID("login-link"), "after logout")
	e.user = nil
}

// ---- documents -------------------------------------------------------------------

// download fetches the document behind link sel with the browser's session
// cookies, requires a PDF, saves it with the screenshots, and returns its text
// (pdftotext).
func (e *E) download(sel, name string) string {
	e.t.Helper()
	body := e.fetch(sel, name, "application/pdf")
	if !bytes.HasPrefix(body, []byte("%PDF-")) {
		e.fatalf("download %s: body starts %q, not %%PDF-", name, body[:min(len(body), 16)])
	}
	p := e.artifact(name, "pdf")
	if err := os.WriteFile(p, body, 0o644); err != nil {
		e.t.Fatal(err)
	}
	return pdfText(e.t, p)
}

// pdfText extracts a PDF's text with poppler's pdftotext, white space collapsed.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Fatal("pdftotext is not installed; the browser tests read the downloaded PDFs with it: run `apt-get install poppler-utils` (.ci/run does)")
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", path, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext %s: %v\n%s", path, err, out)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// fixturePDF writes a small, well-formed one-page PDF (with a correct xref
// table) that says title, for upload fields.
func fixturePDF(t *testing.T, name, title string) string {
	t.Helper()
	title = strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`).Replace(title)
	content := fmt.Sprintf("BT /F1 16 Tf 72 760 Td (%s) Tj ET", title)
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// ---- server log capture ----------------------------------------------------------

// lineBuffer collects the server's JSON log lines across goroutines.
type lineBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *lineBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *lineBuffer) lines() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(l.buf.Bytes()))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		out = append(out, sc.Text())
	}
	return out
}

// errNoID is returned when a URL names no application.
var errNoID = errors.New("no application id in the address")
