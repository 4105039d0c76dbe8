package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// CountAttempts counts every attempt (successful or not) under key since the
// instant given: for limits on actions that succeed too often to be harmless,
// such as self-registration.
func CountAttempts(ctx context.Context, q pgx.Tx, key string, since time.Time) (int, error) {
	var n int
	err := q.QueryRow(ctx, `SELECT count(*) FROM login_attempts WHERE key = $1 AND at >= $2`, key, since).Scan(&n)
	return n, err
}
