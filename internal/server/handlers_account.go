package server

import (
	"net/http"

	"github.com/hakakses/hakakses/internal/i18n"
	"github.com/hakakses/hakakses/web"
)

// accountPage is the signed-in user's account page, where the language of the
// pages is chosen and kept with the account.
func (s *Server) accountPage(w http.ResponseWriter, r *http.Request) {
	s.renderAccount(w, r, http.StatusOK, "")
}

func (s *Server) renderAccount(w http.ResponseWriter, r *http.Request, status int, msg string) {
	p, _ := principalFrom(r.Context())
	v := web.AccountPage{Page: s.page(r, tr(r, "account.title")), Email: p.Email, Language: web.Lang(r.Context()), Error: msg}
	s.render(w, r, status, web.AccountView(v))
}

// saveLanguage stores the chosen language with the account, and in the cookie
// too, so the pages after signing out keep speaking it.
func (s *Server) saveLanguage(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	lang := i18n.Lang(r.PostFormValue("bahasa"))
	if !lang.Valid() {
		s.renderAccount(w, r, http.StatusUnprocessableEntity, tr(r, "account.language_invalid"))
		return
	}
	if err := s.app.SetLanguage(r.Context(), p, string(lang)); err != nil {
		s.fail(w, r, err)
		return
	}
	s.setLanguageCookie(w, lang)
	// The flash is read on the next page, in the language just chosen.
	s.flash(r.Context(), i18n.For(lang).T("account.language_saved"))
	http.Redirect(w, r, "/akun", http.StatusSeeOther)
}
