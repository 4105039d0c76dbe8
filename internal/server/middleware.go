package server

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/reqid"
	"github.com/hakakses/hakakses/internal/workflow"
	"github.com/hakakses/hakakses/web"
)

const (
	sessionUserKey  = "user_id"
	sessionEpochKey = "session_epoch" // the user's session epoch at sign-in
)

// StatementsHeader carries a response's SQL statement count when
// config.CountStatements is set.
const StatementsHeader = "X-Hakakses-Statements"

type statusRecorder struct {
	http.ResponseWriter
	status     int
	bytes      int
	statements func() int64 // set when the count goes out in a header
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
		r.countHeader()
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) countHeader() {
	if r.statements != nil {
		r.Header().Set(StatementsHeader, strconv.FormatInt(r.statements(), 10))
	}
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
		r.countHeader()
	}
	n, err := r.ResponseWriter.Write(b)
	r.bytes += n
	return n, err
}

func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// requestID gives every request an ID, reusing a well-formed X-Request-ID from
// the reverse proxy so that its logs and ours agree: it is in the response
// header, on every log line written with the request's context, and on error
// pages, so a user's report leads straight to the log.
func requestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-ID")
		if !reqid.Valid(id) {
			id = reqid.New()
		}
		w.Header().Set("X-Request-ID", id)
		next.ServeHTTP(w, r.WithContext(reqid.With(r.Context(), id)))
	})
}

// requestLog writes one line per request: method, path (never the query, which may
// carry a tracking code), status, size and duration. No bodies, no personal data.
// It also counts the request in the metrics, by chi route pattern.
func (s *Server) requestLog(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		// The statements' text is kept only for a debug log of a counting server
		// (tests): the benchmark counts without the allocations.
		keepSQL := s.cfg.CountStatements && s.log.Enabled(r.Context(), slog.LevelDebug)
		ctx, statements, sql := app.CountStatements(r.Context(), keepSQL)
		rec := &statusRecorder{ResponseWriter: w}
		if s.cfg.CountStatements {
			rec.statements = statements
		}
		// loadPrincipal runs deeper, on a derived request; it reports the user
		// back through this holder.
		who := &logUser{}
		next.ServeHTTP(rec, r.WithContext(context.WithValue(ctx, logUserKey, who)))
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		took := time.Since(start)
		route := ""
		if rc := chi.RouteContext(r.Context()); rc != nil {
			route = rc.RoutePattern()
		}
		s.app.Metrics.Request(r.Method, route, rec.status, took)
		attrs := []any{"method", r.Method, "path", r.URL.Path, "route", route, "status", rec.status, "bytes", rec.bytes,
			"duration_ms", float64(took.Microseconds()) / 1000, "statements", statements()}
		if who.id != 0 {
			attrs = append(attrs, "user_id", who.id)
		}
		if keepSQL {
			s.log.DebugContext(r.Context(), "statements", "path", r.URL.Path, "sql", sql())
		}
		s.log.InfoContext(r.Context(), "request", attrs...)
	})
}

// requestContext prepares what every operation of a request may need from its
// context: the client address (for limits such as the tracking guess limit), and
// a latch that bounds what a database outage costs the request: after one
// transaction finds the database unreachable, the request's later ones fail at once.
func (s *Server) requestContext(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := app.WithClient(app.WithUnavailableLatch(r.Context()), s.clientAddr(r))
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// recoverer turns a panic into a logged 500 page.
func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.serverError(w, r, fmt.Errorf("panic: %v\n%s", v, debug.Stack()))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// securityHeaders sets a strict Content-Security-Policy (no inline script or style)
// and the usual hardening headers on every response; with secure cookies (the site
// is served over HTTPS) also HSTS, so a browser never tries plain http again.
func (s *Server) securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		if s.cfg.CookieSecure {
			h.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
		}
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "+
			"font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}

// staticFiles serves the embedded assets; a missing file or a folder gets the
// Indonesian 404, never a directory listing.
func (s *Server) staticFiles() http.Handler {
	sub, err := fs.Sub(web.Static, "static")
	if err != nil {
		panic(err)
	}
	fsrv := http.StripPrefix("/static/", http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/static/")
		if st, err := fs.Stat(sub, name); err != nil || st.IsDir() {
			s.notFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=3600")
		fsrv.ServeHTTP(w, r)
	})
}

// readYourWrites sends a user's reads to the primary database while they change
// something and for a few seconds after, so that a page right after a change shows
// it even when a read replica lags behind (without a replica it changes nothing).
func (s *Server) readYourWrites(next http.Handler) http.Handler {
	const window = 10 // seconds
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		if s.app.Reads == nil || s.sessions.GetInt64(ctx, sessionUserKey) == 0 {
			// Without a replica every read is on the primary already: marking the
			// session would only add a session write to every form post (and, while
			// the database is out, a second wait before the 503). Anonymous: nothing
			// of theirs on a list, and no session to start.
			next.ServeHTTP(w, r)
			return
		}
		now := s.app.Clock.Now().Unix()
		switch {
		case r.Method != http.MethodGet && r.Method != http.MethodHead:
			s.sessions.Put(ctx, "wrote_at", now)
			ctx = app.ReadYourWrites(ctx)
		case now-s.sessions.GetInt64(ctx, "wrote_at") < window:
			ctx = app.ReadYourWrites(ctx)
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// signIn starts p's session under a fresh token (which defeats session fixation),
// remembering the session epoch it signed in under.
func (s *Server) signIn(ctx context.Context, p app.Principal) error {
	if err := s.sessions.RenewToken(ctx); err != nil {
		return fmt.Errorf("renew session token: %w", err)
	}
	s.sessions.Put(ctx, sessionUserKey, p.UserID)
	s.sessions.Put(ctx, sessionEpochKey, p.SessionEpoch)
	return nil
}

// loadPrincipal puts the logged-in user, if any, into the request context.
func (s *Server) loadPrincipal(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := s.sessions.GetInt64(r.Context(), sessionUserKey)
		if id == 0 {
			next.ServeHTTP(w, r)
			return
		}
		p, unread, counted, err := s.app.SessionPrincipal(r.Context(), id)
		if err == nil && (s.sessions.GetInt64(r.Context(), sessionEpochKey) != p.SessionEpoch ||
			app.SecondFactorMandatory(p.Role) && !p.SecondFactor) {
			// The password changed or the account was switched off since this
			// session signed in: it has ended. So has a session of a role that must
			// sign in with two factors and has none (one from before they were
			// required): its owner signs in again and enrols.
			err = &app.Error{Code: app.CodeUnauthorized, Message: "Sesi Anda berakhir. Silakan masuk kembali."}
		}
		if err != nil {
			if app.ErrorCode(err) == app.CodeUnauthorized {
				s.sessions.Remove(r.Context(), sessionUserKey)
				s.sessions.Remove(r.Context(), sessionEpochKey)
				next.ServeHTTP(w, r)
				return
			}
			s.serverError(w, r, err)
			return
		}
		if who, ok := r.Context().Value(logUserKey).(*logUser); ok {
			who.id = p.UserID
		}
		ctx := withPrincipal(r.Context(), p)
		if counted {
			ctx = withUnread(ctx, unread)
		}
		if p.Language != "" {
			ctx = web.WithLocale(ctx, localeFor(r, p.Language))
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// requireLogin sends anonymous visitors to the login page, remembering where they
// were going.
func (s *Server) requireLogin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, ok := principalFrom(r.Context()); !ok {
			if r.Method == http.MethodGet {
				http.Redirect(w, r, "/masuk?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			s.clientError(w, r, http.StatusUnauthorized, tr(r, "error.sign_in"), tr(r, "error.session_ended"))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// requireRole lets only the given roles through; others get 404, so a page's
// existence is not revealed to someone who may not use it.
func (s *Server) requireRole(roles ...workflow.Role) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			p, _ := principalFrom(r.Context())
			if !slices.Contains(roles, p.Role) {
				s.notFound(w, r)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// loadTenant resolves the {tenant} slug of the URL to an onboarded tenant.
func (s *Server) loadTenant(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t, err := s.app.TenantBySlug(r.Context(), chi.URLParam(r, "tenant"))
		if app.ErrorCode(err) == app.CodeNotFound {
			s.notFound(w, r) // an unknown first path segment is just an unknown page
			return
		}
		if err != nil {
			s.fail(w, r, err)
			return
		}
		next.ServeHTTP(w, r.WithContext(withTenant(r.Context(), t)))
	})
}

// requireTenantMember answers 404 to a user of another tenant (or a national
// account): tenant B's pages do not exist for tenant A.
func (s *Server) requireTenantMember(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, _ := principalFrom(r.Context())
		t, _ := tenantFrom(r.Context())
		if p.TenantID == 0 || p.TenantID != t.ID {
			s.notFound(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}
