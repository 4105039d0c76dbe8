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

// RecentFailures counts failed attempts under key since the instant given, stopping
// at the most recent success (a successful login clears the slate for that key).
func RecentFailures(ctx context.Context, q pgx.Tx, key string, since time.Time) (int, error) {
	var n int
	err := q.QueryRow(ctx, `SELECT count(*) FROM login_attempts
		WHERE key = $1 AND at >= $2 AND NOT succeeded
		  AND at > COALESCE((SELECT max(at) FROM login_attempts WHERE key = $1 AND succeeded AND at >= $2), '-infinity')`,
		key, since).Scan(&n)
	return n, err
}

// PruneLoginAttempts deletes attempts older than before; run from the job loop.
func PruneLoginAttempts(ctx context.Context, q pgx.Tx, before time.Time) (int64, error) {
	tag, err := q.Exec(ctx, `DELETE FROM login_attempts WHERE at < $1`, before)
	return tag.RowsAffected(), err
}
