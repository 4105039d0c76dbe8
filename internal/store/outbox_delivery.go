package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// MailByID reads one outbox message (system scope), for its delivery job.
func MailByID(ctx context.Context, q pgx.Tx, id int64) (Mail, error) {
	rows, err := q.Query(ctx, `SELECT `+mailColumns+` FROM outbox WHERE id = $1`, id)
	if err != nil {
		return Mail{}, err
	}
	m, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Mail])
	return m, notFound(err)
}

// RecordMailAttempt stores the outcome of one delivery attempt of a message still
// pending; it reports false when the message was already settled (sent or given
// up), so a repeated job changes nothing. delivery is "smtp" or "dev" when it went
// out, "" when it failed with errText; giveUp marks a failure final; next says when
// the queue tries again (kept for the mailbox).
func RecordMailAttempt(ctx context.Context, q pgx.Tx, id int64, delivery, errText string, giveUp bool, next, now time.Time) (bool, error) {
	var d, e *string
	if delivery != "" {
		d = &delivery
	} else {
		e = &errText
	}
	tag, err := q.Exec(ctx, `UPDATE outbox SET attempts = attempts + 1,
			sent_at = CASE WHEN @delivery::text IS NOT NULL THEN @now::timestamptz END,
			delivery = @delivery,
			last_error = @err,
			next_attempt_at = CASE WHEN @delivery::text IS NULL AND NOT @give_up THEN @next::timestamptz ELSE next_attempt_at END,
			failed_at = CASE WHEN @delivery::text IS NULL AND @give_up THEN @now::timestamptz END
		WHERE id = @id AND sent_at IS NULL AND failed_at IS NULL`,
		pgx.NamedArgs{"id": id, "delivery": d, "err": e, "give_up": giveUp, "next": next, "now": now})
	if err != nil {
		return false, err
	}
	return tag.RowsAffected() == 1, nil
}

// PendingMailIDs lists up to limit messages neither sent nor given up, oldest
// first: the sweep queues a delivery job for any that has none (the queue drops
// duplicates).
func PendingMailIDs(ctx context.Context, q pgx.Tx, limit int) ([]int64, error) {
	rows, err := q.Query(ctx, `SELECT id FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL
		ORDER BY next_attempt_at, id LIMIT $1`, limit)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[int64])
}
