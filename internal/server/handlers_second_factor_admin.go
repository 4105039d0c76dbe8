package server

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/go-chi/chi/v5"

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
	v := web.SecondFactorAccounts{Page: s.page(r, "Autentikasi dua langkah"), Query: q.Get("q")}
	for _, a := range page.Accounts {
		v.Rows = append(v.Rows, web.SecondFactorAccountRow{Name: a.Name, Email: a.Email, RoleLabel: workflow.Role(a.Role).Label(),
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
	id, err := strconv.ParseInt(chi.URLParam(r, "id"), 10, 64)
	if err != nil {
		s.notFound(w, r)
		return
	}
	if err := s.app.ResetSecondFactor(r.Context(), p, id); err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(r.Context(), "Autentikasi dua langkah diatur ulang: semua sesi pemilik akun berakhir, dan saat masuk berikutnya ia wajib mengaktifkannya kembali.")
	http.Redirect(w, r, "/admin/akun", http.StatusSeeOther)
}
