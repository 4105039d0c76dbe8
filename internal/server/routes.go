package server

import (
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"

	"github.com/hakakses/hakakses/internal/workflow"
)

// routes is the whole URL map of the product. Paths are Indonesian, like the UI.
func (s *Server) routes() http.Handler {
	// Cross-origin state-changing requests are refused before any handler runs,
	// inside the log and the security headers so refusals are logged and hardened.
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.clientError(w, r, http.StatusForbidden, tr(r, "error.403_heading"), tr(r, "error.403_cross_site"))
	}))
	r := chi.NewRouter()
	r.Use(requestID, s.withLocale, s.requestLog, s.recoverer, s.securityHeaders, cop.Handler, s.validText, s.requestContext, middleware.GetHead)
	r.NotFound(s.notFound)
	r.MethodNotAllowed(func(w http.ResponseWriter, r *http.Request) {
		s.clientError(w, r, http.StatusMethodNotAllowed, tr(r, "error.405_heading"), tr(r, "error.405"))
	})

	r.Get("/healthz", s.healthz)
	r.Get("/readyz", s.readyz)
	r.Handle("/static/*", s.staticFiles())
	r.Route("/api/v1", s.apiRoutes) // tokens, not sessions: outside the session group

	r.Group(func(r chi.Router) {
		r.Use(s.loadAndSave, s.readYourWrites, s.loadPrincipal)

		r.Get("/", s.landing)
		r.Get("/bahasa", s.switchLanguage)
		r.Get("/masuk", s.loginForm)
		r.Post("/masuk", s.login)
		r.Get("/masuk/verifikasi", s.secondFactorForm)
		r.Post("/masuk/verifikasi", s.verifySecondFactor)
		r.Get("/masuk/aktivasi-dua-langkah", s.enrolAtLoginForm)
		r.Post("/masuk/aktivasi-dua-langkah", s.enrolAtLogin)
		r.Post("/keluar", s.logout)
		s.tokenLinkRoutes(r) // /aktifkan, /buka-kunci
		r.Get("/lupa-kata-sandi", s.forgotForm)
		r.Post("/lupa-kata-sandi", s.forgot)
		r.Get("/atur-ulang-kata-sandi", s.resetForm)
		r.Post("/atur-ulang-kata-sandi", s.reset)

		// Every logged-in user's own pages: the account and the notifications; the
		// dev mailbox for the admin of a server without SMTP.
		r.Group(func(r chi.Router) {
			r.Use(s.requireLogin)
			r.Get("/beranda", s.home)
			r.Get("/akun", s.account)
			r.Post("/akun/bahasa", s.saveLanguage)
			r.Get("/akun/dua-langkah", s.enrolForm)
			r.Post("/akun/dua-langkah", s.enrol)
			r.Post("/akun/dua-langkah/kode-pemulihan", s.regenerateRecoveryCodes)
			r.Post("/akun/dua-langkah/nonaktifkan", s.disableSecondFactor)
			r.Get("/akun/kata-sandi", s.passwordForm)
			r.Post("/akun/kata-sandi", s.changePassword)
			r.Get("/akun/token", s.apiTokens)
			r.Post("/akun/token", s.createAPIToken)
			r.Post("/akun/token/{id}/cabut", s.revokeAPIToken)
			r.Get("/akun/pengingat", s.reminderSettings)
			r.Post("/akun/pengingat", s.saveReminderSettings)
			r.Get("/notifikasi", s.notifications)
			r.Post("/notifikasi/baca-semua", s.readAllNotifications)
			r.Post("/notifikasi/{id}/baca", s.readNotification)
			r.With(s.requireRole(workflow.RoleAdmin)).Get("/dev/surel", s.devMailbox)
		})

		r.Route("/dirjen", func(r chi.Router) {
			r.Use(s.requireLogin, s.requireRole(workflow.RoleDirjen))
			r.Get("/", s.dirjenHome)
			s.figureRoutes(r)
			r.Get("/ekspor/permohonan", s.exportApplications)
			r.Route("/permohonan/{id}", s.applicationRoutes)
		})

		r.Route("/admin", func(r chi.Router) {
			r.Use(s.requireLogin, s.requireRole(workflow.RoleAdmin))
			r.Get("/", s.adminHome)
			r.Post("/tenant", s.onboardTenant)
			r.Get("/audit", s.auditTrail)
			r.Get("/akun", s.secondFactorAccounts)
			r.Post("/akun/{id}/atur-ulang-dua-langkah", s.resetNationalSecondFactor)
			r.Get("/libur", s.nationalHolidays)
			r.Post("/libur", s.nationalHolidayAction)
			r.Get("/tugas", s.failedJobs)
			r.Post("/tugas/{id}/ulang", s.retryJob)
			r.With(s.loadTenant).Get("/tenant/{tenant}/webhook", s.adminWebhook)
			r.With(s.loadTenant).Post("/tenant/{tenant}/webhook", s.adminWebhookAction)
			s.figureRoutes(r)
		})

		r.Route("/{tenant}", func(r chi.Router) {
			r.Use(s.loadTenant)
			r.Get("/", s.serviceStandard)
			r.Get("/lacak", s.tracking)
			r.Get("/daftar", s.registerForm)
			r.Post("/daftar", s.register)

			r.Route("/lembaga", func(r chi.Router) {
				r.Use(s.requireLogin, s.requireTenantMember, s.requireRole(workflow.RoleLembaga))
				r.Get("/", s.lembagaHome)
				r.Post("/permohonan", s.createApplication)
				r.Route("/permohonan/{id}", func(r chi.Router) {
					s.applicationRoutes(r)
					r.Get("/ubah", s.draftForm)
					r.Post("/ubah", s.saveDraft)
					r.Get("/surat-pernyataan.pdf", s.eligibilityStatement)
					r.Get("/bukti-pengajuan.pdf", s.submissionReceipt)
					r.Get("/format/{kind}", s.documentFormat)
					r.Post("/perpanjang", s.createApplication)
				})
				r.Get("/pengguna", s.colleagues)
				r.Post("/pengguna", s.inviteColleague)
				r.Get("/survei/{id}", s.surveyForm)
				r.Post("/survei/{id}", s.answerSurvey)
			})
			r.Route("/kantor", func(r chi.Router) {
				r.Use(s.requireLogin, s.requireTenantMember, s.requireRole(workflow.RolePetugas, workflow.RoleKepala))
				r.Get("/", s.officeHome)
				r.Get("/laporan", s.complianceReport)
				s.figureRoutes(r)
				r.Get("/ekspor/permohonan", s.exportApplications)
				r.Route("/permohonan/{id}", func(r chi.Router) {
					s.applicationRoutes(r)
					r.Post("/pks/pratinjau", s.previewAgreement)
				})
				r.Get("/lembaga", s.institutionList)
				r.Get("/lembaga/{id}", s.institutionDetail)
				r.Post("/lembaga/{id}/verifikasi", s.verifyInstitution)
				r.Post("/lembaga/{id}/tolak", s.refuseInstitution)
				r.Get("/staf", s.staffList)
				r.Get("/libur", s.localHolidays)
				r.Group(func(r chi.Router) {
					r.Use(s.requireRole(workflow.RoleKepala))
					r.Get("/pengaturan", s.settingsForm)
					r.Get("/audit", s.auditTrail)
					r.Post("/pengaturan", s.saveSettings)
					r.Post("/pengaturan/lambang", s.saveLambang)
					r.Get("/pengaturan/webhook", s.settingsWebhookPage)
					r.Post("/pengaturan/webhook", s.settingsWebhook)
					r.Post("/staf", s.staffAction)
					r.Post("/libur", s.localHolidayAction)
				})
			})
		})
	})

	return r
}

// applicationRoutes are an application's pages, the same for every role that may
// see it; what each role may do there is decided by the workflow.
func (s *Server) applicationRoutes(r chi.Router) {
	r.Get("/", s.applicationDetail)
	r.Post("/aksi/{event}", s.fireAction)
	r.Post("/komentar", s.addComment)
	r.Post("/catatan", s.addStaffNote)
	r.Get("/dokumen/{doc}", s.document)
	r.Get("/pks/banding", s.agreementDiff)
	r.Post("/lampiran/hapus", s.removePendingUpload)
}

// figureRoutes are the service's figures, the same pages for the office (its
// tenant), the Dirjen and the admin (national): the dashboard and the
// satisfaction index (IKM) with its export.
func (s *Server) figureRoutes(r chi.Router) {
	r.Get("/dasbor", s.dashboard)
	r.Get("/ikm", s.satisfactionIndex)
	r.Get("/ikm/ekspor", s.exportIKM)
}
