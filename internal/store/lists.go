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
	TenantName  string // inbox only
	TenantSlug  string // inbox only
	Province    string // inbox only
}

// InstitutionApplications is a page of one institution's applications, newest first.
func InstitutionApplications(ctx context.Context, q pgx.Tx, tenantID, institutionID int64, limit, offset int) ([]ListRow, error) {
	rows, err := q.Query(ctx, `SELECT a.id, a.number, i.nama, a.state, a.state_since, a.updated_at, a.sla_clock, a.sla_due_at
		FROM applications a JOIN institutions i ON i.tenant_id = a.tenant_id AND i.id = a.institution_id
		WHERE a.tenant_id = $1 AND a.institution_id = $2
		ORDER BY a.created_at DESC, a.id DESC LIMIT $3 OFFSET $4`,
		tenantID, institutionID, limit, offset)
	if err != nil {
		return nil, fmt.Errorf("store: institution applications page: %w", err)
	}
	out, err := collectListRows(rows)
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
		n := arg("%" + escapeLike(s) + "%")
		where = append(where, "(a.number ILIKE "+n+" OR i.nama ILIKE "+n+")")
	}
	lim, off := arg(limit), arg(offset)
	rows, err := q.Query(ctx, `SELECT a.id, a.number, i.nama, a.state, a.state_since, a.updated_at, a.sla_clock, a.sla_due_at
		FROM applications a JOIN institutions i ON i.tenant_id = a.tenant_id AND i.id = a.institution_id
		WHERE `+strings.Join(where, " AND ")+`
		ORDER BY a.sla_due_at ASC NULLS LAST, a.state_since ASC, a.id
		LIMIT `+lim+` OFFSET `+off, args...)
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
	// dwh_requested), written literally so the partial index of migration 000005
	// serves the default inbox.
	WaitingOnDirjen bool
	TenantSlug      string
	Province        string // province code
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
		where = append(where, "a.state IN ('forwarded', 'dwh_requested')")
	}
	if f.TenantSlug != "" {
		where = append(where, "a.tenant_id = (SELECT id FROM tenants WHERE slug = "+arg(f.TenantSlug)+")")
	}
	if f.Province != "" {
		where = append(where, "a.tenant_id IN (SELECT id FROM tenants WHERE kode_provinsi = "+arg(f.Province)+")")
	}
	lim, off := arg(limit), arg(offset)
	rows, err := q.Query(ctx, `WITH page AS MATERIALIZED (
			SELECT a.id, a.tenant_id, a.institution_id, a.number, a.state, a.state_since, a.updated_at
			FROM applications a WHERE `+strings.Join(where, " AND ")+`
			ORDER BY a.state_since ASC, a.id
			LIMIT `+lim+` OFFSET `+off+`)
		SELECT a.id, a.number, i.nama, a.state, a.state_since, a.updated_at, t.nama, COALESCE(t.slug, ''), t.provinsi
		FROM page a
		JOIN institutions i ON i.tenant_id = a.tenant_id AND i.id = a.institution_id
		JOIN tenants t ON t.id = a.tenant_id
		ORDER BY a.state_since ASC, a.id`, args...)
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
