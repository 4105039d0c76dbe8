package server

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/workflow"
	"github.com/hakakses/hakakses/web"
)

// secondFactorAccounts lists, for the admin, the kepala and Dirjen accounts whose
// second factor they may reset (a lost phone), searchable, paged by cursor.
func (s *Server) secondFactorAccounts(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	q := r.URL.Query()
	after, _ := strconv.ParseInt(q.Get("setelah"), 10, 64)
	page, err := s.app.ResettableAccounts(r.Context(), p, q.Get("q"), max(after, 0))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := web.SecondFactorAccounts{Page: s.page(r, tr(r, "twofa.title")), Query: q.Get("q")}
	for _, a := range page.Accounts {
		v.Rows = append(v.Rows, web.SecondFactorAccountRow{Name: a.Name, Email: a.Email, RoleLabel: roleLabel(r, workflow.Role(a.Role)),
			Tenant: a.TenantName, Active: a.Active, Enrolled: a.TOTPEnrolled,
			ResetAction: "/admin/akun/" + strconv.FormatInt(a.ID, 10) + "/atur-ulang-dua-langkah"})
	}
	if page.After > 0 {
		v.NextHref = "/admin/akun?" + url.Values{"q": {q.Get("q")}, "setelah": {strconv.FormatInt(page.After, 10)}}.Encode()
	}
	s.render(w, r, http.StatusOK, web.SecondFactorAccountsView(v))
}

// resetNationalSecondFactor is the admin's reset of a kepala's or the Dirjen
// liaison's second factor.
func (s *Server) resetNationalSecondFactor(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	s.resetSecondFactor(w, r, p, chi.URLParam(r, "id"), "/admin/akun", tr(r, "twofa.admin_reset_done"))
}

// resetSecondFactor resets the second factor of the account rawID names (a
// kepala's petugas, the admin's kepala or Dirjen liaison), then returns to back
// saying done; an ID that is not a number is a 404.
func (s *Server) resetSecondFactor(w http.ResponseWriter, r *http.Request, p app.Principal, rawID, back, done string) {
	id, err := strconv.ParseInt(rawID, 10, 64)
	if err != nil {
		s.notFound(w, r)
		return
	}
	if err := s.app.ResetSecondFactor(r.Context(), p, id); err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(r.Context(), done)
	http.Redirect(w, r, back, http.StatusSeeOther)
}
