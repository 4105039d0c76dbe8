package server

import (
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/workflow"
	"github.com/hakakses/hakakses/web"
)

// institutionTabs are the verification list's tabs: URL value → status.
var institutionTabs = []struct{ param, status string }{
	{"menunggu", app.InstitutionPending},
	{"terverifikasi", app.InstitutionVerified},
	{"ditolak", app.InstitutionRefused},
}

// institutionList is the staff's list of the tenant's institutions by status.
func (s *Server) institutionList(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	t, _ := tenantFrom(r.Context())
	status, param := app.InstitutionPending, "menunggu"
	for _, tab := range institutionTabs {
		if r.URL.Query().Get("status") == tab.param {
			status, param = tab.status, tab.param
		}
	}
	list, err := s.app.Institutions(r.Context(), p, status, pageNum(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	base := "/" + t.Slug + "/kantor/lembaga"
	v := web.InstitutionListPage{Page: s.page(r, tr(r, "inst.title")), Pager: pagesPager(r, list.Page, list.Pages)}
	for _, tab := range institutionTabs {
		v.Tabs = append(v.Tabs, web.Tab{Label: institutionStatusLabel(r, tab.status), Href: base + "?status=" + tab.param, Count: list.Counts[tab.status],
			Current: tab.param == param, TestID: "tab-" + tab.param})
	}
	for _, in := range list.Institutions {
		v.Rows = append(v.Rows, web.InstitutionRow{
			Href: base + "/" + strconv.FormatInt(in.ID, 10), Name: in.Name, TypeLabel: institutionTypeLabel(r, in.Type),
			HeadName: in.HeadName, Email: in.Email, Registered: acctDay(r, in.CreatedAt, t.Location()),
			StatusLabel: institutionStatusLabel(r, in.Status), StatusClass: institutionStatusClass(in.Status),
		})
	}
	v.Empty = map[string]string{
		app.InstitutionPending:  tr(r, "inst.empty_pending"),
		app.InstitutionVerified: tr(r, "inst.empty_verified"),
		app.InstitutionRefused:  tr(r, "inst.empty_refused"),
	}[status]
	s.render(w, r, http.StatusOK, web.InstitutionListView(v))
}

// institutionDetail shows one institution with the verification decision.
func (s *Server) institutionDetail(w http.ResponseWriter, r *http.Request) {
	s.renderInstitution(w, r, http.StatusOK, web.FormState{})
}

func (s *Server) renderInstitution(w http.ResponseWriter, r *http.Request, status int, fs web.FormState) {
	p, _ := principalFrom(r.Context())
	t, _ := tenantFrom(r.Context())
	id, err := strconv.ParseInt(chi.URLParam(r, "id"), 10, 64)
	if err != nil {
		s.notFound(w, r)
		return
	}
	d, err := s.app.Institution(r.Context(), p, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	in := d.Institution
	base := "/" + t.Slug + "/kantor/lembaga"
	self := base + "/" + strconv.FormatInt(in.ID, 10)
	v := web.InstitutionPage{
		Page: s.page(r, in.Name), FormState: fs, BackHref: base, Name: in.Name, TypeLabel: institutionTypeLabel(r, in.Type),
		BadanHukum: in.Type == workflow.BadanHukum, StatusLabel: institutionStatusLabel(r, in.Status),
		StatusClass: institutionStatusClass(in.Status), Reason: in.StatusReason,
		Facts: []web.Fact{
			{Label: tr(r, "reg.address"), Value: in.Address},
			{Label: tr(r, "inst.head"), Value: in.HeadName + ", " + in.HeadPosition},
			{Label: tr(r, "inst.phone"), Value: in.Phone},
			{Label: tr(r, "auth.email"), Value: in.Email},
			{Label: tr(r, "inst.registered"), Value: acctDay(r, in.CreatedAt, t.Location())},
		},
		Users: accountRows(r, d.Users, 0, t.Location()),
	}
	if in.VerifiedAt != nil {
		v.Facts = append(v.Facts, web.Fact{Label: tr(r, "inst.verified_on"), Value: acctDay(r, *in.VerifiedAt, t.Location())})
	}
	if in.Status != app.InstitutionVerified {
		v.VerifyAction = self + "/verifikasi"
	}
	if in.Status == app.InstitutionPending {
		v.RefuseAction = self + "/tolak"
	}
	s.render(w, r, status, web.InstitutionView(v))
}

func (s *Server) verifyInstitution(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	id, err := strconv.ParseInt(chi.URLParam(r, "id"), 10, 64)
	if err != nil {
		s.notFound(w, r)
		return
	}
	if err := s.app.VerifyInstitution(r.Context(), p, id); err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(r.Context(), tr(r, "inst.verified_flash"))
	http.Redirect(w, r, r.URL.Path[:len(r.URL.Path)-len("/verifikasi")], http.StatusSeeOther)
}

func (s *Server) refuseInstitution(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	id, err := strconv.ParseInt(chi.URLParam(r, "id"), 10, 64)
	if err != nil {
		s.notFound(w, r)
		return
	}
	err = s.app.RefuseInstitution(r.Context(), p, id, r.PostFormValue("reason"))
	if e, ok := acctInvalid(err); ok {
		s.renderInstitution(w, r, statusOf(e.Code), acctForm(r, e, "reason"))
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(r.Context(), tr(r, "inst.refused_flash"))
	http.Redirect(w, r, r.URL.Path[:len(r.URL.Path)-len("/tolak")], http.StatusSeeOther)
}

// colleagues lists the lembaga's own users with the invite form.
func (s *Server) colleagues(w http.ResponseWriter, r *http.Request) {
	s.renderColleagues(w, r, http.StatusOK, web.FormState{}, nil)
}

func (s *Server) renderColleagues(w http.ResponseWriter, r *http.Request, status int, fs web.FormState, created *web.NewAccount) {
	p, _ := principalFrom(r.Context())
	t, _ := tenantFrom(r.Context())
	d, err := s.app.Colleagues(r.Context(), p)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	in := d.Institution
	s.render(w, r, status, web.ColleaguesView(web.ColleaguesPage{
		Page: s.page(r, tr(r, "coll.page_title")), FormState: fs, Action: "/" + t.Slug + "/lembaga/pengguna",
		InstitutionName: in.Name, StatusLabel: institutionStatusLabel(r, in.Status), StatusClass: institutionStatusClass(in.Status),
		Reason: in.StatusReason, Verified: in.Status == app.InstitutionVerified,
		Users: accountRows(r, d.Users, p.UserID, t.Location()), Created: created,
	}))
}

// inviteColleague creates a colleague's account and shows its one-time password
// once, on this response only: it is neither stored nor put in the session.
func (s *Server) inviteColleague(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	otp, err := s.app.InviteColleague(r.Context(), p, r.PostFormValue("name"), r.PostFormValue("email"))
	if e, ok := acctInvalid(err); ok {
		s.renderColleagues(w, r, statusOf(e.Code), acctForm(r, e, "name", "email"), nil)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderColleagues(w, r, http.StatusOK, web.FormState{}, newAccount(s, otp))
}

// institutionStatusLabel is an institution's status in the request's language
// (app.InstitutionStatusLabel's Indonesian, by key).
func institutionStatusLabel(r *http.Request, status string) string {
	switch status {
	case app.InstitutionPending, app.InstitutionVerified, app.InstitutionRefused:
		return tr(r, "inst_status."+status)
	}
	return app.InstitutionStatusLabel(status)
}

// institutionTypeLabel is an institution's kind in the request's language.
func institutionTypeLabel(r *http.Request, t workflow.InstitutionType) string {
	switch t {
	case workflow.PerangkatDaerah, workflow.BadanHukum:
		return tr(r, "inst_type."+string(t))
	}
	return t.Label()
}
