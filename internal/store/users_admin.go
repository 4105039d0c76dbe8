package store

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// StaffOfTenant lists a tenant's Disdukcapil accounts (petugas and kepala): active
// ones first, then by name.
func StaffOfTenant(ctx context.Context, q pgx.Tx, tenantID int64) ([]User, error) {
	rows, err := q.Query(ctx, `SELECT `+userColumns+` FROM users WHERE tenant_id = $1 AND role IN ('petugas', 'kepala')
		ORDER BY active DESC, name, id`, tenantID)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[User])
}

// UsersOfInstitution lists the accounts of one institution, oldest first (the
// registering user leads).
func UsersOfInstitution(ctx context.Context, q pgx.Tx, tenantID, institutionID int64) ([]User, error) {
	rows, err := q.Query(ctx, `SELECT `+userColumns+` FROM users WHERE tenant_id = $1 AND institution_id = $2
		ORDER BY created_at, id`, tenantID, institutionID)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[User])
}

// SetStaffActive switches a staff account of the tenant on or off; lembaga and
// national accounts are out of its reach (ErrNotFound). Switching off ends every
// session of the account for good: reactivation does not revive them.
func SetStaffActive(ctx context.Context, q pgx.Tx, tenantID, userID int64, active bool) error {
	tag, err := q.Exec(ctx, `UPDATE users SET active = $3, session_epoch = session_epoch + CASE WHEN $3 THEN 0 ELSE 1 END
		WHERE tenant_id = $1 AND id = $2 AND role IN ('petugas', 'kepala')`,
		tenantID, userID, active)
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
		return ErrNotFound
	}
	return nil
}

// CountUsersByRole counts active accounts per role across the platform (system scope).
func CountUsersByRole(ctx context.Context, q pgx.Tx) (map[string]int, error) {
	return countBy(ctx, q, "users by role", `SELECT role, count(*) FROM users WHERE active GROUP BY role`)
}
