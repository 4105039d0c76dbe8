package store

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"
)

// Reads routes read-only work to a streaming standby (HAKAKSES_DATABASE_REPLICA_URL)
// while the standby is close enough behind the primary, and to the primary
// otherwise: when no replica is configured, when it does not answer, when it has
// fallen more than MaxLag behind, or when the request must read its own writes
// (WithPrimary). The replica's connections run as the same runtime role, so
// row-level security holds there exactly as on the primary.
type Reads struct {
	Primary *DB
	Replica *DB // nil: every read goes to the primary
	// MaxLag is how stale the replica may be: the age of its last replayed
	// transaction while the primary has WAL it has not replayed yet.
	MaxLag time.Duration
	// CheckEvery bounds how often the replica's health is measured (default 1 s;
	// negative: before every read, for tests).
	CheckEvery time.Duration
	// Now is the clock that paces the checks.
	Now func() time.Time
	// Log, when set, hears when the replica is left for the primary and when
	// reads return to it.
	Log *slog.Logger

	mu        sync.Mutex
	checkedAt time.Time
	healthy   bool
	lastErr   error
}

type primaryKey struct{}

// WithPrimary marks ctx as needing the primary: the user has just written and
// must see it (read-your-own-write).
func WithPrimary(ctx context.Context) context.Context {
	return context.WithValue(ctx, primaryKey{}, true)
}

// DB returns where a read-only transaction for ctx should run.
func (r *Reads) DB(ctx context.Context) *DB {
	if r == nil {
		return nil
	}
	if r.Replica == nil {
		return r.Primary
	}
	if v, _ := ctx.Value(primaryKey{}).(bool); v {
		return r.Primary
	}
	if r.replicaHealthy(ctx) {
		return r.Replica
	}
	return r.Primary
}

// LastError is why the replica was last found unusable (nil when it was not).
func (r *Reads) LastError() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.lastErr
}

func (r *Reads) replicaHealthy(ctx context.Context) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	every := r.CheckEvery
	if every == 0 {
		every = time.Second
	}
	now := r.Now()
	if since := now.Sub(r.checkedAt); !r.checkedAt.IsZero() && since >= 0 && since < every {
		return r.healthy
	}
	// Measured under the lock: concurrent requests wait for one check rather
	// than each probing the replica; the probe is bounded to one second.
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
	defer cancel()
	was, checkedBefore := r.healthy, !r.checkedAt.IsZero()
	r.lastErr = r.measure(cctx)
	r.healthy = r.lastErr == nil
	r.checkedAt = now
	if r.Log != nil && (r.healthy != was || !checkedBefore) {
		if r.healthy {
			r.Log.Info("read replica in use")
		} else {
			r.Log.Warn("read replica left: reads go to the primary", "err", r.lastErr)
		}
	}
	return r.healthy
}

// measure finds the replica usable when it answers and either has replayed
// all the WAL the primary had written a moment ago, or its last replayed
// transaction is younger than MaxLag.
func (r *Reads) measure(ctx context.Context) error {
	// A replica down at start-up had its role checked by nobody yet
	// (OpenReplica): no read goes there before the check passes.
	if err := r.Replica.verifyRole(ctx); err != nil {
		return fmt.Errorf("replica: %w", err)
	}
	var primaryLSN string
	if err := r.Primary.pool.QueryRow(ctx, `SELECT pg_current_wal_lsn()::text`).Scan(&primaryLSN); err != nil {
		return fmt.Errorf("primary WAL position: %w", err)
	}
	var caughtUp bool
	var age *float64
	err := r.Replica.pool.QueryRow(ctx, `SELECT COALESCE(pg_last_wal_replay_lsn() >= $1::pg_lsn, true),
		EXTRACT(epoch FROM now() - pg_last_xact_replay_timestamp())::float8`, primaryLSN).Scan(&caughtUp, &age)
	if err != nil {
		return fmt.Errorf("replica does not answer: %w", err)
	}
	if caughtUp {
		return nil
	}
	if age != nil && time.Duration(*age*float64(time.Second)) <= r.MaxLag {
		return nil
	}
	if age == nil {
		return fmt.Errorf("replica behind the primary and has replayed no transaction yet")
	}
	return fmt.Errorf("replica %.1fs behind, more than %s", *age, r.MaxLag)
}
