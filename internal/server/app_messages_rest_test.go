package server

import (
	"net/http/httptest"
	"testing"

	"github.com/hakakses/hakakses/web"
)

// TestRestRefusalsTranslatedAtTheEdge: the survey's, the tracking page's and
// the PKS/Juknis editors' per-item messages read back unchanged in Indonesian
// and in English with their numbers kept.
func TestRestRefusalsTranslatedAtTheEdge(t *testing.T) {
	id := httptest.NewRequest("GET", "/", nil)
	id = id.WithContext(web.WithLocale(id.Context(), localeFor(id, "id")))
	en := httptest.NewRequest("GET", "/", nil)
	en = en.WithContext(web.WithLocale(en.Context(), localeFor(en, "en")))
	cases := []struct{ msg, en string }{
		{"Judul pasal 3 terlalu panjang (maksimal 200 karakter).", "The title of clause 3 is too long (at most 200 characters)."},
		{"Isi pasal 12 terlalu panjang (maksimal 8000 karakter).", "The text of clause 12 is too long (at most 8000 characters)."},
		{"Judul bab 2 Juknis terlalu panjang (maksimal 200 karakter).", "The title of Juknis chapter 2 is too long (at most 200 characters)."},
		{"Isi bab 7 Juknis terlalu panjang (maksimal 8000 karakter).", "The text of Juknis chapter 7 is too long (at most 8000 characters)."},
		{"PKS paling banyak 60 pasal.", "A PKS has at most 60 clauses."},
		{"Juknis paling banyak 30 bab.", "A Juknis has at most 30 chapters."},
		// Two problems of one field, joined by a space, as the form shows them.
		{"Judul pasal 1 terlalu panjang (maksimal 200 karakter). Isi pasal 1 terlalu panjang (maksimal 8000 karakter).",
			"The title of clause 1 is too long (at most 200 characters). The text of clause 1 is too long (at most 8000 characters)."},
		{"Terlalu banyak pencarian yang tidak cocok dari alamat jaringan Anda. Coba lagi dalam satu jam.",
			"Too many searches that did not match from your network address. Try again in an hour."},
		{"Isi nomor permohonan dan kode lacak.", "Enter the application number and the tracking code."},
		{"Dokumen tidak ditemukan.", "Document not found."},
		{"Survei tidak ditemukan.", "Survey not found."},
		{"Anda tidak berwenang melakukan tindakan ini.", "You are not authorised to do this."},
		{"Judul pasal x terlalu panjang (maksimal 200 karakter).", "Judul pasal x terlalu panjang (maksimal 200 karakter)."}, // not the app's shape: as it is
	}
	for _, c := range cases {
		if got := appText(id, c.msg); got != c.msg {
			t.Errorf("Indonesian %q became %q", c.msg, got)
		}
		if got := appText(en, c.msg); got != c.en {
			t.Errorf("English of %q: want %q, got %q", c.msg, c.en, got)
		}
	}
	for key, want := range map[string]string{"rest.diff.title": "Perubahan PKS", "rest.diff.added": "pasal baru", "rest.diff.removed": "dihapus", "rest.diff.changed": "diubah"} {
		if got := tr(id, key); got != want {
			t.Errorf("%s in Indonesian: want the former %q, got %q", key, want, got)
		}
		if got := tr(en, key); got == want || got == key {
			t.Errorf("%s: no English (got %q)", key, got)
		}
	}
}
