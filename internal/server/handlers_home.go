package server

import (
	"net/http"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/workflow"
	"github.com/hakakses/hakakses/web"
)

// home sends each role to its own landing page.
func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	http.Redirect(w, r, s.homeHref(r, p), http.StatusSeeOther)
}

func (s *Server) homeHref(r *http.Request, p app.Principal) string {
	switch p.Role {
	case workflow.RoleDirjen:
		return "/dirjen/"
	case workflow.RoleAdmin:
		return "/admin/"
	}
	t, err := s.app.TenantByID(r.Context(), p.TenantID)
	if err != nil || t.Slug == "" || !t.Active {
		return "/" // a tenant not yet onboarded has no pages
	}
	if p.Role == workflow.RoleLembaga {
		return "/" + t.Slug + "/lembaga/"
	}
	return "/" + t.Slug + "/kantor/"
}

// nav is the header navigation for a role.
func (s *Server) nav(r *http.Request, p app.Principal) []web.NavItem {
	var items []web.NavItem
	// Outside the tenant's own URLs (password, notifications) the user's tenant is
	// looked up, so the navigation stays the same everywhere.
	t, ok := tenantFrom(r.Context())
	if (!ok || t.ID != p.TenantID) && p.TenantID != 0 {
		if own, err := s.app.TenantByID(r.Context(), p.TenantID); err == nil && own.Slug != "" {
			t, ok = own, true
		}
	}
	switch p.Role {
	case workflow.RoleDirjen:
		items = []web.NavItem{{Label: tr(r, "nav.national_inbox"), Href: "/dirjen/"}, {Label: tr(r, "nav.dashboard"), Href: "/dirjen/dasbor"}}
	case workflow.RoleAdmin:
		items = []web.NavItem{{Label: tr(r, "nav.tenants"), Href: "/admin/"}, {Label: tr(r, "nav.holidays"), Href: "/admin/libur"},
			{Label: tr(r, "nav.jobs"), Href: "/admin/tugas"}, {Label: tr(r, "nav.dashboard"), Href: "/admin/dasbor"}, {Label: tr(r, "nav.audit"), Href: "/admin/audit"},
			{Label: tr(r, "nav.second_factor"), Href: "/admin/akun"}}
	case workflow.RoleLembaga:
		if ok && t.ID == p.TenantID {
			items = []web.NavItem{{Label: tr(r, "nav.my_applications"), Href: "/" + t.Slug + "/lembaga/"},
				{Label: tr(r, "nav.users"), Href: "/" + t.Slug + "/lembaga/pengguna"}}
		} else {
			items = []web.NavItem{{Label: tr(r, "nav.my_applications"), Href: "/beranda"}}
		}
	default:
		if ok && t.ID == p.TenantID {
			base := "/" + t.Slug + "/kantor/"
			items = []web.NavItem{{Label: tr(r, "nav.work_queue"), Href: base}, {Label: tr(r, "nav.report"), Href: base + "laporan"}, {Label: tr(r, "nav.institutions"), Href: base + "lembaga"},
				{Label: tr(r, "nav.dashboard"), Href: base + "dasbor"}}
			if p.Role == workflow.RoleKepala {
				items = append(items, web.NavItem{Label: tr(r, "nav.settings"), Href: base + "pengaturan"})
			}
			items = append(items, web.NavItem{Label: tr(r, "nav.staff"), Href: base + "staf"}, web.NavItem{Label: tr(r, "nav.holidays"), Href: base + "libur"})
		} else {
			items = []web.NavItem{{Label: tr(r, "nav.work_queue"), Href: "/beranda"}}
		}
	}
	items = append(items, s.notificationsNav(r, p))
	for i := range items {
		items[i].Current = items[i].Href == r.URL.Path
	}
	return items
}
