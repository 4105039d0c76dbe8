package server

import (
	"net/http"
	"time"

	"github.com/hakakses/hakakses/internal/calendar"
	"github.com/hakakses/hakakses/internal/i18n"
	"github.com/hakakses/hakakses/internal/idfmt"
	"github.com/hakakses/hakakses/internal/workflow"
	"github.com/hakakses/hakakses/web"
)

// withLocale puts the request's language into its context (i18n.Resolve: the
// cookie, else Accept-Language), early, so even a refusal before the session
// middleware is worded in it. loadPrincipal refines it with the user's choice.
func (s *Server) withLocale(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(web.WithLocale(r.Context(), localeFor(r, ""))))
	})
}

// localeFor is the request's locale given the signed-in user's choice ("" when
// none or signed out).
func localeFor(r *http.Request, user string) web.Locale {
	var cookie string
	if c, err := r.Cookie(i18n.CookieName); err == nil {
		cookie = c.Value
	}
	l := i18n.For(i18n.Resolve(user, cookie, r.Header.Get("Accept-Language")))
	return web.Locale{Lang: string(l.Lang()), T: l.T}
}

// tr is the catalogue's text for key in the request's language.
func tr(r *http.Request, key string, args ...any) string {
	return web.T(r.Context(), key, args...)
}

// fmtOf is the request's date and number formatter.
func fmtOf(r *http.Request) idfmt.Formatter { return idfmt.For(web.Lang(r.Context())) }

// whenIn is when in the request's language: "10 March 2026 16:00 WIB".
func whenIn(r *http.Request, t time.Time, loc *time.Location) string {
	return fmtOf(r).DateTime(t, loc, calendar.ZoneAbbr(loc.String()))
}

// switchLanguage is the footer's language switch before sign-in: it keeps the
// choice in a cookie for a year and returns to the page it was clicked on. It
// changes nothing stored, so a plain link (GET) may do it.
func (s *Server) switchLanguage(w http.ResponseWriter, r *http.Request) {
	lang := i18n.Lang(r.URL.Query().Get("ke"))
	if !lang.Valid() {
		s.clientError(w, r, http.StatusBadRequest, tr(r, "language.unknown_title"), tr(r, "language.unknown"))
		return
	}
	s.setLanguageCookie(w, lang)
	back := safeNext(r.URL.Query().Get("kembali")) // only a path on this site
	if back == "" {
		back = "/"
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}

// setLanguageCookie keeps a language choice in the browser for a year.
func (s *Server) setLanguageCookie(w http.ResponseWriter, lang i18n.Lang) {
	http.SetCookie(w, &http.Cookie{Name: i18n.CookieName, Value: string(lang), Path: "/", MaxAge: 365 * 24 * 60 * 60,
		HttpOnly: true, Secure: s.cfg.CookieSecure, SameSite: http.SameSiteLaxMode})
}

// The workflow package is standard library only and keeps its Indonesian labels
// (docs/domain.md quotes them); pages show its states, stages and roles through
// catalogue keys built from their names, whose Indonesian text
// i18n.TestWorkflowLabelsCatalogued holds equal to the workflow's own.

func stateLabel(r *http.Request, st workflow.State) string {
	return tr(r, "state."+string(st))
}

func stageLabel(r *http.Request, st workflow.Stage) string {
	return tr(r, "stage."+string(st))
}

func progressLabel(r *http.Request, p workflow.Progress) string {
	return tr(r, "progress."+string(p))
}

func partyLabel(r *http.Request, p workflow.Party) string {
	if p == workflow.PartyNone {
		return tr(r, "party.none")
	}
	return tr(r, "party."+string(p))
}

func roleLabel(r *http.Request, role workflow.Role) string {
	return tr(r, "role."+string(role))
}
