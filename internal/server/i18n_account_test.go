package server_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/i18n"
	"github.com/hakakses/hakakses/internal/workflow"
)

// accountPage is one page of the sign-in, account, registration, notification,
// settings and admin areas (issue 12's second English slice), fetched as role
// ("" signed out) with form posted when method is POST.
type accountPage struct {
	role, method, path string
	form               url.Values
	status             int
}

// accountPages are the pages the slice translated, including refusals, so their
// messages (from the handlers and, mapped at the edge, from internal/app) are
// checked too.
var accountPages = []accountPage{
	{"", http.MethodGet, "/masuk", nil, http.StatusOK},
	{"", http.MethodPost, "/masuk", url.Values{"email": {"tidak-ada@contoh.test"}, "password": {"salah-sekali-123"}}, http.StatusUnauthorized},
	{"", http.MethodPost, "/masuk", url.Values{}, http.StatusUnprocessableEntity},
	{"", http.MethodGet, "/lupa-kata-sandi", nil, http.StatusOK},
	{"", http.MethodPost, "/lupa-kata-sandi", url.Values{"email": {""}}, http.StatusUnprocessableEntity},
	{"", http.MethodPost, "/lupa-kata-sandi", url.Values{"email": {"tidak-ada@contoh.test"}}, http.StatusOK},
	{"", http.MethodGet, "/atur-ulang-kata-sandi?token=usang", nil, http.StatusNotFound},
	{"", http.MethodGet, "/buka-kunci?token=usang", nil, http.StatusNotFound},
	{"lembaga", http.MethodGet, "/akun/kata-sandi", nil, http.StatusOK},
	{"lembaga", http.MethodPost, "/akun/kata-sandi", url.Values{"current": {"salah"}, "new": {"pendek"}, "confirm": {"lain"}}, http.StatusUnprocessableEntity},
	{"", http.MethodGet, "/oki/daftar", nil, http.StatusOK},
	{"", http.MethodPost, "/oki/daftar", url.Values{"email": {"bukan-surel"}, "name": {strings.Repeat("x", 300)}}, http.StatusUnprocessableEntity},
	{"", http.MethodGet, "/aktifkan?token=usang", nil, http.StatusNotFound},
	{"", http.MethodPost, "/aktifkan", url.Values{"token": {"usang"}}, http.StatusNotFound},
	{"", http.MethodPost, "/buka-kunci", url.Values{"token": {"usang"}}, http.StatusNotFound},
	{"lembaga", http.MethodGet, "/akun/token", nil, http.StatusOK},
	{"lembaga", http.MethodPost, "/akun/token", url.Values{"name": {""}}, http.StatusUnprocessableEntity},
	{"lembaga", http.MethodPost, "/akun/token", url.Values{"name": {"Sistem kepegawaian"}}, http.StatusOK},
	{"lembaga", http.MethodGet, "/oki/lembaga/pengguna", nil, http.StatusOK},
	{"lembaga", http.MethodPost, "/oki/lembaga/pengguna", url.Values{"name": {""}, "email": {"x"}}, http.StatusUnprocessableEntity},
	{"petugas", http.MethodGet, "/oki/kantor/lembaga", nil, http.StatusOK},
	{"petugas", http.MethodGet, "/oki/kantor/lembaga?status=ditolak", nil, http.StatusOK},
	{"petugas", http.MethodGet, "/oki/kantor/lembaga/1", nil, http.StatusOK},
	{"petugas", http.MethodPost, "/oki/kantor/lembaga/1/tolak", url.Values{"reason": {""}}, http.StatusUnprocessableEntity},
	{"lembaga", http.MethodPost, "/akun/bahasa", url.Values{"bahasa": {"xx"}}, http.StatusUnprocessableEntity},
	{"lembaga", http.MethodGet, "/notifikasi", nil, http.StatusOK},
	{"petugas", http.MethodGet, "/notifikasi", nil, http.StatusOK},
	{"admin", http.MethodGet, "/dev/surel", nil, http.StatusOK},
	{"kepala", http.MethodGet, "/oki/kantor/pengaturan", nil, http.StatusOK},
	{"kepala", http.MethodPost, "/oki/kantor/pengaturan", url.Values{"preview": {"1"}, "letter_template": {"x"}}, http.StatusOK},
	{"kepala", http.MethodPost, "/oki/kantor/pengaturan", url.Values{"lapor_url": {"bukan tautan"}, "email": {"x"}}, http.StatusUnprocessableEntity},
	{"kepala", http.MethodPost, "/oki/kantor/pengaturan/webhook", url.Values{"action": {"simpan"}, "webhook_url": {"http://bukan-https"}}, http.StatusUnprocessableEntity},
	{"kepala", http.MethodPost, "/oki/kantor/pengaturan/webhook", url.Values{"action": {"simpan"}, "webhook_url": {"https://sistem.contoh.test/kait"}}, http.StatusOK},
	{"kepala", http.MethodGet, "/oki/kantor/staf", nil, http.StatusOK},
	{"kepala", http.MethodPost, "/oki/kantor/staf", url.Values{"action": {"add"}, "name": {""}, "email": {""}}, http.StatusUnprocessableEntity},
	{"kepala", http.MethodPost, "/oki/kantor/staf", url.Values{"action": {"add"}, "name": {"Budi Santoso"}, "email": {"budi@oki.contoh.test"}}, http.StatusOK},
	{"kepala", http.MethodGet, "/oki/kantor/libur?tahun=2026", nil, http.StatusOK},
	{"kepala", http.MethodPost, "/oki/kantor/libur", url.Values{"action": {"add"}, "date": {""}, "description": {""}}, http.StatusUnprocessableEntity},
	{"lembaga", http.MethodGet, "/akun/pengingat", nil, http.StatusOK},
	{"petugas", http.MethodGet, "/akun/pengingat", nil, http.StatusOK},
	{"kepala", http.MethodGet, "/oki/kantor/audit", nil, http.StatusOK},
	{"admin", http.MethodGet, "/admin/", nil, http.StatusOK},
	{"admin", http.MethodGet, "/admin/?q=tidak-ada-sama-sekali", nil, http.StatusOK},
	{"admin", http.MethodGet, "/admin/?status=belum", nil, http.StatusOK},
	{"admin", http.MethodPost, "/admin/tenant", url.Values{"code": {""}, "slug": {"X!"}}, http.StatusUnprocessableEntity},
	{"admin", http.MethodGet, "/admin/libur", nil, http.StatusOK},
	{"admin", http.MethodGet, "/admin/libur?tahun=2031", nil, http.StatusOK},
	{"admin", http.MethodPost, "/admin/libur", url.Values{"action": {"save"}, "date": {""}, "kind": {"x"}, "description": {""}}, http.StatusUnprocessableEntity},
	{"admin", http.MethodPost, "/admin/libur", url.Values{"action": {"publish"}, "year": {"1900"}, "source": {""}}, http.StatusUnprocessableEntity},
	{"admin", http.MethodGet, "/admin/tugas", nil, http.StatusOK},
	{"admin", http.MethodGet, "/admin/audit", nil, http.StatusOK},
	{"admin", http.MethodGet, "/admin/tenant/oki/webhook", nil, http.StatusOK},
}

// TestAccountPagesSpeakOneLanguage renders every page of this slice in English
// and in Bahasa Indonesia and fails on a common word of the other language in
// its visible text (proper names such as Disdukcapil, and user data, excepted).
func TestAccountPagesSpeakOneLanguage(t *testing.T) {
	t.Parallel()
	for _, lang := range []string{"en", "id"} {
		// A database per language: the pages' posts change state (a webhook, an
		// officer) that the other language's run would otherwise meet.
		e := newEnv(t)
		forbidden := append(append([]string{}, indonesianWords...), moreIndonesianWords...)
		if lang == "id" {
			forbidden = append(append([]string{}, englishWords...), moreEnglishWords...)
		}
		clients := map[string]*client{}
		clientFor := func(role string) *client {
			if c, ok := clients[role]; ok {
				return c
			}
			c := e.newClient(t)
			// The switch's cookie: the demo accounts have chosen no language.
			c.get("/bahasa?ke=" + lang + "&kembali=/")
			if role != "" {
				c.login(demo(t, role).Email, app.DemoPassword)
			}
			clients[role] = c
			return c
		}
		for _, p := range accountPages {
			c := clientFor(p.role)
			var res *response
			if p.method == http.MethodGet {
				res = c.get(p.path)
			} else {
				res = c.post(p.path, p.form)
			}
			if res.Status != p.status {
				t.Errorf("%s %s %s as %q: want %d, got %s", lang, p.method, p.path, p.role, p.status, res)
				continue
			}
			if !strings.Contains(res.Body, `<html lang="`+lang+`">`) {
				t.Errorf("%s %s %s: want <html lang=%q>", lang, p.method, p.path, lang)
			}
			text := withoutUserData(visibleText(t, storedText.ReplaceAllString(res.Body, ""), lang))
			if found := wordsIn(text, forbidden); len(found) > 0 {
				t.Errorf("%s %s as %q in %s shows %q:\n%s", p.method, p.path, p.role, lang, found, text)
			}
		}
	}
}

// userData is what the word lists must not read: e-mail addresses and links
// ("lembaga@oki…", "http://…/masuk"), letter-number tokens ({kode}, typed
// as they are in both languages) and the audit trail's subjects ("user:3").
var userData = regexp.MustCompile(`\S+@\S+|https?://\S+|\{[a-z_]+\}|\b(user|email|webhook):\S+`)

// storedText is what the pages show of text stored in Indonesian and translated
// in a later slice: notifications' and e-mails' titles and bodies (docs/i18n.md).
var storedText = regexp.MustCompile(`(?s)<(strong|summary|pre|p)[^>]*data-testid="(notification-body|dev-mail-subject|dev-mail-body)"[^>]*>.*?</(p|summary|pre)>|<button[^>]*data-testid="notification-open"[^>]*>.*?</button>|<code>[^<]*</code>`)

// withoutUserData drops user data from a page's text.
func withoutUserData(text string) string { return userData.ReplaceAllString(text, " ") }

// More words of each language these pages use, beyond the shared list.
var (
	moreIndonesianWords = []string{"Surel", "kata sandi", "Lupa", "Ulangi", "Kirim", "tautan", "Buka kunci", "Ganti", "Anda",
		"salah", "Isi", "lembaga", "dengan", "Pengguna", "Nama", "Aktif", "Nonaktif", "Dua langkah", "Pemberitahuan", "Pengaturan",
		"Belum", "sudah", "atau", "dari", "pada", "Tambah", "Hapus", "Cabut", "Pilih", "Tolak"}
	moreEnglishWords = []string{"Email", "Forgot", "Repeat", "Send", "link", "Unlock", "Change", "your", "wrong", "Enter", "institution",
		"with", "User", "Name", "Active", "Inactive", "Two-step", "Notifications", "Settings", "not yet", "already", "from", "Add",
		"Delete", "Revoke", "Choose", "Refuse", "Verification"}
)

// speaksOnly fails when res is not a page in lang free of the other language's
// common words.
func speaksOnly(t *testing.T, what string, res *response, lang string, status int) {
	t.Helper()
	if res.Status != status {
		t.Errorf("%s in %s: want %d, got %s", what, lang, status, res)
		return
	}
	if !strings.Contains(res.Body, `<html lang="`+lang+`">`) {
		t.Errorf("%s: want <html lang=%q>", what, lang)
	}
	forbidden := append(append([]string{}, indonesianWords...), moreIndonesianWords...)
	if lang == "id" {
		forbidden = append(append([]string{}, englishWords...), moreEnglishWords...)
	}
	if found := wordsIn(withoutUserData(visibleText(t, storedText.ReplaceAllString(res.Body, ""), lang)), forbidden); len(found) > 0 {
		t.Errorf("%s in %s shows %q:\n%s", what, lang, found, visibleText(t, res.Body, lang))
	}
}

// TestSecondFactorPagesSpeakOneLanguage walks the two-step sign-in in each
// language: the code or enrolment page, a wrong code, the recovery codes, the
// account page with the second factor on, and the admin's reset list.
func TestSecondFactorPagesSpeakOneLanguage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, lang := range []string{"en", "id"} {
		for _, role := range []string{"kepala", "petugas"} {
			acc := demo(t, role)
			c := e.newClient(t)
			c.get("/bahasa?ke=" + lang + "&kembali=/")
			res := c.post("/masuk", url.Values{"email": {acc.Email}, "password": {app.DemoPassword}})
			if res.Status == http.StatusSeeOther && res.Location() != "/beranda" {
				step := res.Location()
				speaksOnly(t, role+" GET "+step, c.get(step), lang, http.StatusOK)
				wrong := c.post(step, url.Values{"code": {"000000"}})
				if wrong.Status != http.StatusUnauthorized && wrong.Status != http.StatusUnprocessableEntity {
					t.Errorf("%s wrong code at %s: %s", role, step, wrong)
				}
				speaksOnly(t, role+" wrong code at "+step, wrong, lang, wrong.Status)
				c = e.newClient(t)
				c.get("/bahasa?ke=" + lang + "&kembali=/")
				res = c.login(acc.Email, app.DemoPassword)
				if res.Status == http.StatusOK {
					speaksOnly(t, role+" recovery codes after enrolment", res, lang, http.StatusOK)
				}
			} else {
				// No second factor yet: enrol from the account page.
				speaksOnly(t, role+" /akun before enrolment", c.get("/akun"), lang, http.StatusOK)
				speaksOnly(t, role+" GET /akun/dua-langkah", c.get("/akun/dua-langkah"), lang, http.StatusOK)
				speaksOnly(t, role+" wrong enrolment code", c.post("/akun/dua-langkah", url.Values{"code": {"12"}}), lang, http.StatusUnprocessableEntity)
			}
			speaksOnly(t, role+" /akun", c.get("/akun"), lang, http.StatusOK)
			speaksOnly(t, role+" wrong code for new recovery codes",
				c.post("/akun/dua-langkah/kode-pemulihan", url.Values{"code": {"12"}}), lang, http.StatusUnprocessableEntity)
		}
		admin := e.newClient(t)
		admin.get("/bahasa?ke=" + lang + "&kembali=/")
		admin.login(demo(t, "admin").Email, app.DemoPassword)
		speaksOnly(t, "admin /admin/akun", admin.get("/admin/akun"), lang, http.StatusOK)
		speaksOnly(t, "admin /admin/akun?q=tidak-ada", admin.get("/admin/akun?q=tidak-ada"), lang, http.StatusOK)
	}
}

// TestAccountLabelsByKeyMatchTheApp: audit events, reminder kinds and
// institution statuses are shown through keys built from their names, which the
// catalogue's scan cannot see; each must be catalogued, in Indonesian exactly as
// internal/app names it, and in English differently.
func TestAccountLabelsByKeyMatchTheApp(t *testing.T) {
	check := func(key, label string) {
		t.Helper()
		if got := i18n.For(i18n.ID).T(key); got != label {
			t.Errorf("%s: catalogue says %q, app says %q", key, got, label)
		}
		if got := i18n.For(i18n.EN).T(key); got == key || got == label {
			t.Errorf("%s: no English text (got %q)", key, got)
		}
	}
	for _, e := range app.AuditEventNames {
		check("audit_event."+e.Event, e.Label)
	}
	for _, k := range app.ReminderKinds {
		check("reminder_kind."+k.Kind, k.Label)
	}
	for _, s := range []string{app.InstitutionPending, app.InstitutionVerified, app.InstitutionRefused} {
		check("inst_status."+s, app.InstitutionStatusLabel(s))
	}
	for _, it := range []workflow.InstitutionType{workflow.PerangkatDaerah, workflow.BadanHukum} {
		check("inst_type."+string(it), it.Label())
	}
}
