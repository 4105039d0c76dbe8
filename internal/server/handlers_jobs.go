package server

import (
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/web"
)

// jobKinds are the background jobs named for the admin, by catalogue key
// job.<kind>.
var jobKinds = map[string]bool{
	app.KindDeliverMail: true, app.KindDeliverWebhook: true, app.KindExpireAgreements: true, app.KindRecomputeDeadlines: true,
	app.KindHousekeeping: true, app.KindOutboxSweep: true, app.KindSendReminders: true, app.KindDirjenDigest: true,
}

// failedJobs lists the background jobs that failed (given up or retrying).
func (s *Server) failedJobs(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	jobs, err := s.app.FailedJobs(r.Context(), p, 100)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := web.FailedJobsPage{Page: s.page(r, tr(r, "jobs.title"))}
	for _, j := range jobs {
		row := web.FailedJobRow{ID: j.ID, What: j.Kind, Attempts: tr(r, "jobs.attempts", "N", j.Attempt, "Max", j.MaxAttempts),
			LastError: j.LastError, RetryHref: "/admin/tugas/" + strconv.FormatInt(j.ID, 10) + "/ulang"}
		if jobKinds[j.Kind] {
			row.What = tr(r, "job."+j.Kind)
		}
		if !j.AttemptedAt.IsZero() {
			row.When = localTime(r, j.AttemptedAt, nil)
		}
		if j.State == "retryable" {
			row.State, row.StateCls, row.Next = tr(r, "jobs.will_retry"), "warn", localTime(r, j.ScheduledAt, nil)
		} else {
			row.State, row.StateCls = tr(r, "jobs.stopped"), "bad"
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
	s.flash(r.Context(), tr(r, "jobs.retried"))
	http.Redirect(w, r, "/admin/tugas", http.StatusSeeOther)
}
