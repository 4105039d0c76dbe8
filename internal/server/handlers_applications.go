package server

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/calendar"
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
	v := web.AppList{Page: s.page(r, tr(r, "apps.list.lembaga_title")), Kind: "lembaga", Heading: tr(r, "apps.list.lembaga_heading", "Name", inst.Name),
		Intro: tr(r, "apps.list.lembaga_intro"), PageNum: res.Page,
		CreateURL: "/" + t.Slug + "/lembaga/permohonan"}
	switch inst.Status {
	case app.InstitutionPending:
		v.Notice = tr(r, "apps.list.institution_pending")
	case app.InstitutionRefused:
		v.Notice = tr(r, "apps.list.institution_refused", "Reason", inst.StatusReason)
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
			StateLabel: stateLabel(r, row.State), StateClass: stateClass(row.State), WaitingOn: partyLabel(r, row.State.WaitingOn()),
			Since: whenIn(r, row.StateSince, loc)}
		if row.SLADue != nil {
			vr.Clock, vr.ClockClass = clockText(r, row.Remaining, row.DayLength, row.Overdue)
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
	v := web.AppList{Page: s.page(r, tr(r, "apps.list.queue_title")), Kind: "queue", Heading: tr(r, "apps.list.queue_heading", "Name", t.Name),
		Intro:   tr(r, "apps.list.queue_intro", "Hours", fmtOf(r).Hours(t.OfficeOpen, t.OfficeClose, calendar.ZoneAbbr(t.TimeZone))),
		PageNum: res.Page, Warning: listHolidayWarning(r, res.Warning)}
	v.Filters = web.ListFilters{Action: r.URL.Path, Search: f.Search, States: stateOptions(r, f.State, tr(r, "apps.filter.all_states_but_draft")),
		SLA: []web.Option{{Value: "", Label: tr(r, "apps.filter.all")}, {Value: "terlambat", Label: tr(r, "apps.filter.overdue")},
			{Value: "segera", Label: tr(r, "apps.filter.due_soon")}, {Value: "berjalan", Label: tr(r, "apps.filter.running")}}}
	for i := range v.Filters.SLA {
		v.Filters.SLA[i].Selected = v.Filters.SLA[i].Value == f.SLA
	}
	v.PrevHref, v.NextHref = keysetPager(r, res.Page, res.HasNext, res.NextCursor)
	v.Rows = s.rows(r, p, res.Rows, t.Location())
	s.render(w, r, http.StatusOK, web.AppListView(v))
}

func stateOptions(r *http.Request, selected, allLabel string) []web.Option {
	opts := []web.Option{{Value: "", Label: allLabel}}
	for _, st := range workflow.States {
		if st == workflow.Draft {
			continue
		}
		opts = append(opts, web.Option{Value: string(st), Label: stateLabel(r, st), Selected: string(st) == selected})
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
	v := web.AppList{Page: s.page(r, tr(r, "apps.list.inbox_title")), Kind: "inbox", Heading: tr(r, "apps.list.inbox_heading"),
		Intro: tr(r, "apps.list.inbox_intro"), PageNum: res.Page}
	states := []web.Option{{Value: "", Label: tr(r, "apps.filter.waiting_dirjen")}, {Value: "semua", Label: tr(r, "apps.filter.all_states"), Selected: f.State == "semua"}}
	for _, st := range workflow.States {
		if st == workflow.Draft || st == workflow.Submitted || st == workflow.Returned {
			continue
		}
		states = append(states, web.Option{Value: string(st), Label: stateLabel(r, st), Selected: string(st) == f.State})
	}
	v.Filters = web.ListFilters{Action: r.URL.Path, Search: f.Search, States: states, Tenants: []web.Option{{Value: "", Label: tr(r, "apps.filter.all")}}, Provinces: []web.Option{{Value: "", Label: tr(r, "apps.filter.all")}}}
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
		s.flash(r.Context(), tr(r, "apps.draft.renewal_created"))
	}
	http.Redirect(w, r, s.appBase(r, p, id)+"/ubah", http.StatusSeeOther)
}
