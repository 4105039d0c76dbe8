package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/workflow"
)

// Institution is a lembaga pengguna of one tenant.
type Institution struct {
	ID           int64                    `db:"id"`
	TenantID     int64                    `db:"tenant_id"`
	Type         workflow.InstitutionType `db:"jenis"`
	Name         string                   `db:"nama"`
	Address      string                   `db:"alamat"`
	HeadName     string                   `db:"head_name"`
	HeadPosition string                   `db:"head_position"`
	Phone        string                   `db:"phone"`
	Email        string                   `db:"email"`
	Status       string                   `db:"status"`
	StatusReason string                   `db:"status_reason"`
	VerifiedAt   *time.Time               `db:"verified_at"`
	CreatedAt    time.Time                `db:"created_at"`
}

const institutionColumns = `id, tenant_id, jenis, nama, alamat, head_name, head_position, phone, email, status, status_reason, verified_at, created_at`

// NewInstitution is what registering an institution needs.
type NewInstitution struct {
	TenantID     int64
	Type         string
	Name         string
	Address      string
	HeadName     string
	HeadPosition string
	Phone        string
	Email        string
}

// CreateInstitution inserts a pending institution.
func CreateInstitution(ctx context.Context, q pgx.Tx, in NewInstitution, now time.Time) (int64, error) {
	var id int64
	err := q.QueryRow(ctx, `INSERT INTO institutions (tenant_id, jenis, nama, alamat, head_name, head_position, phone, email, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		in.TenantID, in.Type, in.Name, in.Address, in.HeadName, in.HeadPosition, in.Phone, in.Email, now).Scan(&id)
	return id, err
}

// InstitutionByID finds an institution of the tenant.
func InstitutionByID(ctx context.Context, q pgx.Tx, tenantID, id int64) (Institution, error) {
	rows, err := q.Query(ctx, `SELECT `+institutionColumns+` FROM institutions WHERE tenant_id = $1 AND id = $2`, tenantID, id)
	if err != nil {
		return Institution{}, err
	}
	in, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Institution])
	return in, notFound(err)
}

// SetInstitutionStatus verifies or refuses an institution.
func SetInstitutionStatus(ctx context.Context, q pgx.Tx, tenantID, id int64, status, reason string, now time.Time) error {
	tag, err := q.Exec(ctx, `UPDATE institutions SET status = $3, status_reason = $4,
		verified_at = CASE WHEN $3 = 'verified' THEN $5::timestamptz ELSE NULL END
		WHERE tenant_id = $1 AND id = $2`, tenantID, id, status, reason, now)
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
		return ErrNotFound
	}
	return nil
}

// InstitutionsByStatus lists a tenant's institutions in one status, newest first.
func InstitutionsByStatus(ctx context.Context, q pgx.Tx, tenantID int64, status string, limit, offset int) ([]Institution, error) {
	rows, err := q.Query(ctx, `SELECT `+institutionColumns+` FROM institutions WHERE tenant_id = $1 AND status = $2
		ORDER BY created_at DESC, id DESC LIMIT $3 OFFSET $4`, tenantID, status, limit, offset)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[Institution])
}

// InstitutionIDByName finds an institution of the tenant by its exact name.
func InstitutionIDByName(ctx context.Context, q pgx.Tx, tenantID int64, name string) (int64, error) {
	var id int64
	err := q.QueryRow(ctx, `SELECT id FROM institutions WHERE tenant_id = $1 AND nama = $2`, tenantID, name).Scan(&id)
	return id, notFound(err)
}
