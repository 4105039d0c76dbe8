package server

import (
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/hakakses/hakakses/internal/workflow"
	"github.com/hakakses/hakakses/web"
)

// TestApplicationRefusalsTranslated: the workflow's own problems for a submit
// and for every action sent blank read back unchanged in
// Indonesian and in English otherwise, one by one and joined as the app joins
// them; so a guard reworded without its catalogue row fails here.
func TestApplicationRefusalsTranslated(t *testing.T) {
	id := httptest.NewRequest("GET", "/", nil)
	id = id.WithContext(web.WithLocale(id.Context(), localeFor(id, "id")))
	en := httptest.NewRequest("GET", "/", nil)
	en = en.WithContext(web.WithLocale(en.Context(), localeFor(en, "en")))
	now := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	cases := map[string][]workflow.Problem{
		"empty perangkat daerah": workflow.Check(workflow.Submit, workflow.Facts{Now: now, InstitutionType: workflow.PerangkatDaerah}),
		"empty badan hukum":      workflow.Check(workflow.Submit, workflow.Facts{Now: now, InstitutionType: workflow.BadanHukum}),
		"no type, short purpose, long term": workflow.Check(workflow.Submit, workflow.Facts{Now: now, InstitutionVerified: true,
			Purpose: "Verifikasi", TermMonths: 600, DataElements: []workflow.DataElement{{Code: "nama_lgkp", Name: "Nama Lengkap", Protected: true}}}),
	}
	// Every event's guard on empty facts, for both kinds of institution: what a
	// form sent blank is refused with.
	for _, ev := range workflow.Events {
		for _, ty := range []workflow.InstitutionType{workflow.PerangkatDaerah, workflow.BadanHukum} {
			if problems := workflow.Check(ev, workflow.Facts{Now: now, InstitutionType: ty}); len(problems) > 0 {
				cases[string(ev)+" "+string(ty)] = problems
			}
		}
	}
	for name, problems := range cases {
		if len(problems) == 0 {
			t.Fatalf("%s: the guard found nothing to refuse", name)
		}
		var lines []string
		for _, p := range problems {
			lines = append(lines, p.Message)
			if got := appText(id, p.Message); got != p.Message {
				t.Errorf("%s: Indonesian %q became %q", name, p.Message, got)
			}
			if got := appText(en, p.Message); got == p.Message {
				t.Errorf("%s: no English for %s: %q", name, p.Field, p.Message)
			}
		}
		lead := "Tindakan belum dapat dilakukan: " + strings.Join(lines, " ") // as internal/app's refusal words it
		if got := appText(id, lead); got != lead {
			t.Errorf("%s: Indonesian lead became %q", name, got)
		}
		if got := appText(en, lead); !strings.HasPrefix(got, "The action cannot be taken yet: ") || strings.Contains(got, "belum") {
			t.Errorf("%s: English lead %q", name, got)
		}
	}
	st := workflow.States[len(workflow.States)-1]
	for _, c := range []struct{ msg, en string }{
		{"Jangka waktu diisi angka bulan, 1 sampai 60.", "Enter the term as a number of months, 1 to 60."},
		{"Paling banyak 50 alamat IP.", "At most 50 IP addresses."},
		{"Paling banyak 20 User ID sekaligus.", "At most 20 User IDs at a time."},
		{"Permohonan HA/2026/0007 sudah berpindah tahap (kini: " + st.Label() + "), mungkin oleh pengguna lain. Tindakan Anda tidak dijalankan; muat ulang halaman untuk melihat keadaan terbaru.",
			"Application HA/2026/0007 has moved to another stage (now: " + stateLabel(en, st) + "), perhaps by another user. Your action was not taken; reload the page to see where it stands."},
		{"User ID belum dapat dicatat.", "The User IDs could not be recorded yet."},
		{"Berkas terlalu besar (12,5 MB). Batas ukuran 10 MB.", "The file is too large (12,5 MB). The limit is 10 MB."},
		{"Draf belum dapat disimpan. Periksa isian yang ditandai. Berkas yang Anda pilih belum tersimpan; pilih ulang berkasnya sebelum mengirim kembali.",
			"The draft could not be saved yet. Check the marked fields. The files you chose were not kept; choose them again before sending the form again."},
		{"Data hari libur nasional tahun 2026, 2027 belum diisi: tenggat pada tahun tersebut dihitung tanpa hari libur nasional (hanya akhir pekan).", ""},
		{"Nama lembaga pengguna belum diisi (butir 2a) Alasan yang tidak dikenal", "Nama lembaga pengguna belum diisi (butir 2a) Alasan yang tidak dikenal"}, // partly unknown: as it is
	} {
		if c.en == "" { // the list's holiday banner
			if got := listHolidayWarning(id, c.msg); got != c.msg {
				t.Errorf("Indonesian banner became %q", got)
			}
			if got := listHolidayWarning(en, c.msg); got != "National holidays for 2026, 2027 are not entered: deadlines in those years are counted without them (weekends only)." {
				t.Errorf("English banner %q", got)
			}
			continue
		}
		if got := appText(id, c.msg); got != c.msg {
			t.Errorf("Indonesian %q became %q", c.msg, got)
		}
		if got := appText(en, c.msg); got != c.en {
			t.Errorf("English of %q: want %q, got %q", c.msg, c.en, got)
		}
	}
}
