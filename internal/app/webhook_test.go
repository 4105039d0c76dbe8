package app_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// Outgoing webhooks, end to end: a real HTTP receiver (httptest), transitions
// fired through app.Fire, the delivery jobs worked by the real River queue over
// the test database, with the fixture's injected clock for business time.

// hookRequest is one request a receiver got.
type hookRequest struct {
	Method string
	Header http.Header
	Body   []byte
}

// receiver is a webhook endpoint that records what it gets and answers with
// status(n) to the n-th request (1-based), after delay.
type receiver struct {
	srv    *httptest.Server
	mu     sync.Mutex
	got    []hookRequest
	status func(n int) int
	delay  time.Duration
}

func newReceiver(t *testing.T) *receiver {
	r := &receiver{status: func(int) int { return http.StatusNoContent }}
	r.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		r.got = append(r.got, hookRequest{Method: req.Method, Header: req.Header.Clone(), Body: body})
		n, status, delay := len(r.got), r.status, r.delay
		r.mu.Unlock()
		if delay > 0 {
			select {
			case <-time.After(delay):
			case <-req.Context().Done():
				return
			}
		}
		w.WriteHeader(status(n))
	}))
	t.Cleanup(r.srv.Close)
	return r
}

func (r *receiver) requests() []hookRequest {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.got)
}

func (r *receiver) count() int { return len(r.requests()) }

// verifySignature checks a request's Webhook-Signature the way a receiver
// following Standard Webhooks does, independently of the app's code: HMAC-SHA256
// over "id.timestamp.body" keyed with the secret's base64-decoded bytes.
func verifySignature(t *testing.T, secret string, r hookRequest) {
	t.Helper()
	id, ts := r.Header.Get("Webhook-Id"), r.Header.Get("Webhook-Timestamp")
	if id == "" || ts == "" {
		t.Fatalf("missing Webhook-Id %q or Webhook-Timestamp %q", id, ts)
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		t.Fatalf("Webhook-Timestamp %q: %v", ts, err)
	}
	if skew := time.Since(time.Unix(sec, 0)); skew < -time.Minute || skew > 5*time.Minute {
		t.Errorf("Webhook-Timestamp %s is %s off the wall clock (receivers refuse it)", ts, skew)
	}
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
	if err != nil || len(key) != 32 {
		t.Fatalf("secret %q: %d key bytes, %v", secret, len(key), err)
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(id + "." + ts + "."))
	mac.Write(r.Body)
	want := "v1," + base64.StdEncoding.EncodeToString(mac.Sum(nil))
	for _, sig := range strings.Fields(r.Header.Get("Webhook-Signature")) {
		if hmac.Equal([]byte(sig), []byte(want)) {
			return
		}
	}
	t.Fatalf("Webhook-Signature %q does not verify with the secret (want %s)", r.Header.Get("Webhook-Signature"), want)
}

// event decodes a request's body, insisting on exactly the documented fields.
func event(t *testing.T, r hookRequest) app.WebhookEvent {
	t.Helper()
	var keys map[string]any
	if err := json.Unmarshal(r.Body, &keys); err != nil {
		t.Fatalf("body %s: %v", r.Body, err)
	}
	var got []string
	for k := range keys {
		got = append(got, k)
	}
	slices.Sort(got)
	want := []string{"application_id", "event", "from_state", "id", "number", "occurred_at", "tenant", "to_state", "type"}
	if !slices.Equal(got, want) {
		t.Errorf("event fields %v, want exactly %v (nothing personal)", got, want)
	}
	var ev app.WebhookEvent
	if err := json.Unmarshal(r.Body, &ev); err != nil {
		t.Fatal(err)
	}
	return ev
}

// startWebhookJobs starts the fixture's queue with a short webhook timeout.
func (f *fixture) startWebhookJobs(timeout time.Duration) {
	f.t.Helper()
	if err := f.app.NewJobs(app.JobOptions{WebhookTimeout: timeout}); err != nil {
		f.t.Fatal(err)
	}
	if err := f.app.Jobs.Start(context.Background()); err != nil {
		f.t.Fatal(err)
	}
	f.t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		f.app.Jobs.Stop(ctx)
	})
}

// deliveryJobs lists the webhook delivery jobs, oldest first.
func (f *fixture) deliveryJobs() []int64 {
	f.t.Helper()
	var ids []int64
	err := f.db.ReadTx(f.ctx, store.System(), func(tx pgx.Tx) error {
		rows, err := tx.Query(f.ctx, `SELECT id FROM river_job WHERE kind = 'deliver_webhook' ORDER BY id`)
		if err != nil {
			return err
		}
		ids, err = pgx.CollectRows(rows, pgx.RowTo[int64])
		return err
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return ids
}

// attempted: the job's attempt-th run is over. A retry due within River's
// scheduler interval (the first, 5 s) leaves the job "available" rather than
// "retryable".
func (f *fixture) attempted(id int64, attempt int) func() bool {
	return func() bool {
		j := f.job(id)
		return j.Attempt == attempt && (j.State == "retryable" || j.State == "discarded" || j.State == "completed" ||
			(j.State == "available" && j.AttemptedAt != nil))
	}
}

func (f *fixture) panel(p app.Principal, tenantID int64) app.WebhookPanel {
	f.t.Helper()
	v, err := f.app.Webhook(f.ctx, p, tenantID, 0)
	if err != nil {
		f.t.Fatal(err)
	}
	return v
}

func TestTransitionEventIsSignedAndDeliveredToTheTenantsWebhook(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.app.WebhookAllowPrivate = true
	rec := newReceiver(t)
	secret, err := f.app.SaveWebhook(f.ctx, f.kepala, f.kepala.TenantID, rec.srv.URL+"/hakakses")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(secret, "whsec_") {
		t.Fatalf("new webhook's secret %q", secret)
	}
	f.startJobs(nil)

	id := f.completeDraft()
	f.fire(f.lembaga, id, app.Action{Event: workflow.Submit})
	f.waitFor("the event delivered", func() bool { return rec.count() == 1 })
	r := rec.requests()[0]
	if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/json" {
		t.Errorf("%s with Content-Type %q", r.Method, r.Header.Get("Content-Type"))
	}
	verifySignature(t, secret, r)
	ev := event(t, r)
	want := app.WebhookEvent{ID: r.Header.Get("Webhook-Id"), Type: "application.state_changed", Tenant: "oki", ApplicationID: id,
		Number: f.number(id), FromState: "draft", ToState: "submitted", Event: "submit", OccurredAt: f.clock.Now().UTC()}
	if ev != want {
		t.Fatalf("event\n got %+v\nwant %+v", ev, want)
	}
	if !strings.HasPrefix(ev.ID, "msg_") {
		t.Errorf("Webhook-Id %q", ev.ID)
	}
	f.waitFor("the delivery recorded", func() bool {
		d := f.panel(f.kepala, f.kepala.TenantID).Deliveries
		return len(d) == 1 && d[0].Status == "terkirim"
	})
	d := f.panel(f.kepala, f.kepala.TenantID).Deliveries[0]
	if d.Attempts != 1 || d.HTTPStatus != http.StatusNoContent || d.LastError != "" || d.Number != f.number(id) ||
		d.Event != workflow.Submit || d.ToState != workflow.Submitted || d.MessageID != ev.ID {
		t.Errorf("delivery as listed: %+v", d)
	}

	// A refused transition queues nothing.
	if err := f.app.Fire(f.ctx, f.lembaga, id, app.Action{Event: workflow.Forward, Version: f.version(id)}); app.ErrorCode(err) != app.CodeForbidden {
		t.Fatalf("lembaga forwarding: %v", err)
	}
	if n := f.count(`SELECT count(*) FROM webhook_deliveries`); n != 1 {
		t.Fatalf("%d deliveries after a refused transition, want 1", n)
	}

	// Changing the URL keeps the secret; a new secret signs the next event.
	if again, err := f.app.SaveWebhook(f.ctx, f.kepala, f.kepala.TenantID, rec.srv.URL+"/hakakses/v2"); err != nil || again != "" {
		t.Fatalf("saving a new URL: secret %q, %v; want the old one kept (none shown)", again, err)
	}
	rotated, err := f.app.RotateWebhookSecret(f.ctx, f.kepala, f.kepala.TenantID)
	if err != nil || rotated == secret || !strings.HasPrefix(rotated, "whsec_") {
		t.Fatalf("rotated secret %q, %v", rotated, err)
	}
	f.fire(f.petugas, id, app.Action{Event: workflow.Return, Form: map[string][]string{"reason": {"Surat permohonan belum ditandatangani kepala dinas."}}})
	f.waitFor("the second event delivered", func() bool { return rec.count() == 2 })
	r = rec.requests()[1]
	verifySignature(t, rotated, r)
	if ev := event(t, r); ev.Event != "return" || ev.FromState != "submitted" || ev.ToState != "returned" || ev.ID == want.ID {
		t.Errorf("second event %+v", ev)
	}
	if strings.Contains(string(r.Body), "ditandatangani") {
		t.Error("the return's reason (free text) went out in the event")
	}

	// Deleted: transitions queue nothing any more.
	if err := f.app.DeleteWebhook(f.ctx, f.kepala, f.kepala.TenantID); err != nil {
		t.Fatal(err)
	}
	f.fire(f.lembaga, id, app.Action{Event: workflow.Submit})
	if n := f.count(`SELECT count(*) FROM webhook_deliveries`); n != 2 {
		t.Fatalf("%d deliveries after the webhook was deleted, want 2", n)
	}
	if v := f.panel(f.kepala, f.kepala.TenantID); v.Configured || len(v.Deliveries) != 2 {
		t.Errorf("after deleting: configured %v, %d deliveries listed", v.Configured, len(v.Deliveries))
	}
}

func TestAFailedWebhookIsRetriedWithTheSameEventThenGivenUp(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.app.WebhookAllowPrivate = true
	flaky := newReceiver(t)
	flaky.status = func(n int) int {
		if n <= 2 {
			return http.StatusInternalServerError
		}
		return http.StatusOK
	}
	secret, err := f.app.SaveWebhook(f.ctx, f.kepala, f.kepala.TenantID, flaky.srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	f.startWebhookJobs(500 * time.Millisecond)
	admin := f.admin()
	settled := func(id int64, attempt int) func() bool { return f.attempted(id, attempt) }

	id := f.completeDraft()
	f.fire(f.lembaga, id, app.Action{Event: workflow.Submit})
	jobs := f.deliveryJobs()
	if len(jobs) != 1 {
		t.Fatalf("%d delivery jobs queued by the transition, want 1", len(jobs))
	}
	job := jobs[0]
	f.waitFor("first attempt", settled(job, 1))
	if j := f.job(job); j.State != "available" || j.ScheduledAt.Sub(*j.AttemptedAt) != 5*time.Second {
		t.Fatalf("after a 500: %+v, want another attempt 5 s later", j)
	}
	d := f.panel(f.kepala, f.kepala.TenantID).Deliveries[0]
	if d.Status != "menunggu" || d.Attempts != 1 || d.HTTPStatus != 500 || !strings.Contains(d.LastError, "HTTP 500") {
		t.Fatalf("after a 500 the page lists %+v", d)
	}
	if err := f.app.RetryJob(f.ctx, admin, job); err != nil { // do not wait for the backoff
		t.Fatal(err)
	}
	f.waitFor("second attempt", settled(job, 2))
	if j := f.job(job); j.State != "retryable" || j.ScheduledAt.Sub(*j.AttemptedAt) != 5*time.Minute {
		t.Fatalf("after a second 500: %+v, want retryable 5 min later", j)
	}
	if err := f.app.RetryJob(f.ctx, admin, job); err != nil {
		t.Fatal(err)
	}
	f.waitFor("third attempt", settled(job, 3))
	if j := f.job(job); j.State != "completed" {
		t.Fatalf("after a 200: %+v", j)
	}
	got := flaky.requests()
	if len(got) != 3 {
		t.Fatalf("%d requests, want 3", len(got))
	}
	for _, r := range got {
		verifySignature(t, secret, r)
		if r.Header.Get("Webhook-Id") != got[0].Header.Get("Webhook-Id") || string(r.Body) != string(got[0].Body) {
			t.Errorf("a retry changed the event: %s %s", r.Header.Get("Webhook-Id"), r.Body)
		}
	}
	d = f.panel(f.kepala, f.kepala.TenantID).Deliveries[0]
	if d.Status != "terkirim" || d.Attempts != 3 || d.HTTPStatus != 200 || d.LastError != "" {
		t.Fatalf("delivered on the third attempt, listed as %+v", d)
	}

	// A receiver that never answers in time: retried with the schedule, given up
	// after MaxWebhookAttempts, kept with its error and shown to the admin.
	silent := newReceiver(t)
	silent.delay = 2 * time.Second
	if _, err := f.app.SaveWebhook(f.ctx, f.kepala, f.kepala.TenantID, silent.srv.URL); err != nil {
		t.Fatal(err)
	}
	f.fire(f.petugas, id, app.Action{Event: workflow.Return, Form: map[string][]string{"reason": {"Lengkapi surat permohonan."}}})
	jobs = f.deliveryJobs()
	dead := jobs[len(jobs)-1]
	var delays []time.Duration
	for attempt := 1; attempt <= app.MaxWebhookAttempts; attempt++ {
		f.waitFor(fmt.Sprintf("attempt %d", attempt), settled(dead, attempt))
		j := f.job(dead)
		if attempt == app.MaxWebhookAttempts {
			if j.State != "discarded" {
				t.Fatalf("after the last attempt: %+v", j)
			}
			break
		}
		delays = append(delays, j.ScheduledAt.Sub(*j.AttemptedAt))
		if err := f.app.RetryJob(f.ctx, admin, dead); err != nil {
			t.Fatal(err)
		}
	}
	want := []time.Duration{5 * time.Second, 5 * time.Minute, 30 * time.Minute, 2 * time.Hour, 5 * time.Hour, 10 * time.Hour, 10 * time.Hour}
	if !slices.Equal(delays, want) {
		t.Fatalf("backoff %v, want %v", delays, want)
	}
	d = f.panel(f.kepala, f.kepala.TenantID).Deliveries[0]
	if d.Status != "gagal" || d.Attempts != app.MaxWebhookAttempts || d.HTTPStatus != 0 || !strings.Contains(d.LastError, "tidak menjawab") {
		t.Fatalf("given up, listed as %+v", d)
	}
	failed, err := f.app.FailedJobs(f.ctx, admin, 10)
	if err != nil || len(failed) == 0 || failed[0].Kind != app.KindDeliverWebhook || failed[0].State != "discarded" {
		t.Fatalf("failed jobs for the admin: %+v, %v", failed, err)
	}
}

// onboardOKUWithLembaga is tenant B: Kabupaten Ogan Komering Ulu, its kepala, and
// a verified institution with one lembaga user.
func (f *fixture) onboardOKUWithLembaga() (app.Tenant, app.Principal, app.Principal) {
	f.t.Helper()
	oku, kepala := f.onboardOKU()
	var userID int64
	err := f.db.Tx(f.ctx, store.System(), func(tx pgx.Tx) error {
		now := f.clock.Now()
		inst, err := store.CreateInstitution(f.ctx, tx, store.NewInstitution{TenantID: oku.ID, Type: "perangkat_daerah",
			Name: "Dinas Sosial Kabupaten Ogan Komering Ulu"}, now)
		if err != nil {
			return err
		}
		if err := store.SetInstitutionStatus(f.ctx, tx, oku.ID, inst, "verified", "", now); err != nil {
			return err
		}
		userID, err = store.CreateUser(f.ctx, tx, store.NewUser{TenantID: &oku.ID, InstitutionID: &inst, Email: "lembaga@oku.test",
			Name: "Operator Dinsos OKU", Role: "lembaga", PasswordHash: "x"}, now)
		return err
	})
	if err != nil {
		f.t.Fatal(err)
	}
	lembaga, err := f.app.PrincipalByID(f.ctx, userID)
	if err != nil {
		f.t.Fatal(err)
	}
	return oku, kepala, lembaga
}

func TestOneTenantsTransitionsNeverReachAnotherTenantsWebhook(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.app.WebhookAllowPrivate = true
	oku, kepalaOKU, lembagaOKU := f.onboardOKUWithLembaga()
	okiHook, okuHook := newReceiver(t), newReceiver(t)
	okiSecret, err := f.app.SaveWebhook(f.ctx, f.kepala, f.kepala.TenantID, okiHook.srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	// The admin configures tenant B's.
	admin := f.admin()
	okuSecret, err := f.app.SaveWebhook(f.ctx, admin, oku.ID, okuHook.srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	// Neither kepala reaches the other's webhook.
	if _, err := f.app.SaveWebhook(f.ctx, f.kepala, oku.ID, okiHook.srv.URL+"/curi"); app.ErrorCode(err) != app.CodeForbidden {
		t.Fatalf("OKI's kepala redirecting OKU's webhook: %v", err)
	}
	if _, err := f.app.Webhook(f.ctx, kepalaOKU, f.kepala.TenantID, 0); app.ErrorCode(err) != app.CodeForbidden {
		t.Fatalf("OKU's kepala reading OKI's webhook: %v", err)
	}
	for _, p := range []app.Principal{f.petugas, f.lembaga, f.dirjen} {
		if _, err := f.app.Webhook(f.ctx, p, f.kepala.TenantID, 0); app.ErrorCode(err) != app.CodeForbidden {
			t.Errorf("%s reading the webhook: %v", p.Role, err)
		}
	}
	f.startJobs(nil)

	// Tenant B's transition: to B's receiver only.
	draft, err := f.app.CreateDraft(f.ctx, lembagaOKU, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.app.SaveDraft(f.ctx, lembagaOKU, draft, f.version(draft), app.DraftInput{
		Purpose: "Verifikasi data penerima bantuan sosial daerah berbasis NIK.", AccessMethods: []string{"web_service"},
		ReturnData: "Status penerima bantuan per NIK, setiap bulan.", TermMonths: "12", Elements: map[string]string{"nik": ""},
		Files:               map[string]app.Upload{app.DocRequestLetter: pdf("surat.pdf")},
		RequestLetterNumber: "460/12/DINSOS/2026", RequestLetterDate: "2026-03-09",
	}); err != nil {
		t.Fatal(err)
	}
	f.fire(lembagaOKU, draft, app.Action{Event: workflow.Submit})
	f.waitFor("OKU's event delivered", func() bool { return okuHook.count() == 1 })
	r := okuHook.requests()[0]
	verifySignature(t, okuSecret, r)
	if ev := event(t, r); ev.Tenant != "oku" || ev.ApplicationID != draft {
		t.Errorf("OKU's event %+v", ev)
	}

	// Tenant A's transition: to A's receiver only.
	id := f.completeDraft()
	f.fire(f.lembaga, id, app.Action{Event: workflow.Submit})
	f.waitFor("OKI's event delivered", func() bool { return okiHook.count() == 1 })
	r = okiHook.requests()[0]
	verifySignature(t, okiSecret, r)
	if ev := event(t, r); ev.Tenant != "oki" || ev.ApplicationID != id {
		t.Errorf("OKI's event %+v", ev)
	}
	time.Sleep(300 * time.Millisecond) // a stray delivery would show up now
	if okuHook.count() != 1 || okiHook.count() != 1 {
		t.Fatalf("requests: OKU's receiver %d, OKI's %d; want one each", okuHook.count(), okiHook.count())
	}
	// Each tenant lists its own deliveries only.
	if d := f.panel(kepalaOKU, oku.ID).Deliveries; len(d) != 1 || d[0].ApplicationID != draft {
		t.Errorf("OKU lists %+v", d)
	}
	if d := f.panel(f.kepala, f.kepala.TenantID).Deliveries; len(d) != 1 || d[0].ApplicationID != id {
		t.Errorf("OKI lists %+v", d)
	}
}

// Row-level security backs the checks up: the secret and the deliveries are
// readable by the tenant's kepala, the admin and the worker only.
func TestWebhookRowsAreReadableOnlyByTheTenantsKepalaTheAdminAndTheWorker(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.app.WebhookAllowPrivate = true
	oku, kepalaOKU, _ := f.onboardOKUWithLembaga()
	if _, err := f.app.SaveWebhook(f.ctx, f.kepala, f.kepala.TenantID, "http://127.0.0.1:9/oki"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.app.SaveWebhook(f.ctx, kepalaOKU, oku.ID, "http://127.0.0.1:9/oku"); err != nil {
		t.Fatal(err)
	}
	id := f.completeDraft()
	f.fire(f.lembaga, id, app.Action{Event: workflow.Submit}) // one OKI delivery, no queue running
	seen := func(p app.Principal) (hooks, secrets, deliveries int) {
		t.Helper()
		err := f.db.ReadTx(f.ctx, p.Scope(), func(tx pgx.Tx) error {
			if err := tx.QueryRow(f.ctx, `SELECT count(*), count(secret) FROM tenant_webhooks`).Scan(&hooks, &secrets); err != nil {
				return err
			}
			return tx.QueryRow(f.ctx, `SELECT count(*) FROM webhook_deliveries`).Scan(&deliveries)
		})
		if err != nil {
			t.Fatal(err)
		}
		return
	}
	for _, c := range []struct {
		who               string
		p                 app.Principal
		hooks, deliveries int
	}{
		{"OKI's kepala", f.kepala, 1, 1},
		{"OKU's kepala", kepalaOKU, 1, 0},
		{"OKI's petugas", f.petugas, 0, 0},
		{"OKI's lembaga", f.lembaga, 0, 0},
		{"the Dirjen", f.dirjen, 0, 0},
		{"the admin", f.admin(), 2, 1},
	} {
		if hooks, secrets, deliveries := seen(c.p); hooks != c.hooks || secrets != c.hooks || deliveries != c.deliveries {
			t.Errorf("%s sees %d webhooks (%d secrets) and %d deliveries; want %d and %d", c.who, hooks, secrets, deliveries, c.hooks, c.deliveries)
		}
	}
	// Nobody but the worker writes a delivery, and no one queues an event for an
	// application their scope does not reach.
	err := f.db.Tx(f.ctx, f.kepala.Scope(), func(tx pgx.Tx) error {
		_, err := tx.Exec(f.ctx, `UPDATE webhook_deliveries SET delivered_at = now()`)
		return err
	})
	if n := f.count(`SELECT count(*) FROM webhook_deliveries WHERE delivered_at IS NOT NULL`); err != nil || n != 0 {
		t.Errorf("the kepala marking deliveries delivered: %v, %d marked", err, n)
	}
	err = f.db.Tx(f.ctx, kepalaOKU.Scope(), func(tx pgx.Tx) error {
		n, err := store.EnqueueWebhook(f.ctx, tx, store.NewWebhookEvent{ApplicationID: id, MessageID: "msg_" + strings.Repeat("a", 32),
			Event: "submit", From: "draft", To: "submitted", Body: "{}", At: f.clock.Now()})
		if n != 0 {
			return fmt.Errorf("OKU queued delivery %d of an OKI application", n)
		}
		return err
	})
	if err != nil {
		t.Error(err)
	}
	if n := f.count(`SELECT count(*) FROM webhook_deliveries WHERE tenant_id = $1`, oku.ID); n != 0 {
		t.Errorf("%d deliveries for OKU's endpoint", n)
	}
}

func TestWebhookURLsAreRefusedWithAReasonInBahasaIndonesia(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tenant := f.kepala.TenantID
	for _, c := range []struct{ url, want string }{
		{"", "wajib diisi"},
		{"sistem.dinas.go.id/webhook", "tidak dapat dibaca"},
		{"http://sistem.dinas.go.id/webhook", "harus diawali https://"},
		{"ftp://sistem.dinas.go.id/webhook", "harus diawali https://"},
		{"https://admin:rahasia@sistem.dinas.go.id/webhook", "nama pengguna atau kata sandi"},
		{"https://10.0.0.5/webhook", "jaringan internal"},
		{"https://192.168.1.10:8443/webhook", "jaringan internal"},
		{"https://169.254.169.254/latest/meta-data", "jaringan internal"},
		{"https://127.0.0.1/webhook", "jaringan internal"},
		{"https://[::1]/webhook", "jaringan internal"},
		{"https://[fd00::1]/webhook", "jaringan internal"},
		{"https://[::ffff:10.0.0.1]/webhook", "jaringan internal"},
		{"https://100.64.0.1/webhook", "jaringan internal"},
		{"https://localhost/webhook", "nama domain publik"},
		{"https://db.internal/webhook", "nama domain publik"},
		{"https://server/webhook", "nama domain publik"},
		{"https://0x7f000001/webhook", "nama domain publik"},
		{"https://sistem.dinas.go.id:99999/webhook", "tidak sah"},
		{"https://sistem.dinas.go.id/webhook#bagian", "tanda #"},
		{"https://sistem.dinas.go.id/" + strings.Repeat("a", 2000), "terlalu panjang"},
	} {
		_, err := f.app.SaveWebhook(f.ctx, f.kepala, tenant, c.url)
		var e *app.Error
		if !errors.As(err, &e) || e.Code != app.CodeInvalid || !strings.Contains(e.Fields["webhook_url"], c.want) {
			t.Errorf("%q: %v, want the webhook_url field to say %q", c.url, err, c.want)
		}
	}
	if n := f.count(`SELECT count(*) FROM tenant_webhooks`); n != 0 {
		t.Fatalf("%d webhooks saved from refused URLs", n)
	}
	if _, err := f.app.SaveWebhook(f.ctx, f.kepala, tenant, " https://Sistem.Dinas.go.id/hakakses/webhook?kunci=1 "); err != nil {
		t.Fatalf("a public HTTPS URL: %v", err)
	}
	if v := f.panel(f.kepala, tenant); v.URL != "https://sistem.dinas.go.id/hakakses/webhook?kunci=1" {
		t.Errorf("stored URL %q", v.URL)
	}
	// Development (HAKAKSES_WEBHOOK_ALLOW_PRIVATE=1): HTTP to this machine and
	// private addresses, but still no plain HTTP elsewhere.
	f.app.WebhookAllowPrivate = true
	for _, ok := range []string{"http://127.0.0.1:8081/hook", "http://localhost:8081/hook", "https://10.0.0.5/hook"} {
		if _, err := f.app.SaveWebhook(f.ctx, f.kepala, tenant, ok); err != nil {
			t.Errorf("%q in development: %v", ok, err)
		}
	}
	if _, err := f.app.SaveWebhook(f.ctx, f.kepala, tenant, "http://10.0.0.5/hook"); app.ErrorCode(err) != app.CodeInvalid {
		t.Errorf("plain HTTP to another machine in development: %v", err)
	}
}

// A name that passes the check when saved but resolves to a private address is
// refused when the delivery connects (DNS may change after saving): the event is
// not sent and the reason is listed.
func TestAWebhookResolvingToAPrivateAddressIsNotContacted(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	rec := newReceiver(t)
	f.app.WebhookAllowPrivate = true // to save a loopback URL, as a public name resolving there would be
	_, port, _ := strings.Cut(strings.TrimPrefix(rec.srv.URL, "http://"), ":")
	if _, err := f.app.SaveWebhook(f.ctx, f.kepala, f.kepala.TenantID, "http://localhost:"+port+"/hook"); err != nil {
		t.Fatal(err)
	}
	f.app.WebhookAllowPrivate = false // production: the queue's client guards every connection
	f.startJobs(nil)
	id := f.completeDraft()
	f.fire(f.lembaga, id, app.Action{Event: workflow.Submit})
	job := f.deliveryJobs()[0]
	f.waitFor("first attempt", f.attempted(job, 1))
	if rec.count() != 0 {
		t.Fatalf("the guard let %d requests reach a loopback address", rec.count())
	}
	d := f.panel(f.kepala, f.kepala.TenantID).Deliveries[0]
	if d.Status != "menunggu" || !strings.Contains(d.LastError, "jaringan internal") {
		t.Fatalf("listed as %+v", d)
	}
}

// The signature agrees with the Standard Webhooks specification's own example,
// so any of its libraries verifies our events.
func TestWebhookSignatureMatchesTheStandardWebhooksExample(t *testing.T) {
	t.Parallel()
	sig, err := app.SignWebhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
		[]byte(`{"test": 2432232314}`))
	if err != nil || sig != "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=" {
		t.Fatalf("signature %q, %v", sig, err)
	}
	if _, err := app.SignWebhook("whsec_not base64!", "msg_1", 1, nil); err == nil {
		t.Error("a secret that is not base64 signed something")
	}
}

// Every step of the lifecycle, whoever fires it (the lembaga, the office, the
// Dirjen, the system expiring the agreement), queues exactly one event with its
// history entry's event and states.
func TestEveryTransitionOfTheLifecycleQueuesOneEvent(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	if _, err := f.app.SaveWebhook(f.ctx, f.kepala, f.kepala.TenantID, "https://sistem.dinas.go.id/hakakses"); err != nil {
		t.Fatal(err)
	}
	id := f.completeDraft()
	f.toActive(id)
	f.clock.Set(time.Date(2028, 3, 10, 0, 0, 0, 0, wib)) // the PKS's term is over
	if n, err := f.app.ExpireDue(f.ctx); err != nil || n != 1 {
		t.Fatalf("expired %d, %v", n, err)
	}
	steps := func(sql string) []string {
		t.Helper()
		var out []string
		err := f.db.ReadTx(f.ctx, store.System(), func(tx pgx.Tx) error {
			rows, err := tx.Query(f.ctx, sql, id)
			if err != nil {
				return err
			}
			out, err = pgx.CollectRows(rows, pgx.RowTo[string])
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	history := steps(`SELECT event || ':' || from_state || '>' || to_state FROM application_events
		WHERE application_id = $1 AND from_state IS NOT NULL ORDER BY seq`)
	events := steps(`SELECT event || ':' || from_state || '>' || to_state FROM webhook_deliveries WHERE application_id = $1 ORDER BY id`)
	if len(history) < 11 || !slices.Equal(events, history) {
		t.Fatalf("queued events\n%v\nfor the history\n%v", events, history)
	}
	if last := events[len(events)-1]; last != "expire:active>expired" {
		t.Errorf("the system's expiry queued %q", last)
	}
	// Each body names its own step.
	bodies := steps(`SELECT body FROM webhook_deliveries WHERE application_id = $1 ORDER BY id`)
	for i, b := range bodies {
		var ev app.WebhookEvent
		if err := json.Unmarshal([]byte(b), &ev); err != nil {
			t.Fatal(err)
		}
		if got := ev.Event + ":" + ev.FromState + ">" + ev.ToState; got != events[i] || ev.Tenant != "oki" || ev.ApplicationID != id {
			t.Errorf("body %d: %s", i, b)
		}
	}
}

// Pending events without a job (queued while no queue ran) are picked up by the
// outbox sweep; housekeeping deletes settled deliveries after 90 days and keeps
// pending ones.
func TestTheSweepQueuesPendingEventsAndHousekeepingPrunesOldOnes(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.app.WebhookAllowPrivate = true
	rec := newReceiver(t)
	if _, err := f.app.SaveWebhook(f.ctx, f.kepala, f.kepala.TenantID, rec.srv.URL); err != nil {
		t.Fatal(err)
	}
	id := f.completeDraft()
	f.fire(f.lembaga, id, app.Action{Event: workflow.Submit}) // no queue: the event waits
	f.fire(f.petugas, id, app.Action{Event: workflow.Forward})
	f.startJobs(nil)
	if n := len(f.deliveryJobs()); n != 0 {
		t.Fatalf("%d delivery jobs before the sweep", n)
	}
	for range 2 { // twice: the second finds a job for each and adds none
		res, err := f.app.Jobs.Insert(f.ctx, app.OutboxSweepJob{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		f.waitFor("the sweep done", func() bool { return f.job(res.Job.ID).State == "completed" })
	}
	f.waitFor("both events delivered", func() bool { return rec.count() == 2 })
	if n := len(f.deliveryJobs()); n != 2 {
		t.Fatalf("%d delivery jobs for 2 events", n)
	}

	// Stop the queue before the third event, so no worker can deliver it before
	// housekeeping runs: it stays pending (its job is queued, nobody works it).
	if err := f.app.Jobs.Stop(f.ctx); err != nil {
		t.Fatal(err)
	}
	f.fire(f.dirjen, id, app.Action{Event: workflow.Reject, Form: form("letter_number", "400.12/1235/Dukcapil",
		"letter_date", day(f.clock.Now()), "reason", "Data yang diminta tidak sesuai dengan tugas dan fungsi dinas."),
		Files: map[string]app.Upload{app.DocDirjenRejection: pdf("penolakan.pdf")}})
	f.clock.Set(f.clock.Now().Add(91 * 24 * time.Hour))
	if err := f.app.Housekeeping(f.ctx); err != nil {
		t.Fatal(err)
	}
	left := f.panel(f.kepala, f.kepala.TenantID).Deliveries
	if len(left) != 1 || left[0].Event != workflow.Reject || left[0].Status != "menunggu" {
		t.Fatalf("after housekeeping 91 days on: %+v, want only the pending rejection", left)
	}
}
