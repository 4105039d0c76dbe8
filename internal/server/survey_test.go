package server_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

func TestLembagaAnswersTheSurveyAndStaffAndDirjenSeeTheIKM(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	id := e.notifSubmitted()
	var version int
	var sid int64
	if err := e.DB.ReadTx(ctx, store.System(), func(tx pgx.Tx) error {
		return tx.QueryRow(ctx, `SELECT version FROM applications WHERE id = $1`, id).Scan(&version)
	}); err != nil {
		t.Fatal(err)
	}
	if err := e.App.Fire(ctx, e.notifPrincipal("lembaga"), id, app.Action{Event: workflow.Withdraw, Version: version}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.App.SendReminders(ctx); err != nil {
		t.Fatal(err)
	}
	if err := e.DB.ReadTx(ctx, store.System(), func(tx pgx.Tx) error {
		return tx.QueryRow(ctx, `SELECT id FROM satisfaction_surveys WHERE application_id = $1`, id).Scan(&sid)
	}); err != nil {
		t.Fatal(err)
	}
	path := "/oki/lembaga/survei/" + strconv.FormatInt(sid, 10)
	lembaga := e.loginAs(t, "lembaga")
	if notes := lembaga.get("/notifikasi"); !strings.Contains(notes.Body, "Survei Kepuasan Masyarakat") {
		t.Fatalf("no invitation among the lembaga's notifications: %s", notes)
	}
	form := lembaga.get(path)
	if form.Status != http.StatusOK || strings.Count(form.Body, `type="radio"`) != 36 || !strings.Contains(form.Body, "Sarana dan prasarana") {
		t.Fatalf("survey form: %s", form)
	}
	answers := url.Values{"suggestion": {"Sangat membantu."}}
	for i, v := range []string{"4", "3", "2", "4", "3", "3", "4", "2", "3"} {
		answers.Set("u"+strconv.Itoa(i+1), v)
	}
	bad := url.Values{}
	for k, v := range answers {
		bad[k] = v
	}
	bad.Set("u5", "lima")
	if r := lembaga.post(path, bad); r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "Lengkapi penilaian") {
		t.Fatalf("answer 'lima': %s", r)
	}
	if r := lembaga.post(path, answers); r.Status != http.StatusSeeOther {
		t.Fatalf("answer: %s", r)
	}
	if r := lembaga.get(path); !strings.Contains(r.Body, `data-testid="survey-done"`) {
		t.Fatalf("after answering: %s", r)
	}
	if r := lembaga.post(path, answers); r.Status != http.StatusConflict {
		t.Errorf("answering twice: %s", r)
	}
	if r := lembaga.get("/oki/lembaga/survei/999999"); r.Status != http.StatusNotFound {
		t.Errorf("missing survey: %s", r)
	}
	// One respondent: Σ = 28, IKM 28/9 = 3,1111, × 25 = 77,78, mutu B.
	for role, p := range map[string]string{"kepala": "/oki/kantor/ikm", "dirjen": "/dirjen/ikm"} {
		r := e.loginAs(t, role).get(p)
		if r.Status != http.StatusOK || !strings.Contains(r.Body, "3,1111") || !strings.Contains(r.Body, ">77,78<") ||
			!strings.Contains(r.Body, "Baik") || !strings.Contains(r.Body, "<svg") {
			t.Errorf("%s %s: %s", role, p, r)
		}
	}
	if r := lembaga.get("/oki/kantor/ikm"); r.Status == http.StatusOK {
		t.Errorf("lembaga reads the tenant's IKM: %s", r)
	}
}
