package store

import (
	"context"
	"fmt"
	"sync/atomic"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Statements counts the SQL statements (each a round trip, BEGIN and COMMIT
// included) run on behalf of one context, such as one HTTP request.
type Statements struct{ n atomic.Int64 }

// Count is how many statements ran so far.
func (s *Statements) Count() int64 {
	if s == nil {
		return 0
	}
	return s.n.Load()
}

type statementsKey struct{}

// CountStatements returns a context whose statements are counted in the returned
// counter (on a pool with counting enabled).
func CountStatements(ctx context.Context) (context.Context, *Statements) {
	s := &Statements{}
	return context.WithValue(ctx, statementsKey{}, s), s
}

func countStatement(ctx context.Context, n int64) {
	if s, ok := ctx.Value(statementsKey{}).(*Statements); ok {
		s.n.Add(n)
	}
}

// statementTracer is the pgx tracer behind CountStatements: one context look-up
// per statement, nothing else.
type statementTracer struct{}

func (statementTracer) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	countStatement(ctx, 1)
	return ctx
}

func (statementTracer) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

func (statementTracer) TraceBatchStart(ctx context.Context, _ *pgx.Conn, d pgx.TraceBatchStartData) context.Context {
	if d.Batch != nil {
		countStatement(ctx, int64(d.Batch.Len()))
	}
	return ctx
}

func (statementTracer) TraceBatchQuery(context.Context, *pgx.Conn, pgx.TraceBatchQueryData) {}
func (statementTracer) TraceBatchEnd(context.Context, *pgx.Conn, pgx.TraceBatchEndData)     {}

func (statementTracer) TraceCopyFromStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceCopyFromStartData) context.Context {
	countStatement(ctx, 1)
	return ctx
}

func (statementTracer) TraceCopyFromEnd(context.Context, *pgx.Conn, pgx.TraceCopyFromEndData) {}

// EnableStatementCounting replaces db's pool with one of the same configuration
// (role switch and its check included) whose connections feed CountStatements.
// Call it once, right after Open, before the pool is shared.
func (db *DB) EnableStatementCounting(ctx context.Context) error {
	cfg := db.pool.Config()
	cfg.ConnConfig.Tracer = statementTracer{}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return fmt.Errorf("open counting pool: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return fmt.Errorf("connect counting pool: %w", err)
	}
	old := db.pool
	db.pool = pool
	old.Close()
	return nil
}
