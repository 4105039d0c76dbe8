package server

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/hakakses/hakakses/internal/workflow"
)

// routes is the whole URL map of the product. Paths are Indonesian, like the UI.
func (s *Server) routes() http.Handler {
	r := chi.NewRouter()
	r.Use(s.requestLog, s.recoverer, securityHeaders)
	r.NotFound(s.notFound)
	r.MethodNotAllowed(func(w http.ResponseWriter, r *http.Request) {
		s.clientError(w, r, http.StatusMethodNotAllowed, "Metode tidak diizinkan", "Alamat ini tidak menerima permintaan seperti itu.")
	})

	r.Get("/healthz", s.healthz)
	r.Get("/readyz", s.readyz)
	r.Handle("/static/*", staticFiles())

	r.Group(func(r chi.Router) {
		r.Use(s.sessions.LoadAndSave, s.loadPrincipal)

		r.Get("/", s.landing)
		r.Get("/masuk", s.loginForm)
		r.Post("/masuk", s.login)
		r.Post("/keluar", s.logout)

		r.Group(func(r chi.Router) {
			r.Use(s.requireLogin)
			r.Get("/beranda", s.home)
			r.Get("/akun/kata-sandi", s.passwordForm)
			r.Post("/akun/kata-sandi", s.changePassword)
		})

		r.Route("/dirjen", func(r chi.Router) {
			r.Use(s.requireLogin, s.requireRole(workflow.RoleDirjen))
			r.Get("/", s.dirjenHome)
		})

		r.Route("/admin", func(r chi.Router) {
			r.Use(s.requireLogin, s.requireRole(workflow.RoleAdmin))
			r.Get("/", s.adminHome)
		})

		r.Route("/{tenant}", func(r chi.Router) {
			r.Use(s.loadTenant)
			r.Get("/", s.serviceStandard)

			r.Route("/lembaga", func(r chi.Router) {
				r.Use(s.requireLogin, s.requireTenantMember, s.requireRole(workflow.RoleLembaga))
				r.Get("/", s.lembagaHome)
			})
			r.Route("/kantor", func(r chi.Router) {
				r.Use(s.requireLogin, s.requireTenantMember, s.requireRole(workflow.RolePetugas, workflow.RoleKepala))
				r.Get("/", s.officeHome)
			})
		})
	})

	// Cross-origin state-changing requests are refused before any handler runs.
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.clientError(w, r, http.StatusForbidden, "Permintaan ditolak", "Permintaan dari situs lain tidak diizinkan. Muat ulang halaman lalu coba lagi.")
	}))
	return cop.Handler(r)
}
