package server_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestReminderSettingsChooseEmailOrInAppPerKind(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	kepala := e.loginAs(t, "kepala")
	page := kepala.get("/akun/pengingat")
	if page.Status != http.StatusOK || !strings.Contains(page.Body, `data-testid="reminder-deadline"`) ||
		strings.Contains(page.Body, `data-testid="reminder-dirjen_digest"`) {
		t.Fatalf("kepala's reminder page: %s", page)
	}
	if strings.Count(page.Body, `value="email" checked`) != 4 {
		t.Fatalf("default is not e-mail for every kind: %s", page)
	}
	r := kepala.post("/akun/pengingat", url.Values{"registration": {"inapp"}, "deadline": {"email"}})
	if r.Status != http.StatusSeeOther {
		t.Fatalf("save: %s", r)
	}
	page = kepala.get("/akun/pengingat")
	if strings.Count(page.Body, `value="inapp" checked`) != 1 || !strings.Contains(page.Body, `name="registration" value="inapp" checked`) {
		t.Fatalf("after choosing in-app for registrations: %s", page)
	}
	if r := kepala.post("/akun/pengingat", url.Values{"deadline": {"sms"}}); r.Status != http.StatusUnprocessableEntity ||
		!strings.Contains(r.Body, "Saluran pengingat tidak dikenal") {
		t.Errorf("unknown channel: %s", r)
	}
	// Another user's choice is their own.
	petugas := e.loginAs(t, "petugas")
	if p := petugas.get("/akun/pengingat"); strings.Contains(p.Body, `value="inapp" checked`) {
		t.Errorf("the kepala's choice shows for the petugas: %s", p)
	}
	dirjen := e.loginAs(t, "dirjen")
	if p := dirjen.get("/akun/pengingat"); !strings.Contains(p.Body, `data-testid="reminder-dirjen_digest"`) ||
		strings.Contains(p.Body, `data-testid="reminder-deadline"`) {
		t.Errorf("dirjen's reminder page: %s", p)
	}
	if r := e.newClient(t).get("/akun/pengingat"); r.Status != http.StatusSeeOther {
		t.Errorf("anonymous: %s", r)
	}
}
