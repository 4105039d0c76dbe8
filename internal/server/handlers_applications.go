package server

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/calendar"
	"github.com/hakakses/hakakses/internal/idfmt"
	"github.com/hakakses/hakakses/internal/workflow"
	"github.com/hakakses/hakakses/web"
)

// appBase is where an application's pages live for the viewer's role.
func (s *Server) appBase(r *http.Request, p app.Principal, id int64) string {
	t, _ := tenantFrom(r.Context())
	switch p.Role {
	case workflow.RoleDirjen:
		return fmt.Sprintf("/dirjen/permohonan/%d", id)
	case workflow.RoleLembaga:
		return fmt.Sprintf("/%s/lembaga/permohonan/%d", t.Slug, id)
	}
	return fmt.Sprintf("/%s/kantor/permohonan/%d", t.Slug, id)
}

func idParam(r *http.Request, name string) (int64, bool) {
	id, err := strconv.ParseInt(chi.URLParam(r, name), 10, 64)
	return id, err == nil && id > 0
}

// lembagaHome lists the institution's applications.
func (s *Server) lembagaHome(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	t, _ := tenantFrom(r.Context())
	home, err := s.app.MyHome(r.Context(), p, pageNum(r), r.URL.Query().Get(cursorParam))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	res, inst := home.List, home.Institution
	v := web.AppList{Page: s.page(r, "Permohonan saya"), Kind: "lembaga", Heading: "Permohonan hak akses " + inst.Name,
		Intro: "Susun, ajukan, dan pantau permohonan hak akses data kependudukan lembaga Anda.", PageNum: res.Page,
		CreateURL: "/" + t.Slug + "/lembaga/permohonan"}
	switch inst.Status {
	case app.InstitutionPending:
		v.Notice = "Lembaga Anda sedang menunggu verifikasi petugas Disdukcapil. Anda sudah dapat menyusun draf, tetapi permohonan baru dapat diajukan setelah lembaga diverifikasi."
	case app.InstitutionRefused:
		v.Notice = "Pendaftaran lembaga Anda ditolak: " + inst.StatusReason
		v.CreateURL = ""
	}
	v.PrevHref, v.NextHref = keysetPager(r, res.Page, res.HasNext, res.NextCursor)
	v.Rows = s.rows(r, p, res.Rows, t.Location())
	s.render(w, r, http.StatusOK, web.AppListView(v))
}

func (s *Server) rows(r *http.Request, p app.Principal, rows []app.Row, loc *time.Location) []web.AppRow {
	out := make([]web.AppRow, 0, len(rows))
	for _, row := range rows {
		vr := web.AppRow{Href: s.appBase(r, p, row.ID), Number: row.Number, Institution: row.Institution, Tenant: row.TenantName,
			StateLabel: row.State.Label(), StateClass: stateClass(row.State), WaitingOn: row.State.WaitingOn().Label(),
			Since: when(row.StateSince, loc)}
		if row.SLADue != nil {
			vr.Clock, vr.ClockClass = clockText(row.Remaining, row.DayLength, row.Overdue)
		}
		out = append(out, vr)
	}
	return out
}

// officeHome is the staff work queue.
func (s *Server) officeHome(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	t, _ := tenantFrom(r.Context())
	q := r.URL.Query()
	f := app.QueueFilter{State: q.Get("tahap"), SLA: q.Get("tenggat"), Search: q.Get("q"), Page: pageNum(r), After: q.Get(cursorParam)}
	res, err := s.app.Queue(r.Context(), p, f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := web.AppList{Page: s.page(r, "Antrean kerja"), Kind: "queue", Heading: "Antrean kerja Disdukcapil " + t.Name,
		Intro:   "Yang paling mendesak di atas. Tenggat dihitung dalam hari kerja (" + idfmt.Hours(t.OfficeOpen, t.OfficeClose, calendar.ZoneAbbr(t.TimeZone)) + ", tanpa hari libur nasional, cuti bersama, dan libur daerah).",
		PageNum: res.Page, Warning: res.Warning}
	v.Filters = web.ListFilters{Action: r.URL.Path, Search: f.Search, States: stateOptions(f.State, "Semua tahap (kecuali draf)"),
		SLA: []web.Option{{Value: "", Label: "Semua"}, {Value: "terlambat", Label: "Terlambat"}, {Value: "segera", Label: "Segera jatuh tempo (< 1 hari kerja)"}, {Value: "berjalan", Label: "Menunggu Disdukcapil"}}}
	for i := range v.Filters.SLA {
		v.Filters.SLA[i].Selected = v.Filters.SLA[i].Value == f.SLA
	}
	v.PrevHref, v.NextHref = keysetPager(r, res.Page, res.HasNext, res.NextCursor)
	v.Rows = s.rows(r, p, res.Rows, t.Location())
	s.render(w, r, http.StatusOK, web.AppListView(v))
}

func stateOptions(selected, allLabel string) []web.Option {
	opts := []web.Option{{Value: "", Label: allLabel}}
	for _, st := range workflow.States {
		if st == workflow.Draft {
			continue
		}
		opts = append(opts, web.Option{Value: string(st), Label: st.Label(), Selected: string(st) == selected})
	}
	return opts
}

// dirjenHome is the national inbox.
func (s *Server) dirjenHome(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	q := r.URL.Query()
	f := app.InboxFilter{State: q.Get("tahap"), Tenant: q.Get("tenant"), Province: q.Get("provinsi"), Search: q.Get("q"), Page: pageNum(r), After: q.Get(cursorParam)}
	res, err := s.app.Inbox(r.Context(), p, f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	filters, err := s.app.InboxFilters(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := web.AppList{Page: s.page(r, "Kotak masuk nasional"), Kind: "inbox", Heading: "Kotak masuk nasional Ditjen Dukcapil",
		Intro: "Permohonan yang diteruskan Disdukcapil seluruh kabupaten/kota; yang paling lama menunggu di atas.", PageNum: res.Page}
	states := []web.Option{{Value: "", Label: "Menunggu Dirjen"}, {Value: "semua", Label: "Semua tahap", Selected: f.State == "semua"}}
	for _, st := range workflow.States {
		if st == workflow.Draft || st == workflow.Submitted || st == workflow.Returned {
			continue
		}
		states = append(states, web.Option{Value: string(st), Label: st.Label(), Selected: string(st) == f.State})
	}
	v.Filters = web.ListFilters{Action: r.URL.Path, Search: f.Search, States: states, Tenants: []web.Option{{Value: "", Label: "Semua"}}, Provinces: []web.Option{{Value: "", Label: "Semua"}}}
	for _, t := range filters.Tenants {
		v.Filters.Tenants = append(v.Filters.Tenants, web.Option{Value: t.Slug, Label: t.Name, Selected: t.Slug == f.Tenant})
	}
	for _, pr := range filters.Provinces {
		v.Filters.Provinces = append(v.Filters.Provinces, web.Option{Value: pr.Code, Label: pr.Name, Selected: pr.Code == f.Province})
	}
	v.PrevHref, v.NextHref = keysetPager(r, res.Page, res.HasNext, res.NextCursor)
	v.Rows = s.rows(r, p, res.Rows, calendar.WIB)
	s.render(w, r, http.StatusOK, web.AppListView(v))
}

// createApplication starts a draft (or a renewal) and opens its form.
func (s *Server) createApplication(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	var renewal int64
	if id, ok := idParam(r, "id"); ok {
		renewal = id
	}
	id, err := s.app.CreateDraft(r.Context(), p, renewal)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if renewal > 0 {
		s.flash(r.Context(), "Draf perpanjangan dibuat dari perjanjian sebelumnya. Periksa isiannya lalu ajukan.")
	}
	http.Redirect(w, r, s.appBase(r, p, id)+"/ubah", http.StatusSeeOther)
}
