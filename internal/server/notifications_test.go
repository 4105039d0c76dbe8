package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/config"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// withSMTPAddr configures an SMTP server, which turns the dev mailbox off.
func withSMTPAddr(addr string) envOption { return func(c *config.Config) { c.SMTPAddr = addr } }

// notifPrincipal logs the demo account of role in at the app level.
func (e *env) notifPrincipal(role string) app.Principal {
	e.t.Helper()
	p, _, err := e.App.Authenticate(context.Background(), demo(e.t, role).Email, app.DemoPassword, "notifications-test")
	if err != nil {
		e.t.Fatal(err)
	}
	return p
}

// notifSubmitted has the demo lembaga submit a complete application, which
// notifies the office's petugas and kepala; it returns the application's ID.
func (e *env) notifSubmitted() int64 {
	e.t.Helper()
	ctx := context.Background()
	lembaga := e.notifPrincipal("lembaga")
	id, err := e.App.CreateDraft(ctx, lembaga, 0)
	if err != nil {
		e.t.Fatal(err)
	}
	var version int
	if err := e.DB.ReadTx(ctx, store.System(), func(tx pgx.Tx) error {
		return tx.QueryRow(ctx, `SELECT version FROM applications WHERE id = $1`, id).Scan(&version)
	}); err != nil {
		e.t.Fatal(err)
	}
	letter := app.Upload{Filename: "surat.pdf", Content: []byte("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")}
	if err := e.App.SaveDraft(ctx, lembaga, id, version, app.DraftInput{
		Purpose:             "Verifikasi data penerima layanan kesehatan daerah berbasis NIK.",
		AccessMethods:       []string{"web_service"},
		ReturnData:          "Status kepesertaan per NIK, dikirim setiap bulan.",
		TermMonths:          "24",
		Elements:            map[string]string{"nik": "", "nama_lengkap": ""},
		Files:               map[string]app.Upload{app.DocRequestLetter: letter},
		RequestLetterNumber: "045/77/DINKES/2026",
		RequestLetterDate:   "2024-12-30",
	}); err != nil {
		e.t.Fatal(err)
	}
	if err := e.DB.ReadTx(ctx, store.System(), func(tx pgx.Tx) error {
		return tx.QueryRow(ctx, `SELECT version FROM applications WHERE id = $1`, id).Scan(&version)
	}); err != nil {
		e.t.Fatal(err)
	}
	if err := e.App.Fire(ctx, lembaga, id, app.Action{Event: workflow.Submit, Version: version}); err != nil {
		e.t.Fatal(err)
	}
	return id
}

var openFormRE = regexp.MustCompile(`action="(/notifikasi/\d+/baca)"`)

func navBadge(t *testing.T, body string) string {
	t.Helper()
	if n := byTestID(parseHTML(t, body), "nav-badge"); n != nil {
		return text(n)
	}
	return ""
}

func TestNotificationListBadgeAndReading(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.notifSubmitted()
	petugas := e.loginAs(t, "petugas")

	res := petugas.get("/notifikasi")
	if res.Status != http.StatusOK {
		t.Fatalf("GET /notifikasi: %s", res)
	}
	if b := navBadge(t, res.Body); b != "1" {
		t.Errorf("nav badge = %q, want 1", b)
	}
	doc := parseHTML(t, res.Body)
	item := byTestID(doc, "notification")
	if item == nil {
		t.Fatalf("no notification listed: %s", res)
	}
	if txt := text(item); !strings.Contains(txt, "Permohonan diajukan: HA-") || !strings.Contains(txt, "Langkah berikutnya") || !strings.Contains(txt, "Baru") {
		t.Errorf("item = %q", txt)
	}
	m := openFormRE.FindStringSubmatch(res.Body)
	if m == nil {
		t.Fatal("no form to open the notification")
	}

	// Another user cannot mark it read.
	lembaga := e.loginAs(t, "lembaga")
	if r := lembaga.post(m[1], url.Values{}); r.Status != http.StatusNotFound {
		t.Errorf("lembaga reading the petugas's notification: %s", r)
	}
	if r := lembaga.get("/notifikasi"); navBadge(t, r.Body) != "" || byTestID(parseHTML(t, r.Body), "notifications-empty") == nil {
		t.Errorf("the lembaga, who acted, has notifications: %s", r)
	}

	r := petugas.post(m[1], url.Values{})
	if want := fmt.Sprintf("/oki/kantor/permohonan/%d", id); r.Status != http.StatusSeeOther || r.Location() != want {
		t.Fatalf("open notification: %s, want 303 to %s", r, want)
	}
	res = petugas.get("/notifikasi")
	if b := navBadge(t, res.Body); b != "" {
		t.Errorf("badge after reading = %q", b)
	}
	if strings.Contains(res.Body, `data-unread="true"`) {
		t.Error("the read notification is still highlighted")
	}

	kepala := e.loginAs(t, "kepala")
	if r := kepala.post("/notifikasi/baca-semua", url.Values{}); r.Status != http.StatusSeeOther || r.Location() != "/notifikasi" {
		t.Fatalf("mark all read: %s", r)
	}
	if r := kepala.get("/notifikasi"); navBadge(t, r.Body) != "" || !strings.Contains(r.Body, "Semua notifikasi ditandai sudah dibaca.") {
		t.Errorf("after mark all read: %s", r)
	}
}

func TestNotificationsArePaginated(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	p := e.notifPrincipal("petugas")
	var list []store.NewNotification
	for i := range 25 {
		list = append(list, store.NewNotification{TenantID: &p.TenantID, UserID: p.UserID, ApplicationID: 1,
			Title: fmt.Sprintf("Notifikasi nomor %02d", i), Body: "Isi", Link: "/beranda"})
	}
	err := e.DB.Tx(context.Background(), store.System(), func(tx pgx.Tx) error {
		return store.InsertNotifications(context.Background(), tx, list, e.Clock.Now())
	})
	if err != nil {
		t.Fatal(err)
	}
	c := e.loginAs(t, "petugas")
	count := func(body string) int { return strings.Count(body, `data-testid="notification"`) }
	first := c.get("/notifikasi")
	if n := count(first.Body); n != 20 || !strings.Contains(first.Body, `href="/notifikasi?halaman=2"`) {
		t.Fatalf("page 1 has %d items: %s", n, first)
	}
	if b := navBadge(t, first.Body); b != "25" {
		t.Errorf("badge = %q, want 25", b)
	}
	second := c.get("/notifikasi?halaman=2")
	if n := count(second.Body); n != 5 || strings.Contains(second.Body, "halaman=3") || !strings.Contains(second.Body, `href="/notifikasi?halaman=1"`) {
		t.Fatalf("page 2 has %d items: %s", n, second)
	}
	if r := c.get("/notifikasi?halaman=nol"); r.Status != http.StatusNotFound {
		t.Errorf("bad page number: %s", r)
	}
	if r := e.newClient(t).get("/notifikasi"); r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location(), "/masuk") {
		t.Errorf("anonymous: %s", r)
	}
}

func TestDevMailboxIsForTheAdminOfAServerWithoutSMTP(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.startJobs(nil)
	e.notifSubmitted()
	admin := e.loginAs(t, "admin")
	waitFor(t, "both e-mails kept", func() bool {
		return strings.Count(admin.get("/dev/surel").Body, "Disimpan (tidak dikirim)") == 2
	})
	res := admin.get("/dev/surel")
	if res.Status != http.StatusOK {
		t.Fatalf("admin GET /dev/surel: %s", res)
	}
	if n := strings.Count(res.Body, `data-testid="dev-mail"`); n != 2 {
		t.Errorf("%d messages listed, want 2", n)
	}
	for _, role := range []string{"petugas", "kepala"} {
		if !strings.Contains(res.Body, demo(t, role).Email) {
			t.Errorf("no e-mail to the %s", role)
		}
	}
	if !strings.Contains(res.Body, "Disimpan (tidak dikirim)") || !strings.Contains(res.Body, "[Hak Akses] Permohonan diajukan") {
		t.Errorf("status or subject missing: %s", res)
	}
	if r := e.loginAs(t, "petugas").get("/dev/surel"); r.Status != http.StatusNotFound {
		t.Errorf("petugas GET /dev/surel: %s", r)
	}

	prod := newEnv(t, withSMTPAddr("smtp.example.test:587"))
	if r := prod.loginAs(t, "admin").get("/dev/surel"); r.Status != http.StatusNotFound {
		t.Errorf("with SMTP configured, admin GET /dev/surel: %s", r)
	}
}
