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

// TestSurveyAndDocumentRefusalsSpeakTheReadersLanguage: the survey form's
// refusals, a missing document and the tracking page's errors come out in
// English on an English page and, by default, in the app's own Indonesian
// words, byte for byte.
func TestSurveyAndDocumentRefusalsSpeakTheReadersLanguage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	id := e.notifSubmitted()
	var version int
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
	var sid int64
	if err := e.DB.ReadTx(ctx, store.System(), func(tx pgx.Tx) error {
		return tx.QueryRow(ctx, `SELECT id FROM satisfaction_surveys WHERE application_id = $1`, id).Scan(&sid)
	}); err != nil {
		t.Fatal(err)
	}
	survey := "/oki/lembaga/survei/" + strconv.FormatInt(sid, 10)
	doc := "/oki/lembaga/permohonan/" + strconv.FormatInt(id, 10) + "/dokumen/999999"
	answers := url.Values{"suggestion": {"Sangat membantu."}}
	for i, v := range []string{"4", "3", "2", "4", "3", "3", "4", "2", "3"} {
		answers.Set("u"+strconv.Itoa(i+1), v)
	}
	bad := url.Values{"suggestion": {strings.Repeat("x", 2001)}}
	for k, v := range answers {
		if k != "suggestion" {
			bad[k] = v
		}
	}
	bad.Set("u5", "lima")

	type check struct {
		what      string
		res       func(c *client) *response
		status    int
		id, en    []string
		signedOut bool
	}
	checks := []check{
		{"survey refused", func(c *client) *response { return c.post(survey, bad) }, http.StatusUnprocessableEntity,
			[]string{"Lengkapi penilaian untuk kesembilan unsur.", "Pilih salah satu nilai 1 sampai 4.", "Saran paling banyak 2000 karakter."},
			[]string{"Rate all nine elements.", "Choose one of the values 1 to 4.", "Suggestions may be at most 2000 characters."}, false},
		{"missing survey", func(c *client) *response { return c.get("/oki/lembaga/survei/999999") }, http.StatusNotFound,
			[]string{"Survei tidak ditemukan."}, []string{"Survey not found."}, false},
		{"missing document", func(c *client) *response { return c.get(doc) }, http.StatusNotFound,
			[]string{"Dokumen tidak ditemukan."}, []string{"Document not found."}, false},
		{"tracking half filled", func(c *client) *response { return c.get("/oki/lacak?nomor=X") }, http.StatusUnprocessableEntity,
			[]string{"Isi nomor permohonan dan kode lacak."}, []string{"Enter the application number and the tracking code."}, true},
	}
	lembaga := e.loginAs(t, "lembaga")
	anon := e.newClient(t)
	run := func(lang string, c check) {
		t.Helper()
		cl := lembaga
		if c.signedOut {
			cl = anon
		}
		res := c.res(cl)
		if res.Status != c.status {
			t.Fatalf("%s in %s: want %d, got %s", c.what, lang, c.status, res)
		}
		want, not := c.id, c.en
		if lang == "en" {
			want, not = c.en, c.id
		}
		for _, w := range want {
			if !strings.Contains(res.Body, w) {
				t.Errorf("%s in %s: no %q in\n%s", c.what, lang, w, visibleText(t, res.Body, lang))
			}
		}
		for _, n := range not {
			if strings.Contains(res.Body, n) {
				t.Errorf("%s in %s shows %q", c.what, lang, n)
			}
		}
		forbidden := indonesianWords
		if lang == "id" {
			forbidden = englishWords
		}
		if found := wordsIn(visibleText(t, res.Body, lang), forbidden); len(found) > 0 {
			t.Errorf("%s in %s shows %q:\n%s", c.what, lang, found, visibleText(t, res.Body, lang))
		}
	}
	// Indonesian first, with nothing chosen: the default.
	for _, c := range checks {
		run("id", c)
	}
	if res := lembaga.post("/akun/bahasa", url.Values{"bahasa": {"en"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("choose English: %s", res)
	}
	anon.get("/bahasa?ke=en&kembali=/")
	for _, c := range checks {
		run("en", c)
	}
	// Answered once, the survey refuses a second answer in the reader's language.
	if r := lembaga.post(survey, answers); r.Status != http.StatusSeeOther {
		t.Fatalf("answer: %s", r)
	}
	twice := check{"survey answered twice", func(c *client) *response { return c.post(survey, answers) }, http.StatusConflict,
		[]string{"Survei ini sudah diisi. Terima kasih."}, []string{"This survey has already been answered. Thank you."}, false}
	run("en", twice)
	if res := lembaga.post("/akun/bahasa", url.Values{"bahasa": {"id"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("choose Indonesian: %s", res)
	}
	run("id", twice)
}

// TestAgreementDiffSpeaksTheReadersLanguage: the PKS comparison page's title
// and change labels follow the reader's language; the clauses themselves, the
// legal text, stay as written.
func TestAgreementDiffSpeaksTheReadersLanguage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.approved()
	clauses, sections := e.defaultAgreement(id)
	e.fireAs("petugas", id, app.Action{Event: workflow.PrepareAgreement, Form: agreementValues(clauses, sections)})
	clauses[0].Body += " Ditambahkan pada perundingan."
	e.fireAs("petugas", id, app.Action{Event: workflow.ReviseAgreement, Form: agreementValues(clauses, sections)})
	path := "/oki/lembaga/permohonan/" + strconv.FormatInt(id, 10) + "/pks/banding?dari=1&ke=2"
	lembaga := e.loginAs(t, "lembaga")
	for _, c := range []struct {
		lang      string
		want, not []string
	}{
		{"id", []string{"<title>Perubahan PKS", ">diubah<"}, []string{"PKS changes", ">changed<"}},
		{"en", []string{"<title>PKS changes", ">changed<"}, []string{"Perubahan PKS", ">diubah<"}},
	} {
		if c.lang == "en" {
			if res := lembaga.post("/akun/bahasa", url.Values{"bahasa": {"en"}}); res.Status != http.StatusSeeOther {
				t.Fatalf("choose English: %s", res)
			}
		}
		res := lembaga.get(path)
		if res.Status != http.StatusOK {
			t.Fatalf("%s: %s", c.lang, res)
		}
		for _, w := range c.want {
			if !strings.Contains(res.Body, w) {
				t.Errorf("%s: no %q in %s", c.lang, w, visibleText(t, res.Body, c.lang))
			}
		}
		for _, n := range c.not {
			if strings.Contains(res.Body, n) {
				t.Errorf("%s shows %q", c.lang, n)
			}
		}
	}
}
