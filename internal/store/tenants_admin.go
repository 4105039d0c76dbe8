package store

import (
	"context"
	"strings"

	"github.com/jackc/pgx/v5"
)

// TenantFilter narrows the platform's tenant list. Query matches the name,
// province (case-insensitive, anywhere) or region code (prefix); Active, when set,
// keeps onboarded (true) or not yet onboarded (false) tenants only.
type TenantFilter struct {
	Query  string
	Active *bool
}

func (f TenantFilter) where() (string, []any) {
	q := strings.TrimSpace(f.Query)
	like := "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(q) + "%"
	prefix := strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(q) + "%"
	return `WHERE ($1 = '' OR nama ILIKE $2 OR provinsi ILIKE $2 OR kode LIKE $3 OR slug ILIKE $2)
		AND ($4::boolean IS NULL OR active = $4)`, []any{q, like, prefix, f.Active}
}

// SearchTenants lists tenants matching f by region code, a page at a time.
func SearchTenants(ctx context.Context, q pgx.Tx, f TenantFilter, limit, offset int) ([]Tenant, error) {
	where, args := f.where()
	rows, err := q.Query(ctx, `SELECT `+tenantColumns+` FROM tenants `+where+` ORDER BY kode LIMIT $5 OFFSET $6`,
		append(args, limit, offset)...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[Tenant])
}

// CountTenants counts tenants matching f.
func CountTenants(ctx context.Context, q pgx.Tx, f TenantFilter) (int, error) {
	where, args := f.where()
	var n int
	err := q.QueryRow(ctx, `SELECT count(*) FROM tenants `+where, args...).Scan(&n)
	return n, err
}

// SlugTaken reports whether another tenant already uses slug.
func SlugTaken(ctx context.Context, q pgx.Tx, slug string, exceptID int64) (bool, error) {
	var taken bool
	err := q.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM tenants WHERE slug = $1 AND id <> $2)`, slug, exceptID).Scan(&taken)
	return taken, err
}

// CountInstitutionsByPlatformStatus counts every tenant's institutions per status
// (system scope; admin's overview).
func CountInstitutionsByPlatformStatus(ctx context.Context, q pgx.Tx) (map[string]int, error) {
	return countBy(ctx, q, "institutions by status", `SELECT status, count(*) FROM institutions GROUP BY status`)
}

// LockTenant holds a tenant's row until the transaction ends, so two admins
// onboarding the same tenant at once act one after the other.
func LockTenant(ctx context.Context, q pgx.Tx, id int64) error {
	var got int64
	err := q.QueryRow(ctx, `SELECT id FROM tenants WHERE id = $1 FOR UPDATE`, id).Scan(&got)
	return notFound(err)
}
