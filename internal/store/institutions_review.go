package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// CountInstitutionsByStatus counts a tenant's institutions per status (pending,
// verified, refused); statuses without any are absent.
func CountInstitutionsByStatus(ctx context.Context, q pgx.Tx, tenantID int64) (map[string]int, error) {
	return countBy(ctx, q, "institutions by status", `SELECT status, count(*) FROM institutions WHERE tenant_id = $1 GROUP BY status`, tenantID)
}

// ChangeInstitutionStatus moves an institution from one of the statuses in from to
// status. It is a compare-and-set: ErrConflict when the institution exists but is
// no longer in any of from (someone else decided first), ErrNotFound when the
// tenant has no such institution.
func ChangeInstitutionStatus(ctx context.Context, q pgx.Tx, tenantID, id int64, from []string, status, reason string, now time.Time) error {
	tag, err := q.Exec(ctx, `UPDATE institutions SET status = $4, status_reason = $5,
		verified_at = CASE WHEN $4 = 'verified' THEN $6::timestamptz ELSE NULL END
		WHERE tenant_id = $1 AND id = $2 AND status = ANY($3)`, tenantID, id, from, status, reason, now)
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 1 {
		return nil
	}
	if _, err := InstitutionByID(ctx, q, tenantID, id); err != nil {
		return err
	}
	return ErrConflict
}
