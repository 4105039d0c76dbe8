package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// FailureStreak counts the failed attempts under key since the instant given that
// came after the key's last success, and when the latest of them was made.
func FailureStreak(ctx context.Context, q pgx.Tx, key string, since time.Time) (n int, last time.Time, err error) {
	var at *time.Time
	err = q.QueryRow(ctx, `SELECT count(*), max(at) FROM login_attempts
		WHERE key = $1 AND at >= $2 AND NOT succeeded
		  AND id > COALESCE((SELECT max(id) FROM login_attempts WHERE key = $1 AND succeeded AND at >= $2), 0)`,
		key, since).Scan(&n, &at)
	if err != nil {
		return 0, time.Time{}, fmt.Errorf("count failures: %w", err)
	}
	if at != nil {
		last = *at
	}
	return n, last, nil
}

// CreateAccountToken stores the hash of a single-use token for a user.
func CreateAccountToken(ctx context.Context, q pgx.Tx, userID int64, purpose string, hash []byte, now, expires time.Time) error {
	_, err := q.Exec(ctx, `INSERT INTO account_tokens (user_id, purpose, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`,
		userID, purpose, hash, now, expires)
	if err != nil {
		return fmt.Errorf("store %s token: %w", purpose, err)
	}
	return nil
}

// UseAccountToken marks an unused, unexpired token of the purpose used and returns
// its user; anything else is ErrNotFound. Used in the same statement that finds
// it, so a token works once even when clicked twice at the same moment.
func UseAccountToken(ctx context.Context, q pgx.Tx, purpose string, hash []byte, now time.Time) (int64, error) {
	var userID int64
	err := q.QueryRow(ctx, `UPDATE account_tokens SET used_at = $3
		WHERE purpose = $1 AND token_hash = $2 AND used_at IS NULL AND expires_at > $3 RETURNING user_id`,
		purpose, hash, now).Scan(&userID)
	return userID, notFound(err)
}

// PeekAccountToken reports whether a token of the purpose is usable now, without
// using it (for the page that asks the user to confirm).
func PeekAccountToken(ctx context.Context, q pgx.Tx, purpose string, hash []byte, now time.Time) (bool, error) {
	var ok bool
	err := q.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM account_tokens
		WHERE purpose = $1 AND token_hash = $2 AND used_at IS NULL AND expires_at > $3)`, purpose, hash, now).Scan(&ok)
	return ok, err
}

// TokensSentSince counts the tokens of a purpose made for a user since the instant
// given, so a flood of requests cannot flood the user's mailbox.
func TokensSentSince(ctx context.Context, q pgx.Tx, userID int64, purpose string, since time.Time) (int, error) {
	var n int
	err := q.QueryRow(ctx, `SELECT count(*) FROM account_tokens WHERE user_id = $1 AND purpose = $2 AND created_at >= $3`,
		userID, purpose, since).Scan(&n)
	return n, err
}

// AccountTokenUser returns the user of a usable token of the purpose, without
// using it; ErrNotFound otherwise.
func AccountTokenUser(ctx context.Context, q pgx.Tx, purpose string, hash []byte, now time.Time) (int64, error) {
	var id int64
	err := q.QueryRow(ctx, `SELECT user_id FROM account_tokens
		WHERE purpose = $1 AND token_hash = $2 AND used_at IS NULL AND expires_at > $3`, purpose, hash, now).Scan(&id)
	return id, notFound(err)
}
