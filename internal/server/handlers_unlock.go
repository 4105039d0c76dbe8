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
		s.clientError(w, r, http.StatusNotFound, tr(r, "auth.link_invalid_title"), tr(r, "auth.link_invalid"))
		return
	}
	s.render(w, r, http.StatusOK, web.TokenFormView(web.TokenForm{Page: s.page(r, tr(r, "auth.unlock_title")), Heading: tr(r, "auth.unlock_title"),
		Message: tr(r, "auth.unlock_message"),
		Action:  "/buka-kunci", Token: token, Button: tr(r, "auth.unlock_title")}))
}

func (s *Server) unlock(w http.ResponseWriter, r *http.Request) {
	if err := s.app.UnlockAccount(r.Context(), r.PostFormValue("token")); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, web.NoticeView(web.Notice{Page: s.page(r, tr(r, "auth.unlocked_title")), Heading: tr(r, "auth.unlocked_title"),
		Message: tr(r, "auth.unlocked")}))
}
