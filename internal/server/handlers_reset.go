package server

import (
	"net/http"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/web"
)

// forgotForm asks for the e-mail to send a reset link to.
func (s *Server) forgotForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, web.ForgotView(web.Forgot{Page: s.page(r, "Lupa kata sandi")}))
}

// forgot answers the same whether or not the address has an account.
func (s *Server) forgot(w http.ResponseWriter, r *http.Request) {
	email := r.PostFormValue("email")
	err := s.app.RequestPasswordReset(r.Context(), email, s.clientAddr(r))
	if e, ok := err.(*app.Error); ok && (e.Code == app.CodeInvalid || e.Code == app.CodeRateLimited) {
		s.render(w, r, statusOf(e.Code), web.ForgotView(web.Forgot{Page: s.page(r, "Lupa kata sandi"), Email: email, Error: e.Message, Fields: e.Fields}))
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, web.NoticeView(web.Notice{Page: s.page(r, "Periksa e-mail Anda"), Heading: "Periksa e-mail Anda",
		Message: "Bila alamat itu terdaftar, kami telah mengirim tautan untuk membuat kata sandi baru. Tautan berlaku satu jam dan hanya dapat dipakai sekali."}))
}

// resetForm is where the reset e-mail's link leads: the new password is typed there.
func (s *Server) resetForm(w http.ResponseWriter, r *http.Request) {
	token, ok := s.usableToken(w, r, "reset", "Tautan ini tidak berlaku lagi: sudah dipakai atau kedaluwarsa. Minta tautan baru dari halaman masuk.")
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, web.TokenFormView(resetView(s.page(r, "Atur ulang kata sandi"), token, nil)))
}

func resetView(pg web.Page, token string, e *app.Error) web.TokenForm {
	v := web.TokenForm{Page: pg, Heading: "Buat kata sandi baru",
		Message: "Semua sesi akun Anda akan diakhiri; setelah itu masuk dengan kata sandi baru.",
		Action:  "/atur-ulang-kata-sandi", Token: token, Button: "Simpan kata sandi", Password: true}
	if e != nil {
		v.Error, v.Fields = e.Message, e.Fields
	}
	return v
}

func (s *Server) reset(w http.ResponseWriter, r *http.Request) {
	token := r.PostFormValue("token")
	err := s.app.ResetPassword(r.Context(), token, r.PostFormValue("new"), r.PostFormValue("confirm"))
	if e, ok := err.(*app.Error); ok && e.Code == app.CodeInvalid {
		s.render(w, r, http.StatusUnprocessableEntity, web.TokenFormView(resetView(s.page(r, "Atur ulang kata sandi"), token, e)))
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, web.NoticeView(web.Notice{Page: s.page(r, "Kata sandi diganti"), Heading: "Kata sandi sudah diganti",
		Message: "Silakan masuk dengan kata sandi baru Anda."}))
}
