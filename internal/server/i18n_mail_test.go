package server_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// mailIndonesianWords are common Indonesian words of the account e-mails; none may
// be left in an English one (the links' Indonesian paths are removed first).
var mailIndonesianWords = regexp.MustCompile(`(?i)\b(yth|pendaftaran|aktifkan|akun|tautan|berikut|berlaku|sekali|pakai|` +
	`masuk|kata sandi|lembaga anda|diverifikasi|oleh|petugas|sudah|kami|terima)\b`)

// A registration made from the English page is answered with an English
// activation e-mail; one from the Indonesian page with the former Indonesian.
func TestActivationMailInTheRegistrationPagesLanguage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	en := e.newClient(t)
	en.get("/bahasa?ke=en&kembali=/oki/daftar")
	if res := en.post("/oki/daftar", registrationForm("sari@dinsos.test")); res.Status != http.StatusOK {
		t.Fatalf("English registration: %s", res)
	}
	body := e.mailTo("sari@dinsos.test", "Activate your Hak Akses account")
	if !strings.HasPrefix(body, "Dear ") || !strings.Contains(body, "/aktifkan?token=") {
		t.Errorf("English activation e-mail = %q", body)
	}
	rest := regexp.MustCompile(`\S*/\S*`).ReplaceAllString(body, "")
	if w := mailIndonesianWords.FindAllString(rest, -1); len(w) > 0 {
		t.Errorf("English activation e-mail has Indonesian words %v: %q", w, body)
	}

	id := e.newClient(t)
	if res := id.post("/oki/daftar", registrationForm("budi@dinsos.test")); res.Status != http.StatusOK {
		t.Fatalf("Indonesian registration: %s", res)
	}
	body = e.mailTo("budi@dinsos.test", "Aktifkan akun Hak Akses Anda")
	if !strings.HasPrefix(body, "Yth. ") || !strings.HasSuffix(body, "\n\nLembaga Anda akan diverifikasi oleh petugas Disdukcapil.") ||
		strings.Contains(body, "Dear") {
		t.Errorf("Indonesian activation e-mail = %q", body)
	}
}
