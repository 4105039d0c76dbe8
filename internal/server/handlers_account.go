package server

import (
	"net/http"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/i18n"
)

// saveLanguage stores the language chosen on the account page with the
// account, and in the cookie too, so the pages after signing out keep speaking
// it.
func (s *Server) saveLanguage(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	lang := i18n.Lang(r.PostFormValue("bahasa"))
	if !lang.Valid() {
		s.renderAccount(w, r, http.StatusUnprocessableEntity, "language", &app.Error{Code: app.CodeInvalid, Message: tr(r, "account.language_invalid")})
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
