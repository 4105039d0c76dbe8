package server

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/web"
)

// jobKinds names each background job for the admin.
var jobKinds = map[string]string{
	app.KindDeliverMail:        "Pengiriman e-mail",
	app.KindDeliverWebhook:     "Pengiriman webhook",
	app.KindExpireAgreements:   "Kedaluwarsa PKS",
	app.KindRecomputeDeadlines: "Pembaruan tenggat",
	app.KindHousekeeping:       "Pembersihan sesi",
	app.KindOutboxSweep:        "Penyisiran kotak keluar",
	app.KindSendReminders:      "Pengingat dan eskalasi",
	app.KindDirjenDigest:       "Ringkasan harian Dirjen",
}

// failedJobs lists the background jobs that failed (given up or retrying).
func (s *Server) failedJobs(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	jobs, err := s.app.FailedJobs(r.Context(), p, 100)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := web.FailedJobsPage{Page: s.page(r, "Antrean tugas latar")}
	for _, j := range jobs {
		row := web.FailedJobRow{ID: j.ID, What: jobKinds[j.Kind], Attempts: fmt.Sprintf("%d dari %d", j.Attempt, j.MaxAttempts),
			LastError: j.LastError, RetryHref: "/admin/tugas/" + strconv.FormatInt(j.ID, 10) + "/ulang"}
		if row.What == "" {
			row.What = j.Kind
		}
		if !j.AttemptedAt.IsZero() {
			row.When = localTime(j.AttemptedAt, nil)
		}
		if j.State == "retryable" {
			row.State, row.StateCls, row.Next = "Akan dicoba lagi", "warn", localTime(j.ScheduledAt, nil)
		} else {
			row.State, row.StateCls = "Dihentikan", "bad"
		}
		v.Jobs = append(v.Jobs, row)
	}
	s.render(w, r, http.StatusOK, web.FailedJobsView(v))
}

// retryJob runs a failed job again now.
func (s *Server) retryJob(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(chi.URLParam(r, "id"), 10, 64)
	if err != nil || id <= 0 {
		s.notFound(w, r)
		return
	}
	p, _ := principalFrom(r.Context())
	if err := s.app.RetryJob(r.Context(), p, id); err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(r.Context(), "Tugas dijadwalkan ulang untuk segera dijalankan.")
	http.Redirect(w, r, "/admin/tugas", http.StatusSeeOther)
}
