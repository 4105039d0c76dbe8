// Package app holds the product's business operations. Each operation authorises the
// caller, validates input, and does its work in one store transaction scoped to the
// caller's tenant; it returns *Error values whose messages are ready for users, in
// Bahasa Indonesia. It runs no SQL itself: every query is an internal/store call.
//
// Each workflow event is one action, defined once in action_<event>.go (its form,
// uploads, effects, documents, history details and notification; see action.go)
// and performed by Fire (transition.go). Read docs/domain.md for the rules and
// docs/actions.md for how to add or change a step.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"

	"github.com/hakakses/hakakses/internal/auth"
	"github.com/hakakses/hakakses/internal/clock"
	"github.com/hakakses/hakakses/internal/metrics"
	"github.com/hakakses/hakakses/internal/store"
)

// App is the set of operations, with what they share.
type App struct {
	DB    *store.DB
	Clock clock.Clock
	// TOTPClock is the clock codes of the second factor are checked against: the
	// wall clock, as the user's authenticator app keeps it, even when Clock stands
	// on another date (a demo's HAKAKSES_NOW). Tests move it on by a step between
	// sign-ins of one user, as a code is accepted once per step.
	TOTPClock  clock.Clock
	Log        *slog.Logger
	HashParams auth.Params
	// MaxUploadBytes limits each uploaded file (default 10 MB).
	MaxUploadBytes int64
	// Documents keeps document bytes (default: in PostgreSQL).
	Documents DocumentStore
	// BaseURL makes the links in e-mails absolute (e.g. https://hakakses.example.go.id);
	// empty leaves them as paths.
	BaseURL string
	// Metrics counts transitions and job failures; nil counts nothing.
	Metrics *metrics.Metrics
	// Reads routes the read-only pages (lists, inbox, reports) to a streaming
	// replica while it is fresh; nil reads everything from DB.
	Reads *store.Reads
	// WebhookAllowPrivate (HAKAKSES_WEBHOOK_ALLOW_PRIVATE, tests and development)
	// lets webhooks reach loopback and private addresses, and plain HTTP to
	// localhost; otherwise only HTTPS on public addresses (webhook_url.go).
	WebhookAllowPrivate bool
	// Jobs is the background job queue (River); nil when none runs (some tests,
	// administrative commands): e-mails then wait in the outbox for its sweep.
	Jobs *river.Client[pgx.Tx]

	inboxFilters filterOptionsCache // the national inbox's filter choices, reused for a minute
	tenants      tenantCache        // tenant rows and calendars, reused for a few seconds
}

// readDB is where a read-only page's transaction runs: the replica when one is
// configured, fresh, and the request need not read its own writes.
func (a *App) readDB(ctx context.Context) *store.DB {
	if a.Reads != nil {
		return a.Reads.DB(ctx)
	}
	return a.DB
}

// ReadYourWrites marks ctx so that reads go to the primary: the user has just
// changed something and the next pages must show it even if a replica lags.
func ReadYourWrites(ctx context.Context) context.Context { return store.WithPrimary(ctx) }

// New returns an App over db.
func New(db *store.DB, c clock.Clock, log *slog.Logger) *App {
	return &App{DB: db, Clock: c, TOTPClock: clock.System{}, Log: log, HashParams: auth.DefaultParams}
}

// Code classifies an application error; the server maps each to one HTTP status.
type Code string

const (
	CodeInvalid      Code = "invalid"      // 422: the input is wrong; Fields say where
	CodeNotFound     Code = "not_found"    // 404: no such thing, or not yours to see
	CodeForbidden    Code = "forbidden"    // 403: yours to see, not yours to do
	CodeConflict     Code = "conflict"     // 409: someone else changed it first
	CodeUnauthorized Code = "unauthorized" // 401: log in first, or wrong credentials
	CodeRateLimited  Code = "rate_limited" // 429: too many attempts
)

// Error is an error a user may read.
type Error struct {
	Code    Code
	Message string            // one sentence in Bahasa Indonesia
	Fields  map[string]string // form field → message, for CodeInvalid
	Err     error             // the cause, for logs only
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

func (e *Error) Unwrap() error { return e.Err }

// ErrorCode returns the Code of err, or "" when err is not an *Error.
func ErrorCode(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// Invalid is a validation error with messages per field.
func Invalid(message string, fields map[string]string) *Error {
	return &Error{Code: CodeInvalid, Message: message, Fields: fields}
}

// NotFound is the answer for anything missing or outside the caller's tenant; the
// two are indistinguishable on purpose.
func NotFound(what string) *Error {
	return &Error{Code: CodeNotFound, Message: what + " tidak ditemukan."}
}

// Forbidden says the caller may not do this.
func Forbidden(message string) *Error {
	if message == "" {
		message = "Anda tidak berwenang melakukan tindakan ini."
	}
	return &Error{Code: CodeForbidden, Message: message}
}

// Conflict says someone else acted first.
func Conflict(message string) *Error { return &Error{Code: CodeConflict, Message: message} }

// Unavailable reports whether err means the database could not be reached in
// time: the request may succeed when tried again later (HTTP 503).
func Unavailable(err error) bool { return errors.Is(err, store.ErrUnavailable) }

// SessionStore is where web sessions are kept: the database, through the same
// bounded transactions as every operation.
func (a *App) SessionStore() *store.SessionStore { return a.DB.Sessions() }

// WithUnavailableLatch makes every database transaction under ctx fail at once
// after one found the database unavailable (see store.WithUnavailableLatch).
func WithUnavailableLatch(ctx context.Context) context.Context {
	return store.WithUnavailableLatch(ctx)
}

// SessionNotSaved reports whether err is a session that could not be stored after
// the request's work was done (the answer can still be sent).
func SessionNotSaved(err error) bool { return errors.Is(err, store.ErrSessionNotSaved) }

// CountStatements returns a context whose SQL statements are counted (BEGIN and
// COMMIT included), a function that reads the count so far and one that lists
// the start of each statement (only with keepSQL).
func CountStatements(ctx context.Context, keepSQL bool) (context.Context, func() int64, func() []string) {
	ctx, s := store.CountStatements(ctx, keepSQL)
	return ctx, s.Count, s.SQL
}
