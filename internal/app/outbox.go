package app

import (
	"context"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// Outbox delivery policy: the queue retries a message with exponential backoff
// (1, 2, 4 … minutes, capped), and gives up after MaxMailAttempts, keeping the
// last error.
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

// SendMail sends one e-mail; nil means no SMTP server is configured.
type SendMail func(to, subject, body string) error

// DeliverMail makes one delivery attempt of an outbox message: the attempt-th of
// final (the queue's job attempt and maximum). It reads the message, sends it
// outside any transaction (an SMTP server's wait never holds a database
// connection or lock), then records the outcome. A failure is returned, so the
// queue retries it with backoff (mailRetryDelay); the last attempt's failure marks
// the message given up, keeping the error. A message already settled is not sent
// again, so a repeated job is harmless; should recording fail after a send, the
// retry sends it again (at least once).
//
// A nil send means no SMTP server (development): the message is marked delivered
// as "dev" and stays readable in the development mailbox (DevMailbox).
func (a *App) DeliverMail(ctx context.Context, id int64, send SendMail, attempt, maxAttempts int) error {
	var m store.Mail
	err := a.DB.ReadTx(ctx, store.System(), func(tx pgx.Tx) error {
		var err error
		m, err = store.MailByID(ctx, tx, id)
		return err
	})
	if errors.Is(err, store.ErrNotFound) {
		return nil // nothing to send (a rolled-back insert never queues a job; pruned)
	}
	if err != nil {
		return fmt.Errorf("read mail %d: %w", id, err)
	}
	if m.SentAt != nil || m.FailedAt != nil {
		return nil
	}
	delivery, sendErr := "dev", error(nil)
	if send != nil {
		delivery = "smtp"
		if sendErr = send(m.To, m.Subject, m.Body); sendErr != nil {
			delivery = ""
			a.Log.Warn("mail not sent", "outbox_id", m.ID, "attempt", attempt, "err", sendErr)
		}
	}
	errText := ""
	if sendErr != nil {
		errText = truncate(sendErr.Error(), maxErrorLen)
	}
	now := a.Clock.Now()
	// What was sent is recorded even when ctx ends meanwhile.
	dbCtx := context.WithoutCancel(ctx)
	err = a.DB.Tx(dbCtx, store.System(), func(tx pgx.Tx) error {
		_, err := store.RecordMailAttempt(dbCtx, tx, id, delivery, errText, attempt >= maxAttempts, now.Add(mailRetryDelay(attempt)), now)
		return err
	})
	if err != nil {
		return fmt.Errorf("record delivery of mail %d: %w", id, err)
	}
	if sendErr != nil {
		return fmt.Errorf("send mail %d: %w", id, sendErr)
	}
	return nil
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
