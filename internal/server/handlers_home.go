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
		items = []web.NavItem{{Label: "Kotak masuk nasional", Href: "/dirjen/"}, {Label: "Dasbor", Href: "/dirjen/dasbor"}}
	case workflow.RoleAdmin:
		items = []web.NavItem{{Label: "Tenant", Href: "/admin/"}, {Label: "Hari libur", Href: "/admin/libur"},
			{Label: "Tugas latar", Href: "/admin/tugas"}, {Label: "Dasbor", Href: "/admin/dasbor"}, {Label: "Jejak audit", Href: "/admin/audit"}}
	case workflow.RoleLembaga:
		if ok && t.ID == p.TenantID {
			items = []web.NavItem{{Label: "Permohonan saya", Href: "/" + t.Slug + "/lembaga/"},
				{Label: "Pengguna", Href: "/" + t.Slug + "/lembaga/pengguna"}}
		} else {
			items = []web.NavItem{{Label: "Permohonan saya", Href: "/beranda"}}
		}
	default:
		if ok && t.ID == p.TenantID {
			base := "/" + t.Slug + "/kantor/"
			items = []web.NavItem{{Label: "Antrean kerja", Href: base}, {Label: "Laporan", Href: base + "laporan"}, {Label: "Lembaga", Href: base + "lembaga"},
				{Label: "Dasbor", Href: base + "dasbor"}}
			if p.Role == workflow.RoleKepala {
				items = append(items, web.NavItem{Label: "Pengaturan", Href: base + "pengaturan"})
			}
			items = append(items, web.NavItem{Label: "Staf", Href: base + "staf"}, web.NavItem{Label: "Hari libur", Href: base + "libur"})
		} else {
			items = []web.NavItem{{Label: "Antrean kerja", Href: "/beranda"}}
		}
	}
	items = append(items, s.notificationsNav(r, p))
	for i := range items {
		items[i].Current = items[i].Href == r.URL.Path
	}
	return items
}
