package server

import (
	"net/http"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/web"
)

var registrationFields = []string{"type", "name", "address", "head_name", "head_position", "head_nip", "phone", "email", "user_name", "user_email"}

// registerForm is a tenant's public self-registration form.
func (s *Server) registerForm(w http.ResponseWriter, r *http.Request) {
	if _, ok := principalFrom(r.Context()); ok {
		s.flash(r.Context(), tr(r, "reg.signed_in_flash"))
		http.Redirect(w, r, "/beranda", http.StatusSeeOther)
		return
	}
	s.renderRegister(w, r, http.StatusOK, web.FormState{})
}

func (s *Server) renderRegister(w http.ResponseWriter, r *http.Request, status int, fs web.FormState) {
	t, _ := tenantFrom(r.Context())
	v := web.RegisterPage{Page: s.page(r, tr(r, "reg.page_title")), FormState: fs, Action: "/" + t.Slug + "/daftar", TenantName: t.Name,
		Types: []web.Choice{
			{Value: app.InstitutionPerangkatDaerah, Label: tr(r, "reg.type_perangkat_daerah"),
				Hint: tr(r, "reg.type_perangkat_daerah_hint")},
			{Value: app.InstitutionBadanHukum, Label: tr(r, "reg.type_badan_hukum"),
				Hint: tr(r, "reg.type_badan_hukum_hint")},
		}}
	for i := range v.Types {
		v.Types[i].Selected = v.Types[i].Value == fs.V("type")
	}
	s.render(w, r, status, web.RegisterView(v))
}

// register creates the pending institution and its first user, whose e-mail
// carries the activation link. The answer is the same whether or not the e-mail
// already had an account (that account's owner is told by e-mail instead).
func (s *Server) register(w http.ResponseWriter, r *http.Request) {
	if _, ok := principalFrom(r.Context()); ok {
		s.clientError(w, r, http.StatusConflict, tr(r, "reg.signed_in_title"), tr(r, "reg.signed_in"))
		return
	}
	t, _ := tenantFrom(r.Context())
	in := app.Registration{
		Type: r.PostFormValue("type"), Name: r.PostFormValue("name"), Address: r.PostFormValue("address"),
		HeadName: r.PostFormValue("head_name"), HeadPosition: r.PostFormValue("head_position"), HeadNIP: r.PostFormValue("head_nip"),
		Phone: r.PostFormValue("phone"), Email: r.PostFormValue("email"),
		UserName: r.PostFormValue("user_name"), UserEmail: r.PostFormValue("user_email"),
		Password: r.PostFormValue("password"), Confirm: r.PostFormValue("confirm"), ClientAddr: s.clientAddr(r),
		Language: web.Lang(r.Context()), // the activation e-mail speaks the page's language
	}
	_, err := s.app.RegisterInstitution(r.Context(), t.ID, in)
	if e, ok := acctInvalid(err); ok {
		s.renderRegister(w, r, statusOf(e.Code), acctForm(r, e, registrationFields...))
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, web.NoticeView(web.Notice{Page: s.page(r, tr(r, "reg.received")), Heading: tr(r, "reg.received"),
		Message: tr(r, "reg.received_message", "Tenant", t.Name)}))
}
