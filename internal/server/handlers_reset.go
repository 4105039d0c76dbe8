package server

import (
	"net/http"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/web"
)

// forgotForm asks for the e-mail to send a reset link to.
func (s *Server) forgotForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, web.ForgotView(web.Forgot{Page: s.page(r, tr(r, "auth.forgot_title"))}))
}

// forgot answers the same whether or not the address has an account.
func (s *Server) forgot(w http.ResponseWriter, r *http.Request) {
	email := r.PostFormValue("email")
	err := s.app.RequestPasswordReset(r.Context(), email, s.clientAddr(r))
	if e, ok := err.(*app.Error); ok && (e.Code == app.CodeInvalid || e.Code == app.CodeRateLimited) {
		s.render(w, r, statusOf(e.Code), web.ForgotView(web.Forgot{Page: s.page(r, tr(r, "auth.forgot_title")), Email: email, Error: appText(r, e.Message), Fields: appFields(r, e.Fields)}))
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, web.NoticeView(web.Notice{Page: s.page(r, tr(r, "auth.check_email")), Heading: tr(r, "auth.check_email"),
		Message: tr(r, "auth.reset_sent")}))
}

// resetForm is where the reset e-mail's link leads: the new password is typed there.
func (s *Server) resetForm(w http.ResponseWriter, r *http.Request) {
	token, ok := s.usableToken(w, r, "reset", "auth.reset_link_invalid")
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, web.TokenFormView(resetView(r, s.page(r, tr(r, "auth.reset_title")), token, nil)))
}

func resetView(r *http.Request, pg web.Page, token string, e *app.Error) web.TokenForm {
	v := web.TokenForm{Page: pg, Heading: tr(r, "auth.reset_heading"),
		Message: tr(r, "auth.reset_message"),
		Action:  "/atur-ulang-kata-sandi", Token: token, Button: tr(r, "auth.reset_button"), Password: true}
	if e != nil {
		v.Error, v.Fields = appText(r, e.Message), appFields(r, e.Fields)
	}
	return v
}

func (s *Server) reset(w http.ResponseWriter, r *http.Request) {
	token := r.PostFormValue("token")
	err := s.app.ResetPassword(r.Context(), token, r.PostFormValue("new"), r.PostFormValue("confirm"))
	if e, ok := err.(*app.Error); ok && e.Code == app.CodeInvalid {
		s.render(w, r, http.StatusUnprocessableEntity, web.TokenFormView(resetView(r, s.page(r, tr(r, "auth.reset_title")), token, e)))
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, web.NoticeView(web.Notice{Page: s.page(r, tr(r, "auth.reset_done_title")), Heading: tr(r, "auth.reset_done_heading"),
		Message: tr(r, "auth.reset_done")}))
}
