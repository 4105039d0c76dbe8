package server

import (
	"context"
	"net/http"
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/hakakses/hakakses/internal/app"
)

// Sessions expire after the idle timeout without costing a database write on
// every page view. scs, given an IdleTimeout, rewrites the session row
// (INSERT … ON CONFLICT, a synchronous commit) on every request; here scs keeps
// only the absolute lifetime, and the idle expiry is refreshed at most once per
// refresh interval (a minute in production: a tenth of the idle timeout, capped
// at a minute), by writing when it was refreshed into the session itself.
//
// Expiry instants use the wall clock, not the app's injected clock: the session
// store compares them with the database's current_timestamp, as scs itself does.

// sessionRefreshedKey holds when the idle expiry was last pushed back (Unix ms).
const sessionRefreshedKey = "refreshed_ms"

// idleStore is the session table as scs's CtxStore: it caps every stored
// expiry at the idle timeout from now, and stores beside each session the ID of
// its signed-in user, so that the next request reads session, user and unread
// count in one statement (app.FindSession). Its Find keeps that user in the
// request's context for loadPrincipal.
type idleStore struct {
	app   *app.App
	idle  time.Duration
	codec scs.Codec
}

func (s idleStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	return s.app.FindSession(ctx, token)
}

func (s idleStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	return s.app.CommitSession(ctx, token, b, s.capped(expiry), s.userOf(b))
}

func (s idleStore) DeleteCtx(ctx context.Context, token string) error {
	return s.app.DeleteSession(ctx, token)
}

// Find, Commit and Delete are the context-free forms scs.Store requires; scs
// calls the Ctx forms above.
func (s idleStore) Find(token string) ([]byte, bool, error) {
	return s.FindCtx(context.Background(), token)
}

func (s idleStore) Commit(token string, b []byte, expiry time.Time) error {
	return s.CommitCtx(context.Background(), token, b, expiry)
}

func (s idleStore) Delete(token string) error { return s.DeleteCtx(context.Background(), token) }

// userOf reads the signed-in user's ID from encoded session data (0: none).
// scs holds the session's lock while it commits, so the data it is committing
// is decoded here rather than read through the session manager.
func (s idleStore) userOf(b []byte) int64 {
	_, values, err := s.codec.Decode(b)
	if err != nil {
		return 0
	}
	id, _ := values[sessionUserKey].(int64)
	return id
}

func (s idleStore) capped(expiry time.Time) time.Time {
	if s.idle <= 0 {
		return expiry
	}
	if limit := time.Now().Add(s.idle).UTC(); limit.Before(expiry) {
		return limit
	}
	return expiry
}

// refreshInterval is how stale an active session's idle expiry may get.
func refreshInterval(idle time.Duration) time.Duration { return min(time.Minute, idle/10) }

// loadAndSave is scs's LoadAndSave with the idle refresh above: the session is
// loaded, pushed back when its refresh is due, and written only when changed.
func (s *Server) loadAndSave(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Cookie")
		var token string
		if c, err := r.Cookie(s.sessions.Cookie.Name); err == nil {
			token = c.Value
		}
		ctx, err := s.sessions.Load(app.WithSessionUser(r.Context()), token)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		if token != "" && s.sessionStore.idle > 0 && s.sessions.Exists(ctx, sessionUserKey) {
			now := time.Now()
			last := time.UnixMilli(s.sessions.GetInt64(ctx, sessionRefreshedKey))
			if now.Sub(last) >= refreshInterval(s.sessionStore.idle) {
				s.sessions.Put(ctx, sessionRefreshedKey, now.UnixMilli())
			}
		}
		sr := r.WithContext(ctx)
		sw := &sessionWriter{ResponseWriter: w, commit: func() { s.commitSession(w, sr) }}
		next.ServeHTTP(sw, sr)
		if !sw.written {
			s.commitSession(w, sr)
		}
	})
}

// commitSession writes a changed session (and its cookie, whose lifetime is the
// stored expiry) or clears a destroyed one; an unchanged one costs nothing.
func (s *Server) commitSession(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	switch s.sessions.Status(ctx) {
	case scs.Modified:
		if s.sessionStore.idle > 0 && s.sessions.Exists(ctx, sessionUserKey) && !s.sessions.Exists(ctx, sessionRefreshedKey) {
			s.sessions.Put(ctx, sessionRefreshedKey, time.Now().UnixMilli()) // a fresh login
		}
		token, expiry, err := s.sessions.Commit(ctx)
		if err != nil {
			// A session not saved after the handler's work only loses its
			// changes; the handler's answer still goes out (sessionError).
			s.sessionError(w, r, err)
			return
		}
		s.sessions.WriteSessionCookie(ctx, w, token, s.sessionStore.capped(expiry))
	case scs.Destroyed:
		s.sessions.WriteSessionCookie(ctx, w, "", time.Time{})
	}
}

// sessionWriter commits the session before the first byte of the response, so
// its cookie goes out with the headers.
type sessionWriter struct {
	http.ResponseWriter
	commit  func()
	written bool
}

func (w *sessionWriter) WriteHeader(code int) {
	if !w.written {
		w.written = true
		w.commit()
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *sessionWriter) Write(b []byte) (int, error) {
	if !w.written {
		w.written = true
		w.commit()
	}
	return w.ResponseWriter.Write(b)
}

func (w *sessionWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
