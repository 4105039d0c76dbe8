package server

import (
	"net/http"

	"github.com/hakakses/hakakses/internal/app"
)

// unlockLink is where the unlock e-mail's link leads (an account locked after
// too many failed sign-ins).
var unlockLink = tokenLink{purpose: "unlock", title: "Buka kunci akun",
	message: "Akun Anda dikunci sementara karena terlalu banyak percobaan masuk yang gagal. Tekan tombol di bawah untuk membukanya, lalu masuk seperti biasa.",
	action:  "/buka-kunci", button: "Buka kunci akun", spend: (*app.App).UnlockAccount,
	done: "Kunci akun dibuka", heading: "Kunci akun dibuka",
	after: "Silakan masuk. Bila bukan Anda yang mencoba masuk tadi, segera ganti kata sandi Anda."}

func (s *Server) unlockForm(w http.ResponseWriter, r *http.Request) {
	s.showTokenLink(w, r, unlockLink)
}

func (s *Server) unlock(w http.ResponseWriter, r *http.Request) { s.spendTokenLink(w, r, unlockLink) }
