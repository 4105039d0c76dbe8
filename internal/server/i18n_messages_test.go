package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"
)

// Words of the refusals themselves, beyond the common interface words.
var (
	indonesianRefusalWords = []string{"belum", "diisi", "diunggah", "Pilih", "butir", "Periksa", "Tindakan", "Draf", "tidak dikenal", "Jangka waktu", "surat"}
	englishRefusalWords    = []string{"missing", "uploaded", "Choose", "item", "Check", "action", "draft", "not recognised", "term", "letter"}
)

// refusalTexts are the error summary's and the field messages' visible text.
func refusalTexts(t *testing.T, body string) (summary string, fields map[string]string) {
	t.Helper()
	doc := parseHTML(t, body)
	sum := byTestID(doc, "form-error")
	if sum == nil {
		t.Fatalf("no error summary on the draft form")
	}
	fields = map[string]string{}
	for _, n := range findAll(doc, func(n *xhtml.Node) bool { return strings.HasPrefix(attr(n, "data-testid"), "error-") }) {
		if id := attr(n, "data-testid"); id != "error-summary-list" {
			fields[strings.TrimPrefix(id, "error-")] = text(n)
		}
	}
	return text(sum), fields
}

// TestRefusedDraftInEnglish: a draft submitted with its parts missing, and a
// draft saved with an unknown method and a term out of range, come back to the
// form with the error summary and each field's message in the page's language;
// Indonesian, the default, keeps the app's own words.
func TestRefusedDraftInEnglish(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	id, err := e.App.CreateDraft(ctx, e.notifPrincipal("lembaga"), 0)
	if err != nil {
		t.Fatal(err)
	}
	lembaga := e.loginAs(t, "lembaga")
	detail := fmt.Sprintf("/oki/lembaga/permohonan/%d", id)
	submit := func() (string, map[string]string) {
		res := lembaga.post(detail+"/aksi/submit", url.Values{"version": {strconv.Itoa(e.appVersion(id))}})
		return refusalTexts(t, lembaga.refusedAt(res, detail+"/ubah").Body)
	}
	save := func() (string, map[string]string) {
		res := lembaga.postMultipart(detail+"/ubah", [][2]string{{"version", strconv.Itoa(e.appVersion(id))},
			{"access_methods", "bukan-metode"}, {"term_months", "600"}}, nil)
		return refusalTexts(t, lembaga.refusedAt(res, detail+"/ubah").Body)
	}

	// Indonesian: the guard's words, byte for byte.
	sum, fields := submit()
	for _, want := range []string{"Tujuan pemanfaatan Data Kependudukan belum diisi (butir 2b)",
		"Surat permohonan yang ditandatangani pimpinan lembaga (PDF) belum diunggah (butir 1)", "Tanggal surat permohonan lembaga belum diisi"} {
		if !strings.Contains(sum, want) {
			t.Errorf("Indonesian summary lacks %q: %s", want, sum)
		}
	}
	if fields["purpose"] != "Tujuan pemanfaatan Data Kependudukan belum diisi (butir 2b)" {
		t.Errorf("Indonesian purpose message: %q", fields["purpose"])
	}
	if found := wordsIn(sum, englishRefusalWords); len(found) > 0 {
		t.Errorf("Indonesian summary shows English %q: %s", found, sum)
	}
	if checklist := byTestID(parseHTML(t, lembaga.get(detail).Body), "checklist"); checklist == nil ||
		!strings.Contains(text(checklist), "Tujuan pemanfaatan Data Kependudukan belum diisi (butir 2b)") {
		t.Errorf("the Indonesian checklist lost the guard's words")
	}
	sum, fields = save()
	if !strings.Contains(sum, "Draf belum dapat disimpan. Periksa isian yang ditandai.") ||
		fields["term_months"] != "Jangka waktu diisi angka bulan, 1 sampai 60." || !strings.Contains(sum, "Metode akses tidak dikenal.") {
		t.Errorf("Indonesian save refusal: %s %v", sum, fields)
	}

	if res := lembaga.post("/akun/bahasa", url.Values{"bahasa": {"en"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("choose English: %s", res)
	}
	defer lembaga.post("/akun/bahasa", url.Values{"bahasa": {"id"}})
	sum, fields = submit()
	for _, want := range []string{"The purpose of using Population Data is missing (item 2b)",
		"The request letter signed by the head of the institution (PDF) has not been uploaded (item 1)",
		"The date of the institution's request letter is missing", "Choose at least one access method"} {
		if !strings.Contains(sum, want) {
			t.Errorf("English summary lacks %q: %s", want, sum)
		}
	}
	if len(fields) < 5 {
		t.Errorf("want a message beside each missing part, got %v", fields)
	}
	for k, msg := range fields {
		if found := wordsIn(msg, append(indonesianWords, indonesianRefusalWords...)); len(found) > 0 {
			t.Errorf("English message of %s shows Indonesian %q: %s", k, found, msg)
		}
	}
	if found := wordsIn(sum, append(indonesianWords, indonesianRefusalWords...)); len(found) > 0 {
		t.Errorf("English summary shows Indonesian %q: %s", found, sum)
	}
	// The draft's page lists the same problems in its completeness checklist.
	checklist := byTestID(parseHTML(t, lembaga.get(detail).Body), "checklist")
	if checklist == nil || !strings.Contains(text(checklist), "The purpose of using Population Data is missing (item 2b)") {
		t.Fatalf("the English checklist does not give the guard's problem in English")
	}
	if found := wordsIn(text(checklist), append(indonesianWords, indonesianRefusalWords...)); len(found) > 0 {
		t.Errorf("English checklist shows Indonesian %q: %s", found, text(checklist))
	}
	sum, fields = save()
	if !strings.Contains(sum, "The draft could not be saved yet. Check the marked fields.") ||
		fields["term_months"] != "Enter the term as a number of months, 1 to 60." || !strings.Contains(sum, "Unknown access method.") {
		t.Errorf("English save refusal: %s %v", sum, fields)
	}
}

// TestWebhookDeliveryEventInEnglish: the settings page's delivery list names
// the workflow event in the page's language (the history's words).
func TestWebhookDeliveryEventInEnglish(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.App.WebhookAllowPrivate = true
	receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) }))
	t.Cleanup(receiver.Close)
	kepala := e.loginAs(t, "kepala")
	if res := kepala.post("/oki/kantor/pengaturan/webhook", url.Values{"action": {"simpan"}, "webhook_url": {receiver.URL}}); res.Status != http.StatusOK {
		t.Fatalf("saving a local receiver in development: %s", res)
	}
	e.startJobs(nil)
	e.notifSubmitted()
	waitFor(t, "the delivery listed", func() bool {
		return strings.Contains(kepala.get("/oki/kantor/pengaturan").Body, "Terkirim")
	})
	if row := byTestID(parseHTML(t, kepala.get("/oki/kantor/pengaturan").Body), "webhook-delivery"); row == nil || !strings.Contains(text(row), "Permohonan diajukan") {
		t.Fatalf("Indonesian row: %q", text(row))
	}
	if res := kepala.post("/akun/bahasa", url.Values{"bahasa": {"en"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("choose English: %s", res)
	}
	defer kepala.post("/akun/bahasa", url.Values{"bahasa": {"id"}})
	row := byTestID(parseHTML(t, kepala.get("/oki/kantor/pengaturan").Body), "webhook-delivery")
	if row == nil || !strings.Contains(text(row), "Application submitted") {
		t.Fatalf("English row: %q", text(row))
	}
	if found := wordsIn(text(row), append(indonesianWords, "diajukan", "kali", "Terkirim")); len(found) > 0 {
		t.Errorf("English row shows Indonesian %q: %s", found, text(row))
	}
}
