package server_test

import (
	"errors"
	"net/http"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
)

func TestAdminSeesFailedJobsAndRetriesThem(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	var down atomic.Bool
	down.Store(true)
	e.startJobs(func(to, subject, body string) error {
		if down.Load() {
			return errors.New("421 4.3.0 server busy")
		}
		return nil
	})
	e.notifSubmitted() // two e-mails, both failing
	admin := e.loginAs(t, "admin")
	waitFor(t, "two failed deliveries listed", func() bool {
		return strings.Count(admin.get("/admin/tugas").Body, `data-testid="failed-job"`) == 2
	})
	page := admin.get("/admin/tugas")
	if page.Status != http.StatusOK || !strings.Contains(page.Body, "Pengiriman e-mail") ||
		!strings.Contains(page.Body, "421 4.3.0 server busy") || !strings.Contains(page.Body, "Akan dicoba lagi") ||
		!strings.Contains(page.Body, "1 dari 10") {
		t.Fatalf("failed jobs page: %s", page)
	}
	retry := regexp.MustCompile(`action="(/admin/tugas/\d+/ulang)"`).FindAllStringSubmatch(page.Body, -1)
	if len(retry) != 2 {
		t.Fatalf("retry forms: %v", retry)
	}
	down.Store(false)
	if r := admin.post(retry[0][1], nil); r.Status != http.StatusSeeOther || r.Location() != "/admin/tugas" {
		t.Fatalf("retry: %s", r)
	}
	waitFor(t, "the retried delivery gone from the list", func() bool {
		return strings.Count(admin.get("/admin/tugas").Body, `data-testid="failed-job"`) == 1
	})
	if r := admin.post("/admin/tugas/999999/ulang", nil); r.Status != http.StatusNotFound {
		t.Errorf("retrying a missing job: %s", r)
	}
	if r := admin.post("/admin/tugas/abc/ulang", nil); r.Status != http.StatusNotFound {
		t.Errorf("retrying job abc: %s", r)
	}
	for _, role := range []string{"petugas", "kepala", "dirjen"} {
		c := e.loginAs(t, role)
		if r := c.get("/admin/tugas"); r.Status == http.StatusOK {
			t.Errorf("%s GET /admin/tugas: %s", role, r)
		}
		if r := c.post(retry[1][1], nil); r.Status == http.StatusSeeOther {
			t.Errorf("%s retried a job: %s", role, r)
		}
	}
}
