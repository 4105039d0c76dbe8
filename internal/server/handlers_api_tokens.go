package server

import (
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/calendar"
	"github.com/hakakses/hakakses/web"
)

// apiTokensView builds the token page; newToken is shown once, after creation.
func (s *Server) apiTokensView(r *http.Request, p app.Principal, newToken string, e *app.Error) (web.APITokensPage, error) {
	v := web.APITokensPage{Page: s.page(r, tr(r, "acct.api_token_link")), NewToken: newToken}
	if e != nil {
		v.Error, v.Fields = appText(r, e.Message), appFields(r, e.Fields)
	}
	tokens, err := s.app.APITokens(r.Context(), p)
	if err != nil {
		return v, err
	}
	for _, t := range tokens {
		row := web.APITokenRow{ID: t.ID, Name: t.Name, Created: whenIn(r, t.CreatedAt, calendar.WIB)}
		if t.RevokedAt != nil {
			row.Revoked = whenIn(r, *t.RevokedAt, calendar.WIB)
		}
		v.Tokens = append(v.Tokens, row)
	}
	return v, nil
}

func (s *Server) apiTokens(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	v, err := s.apiTokensView(r, p, "", nil)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, web.APITokensView(v))
}

// createAPIToken shows the new token on the answer itself (never in a session or
// a redirect), this one time.
func (s *Server) createAPIToken(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	token, _, err := s.app.CreateAPIToken(r.Context(), p, r.PostFormValue("name"))
	status := http.StatusOK
	var invalid *app.Error
	if e, ok := acctInvalid(err); ok {
		invalid, status, err = e, http.StatusUnprocessableEntity, nil
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v, err := s.apiTokensView(r, p, token, invalid)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, status, web.APITokensView(v))
}

func (s *Server) revokeAPIToken(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	id, err := strconv.ParseInt(chi.URLParam(r, "id"), 10, 64)
	if err != nil || id <= 0 {
		s.notFound(w, r)
		return
	}
	if err := s.app.RevokeAPIToken(r.Context(), p, id); err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(r.Context(), tr(r, "tokens.revoked_flash"))
	http.Redirect(w, r, "/akun/token", http.StatusSeeOther)
}
