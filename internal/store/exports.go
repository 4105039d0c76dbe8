package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// ApplicationExportRow is one application as the exports list it.
type ApplicationExportRow struct {
	Number      string     `db:"number"`
	Institution string     `db:"institution"`
	Tenant      string     `db:"tenant"`
	Province    string     `db:"provinsi"`
	TimeZone    string     `db:"zona_waktu"`
	State       string     `db:"state"`
	SubmittedAt *time.Time `db:"submitted_at"`
	DueAt       *time.Time `db:"sla_due_at"`
	PKSStart    *time.Time `db:"pks_start"`
	PKSEnd      *time.Time `db:"pks_end"`
}

// EachApplicationForExport streams the submitted applications the scope may see
// (one tenant's when tenantID is set, else every one the scope shows, e.g. the
// Dirjen's forwarded ones), by tenant and number, calling fn for each row as it
// arrives: memory stays bounded however many rows there are.
func EachApplicationForExport(ctx context.Context, q pgx.Tx, tenantID int64, fn func(ApplicationExportRow) error) error {
	rows, err := q.Query(ctx, `SELECT a.number, i.nama AS institution, t.nama AS tenant, t.provinsi, t.zona_waktu, a.state,
			a.submitted_at, a.sla_due_at, a.pks_start, a.pks_end
		FROM applications a JOIN tenants t ON t.id = a.tenant_id
		JOIN institutions i ON i.tenant_id = a.tenant_id AND i.id = a.institution_id
		WHERE a.submitted_at IS NOT NULL AND (@tenant = 0 OR a.tenant_id = @tenant)
		ORDER BY t.kode, a.id`, pgx.NamedArgs{"tenant": tenantID})
	if err != nil {
		return err
	}
	defer rows.Close()
	scan := pgx.RowToStructByName[ApplicationExportRow]
	for rows.Next() {
		r, err := scan(rows)
		if err != nil {
			return err
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}
