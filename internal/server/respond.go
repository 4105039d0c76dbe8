package server

import (
	"context"
	"errors"
	"net/http"
	"slices"

	"github.com/a-h/templ"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/reqid"
	"github.com/hakakses/hakakses/web"
)

// render writes a component with a status; a rendering failure is a server error.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, c templ.Component) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if err := c.Render(r.Context(), w); err != nil {
		s.log.ErrorContext(r.Context(), "render", "path", r.URL.Path, "err", err)
	}
}

// page builds the layout's view model for the current user and tenant.
func (s *Server) page(r *http.Request, title string) web.Page {
	pg := web.Page{Title: title, Path: r.URL.RequestURI()}
	if p, ok := principalFrom(r.Context()); ok {
		pg.User = &web.User{Name: p.Name, RoleLabel: roleLabel(r, p.Role), HomeHref: "/beranda"}
		pg.Nav = s.nav(r, p)
	}
	if t, ok := tenantFrom(r.Context()); ok {
		vt := tenantView(t)
		pg.Tenant = &vt
	}
	if r.Method == http.MethodGet {
		pg.Flash = s.sessions.PopString(r.Context(), "flash")
	}
	return pg
}

// flash keeps a success message for the next page the user sees.
func (s *Server) flash(ctx context.Context, msg string) { s.sessions.Put(ctx, "flash", msg) }

// serverError logs the cause and shows a generic page: internals are never shown.
// A database that cannot be reached in time is a 503 with Retry-After.
func (s *Server) serverError(w http.ResponseWriter, r *http.Request, err error) {
	if app.Unavailable(err) {
		s.unavailable(w, r, err)
		return
	}
	s.log.ErrorContext(r.Context(), "server error", "method", r.Method, "path", r.URL.Path, "err", err)
	s.render(w, r, http.StatusInternalServerError, web.ErrorView(web.ErrorPage{
		Page: web.Page{Title: tr(r, "error.500_title")}, Status: 500, Heading: tr(r, "error.500_heading"),
		Message:   tr(r, "error.500"),
		RequestID: reqid.From(r.Context()),
	}))
}

// retryAfterSeconds is what a 503 asks clients to wait.
const retryAfterSeconds = "5"

// unavailable answers 503 when the database is out of reach. The page is built
// without the session (which lives in that database).
func (s *Server) unavailable(w http.ResponseWriter, r *http.Request, err error) {
	s.log.Warn("database unavailable", "method", r.Method, "path", r.URL.Path, "err", err)
	w.Header().Set("Retry-After", retryAfterSeconds)
	s.render(w, r, http.StatusServiceUnavailable, web.ErrorView(web.ErrorPage{
		Page: web.Page{Title: tr(r, "error.503_heading")}, Status: http.StatusServiceUnavailable,
		Heading: tr(r, "error.503_heading"),
		Message: tr(r, "error.503"),
	}))
}

// clientError shows a page for a problem with the request itself.
func (s *Server) clientError(w http.ResponseWriter, r *http.Request, status int, heading, message string) {
	s.render(w, r, status, web.ErrorView(web.ErrorPage{Page: s.pageIfSession(r, heading), Status: status, Heading: heading, Message: message,
		RequestID: reqid.From(r.Context())}))
}

// pageIfSession builds a page without touching the session when the request has
// none (errors raised before the session middleware).
func (s *Server) pageIfSession(r *http.Request, title string) web.Page {
	if _, ok := principalFrom(r.Context()); ok {
		return s.page(r, title)
	}
	return web.Page{Title: title}
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.clientError(w, r, http.StatusNotFound, tr(r, "error.404_heading"), tr(r, "error.404"))
}

// statusOf is the one mapping from application error codes to HTTP statuses.
func statusOf(code app.Code) int {
	if s, ok := statuses[code]; ok {
		return s
	}
	return http.StatusInternalServerError
}

var statuses = map[app.Code]int{
	app.CodeInvalid:      http.StatusUnprocessableEntity,
	app.CodeNotFound:     http.StatusNotFound,
	app.CodeForbidden:    http.StatusForbidden,
	app.CodeConflict:     http.StatusConflict,
	app.CodeUnauthorized: http.StatusUnauthorized,
	app.CodeRateLimited:  http.StatusTooManyRequests,
}

// fail answers an operation's error: an *app.Error as its page and status, anything
// else as a logged 500.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	var e *app.Error
	if !errors.As(err, &e) {
		s.serverError(w, r, err)
		return
	}
	// The heading follows the page's language; the message is the application's
	// own, still in Bahasa Indonesia (docs/i18n.md).
	heading := map[app.Code]string{
		app.CodeNotFound: tr(r, "error.not_found"), app.CodeForbidden: tr(r, "error.forbidden"), app.CodeConflict: tr(r, "error.conflict"),
		app.CodeUnauthorized: tr(r, "error.sign_in"), app.CodeRateLimited: tr(r, "error.rate_limited"), app.CodeInvalid: tr(r, "error.invalid"),
	}[e.Code]
	s.clientError(w, r, statusOf(e.Code), heading, e.Message)
}

// formError is err as an application error a form shows again with its message
// (one of codes); any other error is answered here, and ok is false.
func (s *Server) formError(w http.ResponseWriter, r *http.Request, err error, codes ...app.Code) (*app.Error, bool) {
	var e *app.Error
	if !errors.As(err, &e) || !slices.Contains(codes, e.Code) {
		s.fail(w, r, err)
		return nil, false
	}
	return e, true
}
