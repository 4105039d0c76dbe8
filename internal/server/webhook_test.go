package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/jackc/pgx/v5"
	xhtml "golang.org/x/net/html"

	"github.com/hakakses/hakakses/internal/store"
)

// webhookInput is the URL the webhook form shows.
func webhookInput(t *testing.T, body string) string {
	t.Helper()
	doc := parseHTML(t, body)
	var find func(*xhtml.Node) *xhtml.Node
	find = func(n *xhtml.Node) *xhtml.Node {
		if n.Type == xhtml.ElementNode && n.Data == "input" && attr(n, "name") == "webhook_url" {
			return n
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if f := find(c); f != nil {
				return f
			}
		}
		return nil
	}
	in := find(doc)
	if in == nil {
		t.Fatal("no webhook URL field on the page")
	}
	return attr(in, "value")
}

// hookCall is a request a receiver got.
type hookCall struct {
	header http.Header
	body   []byte
}

// checkAgainstOpenAPI validates a delivered event, headers and body, against the
// webhook openapi.json describes (and proves the check able to fail).
func checkAgainstOpenAPI(t *testing.T, e *env, c hookCall) {
	t.Helper()
	res, err := http.Get(e.Srv.URL + "/api/v1/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(res.Body)
	res.Body.Close()
	doc, err := openapi3.NewLoader().LoadFromData(raw)
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("openapi.json with its webhook is not valid: %v", err)
	}
	item := doc.Webhooks["application.state_changed"]
	if item == nil || item.Post == nil {
		t.Fatal("openapi.json describes no application.state_changed webhook")
	}
	op := item.Post
	for _, p := range op.Parameters {
		v := c.header.Get(p.Value.Name)
		if v == "" || p.Value.Schema.Value.VisitJSON(v) != nil {
			t.Errorf("header %s = %q does not match openapi.json", p.Value.Name, v)
		}
	}
	schema := op.RequestBody.Value.Content.Get("application/json").Schema.Value
	var body any
	if err := json.Unmarshal(c.body, &body); err != nil {
		t.Fatal(err)
	}
	if err := schema.VisitJSON(body); err != nil {
		t.Fatalf("the event does not match openapi.json: %v\n%s", err, c.body)
	}
	body.(map[string]any)["nama_lembaga"] = "Dinas Kesehatan"
	if schema.VisitJSON(body) == nil {
		t.Fatal("the webhook schema accepts fields it does not describe")
	}
}

func TestKepalaSetsTheWebhookOnTheSettingsPageAndSeesItsSecretOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	kepala := e.loginAs(t, "kepala")
	const settings, form = "/oki/kantor/pengaturan", "/oki/kantor/pengaturan/webhook"
	page := kepala.get(settings)
	if page.Status != http.StatusOK || byTestID(parseHTML(t, page.Body), "webhook") == nil ||
		byTestID(parseHTML(t, page.Body), "webhook-deliveries-empty") == nil {
		t.Fatalf("settings page without the webhook section: %s", page)
	}

	// Refused input: 422, a message in Bahasa Indonesia at the field, the typed
	// URL kept, nothing saved, no secret.
	for typed, want := range map[string]string{
		"http://sistem.dinas.go.id/hakakses": "harus diawali https://",
		"https://10.0.0.5/hakakses":          "jaringan internal",
		"https://localhost/hakakses":         "nama domain publik",
		"alamat saya":                        "tidak dapat dibaca",
	} {
		res := kepala.post(form, url.Values{"action": {"simpan"}, "webhook_url": {typed}})
		doc := parseHTML(t, res.Body)
		msg := byTestID(doc, "error-webhook_url")
		if res.Status != http.StatusUnprocessableEntity || msg == nil || !strings.Contains(text(msg), want) {
			t.Fatalf("%q: %s, want 422 saying %q", typed, res, want)
		}
		if got := webhookInput(t, res.Body); got != typed {
			t.Errorf("%q: the form shows %q", typed, got)
		}
		if byTestID(doc, "webhook-secret") != nil {
			t.Errorf("%q: a secret shown for a refused URL", typed)
		}
	}

	// Saved: the secret is on this answer only.
	res := kepala.post(form, url.Values{"action": {"simpan"}, "webhook_url": {"https://sistem.dinas.go.id/hakakses"}})
	box := byTestID(parseHTML(t, res.Body), "webhook-secret")
	if res.Status != http.StatusOK || box == nil || !strings.Contains(text(box), "whsec_") {
		t.Fatalf("first save: %s", res)
	}
	secret := text(box)[strings.Index(text(box), "whsec_"):]
	// Reloading that answer is a GET of the form's address: back to the settings
	// page, without the secret.
	if reload := kepala.get(form); reload.Status != http.StatusSeeOther || reload.Location() != settings+"#webhook" {
		t.Fatalf("reloading the answer: %s", reload)
	}
	page = kepala.get(settings)
	if strings.Contains(page.Body, secret) || byTestID(parseHTML(t, page.Body), "webhook-secret") != nil {
		t.Fatal("the secret is shown again on the settings page")
	}
	if got := webhookInput(t, page.Body); got != "https://sistem.dinas.go.id/hakakses" {
		t.Errorf("saved URL shown as %q", got)
	}
	// A new URL keeps the secret: a redirect with a flash, no secret.
	res = kepala.post(form, url.Values{"action": {"simpan"}, "webhook_url": {"https://sistem.dinas.go.id/v2"}})
	if res.Status != http.StatusSeeOther || strings.Contains(res.Body, "whsec_") {
		t.Fatalf("changing the URL: %s", res)
	}
	next, _ := kepala.follow(res.Location())
	if flash := byTestID(parseHTML(t, next.Body), "flash"); flash == nil || !strings.Contains(text(flash), "Alamat webhook tersimpan") {
		t.Errorf("no flash after changing the URL")
	}
	// A new secret, shown once.
	res = kepala.post(form, url.Values{"action": {"rahasia"}})
	box = byTestID(parseHTML(t, res.Body), "webhook-secret")
	if res.Status != http.StatusOK || box == nil || strings.Contains(text(box), secret) {
		t.Fatalf("new secret: %s", res)
	}
	// Only the kepala: the petugas does not find the form.
	petugas := e.loginAs(t, "petugas")
	if res := petugas.post(form, url.Values{"action": {"hapus"}}); res.Status != http.StatusNotFound {
		t.Fatalf("petugas deleting the webhook: %s", res)
	}
	res = kepala.post(form, url.Values{"action": {"hapus"}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("deleting: %s", res)
	}
	if page := kepala.get(settings); webhookInput(t, page.Body) != "" || byTestID(parseHTML(t, page.Body), "webhook-delete") != nil {
		t.Error("the deleted webhook is still shown")
	}
	if res := kepala.post(form, url.Values{"action": {"rahasia"}}); res.Status != http.StatusNotFound {
		t.Errorf("a new secret without a webhook: %s", res)
	}
	if res := kepala.post(form, url.Values{"action": {"lain"}}); res.Status != http.StatusUnprocessableEntity ||
		byTestID(parseHTML(t, res.Body), "webhook-error") == nil {
		t.Errorf("an unknown action: %s", res)
	}
	var audited int
	if err := e.DB.ReadTx(context.Background(), store.System(), func(tx pgx.Tx) error {
		return tx.QueryRow(context.Background(), `SELECT count(*) FROM audit_events WHERE subject LIKE 'webhook:tenant:%'`).Scan(&audited)
	}); err != nil || audited != 4 {
		t.Errorf("%d audit entries for 4 webhook changes (%v)", audited, err)
	}
}

// The settings page lists deliveries as the queue records them, newest first,
// twenty a page, older pages by keyset (?sebelum=).
func TestWebhookDeliveriesAreListedAndPagedOnTheSettingsPage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.App.WebhookAllowPrivate = true
	var got atomic.Int32
	var first atomic.Pointer[hookCall]
	receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		first.CompareAndSwap(nil, &hookCall{header: r.Header.Clone(), body: body})
		got.Add(1)
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(receiver.Close)
	kepala := e.loginAs(t, "kepala")
	if res := kepala.post("/oki/kantor/pengaturan/webhook", url.Values{"action": {"simpan"}, "webhook_url": {receiver.URL}}); res.Status != http.StatusOK {
		t.Fatalf("saving a local receiver in development: %s", res)
	}
	e.startJobs(nil)
	id := e.notifSubmitted()
	waitFor(t, "the event delivered", func() bool { return got.Load() == 1 })
	checkAgainstOpenAPI(t, e, *first.Load())
	waitFor(t, "the delivery listed", func() bool {
		return strings.Contains(kepala.get("/oki/kantor/pengaturan").Body, "Terkirim")
	})
	doc := parseHTML(t, kepala.get("/oki/kantor/pengaturan").Body)
	row := byTestID(doc, "webhook-delivery")
	if row == nil || !strings.Contains(text(row), "HTTP 204") || !strings.Contains(text(row), "1 kali") ||
		!strings.Contains(text(row), "Diajukan") {
		t.Fatalf("delivered row: %q", text(row))
	}
	if !strings.Contains(kepala.get("/oki/kantor/pengaturan").Body, fmt.Sprintf(`href="/oki/kantor/permohonan/%d"`, id)) {
		t.Error("the row does not link the application")
	}

	// Twenty-four more, queued as transitions queue them (no queue works them now).
	ctx := context.Background()
	if err := e.App.Jobs.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	err := e.DB.Tx(ctx, store.System(), func(tx pgx.Tx) error {
		for i := range 24 {
			_, err := store.EnqueueWebhook(ctx, tx, store.NewWebhookEvent{ApplicationID: id, MessageID: fmt.Sprintf("msg_%032x", i+1),
				Event: "forward", From: "submitted", To: "forwarded", Body: "{}", At: e.Clock.Now()})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	page := kepala.get("/oki/kantor/pengaturan")
	doc = parseHTML(t, page.Body)
	rows := childElements(childElements(byTestID(doc, "webhook-deliveries"), "tbody")[0], "tr")
	if len(rows) != 20 || !strings.Contains(text(rows[0]), "Menunggu dikirim") {
		t.Fatalf("first page: %d rows, first %q", len(rows), text(rows[0]))
	}
	older := byTestID(doc, "webhook-older")
	if older == nil || byTestID(doc, "webhook-newest") != nil {
		t.Fatal("first page: no link to older deliveries, or a link to the newest")
	}
	page, _ = kepala.follow(strings.TrimSuffix(attr(older, "href"), "#webhook"))
	doc = parseHTML(t, page.Body)
	rows = childElements(childElements(byTestID(doc, "webhook-deliveries"), "tbody")[0], "tr")
	if len(rows) != 5 || byTestID(doc, "webhook-older") != nil || byTestID(doc, "webhook-newest") == nil {
		t.Fatalf("second page: %d rows (want 5), older link %v", len(rows), byTestID(doc, "webhook-older") != nil)
	}
	if !strings.Contains(text(rows[4]), "Terkirim") {
		t.Errorf("the oldest delivery: %q", text(rows[4]))
	}
}

func TestAdminSetsATenantsWebhook(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin := e.loginAs(t, "admin")
	home := admin.get("/admin/?status=aktif")
	link := byTestID(parseHTML(t, home.Body), "webhook-16.02")
	if link == nil || attr(link, "href") != "/admin/tenant/oki/webhook" {
		t.Fatalf("no webhook link for OKI on the admin's tenant list")
	}
	if page := admin.get("/admin/tenant/oki/webhook"); page.Status != http.StatusOK || byTestID(parseHTML(t, page.Body), "webhook") == nil {
		t.Fatalf("admin's webhook page: %s", page)
	}
	res := admin.post("/admin/tenant/oki/webhook", url.Values{"action": {"simpan"}, "webhook_url": {"https://169.254.169.254/latest"}})
	if msg := byTestID(parseHTML(t, res.Body), "error-webhook_url"); res.Status != http.StatusUnprocessableEntity || msg == nil ||
		!strings.Contains(text(msg), "jaringan internal") {
		t.Fatalf("a metadata address: %s", res)
	}
	res = admin.post("/admin/tenant/oki/webhook", url.Values{"action": {"simpan"}, "webhook_url": {"https://sistem.oki.go.id/webhook"}})
	if box := byTestID(parseHTML(t, res.Body), "webhook-secret"); res.Status != http.StatusOK || box == nil {
		t.Fatalf("admin saving: %s", res)
	}
	if got := webhookInput(t, e.loginAs(t, "kepala").get("/oki/kantor/pengaturan").Body); got != "https://sistem.oki.go.id/webhook" {
		t.Errorf("the kepala sees %q", got)
	}
	if page := admin.get("/admin/tenant/tidak-ada/webhook"); page.Status != http.StatusNotFound {
		t.Errorf("an unknown tenant: %s", page)
	}
}
