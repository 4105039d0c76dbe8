package server_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"

	"github.com/hakakses/hakakses/internal/app"
)

// visibleText is what a reader sees of a page: its text nodes, outside scripts
// and styles and outside elements marked as another language (the footer's
// "Bahasa Indonesia" link on an English page is lang="id" on purpose).
func visibleText(t *testing.T, body, lang string) string {
	t.Helper()
	doc, err := xhtml.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatalf("parse page: %v", err)
	}
	var b strings.Builder
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode {
			if n.Data == "script" || n.Data == "style" {
				return
			}
			for _, a := range n.Attr {
				if a.Key == "lang" && a.Val != lang && n.Data != "html" {
					return
				}
			}
		}
		if n.Type == xhtml.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return strings.Join(strings.Fields(b.String()), " ")
}

// Common interface words of each language; none may show on a page in the
// other. Proper names stay as they are in both (Disdukcapil, DWH Terpusat, the
// regency's name, the service's official name).
var (
	indonesianWords = []string{"Permohonan", "Masuk", "Keluar", "Beranda", "Ajukan", "Simpan", "hari kerja", "Kembali", "Daftar",
		"Daftarkan", "Lacak", "Halaman", "Persyaratan", "Biaya", "Tidak", "dan", "yang", "untuk", "Sandi", "Bahasa tampilan", "Kode",
		"Pengingat", "Akun", "Standar", "Langsung", "Mulai", "Selesai", "Sistem ini"}
	englishWords = []string{"Sign in", "Sign out", "Home", "Submit", "Save", "working day", "working days", "Back", "Register",
		"Track", "Application", "Requirements", "the", "and", "Page not found", "Password", "Account", "Display language",
		"Reminders", "Skip", "Get started", "Code", "free of charge"}
)

func wordsIn(text string, words []string) []string {
	var found []string
	for _, w := range words {
		if regexp.MustCompile(`(?i)\b` + regexp.QuoteMeta(w) + `\b`).MatchString(text) {
			found = append(found, w)
		}
	}
	return found
}

// page fetches path and returns its visible text, requiring status.
func pageIn(t *testing.T, c *client, method, path string, status int, lang string) string {
	t.Helper()
	var res *response
	switch method {
	case http.MethodGet:
		res = c.get(path)
	case "POST-cross-site":
		res = c.postWith(path, url.Values{}, http.Header{"Sec-Fetch-Site": {"cross-site"}})
	default:
		res = c.post(path, url.Values{})
	}
	if res.Status != status {
		t.Fatalf("%s %s: want %d, got %s", method, path, status, res)
	}
	if !strings.Contains(res.Body, `<html lang="`+lang+`">`) {
		t.Errorf("%s %s: want <html lang=%q>", method, path, lang)
	}
	return visibleText(t, res.Body, lang)
}

// TestTranslatedPagesSpeakOneLanguage renders every translated page in English
// and in Bahasa Indonesia and fails on a common word of the other language.
func TestTranslatedPagesSpeakOneLanguage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	pages := []struct {
		method, path string
		status       int
		signedIn     bool
	}{
		{http.MethodGet, "/", http.StatusOK, false},
		{http.MethodGet, "/oki", http.StatusOK, false},
		{http.MethodGet, "/tidak-ada/sama-sekali", http.StatusNotFound, false},
		{http.MethodPost, "/", http.StatusMethodNotAllowed, false},
		{"POST-cross-site", "/keluar", http.StatusForbidden, false},
		{http.MethodGet, "/oki/lacak", http.StatusOK, false},
		{http.MethodGet, "/oki/lacak?nomor=X&kode=Y", http.StatusNotFound, false},
		{http.MethodGet, "/oki/kantor/", http.StatusNotFound, true}, // a lembaga's 404, with the signed-in header
	}
	for _, lang := range []string{"en", "id"} {
		forbidden := indonesianWords
		if lang == "id" {
			forbidden = englishWords
		}
		anon := e.newClient(t)
		anon.get("/bahasa?ke=" + lang + "&kembali=/")
		lembaga := e.newClient(t)
		lembaga.login(demo(t, "lembaga").Email, app.DemoPassword)
		if res := lembaga.post("/akun/bahasa", url.Values{"bahasa": {lang}}); res.Status != http.StatusSeeOther {
			t.Fatalf("choose %s on the account page: %s", lang, res)
		}
		for _, p := range pages {
			c := anon
			if p.signedIn {
				c = lembaga
			}
			text := pageIn(t, c, p.method, p.path, p.status, lang)
			if found := wordsIn(text, forbidden); len(found) > 0 {
				t.Errorf("%s %s in %s shows %q:\n%s", p.method, p.path, lang, found, text)
			}
		}
	}
}

// TestIndonesianStaysTheDefault: with no choice anywhere the pages are the
// Indonesian they were before the catalogue, word for word.
func TestIndonesianStaysTheDefault(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.newClient(t)
	text := pageIn(t, c, http.MethodGet, "/oki", http.StatusOK, "id")
	for _, want := range []string{
		"Standar Pelayanan · Disdukcapil Kabupaten Ogan Komering Ilir",
		"2 Hari kerja untuk setiap langkah Disdukcapil",
		"Standar waktu: 2 hari kerja untuk setiap langkah yang dikerjakan Disdukcapil",
		"Hari kerja Senin–Jumat, pukul 07:30–16:00 WIB.",
		"Pimpinan Pengguna mengajukan surat permohonan Pemanfaatan Data Kependudukan secara tertulis kepada Bupati Ogan Komering Ilir melalui Disdukcapil Kabupaten Ogan Komering Ilir.",
		"Layanan ini tidak dipungut biaya.",
		"Langsung ke isi",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("/oki lacks %q:\n%s", want, text)
		}
	}
}

// TestLanguageChoiceOrder: Accept-Language before anything is chosen, the
// switch's cookie over it, and the account's own choice over both, kept across
// sign-ins.
func TestLanguageChoiceOrder(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.newClient(t)
	req := c.newRequest(http.MethodGet, "/oki", nil)
	req.Header.Set("Accept-Language", "en-GB,en;q=0.9")
	if res := c.do(req); !strings.Contains(res.Body, `<html lang="en">`) || !strings.Contains(res.Body, "Track an application") {
		t.Fatalf("Accept-Language en: not English: %s", res)
	}

	res := c.get("/bahasa?ke=id&kembali=" + url.QueryEscape("/oki/lacak?nomor=1"))
	if res.Status != http.StatusSeeOther || res.Location() != "/oki/lacak?nomor=1" {
		t.Fatalf("switch: want 303 back to the page, got %s", res)
	}
	req = c.newRequest(http.MethodGet, "/oki", nil)
	req.Header.Set("Accept-Language", "en-GB,en;q=0.9")
	if res := c.do(req); !strings.Contains(res.Body, `<html lang="id">`) {
		t.Fatalf("cookie id must beat Accept-Language en: %s", res)
	}
	for _, evil := range []string{"//evil.example/", "https://evil.example/", "/\\evil.example"} {
		if res := c.get("/bahasa?ke=en&kembali=" + url.QueryEscape(evil)); res.Location() != "/" {
			t.Errorf("switch back to %q: want /, got %s", evil, res)
		}
	}
	if res := c.get("/bahasa?ke=fr"); res.Status != http.StatusBadRequest || !strings.Contains(res.Body, "Choose Bahasa Indonesia or English.") {
		t.Errorf("unknown language: want 400 with a message, got %s", res)
	}

	// The account's choice: stored, so a fresh browser with no cookie and an
	// Indonesian Accept-Language gets English after signing in.
	acc := demo(t, "petugas")
	c.login(acc.Email, app.DemoPassword)
	// (The switch above left the cookie at English.)
	if res := c.post("/akun/bahasa", url.Values{"bahasa": {"xx"}}); res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "Choose Bahasa Indonesia or English.") {
		t.Fatalf("unknown language on /akun: want 422 with a message, got %s", res)
	}
	if res := c.post("/akun/bahasa", url.Values{"bahasa": {"en"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("choose English: %s", res)
	}
	if res := c.get("/akun"); !strings.Contains(res.Body, "Display language saved.") {
		t.Errorf("the confirmation is in the language just chosen: %s", res)
	}
	fresh := e.newClient(t)
	fresh.login(acc.Email, app.DemoPassword)
	req = fresh.newRequest(http.MethodGet, "/akun", nil)
	req.Header.Set("Accept-Language", "id")
	res = fresh.do(req)
	if !strings.Contains(res.Body, `<html lang="en">`) || !strings.Contains(res.Body, "Work queue") || !strings.Contains(res.Body, "Disdukcapil officer") {
		t.Fatalf("the account's English must follow it to another browser: %s", res)
	}
	// Back to Indonesian, so the shared demo account leaves as it came.
	fresh.post("/akun/bahasa", url.Values{"bahasa": {"id"}})
}
