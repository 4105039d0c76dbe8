package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// RecordLoginAttempt notes one attempt under each key (hashed e-mail, client address).
func RecordLoginAttempt(ctx context.Context, q pgx.Tx, keys []string, succeeded bool, now time.Time) error {
	_, err := q.Exec(ctx, `INSERT INTO login_attempts (key, succeeded, at) SELECT k, $2, $3 FROM unnest($1::text[]) AS k`, keys, succeeded, now)
	return err
}

// LockLoginKey serialises login attempts under one key until the transaction ends,
// so parallel guesses cannot all pass the failure count before any is recorded.
func LockLoginKey(ctx context.Context, q pgx.Tx, key string) error {
	_, err := q.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, key)
	return err
}

// RecentFailures counts failed attempts under key since the instant given, stopping
// at the most recent success (a successful login clears the slate for that key).
func RecentFailures(ctx context.Context, q pgx.Tx, key string, since time.Time) (int, error) {
	var n int
	err := q.QueryRow(ctx, `SELECT count(*) FROM login_attempts
		WHERE key = $1 AND at >= $2 AND NOT succeeded
		  AND id > COALESCE((SELECT max(id) FROM login_attempts WHERE key = $1 AND succeeded AND at >= $2), 0)`,
		key, since).Scan(&n)
	return n, err
}

// PruneSessions deletes expired sessions.
func PruneSessions(ctx context.Context, q pgx.Tx, now time.Time) (int64, error) {
	tag, err := q.Exec(ctx, `DELETE FROM sessions WHERE expiry < $1`, now)
	return tag.RowsAffected(), err
}

// PruneLoginAttempts deletes attempts older than before; run from the job loop.
func PruneLoginAttempts(ctx context.Context, q pgx.Tx, before time.Time) (int64, error) {
	tag, err := q.Exec(ctx, `DELETE FROM login_attempts WHERE at < $1`, before)
	return tag.RowsAffected(), err
}
