package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// OperationalCounts are the figures an operator alerts on, read in one system
// transaction (each scrape of the metrics endpoint).
type OperationalCounts struct {
	OverdueByClock map[string]int64
	MailPending    int64
	MailFailed     int64
	JobsQueued     int64 // River jobs waiting or running
	JobsDiscarded  int64 // River jobs given up
}

// ReadOperationalCounts counts running SLA clocks past due at now (by clock, on
// the applications_due index) and the outbox's pending and abandoned e-mails.
func ReadOperationalCounts(ctx context.Context, q pgx.Tx, now time.Time) (OperationalCounts, error) {
	c := OperationalCounts{OverdueByClock: map[string]int64{}}
	rows, err := q.Query(ctx, `SELECT sla_clock, count(*) FROM applications
		WHERE sla_due_at < $1 AND sla_clock IS NOT NULL GROUP BY sla_clock`, now)
	if err != nil {
		return c, fmt.Errorf("count overdue clocks: %w", err)
	}
	for rows.Next() {
		var clock string
		var n int64
		if err := rows.Scan(&clock, &n); err != nil {
			rows.Close()
			return c, fmt.Errorf("count overdue clocks: %w", err)
		}
		c.OverdueByClock[clock] = n
	}
	if err := rows.Err(); err != nil {
		return c, fmt.Errorf("count overdue clocks: %w", err)
	}
	err = q.QueryRow(ctx, `SELECT count(*) FILTER (WHERE failed_at IS NULL),
		count(*) FILTER (WHERE failed_at IS NOT NULL) FROM outbox WHERE sent_at IS NULL`).Scan(&c.MailPending, &c.MailFailed)
	if err != nil {
		return c, fmt.Errorf("count outbox: %w", err)
	}
	err = q.QueryRow(ctx, `SELECT count(*) FILTER (WHERE state IN ('available', 'scheduled', 'retryable', 'running', 'pending')),
		count(*) FILTER (WHERE state = 'discarded') FROM river_job`).Scan(&c.JobsQueued, &c.JobsDiscarded)
	if err != nil {
		return c, fmt.Errorf("count jobs: %w", err)
	}
	return c, nil
}
