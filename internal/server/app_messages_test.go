package server

import (
	"net/http/httptest"
	"testing"

	"github.com/hakakses/hakakses/web"
)

// TestAppMessagesTranslatedAtTheEdge: every internal/app message the server
// knows reads back unchanged in Indonesian (so the catalogue's Indonesian never
// drifts from the app's own words) and differently in English; the messages
// with a number or an inner message keep it.
func TestAppMessagesTranslatedAtTheEdge(t *testing.T) {
	id := httptest.NewRequest("GET", "/", nil)
	id = id.WithContext(web.WithLocale(id.Context(), localeFor(id, "id")))
	en := httptest.NewRequest("GET", "/", nil)
	en = en.WithContext(web.WithLocale(en.Context(), localeFor(en, "en")))
	for msg, key := range appMessageKeys {
		if got := appText(id, msg); got != msg {
			t.Errorf("%s: Indonesian %q differs from the app's %q", key, got, msg)
		}
		if got := appText(en, msg); got == msg || got == key {
			t.Errorf("%s: no English for %q (got %q)", key, msg, got)
		}
	}
	cases := []struct{ msg, en string }{
		{"Terlalu panjang (maksimal 200 karakter).", "Too long (at most 200 characters)."},
		{"Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam 1 menit.", "Too many failed sign-in attempts. Try again in 1 minute."},
		{"Terlalu banyak percobaan kode verifikasi yang gagal. Coba lagi dalam 30 detik.", "Too many failed verification code attempts. Try again in 30 seconds."},
		{"Terlalu banyak percobaan masuk yang gagal dari alamat jaringan Anda. Coba lagi dalam 15 menit.", "Too many failed sign-in attempts from your network address. Try again in 15 minutes."},
		{"Akun ini dikunci sementara karena terlalu banyak percobaan masuk yang gagal. Pemilik akun telah kami kirimi e-mail berisi tautan untuk membuka kuncinya.",
			"This account is locked for a while after too many failed sign-in attempts. We have emailed its owner a link to unlock it."},
		{"Webhook belum dapat disimpan. Alamat webhook tidak memuat nama host.", "The webhook could not be saved yet. The webhook address has no host name."},
		{"Pesan yang belum dikenal.", "Pesan yang belum dikenal."}, // unknown: shown as it is
	}
	for _, c := range cases {
		if got := appText(id, c.msg); got != c.msg {
			t.Errorf("Indonesian %q became %q", c.msg, got)
		}
		if got := appText(en, c.msg); got != c.en {
			t.Errorf("English of %q: want %q, got %q", c.msg, c.en, got)
		}
	}
	if got := appFields(en, map[string]string{"name": "Nama Anda wajib diisi."}); got["name"] != "Your name is required." {
		t.Errorf("field message: %q", got["name"])
	}
}
