package server_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hakakses/hakakses/internal/metrics"
)

// scrape reads the metrics endpoint and returns the value of each series, keyed
// by its name and labels as the exposition format prints them.
func scrape(t *testing.T, url string) map[string]float64 {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("metrics: %s\n%s", res.Status, b)
	}
	out := map[string]float64{}
	for _, line := range strings.Split(string(b), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		v, err := strconv.ParseFloat(line[i+1:], 64)
		if err != nil {
			t.Fatalf("metrics line %q: %v", line, err)
		}
		out[line[:i]] = v
	}
	return out
}

// The metrics count requests by chi route pattern (never the raw path), committed
// transitions by event, SLA clocks past due, the e-mail queue and the pool; they
// are not served on the public listener.
func TestMetricsCountRoutesTransitionsBreachesQueueAndPool(t *testing.T) {
	e := newEnv(t)
	m := metrics.New()
	e.App.Metrics = m
	m.WatchDatabase(e.DB, e.App.OperationalSnapshot)
	ms := httptest.NewServer(m.Handler())
	defer ms.Close()

	c := e.newClient(t)
	if res := c.get("/metrics"); res.Status != http.StatusNotFound {
		t.Errorf("/metrics on the public listener: want 404, got %s", res)
	}
	for range 2 {
		if res := c.get("/oki/"); res.Status != http.StatusOK {
			t.Fatalf("/oki/: %s", res)
		}
	}
	c.get("/oku-tidak-ada/")
	e.notifSubmitted()
	// Fifteen days later the office's two working days have long run out.
	e.Clock.Advance(15 * 24 * time.Hour)

	// The request line is logged (and counted) after the response went out.
	e.Logs.waitForLine(t, requestLine("GET", "/oku-tidak-ada/", http.StatusNotFound))
	got := scrape(t, ms.URL)
	want := map[string]float64{
		`hakakses_http_requests_total{method="GET",route="/{tenant}",status="200"}`: 2,
		`hakakses_http_requests_total{method="GET",route="/{tenant}",status="404"}`: 2, // an unknown tenant, and /metrics
		`hakakses_transitions_total{event="submit"}`:                                1,
		`hakakses_snapshot_up`: 1,
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %v, want %v", k, got[k], v)
		}
	}
	for k := range got {
		if strings.Contains(k, "oku-tidak-ada") || strings.Contains(k, `route="/oki/"`) {
			t.Errorf("a raw path became a label: %s", k)
		}
	}
	overdue := 0.0
	for k, v := range got {
		if strings.HasPrefix(k, "hakakses_sla_overdue_applications{") {
			overdue += v
		}
	}
	if overdue != 1 {
		t.Errorf("overdue applications: %v, want 1 (the submitted one, 15 days on)", overdue)
	}
	if got["hakakses_mail_queue_pending"] < 1 {
		t.Errorf("pending e-mails: %v, want the notifications of the submission", got["hakakses_mail_queue_pending"])
	}
	if got["hakakses_db_pool_max_connections"] < 1 {
		t.Errorf("pool size not reported: %v", got["hakakses_db_pool_max_connections"])
	}
	if got[`hakakses_http_request_duration_seconds_count{method="GET",route="/{tenant}"}`] != 4 {
		t.Error("request latency histogram missing for the route pattern")
	}
}

var hexID = regexp.MustCompile(`^[0-9a-f]{16}$`)

// Every request has an ID: the proxy's X-Request-ID when well-formed, else a new
// one; it is in the response header, on the request's log lines and on the
// error page, so a user's screenshot leads to the log.
func TestRequestIDIsOnTheLogLineTheHeaderAndTheErrorPage(t *testing.T) {
	e := newEnv(t)
	c := e.newClient(t)

	req := c.newRequest(http.MethodGet, "/halaman-tidak-ada", nil)
	req.Header.Set("X-Request-ID", "proxy-42.a_b")
	res := c.do(req)
	if res.Status != http.StatusNotFound {
		t.Fatalf("want 404, got %s", res)
	}
	if got := res.Header.Get("X-Request-ID"); got != "proxy-42.a_b" {
		t.Errorf("X-Request-ID header %q, want the proxy's", got)
	}
	if n := byTestID(parseHTML(t, res.Body), "request-id"); n == nil || !strings.Contains(text(n), "proxy-42.a_b") {
		t.Errorf("the error page does not show the request ID:\n%s", res.Body)
	}
	line := e.Logs.waitForLine(t, requestLine("GET", "/halaman-tidak-ada", http.StatusNotFound))
	if line["request_id"] != "proxy-42.a_b" {
		t.Errorf("log line request_id = %v", line["request_id"])
	}

	req = c.newRequest(http.MethodGet, "/lagi-tidak-ada", nil)
	req.Header.Set("X-Request-ID", `x" injected="1`)
	res = c.do(req)
	id := res.Header.Get("X-Request-ID")
	if !hexID.MatchString(id) {
		t.Fatalf("a malformed X-Request-ID must be replaced by a fresh ID, got %q", id)
	}
	line = e.Logs.waitForLine(t, requestLine("GET", "/lagi-tidak-ada", http.StatusNotFound))
	if line["request_id"] != id {
		t.Errorf("log line request_id = %v, want %s", line["request_id"], id)
	}

	// A login's own log line carries the ID of its request too.
	e.loginAs(t, "petugas")
	login := e.Logs.waitForLine(t, func(m map[string]any) bool { return m["msg"] == "login" })
	if s, _ := login["request_id"].(string); !hexID.MatchString(s) {
		t.Errorf("login log line without a request ID: %v", login)
	}
}
