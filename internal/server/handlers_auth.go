package server

import (
	"errors"
	"net/http"
	"strings"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/web"
)

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) {
	if _, ok := principalFrom(r.Context()); ok {
		http.Redirect(w, r, "/beranda", http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, web.LoginView(web.Login{Page: s.page(r, tr(r, "auth.signin")), Next: safeNext(r.URL.Query().Get("next"))}))
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	email, password := r.PostFormValue("email"), r.PostFormValue("password")
	next := safeNext(r.PostFormValue("next"))
	p, step, err := s.app.Authenticate(r.Context(), email, password, s.clientAddr(r))
	if err != nil {
		code := app.ErrorCode(err)
		if code == "" {
			s.serverError(w, r, err)
			return
		}
		var e *app.Error
		msg := tr(r, "auth.wrong_credentials")
		if errors.As(err, &e) {
			msg = appText(r, e.Message)
		}
		s.render(w, r, statusOf(code), web.LoginView(web.Login{Page: s.page(r, tr(r, "auth.signin")), Email: email, Error: msg, Next: next}))
		return
	}
	if step != app.StepNone {
		// The password was right; the sign-in completes on the second step's page.
		page, err := s.startSecondStep(r.Context(), p, step, next)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		http.Redirect(w, r, page, http.StatusSeeOther)
		return
	}
	if err := s.signIn(r.Context(), p); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.log.InfoContext(r.Context(), "login", "user_id", p.UserID, "role", p.Role)
	http.Redirect(w, r, nextOr(next), http.StatusSeeOther)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if p, ok := principalFrom(r.Context()); ok {
		if err := s.app.RecordSignOut(r.Context(), p); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	if err := s.sessions.Destroy(r.Context()); err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (s *Server) passwordForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, web.PasswordView(web.PasswordForm{Page: s.page(r, tr(r, "auth.change_password"))}))
}

func (s *Server) changePassword(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	err := s.app.ChangePassword(r.Context(), p, r.PostFormValue("current"), r.PostFormValue("new"), r.PostFormValue("confirm"))
	if e, ok := err.(*app.Error); ok && e.Code == app.CodeInvalid {
		s.render(w, r, http.StatusUnprocessableEntity, web.PasswordView(web.PasswordForm{Page: s.page(r, tr(r, "auth.change_password")), Error: appText(r, e.Message), Fields: appFields(r, e.Fields)}))
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	// The change ended every session of the user (the epoch moved on); this one
	// continues under a fresh token and the new epoch.
	np, err := s.app.PrincipalByID(r.Context(), p.UserID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.signIn(r.Context(), np); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.flash(r.Context(), tr(r, "auth.password_changed"))
	http.Redirect(w, r, "/beranda", http.StatusSeeOther)
}

// safeNext keeps a post-login redirect on this site.
func safeNext(next string) string {
	// Browsers drop tabs and newlines and read "\" as "/", so "/\t/evil.example"
	// would become "//evil.example": refuse control characters and backslashes.
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\") ||
		strings.IndexFunc(next, func(r rune) bool { return r < 0x20 || r == 0x7f }) >= 0 {
		return ""
	}
	return next
}
