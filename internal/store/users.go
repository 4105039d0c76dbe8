package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// User is an account. TenantID and InstitutionID are nil for national accounts
// (Dirjen liaison, admin) and for staff respectively.
type User struct {
	ID                int64     `db:"id"`
	TenantID          *int64    `db:"tenant_id"`
	InstitutionID     *int64    `db:"institution_id"`
	Email             string    `db:"email"`
	Name              string    `db:"name"`
	Role              string    `db:"role"`
	PasswordHash      string    `db:"password_hash"`
	Active            bool      `db:"active"`
	CreatedAt         time.Time `db:"created_at"`
	PasswordChangedAt time.Time `db:"password_changed_at"`
	SessionEpoch      int64     `db:"session_epoch"` // bumped to end every session signed in before
	TOTPEnrolled      bool      `db:"totp_enrolled"` // has a second factor (the secret itself stays in SecondFactorOf)
	Language          *string   `db:"language"`      // "id" or "en" as chosen on the account page; nil: not chosen
}

const userColumns = `id, tenant_id, institution_id, email, name, role, password_hash, active, created_at, password_changed_at, session_epoch,
	(totp_secret IS NOT NULL) AS totp_enrolled, language`

// UserByEmail finds an account by its (lower-cased) e-mail; used by login, in the
// system scope, because the tenant is not known before the user is.
func UserByEmail(ctx context.Context, q pgx.Tx, email string) (User, error) {
	rows, err := q.Query(ctx, `SELECT `+userColumns+` FROM users WHERE email = $1`, email)
	if err != nil {
		return User{}, err
	}
	u, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[User])
	return u, notFound(err)
}

// UserByID finds an account.
func UserByID(ctx context.Context, q pgx.Tx, id int64) (User, error) {
	rows, err := q.Query(ctx, `SELECT `+userColumns+` FROM users WHERE id = $1`, id)
	if err != nil {
		return User{}, err
	}
	u, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[User])
	return u, notFound(err)
}

// NewUser is what creating an account needs.
type NewUser struct {
	TenantID      *int64
	InstitutionID *int64
	Email         string
	Name          string
	Role          string
	PasswordHash  string
	Inactive      bool // until its owner proves the e-mail address (self-registration)
}

// CreateUser inserts an account and returns its ID; a taken e-mail is ErrConflict.
func CreateUser(ctx context.Context, q pgx.Tx, u NewUser, now time.Time) (int64, error) {
	var id int64
	err := q.QueryRow(ctx, `INSERT INTO users (tenant_id, institution_id, email, name, role, password_hash, created_at, password_changed_at, active)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $7, NOT $8) RETURNING id`,
		u.TenantID, u.InstitutionID, u.Email, u.Name, u.Role, u.PasswordHash, now, u.Inactive).Scan(&id)
	if IsUniqueViolation(err, "users_email_key") {
		return 0, ErrConflict
	}
	return id, err
}

// SetPassword replaces an account's password hash and ends every session signed
// in under the old one (the session epoch moves on).
func SetPassword(ctx context.Context, q pgx.Tx, id int64, hash string, now time.Time) error {
	tag, err := q.Exec(ctx, `UPDATE users SET password_hash = $2, password_changed_at = $3, session_epoch = session_epoch + 1 WHERE id = $1`, id, hash, now)
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
		return ErrNotFound
	}
	return nil
}

// UsersOfTenant lists a tenant's accounts (staff and lembaga), newest first.
func UsersOfTenant(ctx context.Context, q pgx.Tx, tenantID int64, limit int) ([]User, error) {
	rows, err := q.Query(ctx, `SELECT `+userColumns+` FROM users WHERE tenant_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`, tenantID, limit)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[User])
}

// ActivateUser switches on an account that awaited its e-mail confirmation.
func ActivateUser(ctx context.Context, q pgx.Tx, id int64) error {
	_, err := q.Exec(ctx, `UPDATE users SET active = true WHERE id = $1`, id)
	return err
}
