package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// ListRow is one application in a list page.
type ListRow struct {
	ID          int64
	Number      string
	Institution string
	State       string
	StateSince  time.Time
	UpdatedAt   time.Time
	SLAClock    *string
	SLADue      *time.Time
	CreatedAt   time.Time // the lembaga's own list only (its sort key)
	TenantName  string    // inbox only
	TenantSlug  string    // inbox only
	Province    string    // inbox only
}

// pageColumns are a list row's columns, read for one page's applications only.
// The institution's name is a subquery per row: one index look-up each, where a
// join would hash the tenant's whole institutions table for 26 rows.
const pageColumns = `a.id, a.number, COALESCE((SELECT i.nama FROM institutions i WHERE i.tenant_id = a.tenant_id AND i.id = a.institution_id), ''),
	a.state, a.state_since, a.updated_at, a.sla_clock, a.sla_due_at`

// pageOf wraps a query that selects one page of application IDs in the list's
// order (from an index alone, with the tenant named beside row-level security
// so the plan uses it) and reads those rows and their institutions' names.
func pageOf(ids, order string) string {
	return `WITH page AS MATERIALIZED (` + ids + `)
		SELECT ` + pageColumns + `
		FROM page p JOIN applications a ON a.tenant_id = p.tenant_id AND a.id = p.id
		ORDER BY ` + order
}

// InstitutionApplications is a page of one institution's applications, newest
// first: after the row the cursor after names (keyset: a range scan of the
// index however deep), otherwise offset rows in. Each row carries CreatedAt, the
// list's sort key, for the next page's cursor.
func InstitutionApplications(ctx context.Context, q pgx.Tx, tenantID, institutionID int64, after string, limit, offset int) ([]ListRow, error) {
	args := []any{tenantID, institutionID, limit, offset}
	where := "a.tenant_id = $1 AND a.institution_id = $2"
	if c, ok := ParseListCursor(after); ok {
		// Newest first, in scalar comparisons (see QueuePage): the scan starts
		// right after the cursor's row.
		args = append(args, c.Since, c.ID)
		where += " AND a.created_at <= $5::timestamptz AND (a.created_at < $5::timestamptz OR a.id < $6)"
	}
	rows, err := q.Query(ctx, `WITH page AS MATERIALIZED (SELECT a.tenant_id, a.id, a.created_at FROM applications a
			WHERE `+where+` ORDER BY a.created_at DESC, a.id DESC LIMIT $3 OFFSET $4)
		SELECT `+pageColumns+`, p.created_at
		FROM page p JOIN applications a ON a.tenant_id = p.tenant_id AND a.id = p.id
		ORDER BY p.created_at DESC, p.id DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: institution applications page: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (ListRow, error) {
		var l ListRow
		return l, r.Scan(&l.ID, &l.Number, &l.Institution, &l.State, &l.StateSince, &l.UpdatedAt, &l.SLAClock, &l.SLADue, &l.CreatedAt)
	})
	if err != nil {
		return nil, fmt.Errorf("store: institution applications page: %w", err)
	}
	return out, nil
}

// QueueQuery narrows a tenant's work queue. Zero fields do not filter.
type QueueQuery struct {
	State     string     // one state; "" for every state but draft
	DueBefore *time.Time // the running clock is due before this instant
	DueFrom   *time.Time // … and at or after this one
	Running   bool       // a clock is running
	Search    string     // in the number or the institution's name
	After     string     // a ListCursor: the page starts after that row (offset then 0)
}

// QueuePage is a page of a tenant's work queue: running clocks first, the most
// urgent at the top, then the rest by how long they have waited.
func QueuePage(ctx context.Context, q pgx.Tx, tenantID int64, f QueueQuery, limit, offset int) ([]ListRow, error) {
	args := []any{tenantID}
	arg := func(v any) string { args = append(args, v); return "$" + strconv.Itoa(len(args)) }
	where := []string{"a.tenant_id = $1"}
	if f.State != "" {
		where = append(where, "a.state = "+arg(f.State))
	} else {
		where = append(where, "a.state <> 'draft'")
	}
	if f.DueFrom != nil {
		where = append(where, "a.sla_due_at >= "+arg(*f.DueFrom))
	}
	if f.DueBefore != nil {
		where = append(where, "a.sla_due_at < "+arg(*f.DueBefore))
	}
	if f.Running {
		where = append(where, "a.sla_due_at IS NOT NULL")
	}
	if s := strings.TrimSpace(f.Search); s != "" {
		// The institutions matched first (a tenant has tens), so the page's IDs
		// still come from the queue index alone.
		n := arg("%" + escapeLike(s) + "%")
		where = append(where, "(a.number ILIKE "+n+" OR a.institution_id IN (SELECT i.id FROM institutions i WHERE i.tenant_id = $1 AND i.nama ILIKE "+n+"))")
	}
	if c, ok := ParseListCursor(f.After); ok {
		// Keyset: a range scan of the queue index from the previous page's last
		// row. Written with scalar comparisons, not a row comparison: only
		// leakproof operators may run inside row-level security's index scan.
		due := "COALESCE(a.sla_due_at, 'infinity')"
		since, id := arg(c.Since)+"::timestamptz", arg(c.ID)
		if c.Due == "infinity" {
			// The applications without a running clock: one due value, so the
			// scan starts at the cursor's state_since.
			where = append(where, due+" = 'infinity' AND a.state_since >= "+since+" AND (a.state_since > "+since+" OR a.id > "+id+")")
		} else {
			d := arg(c.Due) + "::timestamptz"
			where = append(where, due+" >= "+d+" AND ("+due+" > "+d+" OR a.state_since > "+since+" OR (a.state_since = "+since+" AND a.id > "+id+"))")
		}
	}
	lim, off := arg(limit), arg(offset)
	// Running clocks first: a missing due instant sorts as infinity (the index's
	// own expression), which is NULLS LAST with a usable row comparison.
	rows, err := q.Query(ctx, pageOf(`SELECT a.tenant_id, a.id, COALESCE(a.sla_due_at, 'infinity') AS due, a.state_since FROM applications a
		WHERE `+strings.Join(where, " AND ")+`
		ORDER BY COALESCE(a.sla_due_at, 'infinity'), a.state_since ASC, a.id
		LIMIT `+lim+` OFFSET `+off, `p.due, p.state_since ASC, p.id`), args...)
	if err != nil {
		return nil, fmt.Errorf("store: queue page: %w", err)
	}
	out, err := collectListRows(rows)
	if err != nil {
		return nil, fmt.Errorf("store: queue page: %w", err)
	}
	return out, nil
}

// InboxQuery narrows the Dirjen's national inbox.
type InboxQuery struct {
	State string // one state; "" for every state since forwarding
	// WaitingOnDirjen keeps the states the Dirjen must act in (forwarded,
	// dwh_requested and the addenda), written literally so the partial index of
	// migration 000012 serves the default inbox.
	WaitingOnDirjen bool
	TenantSlug      string
	Province        string // province code
	// Search matches the number, the institution's or the tenant's name
	// (ILIKE, served by the trigram indexes of migration 000006 as in the queue).
	Search string
	After  string // a ListCursor: the page starts after that row (offset then 0)
}

// InboxPage is a page of the national inbox: applications ever forwarded to the
// Dirjen, across tenants, oldest waiting first. The page is taken first (an index
// hands the applications over in order) and the names joined for it only, so the
// joins and their row-level checks run for one page.
func InboxPage(ctx context.Context, q pgx.Tx, f InboxQuery, limit, offset int) ([]ListRow, error) {
	args := []any{}
	arg := func(v any) string { args = append(args, v); return "$" + strconv.Itoa(len(args)) }
	where := []string{"a.forwarded_at IS NOT NULL"}
	switch {
	case f.State != "":
		where = append(where, "a.state = "+arg(f.State))
	case f.WaitingOnDirjen:
		where = append(where, "a.state IN ('forwarded', 'dwh_requested', 'addendum_forwarded', 'addendum_dwh_requested')")
	}
	if f.TenantSlug != "" {
		where = append(where, "a.tenant_id = (SELECT id FROM tenants WHERE slug = "+arg(f.TenantSlug)+")")
	}
	if f.Province != "" {
		where = append(where, "a.tenant_id IN (SELECT id FROM tenants WHERE kode_provinsi = "+arg(f.Province)+")")
	}
	if s := strings.TrimSpace(f.Search); s != "" {
		n := arg("%" + escapeLike(s) + "%")
		where = append(where, "(a.number ILIKE "+n+
			" OR EXISTS (SELECT 1 FROM institutions i WHERE i.tenant_id = a.tenant_id AND i.id = a.institution_id AND i.nama ILIKE "+n+")"+
			" OR a.tenant_id IN (SELECT id FROM tenants WHERE nama ILIKE "+n+"))")
	}
	if c, ok := ParseListCursor(f.After); ok {
		// Keyset, in scalar comparisons (see QueuePage): the scan starts there.
		since, id := arg(c.Since)+"::timestamptz", arg(c.ID)
		where = append(where, "a.state_since >= "+since+" AND (a.state_since > "+since+" OR a.id > "+id+")")
	}
	lim, off := arg(limit), arg(offset)
	// The page's IDs come from an inbox index alone (migration 000020 includes
	// what the policy reads), skipped rows of a deep page included.
	rows, err := q.Query(ctx, `WITH page AS MATERIALIZED (
			SELECT a.id, a.tenant_id, a.state_since
			FROM applications a WHERE `+strings.Join(where, " AND ")+`
			ORDER BY a.state_since ASC, a.id
			LIMIT `+lim+` OFFSET `+off+`)
		SELECT a.id, a.number,
			COALESCE((SELECT i.nama FROM institutions i WHERE i.tenant_id = a.tenant_id AND i.id = a.institution_id), ''),
			a.state, a.state_since, a.updated_at, t.nama, COALESCE(t.slug, ''), t.provinsi
		FROM page p JOIN applications a ON a.tenant_id = p.tenant_id AND a.id = p.id
		JOIN tenants t ON t.id = a.tenant_id
		ORDER BY p.state_since ASC, p.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: inbox page: %w", err)
	}
	defer rows.Close()
	var out []ListRow
	for rows.Next() {
		var r ListRow
		if err := rows.Scan(&r.ID, &r.Number, &r.Institution, &r.State, &r.StateSince, &r.UpdatedAt, &r.TenantName, &r.TenantSlug, &r.Province); err != nil {
			return nil, fmt.Errorf("store: inbox page: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: inbox page: %w", err)
	}
	return out, nil
}

// ListCursor is where a list page ends: the last row's sort key. The next page
// starts after it with a range scan, however deep (keyset paging).
type ListCursor struct {
	Due   string // the running clock's due instant (RFC 3339), or "infinity"; the queue only
	Since string // state_since (RFC 3339, microseconds); created_at in the lembaga's list
	ID    int64
}

// NewListCursor is the cursor after a row.
func NewListCursor(due *time.Time, since time.Time, id int64) string {
	d := "infinity"
	if due != nil {
		d = due.UTC().Format(time.RFC3339Nano)
	}
	return d + "~" + since.UTC().Format(time.RFC3339Nano) + "~" + strconv.FormatInt(id, 10)
}

// ParseListCursor reads a cursor; anything malformed is no cursor at all.
func ParseListCursor(s string) (ListCursor, bool) {
	parts := strings.Split(s, "~")
	if len(parts) != 3 || len(s) > 100 {
		return ListCursor{}, false
	}
	if parts[0] != "infinity" {
		if _, err := time.Parse(time.RFC3339Nano, parts[0]); err != nil {
			return ListCursor{}, false
		}
	}
	if _, err := time.Parse(time.RFC3339Nano, parts[1]); err != nil {
		return ListCursor{}, false
	}
	id, err := strconv.ParseInt(parts[2], 10, 64)
	if err != nil || id <= 0 {
		return ListCursor{}, false
	}
	return ListCursor{Due: parts[0], Since: parts[1], ID: id}, true
}

// Province is a province of an onboarded tenant.
type Province struct {
	Code string
	Name string
}

// Provinces lists the provinces of active tenants, by name.
func Provinces(ctx context.Context, q pgx.Tx) ([]Province, error) {
	rows, err := q.Query(ctx, `SELECT DISTINCT kode_provinsi, provinsi FROM tenants WHERE active ORDER BY provinsi`)
	if err != nil {
		return nil, fmt.Errorf("store: provinces: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Province, error) {
		var p Province
		return p, r.Scan(&p.Code, &p.Name)
	})
	if err != nil {
		return nil, fmt.Errorf("store: provinces: %w", err)
	}
	return out, nil
}

func collectListRows(rows pgx.Rows) ([]ListRow, error) {
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (ListRow, error) {
		var l ListRow
		return l, r.Scan(&l.ID, &l.Number, &l.Institution, &l.State, &l.StateSince, &l.UpdatedAt, &l.SLAClock, &l.SLADue)
	})
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
