package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// ErrSessionNotSaved marks a failure to store a session after the request's own
// work: the answer may still go out, only without the session's changes.
var ErrSessionNotSaved = errors.New("session not saved")

// SessionStore keeps the web sessions (scs's CtxStore) in the sessions table,
// through the same bounded, role-switching transactions as everything else: a
// session look-up during an outage fails within the limits instead of hanging.
type SessionStore struct{ db *DB }

// Sessions returns the session store of db.
func (db *DB) Sessions() *SessionStore { return &SessionStore{db: db} }

// FindCtx returns a live session's data.
func (s *SessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	var b []byte
	err := s.db.ReadTx(ctx, System(), func(tx pgx.Tx) error {
		return tx.QueryRow(ctx, `SELECT data FROM sessions WHERE token = $1 AND current_timestamp < expiry`, token).Scan(&b)
	})
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("find session: %w", err)
	}
	return b, true, nil
}

// SessionWithUser is a live session with what a page needs of its signed-in
// user, read in one statement.
type SessionWithUser struct {
	Data []byte
	// User is the account the session row names, nil for an anonymous session
	// (or one whose row names no user: the caller then loads it by the ID in Data).
	User *User
	// Unread counts User's unread notifications (the header's badge).
	Unread int
}

// FindWithUser returns a live session with its user and the user's unread
// notifications, in one statement. The user is read with userColumns as one
// record, which pgx scans into User by position (their orders agree:
// TestSessionReadFindsTheUserAsUserByIDDoes).
func (s *SessionStore) FindWithUser(ctx context.Context, token string) (SessionWithUser, bool, error) {
	var out SessionWithUser
	err := s.db.ReadTx(ctx, System(), func(tx pgx.Tx) error {
		return tx.QueryRow(ctx, `SELECT s.data,
				(SELECT u FROM (SELECT `+userColumns+` FROM users WHERE id = s.user_id) u),
				(SELECT count(*) FROM notifications n WHERE n.user_id = s.user_id AND n.read_at IS NULL)
			FROM sessions s WHERE s.token = $1 AND current_timestamp < s.expiry`, token).Scan(&out.Data, &out.User, &out.Unread)
	})
	if errors.Is(err, pgx.ErrNoRows) {
		return out, false, nil
	}
	if err != nil {
		return out, false, fmt.Errorf("find session: %w", err)
	}
	return out, true, nil
}

// CommitCtx stores a session's data and expiry, naming no user.
func (s *SessionStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	return s.CommitUser(ctx, token, b, expiry, 0)
}

// CommitUser stores a session's data and expiry with the ID of its signed-in
// user (0: anonymous), which FindWithUser reads back with the session.
func (s *SessionStore) CommitUser(ctx context.Context, token string, b []byte, expiry time.Time, userID int64) error {
	var user *int64
	if userID > 0 {
		user = &userID
	}
	err := s.db.Tx(ctx, System(), func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO sessions (token, data, expiry, user_id) VALUES ($1, $2, $3, $4)
			ON CONFLICT (token) DO UPDATE SET data = EXCLUDED.data, expiry = EXCLUDED.expiry, user_id = EXCLUDED.user_id`,
			token, b, expiry, user)
		return err
	})
	if err != nil {
		return fmt.Errorf("%w: %w", ErrSessionNotSaved, err)
	}
	return nil
}

// DeleteCtx removes a session.
func (s *SessionStore) DeleteCtx(ctx context.Context, token string) error {
	err := s.db.Tx(ctx, System(), func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `DELETE FROM sessions WHERE token = $1`, token)
		return err
	})
	if err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

// Find, Commit and Delete are the context-free forms scs also requires.
func (s *SessionStore) Find(token string) ([]byte, bool, error) {
	return s.FindCtx(context.Background(), token)
}

// Commit is CommitCtx without a context.
func (s *SessionStore) Commit(token string, b []byte, expiry time.Time) error {
	return s.CommitCtx(context.Background(), token, b, expiry)
}

// Delete is DeleteCtx without a context.
func (s *SessionStore) Delete(token string) error { return s.DeleteCtx(context.Background(), token) }
