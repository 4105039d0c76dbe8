package store_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/testdb"
)

// lastQuery records the SQL and arguments of the statements a list function runs,
// so the test can EXPLAIN exactly what the product sends.
type lastQuery struct {
	sql  string
	args []any
}

func (l *lastQuery) TraceQueryStart(ctx context.Context, _ *pgx.Conn, d pgx.TraceQueryStartData) context.Context {
	if strings.Contains(d.SQL, "FROM applications") {
		l.sql, l.args = d.SQL, d.Args
	}
	return ctx
}

func (l *lastQuery) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

type planNode struct {
	NodeType     string     `json:"Node Type"`
	RelationName string     `json:"Relation Name"`
	IndexName    string     `json:"Index Name"`
	ActualRows   float64    `json:"Actual Rows"`
	ActualLoops  float64    `json:"Actual Loops"`
	Plans        []planNode `json:"Plans"`
}

// badNodes names every sequential scan of applications or institutions and every
// sort of more than one page of rows in a plan.
func badNodes(n planNode, page int) []string {
	var bad []string
	switch {
	case n.NodeType == "Seq Scan" && (n.RelationName == "applications" || n.RelationName == "institutions"):
		bad = append(bad, "sequential scan of "+n.RelationName)
	case n.NodeType == "Sort" || n.NodeType == "Incremental Sort":
		if rows := n.ActualRows * max(1, n.ActualLoops); rows > float64(page) {
			bad = append(bad, fmt.Sprintf("sort of %.0f rows", rows))
		}
		for _, c := range n.Plans {
			if rows := c.ActualRows * max(1, c.ActualLoops); rows > float64(page) {
				bad = append(bad, fmt.Sprintf("sort over %.0f input rows (%s)", rows, c.NodeType))
			}
		}
	}
	for _, c := range n.Plans {
		bad = append(bad, badNodes(c, page)...)
	}
	return bad
}

// Every list's plan on a scale-shaped data set reads a page from an index in the
// list's order, at its first and its last page: no sequential scan of the big
// tables, no sort of more than a page.
func TestListPlansReadOnePageFromAnIndex(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	u := testdb.New(t)
	conn, err := pgx.Connect(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := store.SeedScale(ctx, conn, store.ScaleOptions{Seed: 14, Applications: 20_000, LargestTenant: 6_000,
		LargestInstitution: 2_000, Institutions: 1_000, Now: time.Date(2026, 12, 1, 3, 0, 0, 0, time.UTC), PasswordHash: "x"}); err != nil {
		t.Fatal(err)
	}
	st, err := store.ScaleStatsOf(ctx, conn)
	if err != nil {
		t.Fatal(err)
	}
	var instID int64
	if err := conn.QueryRow(ctx, `SELECT institution_id FROM applications WHERE tenant_id = $1 GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
		st.LargestTenantID).Scan(&instID); err != nil {
		t.Fatal(err)
	}
	rec := &lastQuery{}
	cfg, err := pgx.ParseConfig(u)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Tracer = rec
	app, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer app.Close(ctx)
	if _, err := app.Exec(ctx, "SET ROLE "+store.AppRole); err != nil {
		t.Fatal(err)
	}
	const page = 26 // a page and the row that says another follows
	last := func(rows int) int { return (rows - 1) / 25 * 25 }
	tenant := fmt.Sprint(st.LargestTenantID)
	lists := []struct {
		name   string
		scope  [3]string // tenant, institution, scope
		listFn func(tx pgx.Tx) error
	}{
		{"queue first page", [3]string{tenant, "", "tenant"}, func(tx pgx.Tx) error {
			_, err := store.QueuePage(ctx, tx, st.LargestTenantID, store.QueueQuery{}, page, 0)
			return err
		}},
		{"queue last page", [3]string{tenant, "", "tenant"}, func(tx pgx.Tx) error {
			_, err := store.QueuePage(ctx, tx, st.LargestTenantID, store.QueueQuery{}, page, last(st.LargestQueue))
			return err
		}},
		{"queue in one state", [3]string{tenant, "", "tenant"}, func(tx pgx.Tx) error {
			_, err := store.QueuePage(ctx, tx, st.LargestTenantID, store.QueueQuery{State: "active"}, page, 0)
			return err
		}},
		{"queue search", [3]string{tenant, "", "tenant"}, func(tx pgx.Tx) error {
			_, err := store.QueuePage(ctx, tx, st.LargestTenantID, store.QueueQuery{Search: st.SearchTerm}, page, 0)
			return err
		}},
		{"lembaga first page", [3]string{tenant, fmt.Sprint(instID), "tenant"}, func(tx pgx.Tx) error {
			_, err := store.InstitutionApplications(ctx, tx, st.LargestTenantID, instID, "", page, 0)
			return err
		}},
		{"lembaga last page", [3]string{tenant, fmt.Sprint(instID), "tenant"}, func(tx pgx.Tx) error {
			_, err := store.InstitutionApplications(ctx, tx, st.LargestTenantID, instID, "", page, 1975)
			return err
		}},
		{"inbox first page", [3]string{"", "", "dirjen"}, func(tx pgx.Tx) error {
			_, err := store.InboxPage(ctx, tx, store.InboxQuery{WaitingOnDirjen: true}, page, 0)
			return err
		}},
		{"inbox last page", [3]string{"", "", "dirjen"}, func(tx pgx.Tx) error {
			_, err := store.InboxPage(ctx, tx, store.InboxQuery{WaitingOnDirjen: true}, page, last(st.InboxWaiting))
			return err
		}},
		{"inbox everything, last page", [3]string{"", "", "dirjen"}, func(tx pgx.Tx) error {
			_, err := store.InboxPage(ctx, tx, store.InboxQuery{}, page, last(st.InboxAll))
			return err
		}},
		{"inbox in one state", [3]string{"", "", "dirjen"}, func(tx pgx.Tx) error {
			_, err := store.InboxPage(ctx, tx, store.InboxQuery{State: "active"}, page, 0)
			return err
		}},
		{"inbox of one tenant", [3]string{"", "", "dirjen"}, func(tx pgx.Tx) error {
			_, err := store.InboxPage(ctx, tx, store.InboxQuery{TenantSlug: store.ScaleLargestSlug}, page, 0)
			return err
		}},
	}
	// Keyset pages: the cursor after the deepest page's previous row.
	cursorAt := func(q string, offset int, args ...any) string {
		var due *time.Time
		var since time.Time
		var id int64
		if err := conn.QueryRow(ctx, q+` OFFSET `+fmt.Sprint(offset)+` LIMIT 1`, args...).Scan(&due, &since, &id); err != nil {
			t.Fatalf("cursor: %v", err)
		}
		return store.NewListCursor(due, since, id)
	}
	queueCursor := cursorAt(`SELECT sla_due_at, state_since, id FROM applications WHERE tenant_id = $1 AND state <> 'draft'
		ORDER BY COALESCE(sla_due_at, 'infinity'), state_since, id`, last(st.LargestQueue)-1, st.LargestTenantID)
	inboxCursor := cursorAt(`SELECT NULL::timestamptz, state_since, id FROM applications WHERE forwarded_at IS NOT NULL
		AND state IN ('forwarded', 'dwh_requested') ORDER BY state_since, id`, last(st.InboxWaiting)-1)
	lembagaCursor := cursorAt(`SELECT NULL::timestamptz, created_at, id FROM applications WHERE tenant_id = $1 AND institution_id = $2
		ORDER BY created_at DESC, id DESC`, 1974, st.LargestTenantID, instID)
	lists = append(lists, []struct {
		name   string
		scope  [3]string
		listFn func(tx pgx.Tx) error
	}{
		{"lembaga last page after a cursor", [3]string{tenant, fmt.Sprint(instID), "tenant"}, func(tx pgx.Tx) error {
			rows, err := store.InstitutionApplications(ctx, tx, st.LargestTenantID, instID, lembagaCursor, page, 0)
			if err == nil && (len(rows) == 0 || len(rows) > 25) {
				t.Errorf("lembaga list after the cursor: %d rows, want the last page", len(rows))
			}
			return err
		}},
		{"queue last page after a cursor", [3]string{tenant, "", "tenant"}, func(tx pgx.Tx) error {
			rows, err := store.QueuePage(ctx, tx, st.LargestTenantID, store.QueueQuery{After: queueCursor}, page, 0)
			if err == nil && (len(rows) == 0 || len(rows) > 25) {
				t.Errorf("queue after the cursor: %d rows, want the last page", len(rows))
			}
			return err
		}},
		{"inbox last page after a cursor", [3]string{"", "", "dirjen"}, func(tx pgx.Tx) error {
			rows, err := store.InboxPage(ctx, tx, store.InboxQuery{WaitingOnDirjen: true, After: inboxCursor}, page, 0)
			if err == nil && (len(rows) == 0 || len(rows) > 25) {
				t.Errorf("inbox after the cursor: %d rows, want the last page", len(rows))
			}
			return err
		}},
	}...)
	for _, l := range lists {
		tx, err := app.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tx.Exec(ctx, `SELECT set_config('app.tenant_id', $1, true), set_config('app.institution_id', $2, true),
			set_config('app.scope', $3, true)`, l.scope[0], l.scope[1], l.scope[2]); err != nil {
			t.Fatal(err)
		}
		if err := l.listFn(tx); err != nil {
			t.Fatalf("%s: %v", l.name, err)
		}
		var out []byte
		if err := tx.QueryRow(ctx, `EXPLAIN (ANALYZE, FORMAT JSON) `+rec.sql, rec.args...).Scan(&out); err != nil {
			t.Fatalf("%s: explain: %v", l.name, err)
		}
		tx.Rollback(ctx) //nolint:errcheck // read only
		var plans []struct {
			Plan planNode `json:"Plan"`
		}
		if err := json.Unmarshal(out, &plans); err != nil || len(plans) != 1 {
			t.Fatalf("%s: plan: %v", l.name, err)
		}
		if bad := badNodes(plans[0].Plan, page); len(bad) > 0 {
			t.Errorf("%s: %s\n%s", l.name, strings.Join(bad, "; "), out)
		}
	}
}
