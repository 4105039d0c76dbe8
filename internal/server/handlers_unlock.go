package server

import (
	"net/http"

	"github.com/hakakses/hakakses/web"
)

// unlockForm is where the unlock e-mail's link leads: it asks for a click, so a
// mail scanner fetching the link unlocks nothing.
func (s *Server) unlockForm(w http.ResponseWriter, r *http.Request) {
	token := r.URL.Query().Get("token")
	ok, err := s.app.TokenUsable(r.Context(), "unlock", token)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !ok {
		s.clientError(w, r, http.StatusNotFound, "Tautan tidak berlaku", "Tautan ini tidak berlaku lagi: sudah dipakai atau kedaluwarsa.")
		return
	}
	s.render(w, r, http.StatusOK, web.TokenFormView(web.TokenForm{Page: s.page(r, "Buka kunci akun"), Heading: "Buka kunci akun",
		Message: "Akun Anda dikunci sementara karena terlalu banyak percobaan masuk yang gagal. Tekan tombol di bawah untuk membukanya, lalu masuk seperti biasa.",
		Action:  "/buka-kunci", Token: token, Button: "Buka kunci akun"}))
}

func (s *Server) unlock(w http.ResponseWriter, r *http.Request) {
	if err := s.app.UnlockAccount(r.Context(), r.PostFormValue("token")); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, web.NoticeView(web.Notice{Page: s.page(r, "Kunci akun dibuka"), Heading: "Kunci akun dibuka",
		Message: "Silakan masuk. Bila bukan Anda yang mencoba masuk tadi, segera ganti kata sandi Anda."}))
}
