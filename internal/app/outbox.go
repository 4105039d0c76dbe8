package app

import (
	"context"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// Outbox delivery policy: retry with exponential backoff (1, 2, 4 … minutes,
// capped), and give up after MaxMailAttempts, keeping the last error.
const (
	MaxMailAttempts = 10
	firstMailRetry  = time.Minute
	maxMailRetry    = 6 * time.Hour
	maxErrorLen     = 1000
)

// mailRetryDelay is how long to wait after the attempts-th failed attempt.
func mailRetryDelay(attempts int) time.Duration {
	d := firstMailRetry
	for i := 1; i < attempts && d < maxMailRetry; i++ {
		d *= 2
	}
	return min(d, maxMailRetry)
}

// DeliverOutbox sends up to batch due e-mails and reports how many went out. It
// claims them with FOR UPDATE SKIP LOCKED in one system-scope transaction, so
// any number of instances may run it at once without sending a message twice.
// A failed message is tried again later with exponential backoff, and abandoned
// (failed_at set, last_error kept) after MaxMailAttempts.
//
// A nil send means no SMTP server is configured (development): messages are not
// sent anywhere but marked delivered as "dev", and stay readable in the
// development mailbox (DevMailbox).
//
// Delivery is at least once: should the transaction fail to commit after a send,
// that message is sent again on a later run.
func (a *App) DeliverOutbox(ctx context.Context, send func(to, subject, body string) error, batch int) (sent int, err error) {
	if batch <= 0 {
		batch = 20
	}
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	now := a.Clock.Now()
	// The transaction itself ignores cancellation, so that what was sent before
	// ctx ended is still recorded; ctx only stops further sends.
	dbCtx := context.WithoutCancel(ctx)
	err = a.DB.Tx(dbCtx, store.System(), func(tx pgx.Tx) error {
		msgs, err := store.ClaimDueMail(dbCtx, tx, now, batch)
		if err != nil {
			return err
		}
		results := make([]store.MailResult, 0, len(msgs))
		for _, m := range msgs {
			if ctx.Err() != nil {
				break // the rest stay due for the next run
			}
			r := store.MailResult{ID: m.ID}
			if send == nil {
				r.Delivery = "dev"
				sent++
			} else if err := send(m.To, m.Subject, m.Body); err != nil {
				r.Error = truncate(err.Error(), maxErrorLen)
				if attempts := m.Attempts + 1; attempts < MaxMailAttempts {
					r.Retry = now.Add(mailRetryDelay(attempts))
				}
				a.Log.WarnContext(ctx, "mail not sent", "outbox_id", m.ID, "attempt", m.Attempts+1, "err", err)
				a.Metrics.JobFailed("mail")
			} else {
				r.Delivery = "smtp"
				sent++
			}
			results = append(results, r)
		}
		return store.RecordMailResults(dbCtx, tx, results, now)
	})
	return sent, err
}

// RunJobs is the background loop every instance runs until ctx ends: it delivers
// the outbox every 5 seconds and ends expired agreements every 10 minutes (first
// at start). Both are safe to run on many instances at once.
func (a *App) RunJobs(ctx context.Context, send func(to, subject, body string) error) {
	const batch = 50
	mailTick := time.NewTicker(5 * time.Second)
	defer mailTick.Stop()
	expireTick := time.NewTicker(10 * time.Minute)
	defer expireTick.Stop()
	expire := func() {
		if n, err := a.ExpireDue(ctx); err != nil && ctx.Err() == nil {
			a.Log.ErrorContext(ctx, "expire agreements", "err", err)
			a.Metrics.JobFailed("expire")
		} else if n > 0 {
			a.Log.Info("agreements expired", "count", n)
		}
		// Stored deadlines follow the calendar even when a recompute after a holiday
		// change failed in its request: a fixed handful of queries per tenant.
		if _, err := a.RecomputeDeadlines(ctx, 0); err != nil && ctx.Err() == nil {
			a.Log.ErrorContext(ctx, "recompute deadlines", "err", err)
			a.Metrics.JobFailed("recompute_deadlines")
		}
		// Expired sessions and old login attempts: the session store runs no
		// cleanup of its own (see server.New).
		if err := a.Housekeeping(ctx); err != nil && ctx.Err() == nil {
			a.Log.ErrorContext(ctx, "housekeeping", "err", err)
			a.Metrics.JobFailed("housekeeping")
		}
	}
	expire()
	for {
		select {
		case <-ctx.Done():
			return
		case <-mailTick.C:
			// Drain a backlog batch by batch; a failing batch waits for the next tick.
			for ctx.Err() == nil {
				n, err := a.DeliverOutbox(ctx, send, batch)
				if err != nil {
					if ctx.Err() == nil {
						a.Log.ErrorContext(ctx, "deliver outbox", "err", err)
						a.Metrics.JobFailed("outbox")
					}
					break
				}
				if n < batch {
					break
				}
			}
		case <-expireTick.C:
			expire()
		}
	}
}

// OutboxMessage is one e-mail as the development mailbox shows it.
type OutboxMessage struct {
	ID        int64
	To        string
	Subject   string
	Body      string
	CreatedAt time.Time
	Attempts  int
	Status    string // "terkirim", "dev", "menunggu", "gagal"
	LastError string
}

// DevMailbox lists the newest e-mails of the outbox, for the platform admin of a
// development server (one without SMTP).
func (a *App) DevMailbox(ctx context.Context, p Principal, limit int) ([]OutboxMessage, error) {
	if p.Role != workflow.RoleAdmin {
		return nil, Forbidden("")
	}
	var out []OutboxMessage
	err := a.DB.ReadTx(ctx, store.System(), func(tx pgx.Tx) error {
		list, err := store.RecentMail(ctx, tx, limit)
		if err != nil {
			return err
		}
		for _, m := range list {
			o := OutboxMessage{ID: m.ID, To: m.To, Subject: m.Subject, Body: m.Body, CreatedAt: m.CreatedAt, Attempts: m.Attempts}
			switch {
			case m.SentAt != nil && m.Delivery != nil && *m.Delivery == "dev":
				o.Status = "dev"
			case m.SentAt != nil:
				o.Status = "terkirim"
			case m.FailedAt != nil:
				o.Status = "gagal"
			default:
				o.Status = "menunggu"
			}
			if m.LastError != nil {
				o.LastError = *m.LastError
			}
			out = append(out, o)
		}
		return nil
	})
	return out, err
}

// truncate shortens s to at most n bytes without splitting a character.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
