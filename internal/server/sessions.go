package server

import (
	"net/http"
	"time"

	"github.com/alexedwards/scs/v2"
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

// idleStore caps every stored expiry at the idle timeout from now.
type idleStore struct {
	scs.Store
	idle time.Duration
}

func (s idleStore) Commit(token string, b []byte, expiry time.Time) error {
	return s.Store.Commit(token, b, s.capped(expiry))
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
		ctx, err := s.sessions.Load(r.Context(), token)
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
