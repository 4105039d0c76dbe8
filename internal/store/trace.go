package store

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Statements counts the SQL statements (each a round trip, BEGIN and COMMIT
// included) run on behalf of one context, such as one HTTP request, and keeps
// the start of each so that a page over its budget can say what it ran.
type Statements struct {
	n    atomic.Int64
	keep bool // keep the statements' text, not only their number
	mu   sync.Mutex
	sql  []string
}

// sqlPrefix is how much of each statement is kept: enough to tell them apart.
const sqlPrefix = 90

func (s *Statements) add(n int64, sql string) {
	s.n.Add(n)
	if !s.keep {
		return
	}
	sql = strings.Join(strings.Fields(sql), " ")
	if len(sql) > sqlPrefix {
		sql = sql[:sqlPrefix] + "…"
	}
	s.mu.Lock()
	s.sql = append(s.sql, sql)
	s.mu.Unlock()
}

// SQL lists the start of each statement so far, in order (a batch is one entry).
func (s *Statements) SQL() []string {
	if s == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.sql...)
}

// Count is how many statements ran so far.
func (s *Statements) Count() int64 {
	if s == nil {
		return 0
	}
	return s.n.Load()
}

type statementsKey struct{}

// CountStatements returns a context whose statements are counted in the returned
// counter (on a pool with counting enabled); with keepSQL it also keeps the start
// of each statement's text (for debugging: it allocates per statement).
func CountStatements(ctx context.Context, keepSQL bool) (context.Context, *Statements) {
	s := &Statements{keep: keepSQL}
	return context.WithValue(ctx, statementsKey{}, s), s
}

func countStatement(ctx context.Context, n int64, sql string) {
	if s, ok := ctx.Value(statementsKey{}).(*Statements); ok {
		s.add(n, sql)
	}
}

// statementTracer is the pgx tracer behind CountStatements: one context look-up
// per statement, nothing else.
type statementTracer struct{}

func (statementTracer) TraceQueryStart(ctx context.Context, _ *pgx.Conn, d pgx.TraceQueryStartData) context.Context {
	countStatement(ctx, 1, d.SQL)
	return ctx
}

func (statementTracer) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

func (statementTracer) TraceBatchStart(ctx context.Context, _ *pgx.Conn, d pgx.TraceBatchStartData) context.Context {
	if d.Batch != nil {
		countStatement(ctx, int64(d.Batch.Len()), fmt.Sprintf("batch of %d", d.Batch.Len()))
	}
	return ctx
}

func (statementTracer) TraceBatchQuery(context.Context, *pgx.Conn, pgx.TraceBatchQueryData) {}
func (statementTracer) TraceBatchEnd(context.Context, *pgx.Conn, pgx.TraceBatchEndData)     {}

func (statementTracer) TraceCopyFromStart(ctx context.Context, _ *pgx.Conn, d pgx.TraceCopyFromStartData) context.Context {
	countStatement(ctx, 1, "COPY "+d.TableName.Sanitize())
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
