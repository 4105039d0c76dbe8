package app

import (
	"context"
	"time"

	"github.com/hakakses/hakakses/internal/store"
)

// A page view reads its session, the signed-in user and the header's unread
// count in one statement (store.SessionStore.FindWithUser): the session read
// keeps what it found of the user in the request's context, and
// SessionPrincipal serves the principal from there instead of loading it again.

type sessionUserKey struct{}

// sessionUser is what the session read found of its user.
type sessionUser struct {
	found  bool
	user   store.User
	unread int
}

// WithSessionUser gives ctx a place for what FindSession finds of the user.
func WithSessionUser(ctx context.Context) context.Context {
	return context.WithValue(ctx, sessionUserKey{}, &sessionUser{})
}

// FindSession returns a live session's data (scs's FindCtx), keeping its user,
// if the row names one, for SessionPrincipal.
func (a *App) FindSession(ctx context.Context, token string) ([]byte, bool, error) {
	s, found, err := a.DB.Sessions().FindWithUser(ctx, token)
	if err != nil || !found {
		return nil, found, err
	}
	if holder, ok := ctx.Value(sessionUserKey{}).(*sessionUser); ok && s.User != nil {
		*holder = sessionUser{found: true, user: *s.User, unread: s.Unread}
	}
	return s.Data, true, nil
}

// CommitSession stores a session with the ID of its signed-in user (0: none).
func (a *App) CommitSession(ctx context.Context, token string, b []byte, expiry time.Time, userID int64) error {
	return a.DB.Sessions().CommitUser(ctx, token, b, expiry, userID)
}

// DeleteSession removes a session.
func (a *App) DeleteSession(ctx context.Context, token string) error {
	return a.DB.Sessions().DeleteCtx(ctx, token)
}

// SessionPrincipal is PrincipalByID for the user of the request's session: the
// user the session read found when it is this one, otherwise loaded. unread is
// the user's unread notifications when the session read counted them (ok).
func (a *App) SessionPrincipal(ctx context.Context, id int64) (p Principal, unread int, ok bool, err error) {
	holder, _ := ctx.Value(sessionUserKey{}).(*sessionUser)
	if holder == nil || !holder.found || holder.user.ID != id {
		p, err = a.PrincipalByID(ctx, id)
		return p, 0, false, err
	}
	if !holder.user.Active {
		return Principal{}, 0, false, sessionEnded()
	}
	return principalOf(holder.user), holder.unread, true, nil
}
