package server_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/auth"
	"github.com/hakakses/hakakses/internal/server"
	"github.com/hakakses/hakakses/internal/store"
)

// statementBudget is the most SQL statements (BEGIN and COMMIT included) each
// page may cost, whatever the size of the data behind it (issue 14: at most 8
// for lists and the detail). A signed-in page costs one read-only transaction
// for the session, its user and the unread badge (BEGIN with the scope in one
// round trip, one statement, COMMIT) and one for the page itself; the tenant
// and its calendar are reused between requests (app's tenant cache), and the
// detail reads its application with every list in one statement.
var statementBudget = map[string]int64{
	"public":       0,
	"queue_p1":     8,
	"queue_last":   8,
	"queue_search": 8,
	"lembaga_home": 8,
	"inbox_p1":     8,
	"inbox_last":   8,
	"inbox_all":    8,
	"detail":       8,
}

// seedScaleEnv serves a data set of the given shape (see store.SeedScale).
func seedScaleEnv(t *testing.T, o store.ScaleOptions) *env {
	t.Helper()
	e := newEnv(t, withStatementCounts())
	hash, err := auth.Hash("rahasia-skala", testHashParams)
	if err != nil {
		t.Fatal(err)
	}
	o.PasswordHash, o.Now, o.Seed = hash, demoNow, 14
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, e.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := store.SeedScale(ctx, conn, o); err != nil {
		t.Fatalf("seed: %v", err)
	}
	return e
}

// pageStatements signs the users in and counts each page's statements; sql
// gets the start of each statement a page ran (from the server's debug log).
func pageStatements(t *testing.T, e *env, sql map[string][]string) map[string]int64 {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, e.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	st, err := store.ScaleStatsOf(ctx, conn)
	if err != nil {
		t.Fatal(err)
	}
	detail, err := store.ScaleTargets(ctx, conn, store.ScaleLargestSlug, "active", 1)
	if err != nil || len(detail) == 0 {
		t.Fatalf("no active application: %v", err)
	}
	signIn := func(email string) *client {
		c := e.newClient(t)
		if res := c.login(email, "rahasia-skala"); res.Status != http.StatusSeeOther {
			t.Fatalf("login %s: %s", email, res)
		}
		return c
	}
	staff := signIn(store.ScaleStaffEmail(store.ScaleLargestSlug, 1))
	lembaga := signIn(store.ScaleLembagaEmail(store.ScaleLargestSlug, 1, 1))
	dirjen := signIn(store.ScaleDirjenEmail(1))
	last := func(rows int) string { return strconv.Itoa(max(1, (rows-1)/25+1)) }
	pages := []struct {
		name string
		c    *client
		path string
	}{
		{"public", e.newClient(t), "/oki/"},
		{"queue_p1", staff, "/oki/kantor/"},
		{"queue_last", staff, "/oki/kantor/?halaman=" + last(st.LargestQueue)},
		{"queue_search", staff, "/oki/kantor/?q=" + url.QueryEscape(st.SearchTerm)},
		{"lembaga_home", lembaga, "/oki/lembaga/"},
		{"inbox_p1", dirjen, "/dirjen/"},
		{"inbox_last", dirjen, "/dirjen/?halaman=" + last(st.InboxWaiting)},
		{"inbox_all", dirjen, "/dirjen/?tahap=semua&halaman=" + last(st.InboxAll)},
		{"detail", staff, "/oki/kantor/permohonan/" + strconv.FormatInt(detail[0].ID, 10) + "/"},
	}
	out := map[string]int64{}
	for _, p := range pages {
		p.c.get(p.path) // the first view may refresh the session; count a steady one
		res := p.c.get(p.path)
		if res.Status != http.StatusOK {
			t.Fatalf("GET %s: %s", p.path, res)
		}
		n, err := strconv.ParseInt(res.Header.Get(server.StatementsHeader), 10, 64)
		if err != nil {
			t.Fatalf("GET %s: no statement count: %v", p.path, err)
		}
		out[p.name] = n
		id := res.Header.Get("X-Request-ID")
		line := e.Logs.waitForLine(t, func(m map[string]any) bool { return m["msg"] == "statements" && m["request_id"] == id })
		list, _ := line["sql"].([]any)
		for _, q := range list {
			sql[p.name] = append(sql[p.name], fmt.Sprint(q))
		}
	}
	return out
}

func TestPagesCostTheSameStatementsOnASmallAndAScaleSet(t *testing.T) {
	t.Parallel()
	smallSQL, scaleSQL := map[string][]string{}, map[string][]string{}
	small := pageStatements(t, seedScaleEnv(t, store.ScaleOptions{Applications: 1_000, LargestTenant: 100,
		LargestInstitution: 30, Institutions: 600}), smallSQL)
	scale := pageStatements(t, seedScaleEnv(t, store.ScaleOptions{Applications: 8_000, LargestTenant: 4_000,
		LargestInstitution: 1_500, Institutions: 1_000}), scaleSQL)
	for page, budget := range statementBudget {
		t.Logf("%s: %d statements (small set), %d (scale set)", page, small[page], scale[page])
		if small[page] != scale[page] {
			t.Errorf("%s: %d statements on the small set, %d on the scale set:\nsmall:\n\t%s\nscale:\n\t%s", page, small[page],
				scale[page], strings.Join(smallSQL[page], "\n\t"), strings.Join(scaleSQL[page], "\n\t"))
		}
		if scale[page] > budget {
			t.Errorf("%s: %d statements, budget %d:\n\t%s", page, scale[page], budget, strings.Join(scaleSQL[page], "\n\t"))
		}
	}
}

// A page view within the refresh interval leaves the session row alone: no
// write per request, yet the idle timeout still holds (see
// TestIdleSessionIsLoggedOutWhileActiveOneSurvives).
func TestReadingPagesDoesNotRewriteTheSession(t *testing.T) {
	t.Parallel()
	e := newEnv(t, withStatementCounts())
	c := e.loginAs(t, "petugas")
	before, ok := e.sessionExpiry(c.session())
	if !ok {
		t.Fatal("no session row after login")
	}
	for range 3 {
		res := c.get("/oki/kantor/")
		if res.Status != http.StatusOK {
			t.Fatalf("queue: %s", res)
		}
		if _, set := res.sessionSet(); set {
			t.Errorf("a page view set the session cookie again: %v", res.SetCookies)
		}
	}
	after, _ := e.sessionExpiry(c.session())
	if !after.Equal(before) {
		t.Errorf("session expiry moved from %s to %s on page views within a minute", before, after)
	}
}

// Paging forward by the next link's cursor shows the same rows as paging by
// number, without the cost of skipping every earlier row: the staff queue, the
// Dirjen's inbox and the lembaga's own list.
func TestQueueAndInboxNextLinksPageByCursor(t *testing.T) {
	t.Parallel()
	e := seedScaleEnv(t, store.ScaleOptions{Applications: 1_000, LargestTenant: 200, LargestInstitution: 100, Institutions: 600})
	numbers := regexp.MustCompile(`HA-\d{6}`)
	next := regexp.MustCompile(`href="([^"]*setelah=[^"]*)"`)
	for _, tc := range []struct{ email, first string }{
		{store.ScaleStaffEmail(store.ScaleLargestSlug, 1), "/oki/kantor/"},
		{store.ScaleDirjenEmail(1), "/dirjen/?tahap=semua"},
		{store.ScaleLembagaEmail(store.ScaleLargestSlug, 1, 1), "/oki/lembaga/"},
	} {
		c := e.newClient(t)
		if res := c.login(tc.email, "rahasia-skala"); res.Status != http.StatusSeeOther {
			t.Fatalf("login: %s", res)
		}
		page := c.get(tc.first)
		for n := 2; n <= 4; n++ {
			m := next.FindStringSubmatch(page.Body)
			if m == nil {
				t.Fatalf("%s page %d: no next link with a cursor", tc.first, n-1)
			}
			byCursor := c.get(html.UnescapeString(m[1]))
			sep := "?"
			if strings.Contains(tc.first, "?") {
				sep = "&"
			}
			byNumber := c.get(tc.first + sep + "halaman=" + strconv.Itoa(n))
			got, want := numbers.FindAllString(byCursor.Body, -1), numbers.FindAllString(byNumber.Body, -1)
			if len(want) == 0 || strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("%s page %d by cursor: %v; by number: %v", tc.first, n, got, want)
			}
			page = byCursor
		}
	}
	// A malformed cursor is no cursor: the first page, never an error.
	c := e.newClient(t)
	c.login(store.ScaleStaffEmail(store.ScaleLargestSlug, 1), "rahasia-skala")
	if res := c.get("/oki/kantor/?setelah=" + url.QueryEscape("x~y~z")); res.Status != http.StatusOK {
		t.Errorf("malformed cursor: %s", res)
	}
}
