package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// SecondFactor is an account's TOTP enrolment as sign-in needs it.
type SecondFactor struct {
	Secret   string // base32; "" when not enrolled
	LastStep int64  // the last 30-second step whose code was accepted
}

// SecondFactorOf reads and locks an account's TOTP secret and last accepted step
// until the transaction ends, so two sign-ins with one code cannot both pass.
func SecondFactorOf(ctx context.Context, q pgx.Tx, userID int64) (SecondFactor, error) {
	var secret *string
	var f SecondFactor
	err := q.QueryRow(ctx, `SELECT totp_secret, totp_last_step FROM users WHERE id = $1 FOR UPDATE`, userID).Scan(&secret, &f.LastStep)
	if errors.Is(err, pgx.ErrNoRows) {
		return SecondFactor{}, ErrNotFound
	}
	if err != nil {
		return SecondFactor{}, fmt.Errorf("store: read second factor: %w", err)
	}
	if secret != nil {
		f.Secret = *secret
	}
	return f, nil
}

// AcceptTOTPStep records that step's code was used; a step not after the last
// accepted one is refused (ErrConflict): a code counts once.
func AcceptTOTPStep(ctx context.Context, q pgx.Tx, userID, step int64) error {
	tag, err := q.Exec(ctx, `UPDATE users SET totp_last_step = $2 WHERE id = $1 AND totp_last_step < $2`, userID, step)
	if err != nil {
		return fmt.Errorf("store: accept TOTP step: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return ErrConflict
	}
	return nil
}

// EnrolSecondFactor stores a confirmed TOTP secret with the step its confirming
// code used, and replaces the account's recovery codes with the hashes given.
func EnrolSecondFactor(ctx context.Context, q pgx.Tx, userID int64, secret string, step int64, codeHashes [][]byte, now time.Time) error {
	tag, err := q.Exec(ctx, `UPDATE users SET totp_secret = $2, totp_enrolled_at = $3, totp_last_step = $4 WHERE id = $1`,
		userID, secret, now, step)
	if err != nil {
		return fmt.Errorf("store: enrol second factor: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return ErrNotFound
	}
	return ReplaceRecoveryCodes(ctx, q, userID, codeHashes, now)
}

// ReplaceRecoveryCodes deletes an account's recovery codes and stores new ones.
func ReplaceRecoveryCodes(ctx context.Context, q pgx.Tx, userID int64, codeHashes [][]byte, now time.Time) error {
	if _, err := q.Exec(ctx, `DELETE FROM recovery_codes WHERE user_id = $1`, userID); err != nil {
		return fmt.Errorf("store: delete recovery codes: %w", err)
	}
	_, err := q.Exec(ctx, `INSERT INTO recovery_codes (tenant_id, user_id, code_hash, created_at)
		SELECT (SELECT tenant_id FROM users WHERE id = $1), $1, h, $3 FROM unnest($2::bytea[]) AS h`, userID, codeHashes, now)
	if err != nil {
		return fmt.Errorf("store: insert recovery codes: %w", err)
	}
	return nil
}

// UseRecoveryCode marks the account's unused code with this hash used and
// returns how many unused ones remain; an unknown or used code is ErrNotFound.
func UseRecoveryCode(ctx context.Context, q pgx.Tx, userID int64, codeHash []byte, now time.Time) (int, error) {
	tag, err := q.Exec(ctx, `UPDATE recovery_codes SET used_at = $3 WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL`,
		userID, codeHash, now)
	if err != nil {
		return 0, fmt.Errorf("store: use recovery code: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return 0, ErrNotFound
	}
	return RecoveryCodesLeft(ctx, q, userID)
}

// RecoveryCodesLeft counts an account's unused recovery codes.
func RecoveryCodesLeft(ctx context.Context, q pgx.Tx, userID int64) (int, error) {
	var n int
	if err := q.QueryRow(ctx, `SELECT count(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL`, userID).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count recovery codes: %w", err)
	}
	return n, nil
}

// ResetSecondFactor removes an account's TOTP secret and recovery codes and ends
// its sessions (a lost phone: whoever holds it should not stay signed in). Only
// accounts of the given roles are reached, and the caller's scope limits which
// rows those are (a kepala's tenant; the admin's national policy); anything else
// is ErrNotFound. It returns the account's tenant.
func ResetSecondFactor(ctx context.Context, q pgx.Tx, userID int64, roles []string) (*int64, error) {
	var tenantID *int64
	err := q.QueryRow(ctx, `UPDATE users SET totp_secret = NULL, totp_enrolled_at = NULL, totp_last_step = 0,
			session_epoch = session_epoch + 1
		WHERE id = $1 AND role = ANY($2) RETURNING tenant_id`, userID, roles).Scan(&tenantID)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("store: reset second factor: %w", err)
	}
	if _, err := q.Exec(ctx, `DELETE FROM recovery_codes WHERE user_id = $1`, userID); err != nil {
		return nil, fmt.Errorf("store: delete recovery codes: %w", err)
	}
	return tenantID, nil
}

// RemoveSecondFactor is a user's own switching off of an optional second factor.
func RemoveSecondFactor(ctx context.Context, q pgx.Tx, userID int64) error {
	if _, err := q.Exec(ctx, `UPDATE users SET totp_secret = NULL, totp_enrolled_at = NULL WHERE id = $1`, userID); err != nil {
		return fmt.Errorf("store: remove second factor: %w", err)
	}
	if _, err := q.Exec(ctx, `DELETE FROM recovery_codes WHERE user_id = $1`, userID); err != nil {
		return fmt.Errorf("store: delete recovery codes: %w", err)
	}
	return nil
}

// NationalAccount is a kepala or Dirjen liaison as the admin's account list shows it.
type NationalAccount struct {
	ID           int64  `db:"id"`
	Name         string `db:"name"`
	Email        string `db:"email"`
	Role         string `db:"role"`
	TenantName   string `db:"tenant_name"`
	Active       bool   `db:"active"`
	TOTPEnrolled bool   `db:"totp_enrolled"`
}

// ResettableAccounts lists, for the admin, the kepala and Dirjen accounts whose
// e-mail or name contains query, by ID after the keyset cursor.
func ResettableAccounts(ctx context.Context, q pgx.Tx, query string, after int64, limit int) ([]NationalAccount, error) {
	rows, err := q.Query(ctx, `SELECT u.id, u.name, u.email, u.role, COALESCE(t.nama, '') AS tenant_name, u.active,
			(u.totp_secret IS NOT NULL) AS totp_enrolled
		FROM users u LEFT JOIN tenants t ON t.id = u.tenant_id
		WHERE u.role IN ('kepala', 'dirjen') AND u.id > $1
		  AND ($2 = '' OR strpos(u.email, lower($2)) > 0 OR strpos(lower(u.name), lower($2)) > 0)
		ORDER BY u.id LIMIT $3`, after, query, limit)
	if err != nil {
		return nil, fmt.Errorf("store: list national accounts: %w", err)
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[NationalAccount])
}
