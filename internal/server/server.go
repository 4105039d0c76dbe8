// Package server is the HTTP edge: chi routes (all in routes.go), middleware,
// handlers that turn requests into app operations and view models, and the one
// place where application errors become HTTP statuses. It knows no workflow event
// by name: action forms are posted to app.Fire as they come and rendered from
// Detail.ActionForms (docs/actions.md). It talks to the app only, never to
// internal/store.
package server

import (
	"log/slog"
	"net/http"

	"github.com/alexedwards/scs/v2"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/config"
)

// Server holds what handlers share.
type Server struct {
	app      *app.App
	sessions *scs.SessionManager
	// sessionStore is the session table, with expiries capped at the idle timeout.
	sessionStore idleStore
	log          *slog.Logger
	cfg          config.Config
	handler      http.Handler
	apiLimit     *apiLimiter
}

// New builds the server and its routes. Sessions live in PostgreSQL so that any
// number of instances can serve the same users.
func New(a *app.App, cfg config.Config, log *slog.Logger) *Server {
	sm := scs.New()
	store := idleStore{app: a, idle: cfg.IdleTimeout, codec: sm.Codec}
	sm.Store = store
	sm.Lifetime = cfg.SessionMaxAge
	// No sm.IdleTimeout: scs would then rewrite the session on every request.
	// loadAndSave (sessions.go) enforces the idle timeout instead.
	sm.Cookie.Name = "hakakses_session"
	sm.Cookie.HttpOnly = true
	sm.Cookie.Secure = cfg.CookieSecure
	sm.Cookie.SameSite = http.SameSiteLaxMode
	sm.Cookie.Path = "/"
	s := &Server{app: a, sessions: sm, sessionStore: store, log: log, cfg: cfg, apiLimit: &apiLimiter{perMins: apiRate}}
	sm.ErrorFunc = s.sessionError
	s.handler = s.routes()
	return s
}

// sessionError answers a session store failure. One that happens when the
// session is saved, after the handler did its work, only loses the session's
// changes (a flash message, a renewed expiry): the handler's answer goes out, so
// a 503 never claims that work which was done was not.
func (s *Server) sessionError(w http.ResponseWriter, r *http.Request, err error) {
	if app.SessionNotSaved(err) {
		s.log.Warn("session not saved", "method", r.Method, "path", r.URL.Path, "err", err)
		return
	}
	s.serverError(w, r, err)
}

// ServeHTTP serves a request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// Close releases what the server holds (nothing yet: sessions are pruned by the
// app's housekeeping).
func (s *Server) Close() {}
