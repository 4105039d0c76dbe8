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
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// The words of the application pages (lists, queue, inbox, draft form, detail,
// action forms, dashboards, report, survey, after signing) that must not show
// in the other language. Proper names stay in both: Disdukcapil, Ditjen/Dirjen
// Dukcapil, PKS, Juknis, DWH Terpusat, data balikan, the regency's name.
var (
	indonesianAppWords = append([]string{"Tahap", "Menunggu", "Sejak", "Sebelumnya", "Berikutnya", "Terapkan", "Cari", "Semua",
		"Belum", "Sisa", "Terlambat", "Nomor", "Lembaga", "Tenggat", "Antrean", "Kotak masuk", "Tindakan", "Riwayat", "Dokumen",
		"Tahapan", "Lampiran", "Tanggal", "Surat", "Isian", "draf", "Unduh", "Hapus", "bulan", "Alasan", "Tujuan", "atau"}, indonesianWords...)
	englishAppWords = append([]string{"Stage", "Waiting", "Since", "Previous", "Next", "Apply", "Search", "All", "left",
		"Overdue", "Number", "Institution", "Deadline", "Work queue", "inbox", "Actions", "History", "Documents", "Attachments",
		"Date", "letter", "draft", "Download", "Remove", "months", "Reason", "Purpose", "or"}, englishWords...)
)

// fixtureText is what the test's lembaga typed and uploaded (completeDraft):
// user data, shown as typed whatever the page's language.
var fixtureText = []string{"Verifikasi data penerima layanan kesehatan daerah berbasis NIK.",
	"Status kepesertaan per NIK, dikirim setiap bulan.", "surat.pdf", "persetujuan.pdf", "pks.pdf", "juknis.pdf",
	"Drs. H. Ahmad Syafei, M.Si", "dr. H. Iwan Setiawan, M.Kes", "Kepala Dinas Kesehatan"}

// documentText is the PKS and Juknis text in their editors: the legal
// documents, which stay Indonesian in either language (docs/i18n.md).
var documentText = regexp.MustCompile(`(?s)<textarea[^>]*>.*?</textarea>|<span class="pasal-(?:title|first)">.*?</span>`)

// TestApplicationPagesSpeakOneLanguage renders the application pages of each
// role in English and in Bahasa Indonesia and fails on a common word of the
// other language, or when a sample of the page's own language is missing (an
// empty page would otherwise pass).
func TestApplicationPagesSpeakOneLanguage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	submitted := e.notifSubmitted() // a running SLA clock in the queue
	forwarded := e.forwarded()      // in the Dirjen's inbox
	draft := e.completeDraft()
	signed := e.signedDemo() // the agreement's panels, the signing's history details
	negotiating := e.approved()
	clauses, sections := e.defaultAgreement(negotiating)
	e.fireAs("petugas", negotiating, app.Action{Event: workflow.PrepareAgreement, Form: agreementValues(clauses, sections)})
	active := e.activeDemo()        // reports, data balikan, sanctions' forms
	withdrawn := e.notifSubmitted() // its satisfaction survey
	e.fireAs("lembaga", withdrawn, app.Action{Event: workflow.Withdraw})
	if _, err := e.App.SendReminders(context.Background()); err != nil {
		t.Fatal(err)
	}
	var survey int64
	if err := e.DB.ReadTx(context.Background(), store.System(), func(tx pgx.Tx) error {
		return tx.QueryRow(context.Background(), `SELECT id FROM satisfaction_surveys WHERE application_id = $1`, withdrawn).Scan(&survey)
	}); err != nil {
		t.Fatal(err)
	}
	_, _ = submitted, forwarded

	type page struct {
		role, path string
		en, id     []string // samples each language must show
	}
	pages := []page{
		{"lembaga", "/oki/lembaga/", []string{"My applications", "Access-right applications of", "Waiting on", "Page 1"},
			[]string{"Permohonan saya", "Permohonan hak akses", "Menunggu", "Halaman 1"}},
		{"petugas", "/oki/kantor/", []string{"Work queue of Disdukcapil", "2-working-day standard", " left", "All stages (except drafts)", "Apply"},
			[]string{"Antrean kerja Disdukcapil", "Standar 2 hari kerja", "Sisa ", "Semua tahap (kecuali draf)", "Terapkan"}},
		{"petugas", "/oki/kantor/?q=tidak-ada-sama-sekali", []string{"No application matches the filters.", "Show everything"},
			[]string{"Tidak ada permohonan yang sesuai dengan saringan.", "Tampilkan semua"}},
		{"dirjen", "/dirjen/", []string{"National inbox", "Waiting on the Director General", "Search by number, institution or regency/city"},
			[]string{"Kotak masuk nasional Ditjen Dukcapil", "Menunggu Dirjen", "Cari nomor, lembaga atau kabupaten/kota"}},
		{"dirjen", "/dirjen/?tahap=semua", []string{"Forwarded to the Director General", "Province"},
			[]string{"Diteruskan", "Provinsi"}},
		{"lembaga", fmt.Sprintf("/oki/lembaga/permohonan/%d/ubah", draft),
			[]string{"Access-right application form", "b. Purpose of using population data", "Family card number (KK)", "Article 84",
				"Web Service", "The head's request letter (signed)", "Save and submit", "Get the template (PDF)"},
			[]string{"Isian permohonan hak akses", "b. Tujuan pemanfaatan data kependudukan", "Nomor Kartu Keluarga (KK)", "Pasal 84",
				"Card Reader (pembaca KTP-el)", "Surat permohonan pimpinan (ditandatangani)", "Simpan dan ajukan", "Unduh format surat (PDF)"}},
		{"lembaga", fmt.Sprintf("/oki/lembaga/permohonan/%d", draft),
			[]string{"Access-right application", "Complete before submitting", "Submit the application", "Application contents (items 2a–f)", "Draft created"},
			[]string{"Permohonan hak akses", "Kelengkapan sebelum diajukan", "Ajukan permohonan", "Isi permohonan (butir 2a–f)", "Draf dibuat"}},
		{"lembaga", fmt.Sprintf("/oki/lembaga/permohonan/%d", forwarded),
			[]string{"Application forwarded to the Director General", "Tracking code:", "Submission receipt (PDF)", "Documents", "version 1"},
			[]string{"Permohonan diteruskan kepada Dirjen Dukcapil", "Kode lacak:", "Bukti pengajuan (PDF)", "Dokumen", "versi 1"}},
		{"petugas", fmt.Sprintf("/oki/kantor/permohonan/%d", submitted),
			[]string{"What you can do", "Reason for returning it (the institution reads this)", "Forward to the Director General",
				"Service standard", "Verification and forwarding to the Director General", "Running", "Deadline:"},
			[]string{"Tindakan yang dapat Anda lakukan", "Alasan pengembalian (dibaca oleh lembaga)", "Teruskan ke Dirjen",
				"Standar pelayanan", "Verifikasi dan penerusan ke Dirjen", "Berjalan", "Tenggat:"}},
		{"dirjen", fmt.Sprintf("/dirjen/permohonan/%d", forwarded),
			[]string{"Director General's letter reference", "Approval letter of the Director General", "Reason for rejecting"},
			[]string{"Nomor surat Dirjen", "Surat persetujuan Dirjen Dukcapil", "Alasan penolakan"}},
		{"lembaga", fmt.Sprintf("/oki/lembaga/permohonan/%d", signed),
			[]string{"PKS signed by both parties", "PKS number", "Signing date", "Valid until: 10 March 2027", "11 March 2025 to 10 March 2027",
				"470/123/DUKCAPIL/2025 and 045/77/DINKES/2025"},
			[]string{"PKS ditandatangani kedua pihak", "Nomor PKS", "Tanggal penandatanganan", "Berlaku sampai: 10 Maret 2027", "11 Maret 2025 s.d. 10 Maret 2027",
				"470/123/DUKCAPIL/2025 dan 045/77/DINKES/2025"}},
		{"lembaga", fmt.Sprintf("/oki/lembaga/permohonan/%d", negotiating),
			[]string{"Discussion of the PKS and Juknis drafts", "The whole document", "Comment on draft version 1", "Agree to the PKS and Juknis drafts"},
			[]string{"Pembahasan draf PKS dan Juknis", "Keseluruhan dokumen", "Komentar atas draf versi 1", "Setujui draf PKS dan Juknis"}},
		{"petugas", fmt.Sprintf("/oki/kantor/permohonan/%d", negotiating),
			[]string{"Revise the PKS and Juknis drafts", "Articles marked", "Title of article 1", "Preview the PKS PDF"},
			[]string{"Revisi draf PKS dan Juknis", "Pasal bertanda", "Judul pasal 1", "Pratinjau PDF PKS"}},
		{"lembaga", fmt.Sprintf("/oki/lembaga/permohonan/%d", active),
			[]string{"Half-yearly reports", "Record a data balikan delivery", "Request a PKS addendum", "User IDs handed over to the institution"},
			[]string{"Laporan semester", "Catat penyerahan data balikan", "Ajukan adendum PKS", "User ID diserahkan kepada lembaga"}},
		{"petugas", fmt.Sprintf("/oki/kantor/permohonan/%d", active),
			[]string{"Give a written warning", "Ground for the sanction", "— choose the ground —", "The institution has not recorded any data balikan delivery."},
			[]string{"Beri teguran tertulis", "Dasar sanksi", "— pilih dasar sanksi —", "Lembaga belum mencatat penyerahan data balikan."}},
		{"petugas", "/oki/kantor/dasbor", []string{"Dashboard", "Applications by stage", "90th percentile", "Institutions with active access", "excluding drafts"},
			[]string{"Dasbor", "Permohonan per tahap", "Persentil ke-90", "Lembaga dengan akses aktif", "selain draf"}},
		{"dirjen", "/dirjen/dasbor", []string{"National, every Disdukcapil", "By province", "Ranking by service-standard compliance"},
			[]string{"Nasional, seluruh Disdukcapil", "Per provinsi", "Peringkat kepatuhan standar pelayanan"}},
		{"petugas", "/oki/kantor/laporan", []string{"Service-standard compliance", "Whole year:", "All steps", "January"},
			[]string{"Kepatuhan standar pelayanan", "Sepanjang tahun:", "Semua langkah", "Januari"}},
		{"petugas", "/oki/kantor/ikm", []string{"Public satisfaction index (IKM)", "No survey has been answered yet."},
			[]string{"Indeks Kepuasan Masyarakat", "Belum ada survei yang diisi."}},
		{"lembaga", fmt.Sprintf("/oki/lembaga/survei/%d", survey),
			[]string{"Public satisfaction survey", "Facilities: How good were the facilities?", "4. Very good", "Send the rating"},
			[]string{"Survei Kepuasan Masyarakat", "Sarana dan prasarana: Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?", "4. Sangat baik", "Kirim penilaian"}},
		{"petugas", fmt.Sprintf("/oki/kantor/permohonan/%d", signed),
			[]string{"Disdukcapil internal notes", "Save the note", "Cooperation agreement draft (PKS)"},
			[]string{"Catatan internal Disdukcapil", "Simpan catatan", "Draf Perjanjian Kerja Sama (PKS)"}},
	}
	for _, lang := range []string{"en", "id"} {
		forbidden := indonesianAppWords
		if lang == "id" {
			forbidden = englishAppWords
		}
		clients := map[string]*client{}
		for _, p := range pages {
			c := clients[p.role]
			if c == nil {
				c = e.loginAs(t, p.role)
				if res := c.post("/akun/bahasa", url.Values{"bahasa": {lang}}); res.Status != http.StatusSeeOther {
					t.Fatalf("%s chooses %s: %s", p.role, lang, res)
				}
				clients[p.role] = c
			}
			res := c.get(p.path)
			if res.Status != http.StatusOK || !strings.Contains(res.Body, `<html lang="`+lang+`">`) {
				t.Fatalf("%s %s in %s: %s", p.role, p.path, lang, res)
			}
			text := visibleText(t, documentText.ReplaceAllString(res.Body, "…"), lang)
			for _, typed := range fixtureText {
				text = strings.ReplaceAll(text, typed, "…")
			}
			if found := wordsIn(text, forbidden); len(found) > 0 {
				t.Errorf("%s %s in %s shows %q:\n%s", p.role, p.path, lang, found, text)
			}
			want := p.en
			if lang == "id" {
				want = p.id
			}
			for _, w := range want {
				if !strings.Contains(text, w) {
					t.Errorf("%s %s in %s lacks %q:\n%s", p.role, p.path, lang, w, text)
				}
			}
		}
		// Shared demo accounts leave as they came.
		for _, c := range clients {
			c.post("/akun/bahasa", url.Values{"bahasa": {"id"}})
		}
	}
}

// TestActionInEnglish: an action fired from an English page is confirmed in
// English, and a refused one says why in English beside the form.
func TestActionInEnglish(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.notifSubmitted()
	petugas := e.loginAs(t, "petugas")
	if res := petugas.post("/akun/bahasa", url.Values{"bahasa": {"en"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("choose English: %s", res)
	}
	defer petugas.post("/akun/bahasa", url.Values{"bahasa": {"id"}})
	path := fmt.Sprintf("/oki/kantor/permohonan/%d", id)

	res := petugas.post(path+"/aksi/return", url.Values{"version": {"0"}, "reason": {"Surat permohonan belum ditandatangani."}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("a stale version: want 303 back to the form, got %s", res)
	}
	if page := petugas.get(path); !strings.Contains(page.Body, "What you can do") || strings.Contains(page.Body, "berhasil dicatat") {
		t.Errorf("a refused return: the page is not English: %s", page)
	}

	res = petugas.post(path+"/aksi/return", url.Values{"version": {fmt.Sprint(e.appVersion(id))}, "reason": {"Surat permohonan belum ditandatangani."}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("return: %s", res)
	}
	page := petugas.get(path)
	text := visibleText(t, page.Body, "en")
	for _, want := range []string{"Application returned to the institution — recorded.", "Reason: Surat permohonan belum ditandatangani."} {
		if !strings.Contains(text, want) {
			t.Errorf("after the return, the page lacks %q:\n%s", want, text)
		}
	}
}

// activeDemo is a demo application walked to active (the User ID handed
// over), with its first semester report filed and awaiting review.
func (e *env) activeDemo() int64 {
	e.t.Helper()
	id := e.signedDemo()
	today := e.Clock.Now().Format("2006-01-02")
	e.fireAs("lembaga", id, app.Action{Event: workflow.RequestUserID, Form: url.Values{"ip_addresses": {"10.20.30.0/24"},
		"closed_network_statement_number": {"045/91/DINKES/2025"}, "closed_network_statement_date": {today}},
		Files: map[string]app.Upload{app.DocUserIDRequest: {Filename: "user-id.pdf", Content: testPDF}, app.DocClosedNetwork: {Filename: "jaringan.pdf", Content: testPDF}}})
	e.fireAs("petugas", id, app.Action{Event: workflow.RequestDWH})
	e.fireAs("dirjen", id, app.Action{Event: workflow.ApproveDWH, Form: url.Values{"user_ids": {"dinkes.oki.ws01;verifikasi"},
		"data_balikan_user_id": {"dukcapil.oki.db01"}, "letter_number": {"400.8/2000/Dukcapil"}, "letter_date": {today}},
		Files: map[string]app.Upload{app.DocDWHApproval: {Filename: "persetujuan-dwh.pdf", Content: testPDF}}})
	e.fireAs("petugas", id, app.Action{Event: workflow.HandOver})
	return id
}

// TestReportChoicesInEnglish: the report forms list this application's
// semesters and filed reports; English words them itself, Indonesian keeps
// the app's wording.
func TestReportChoicesInEnglish(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.activeDemo()
	lembaga, petugas := e.loginAs(t, "lembaga"), e.loginAs(t, "petugas")
	for _, c := range []*client{lembaga, petugas} {
		c.post("/akun/bahasa", url.Values{"bahasa": {"en"}})
		defer c.post("/akun/bahasa", url.Values{"bahasa": {"id"}})
	}
	page := lembaga.get(fmt.Sprintf("/oki/lembaga/permohonan/%d", id))
	text := visibleText(t, page.Body, "en")
	for _, want := range []string{"Send the half-yearly report", "First half of 2025 (due by 31 July 2025)", "Half-yearly reports", "Not due yet"} {
		if !strings.Contains(text, want) {
			t.Errorf("the lembaga's page lacks %q:\n%s", want, text)
		}
	}
	if found := wordsIn(text, []string{"batas", "Semester I", "Belum jatuh tempo"}); len(found) > 0 {
		t.Errorf("the lembaga's English page shows %q", found)
	}
	e.fireAs("lembaga", id, app.Action{Event: workflow.FileReport, Form: url.Values{"semester": {"2025-1"}},
		Files: map[string]app.Upload{app.DocReport: {Filename: "laporan.pdf", Content: testPDF}}})
	text = visibleText(t, petugas.get(fmt.Sprintf("/oki/kantor/permohonan/%d", id)).Body, "en")
	for _, want := range []string{"Accept the half-yearly report", "First half of 2025, sent 11 March 2025", "Awaiting review"} {
		if !strings.Contains(text, want) {
			t.Errorf("the office's page lacks %q:\n%s", want, text)
		}
	}
	petugas.post("/akun/bahasa", url.Values{"bahasa": {"id"}})
	if body := petugas.get(fmt.Sprintf("/oki/kantor/permohonan/%d", id)).Body; !strings.Contains(body, "Semester 2025-1, dikirim 11 Maret 2025") {
		t.Errorf("Indonesian keeps the app's wording of a filed report:\n%s", visibleText(t, body, "id"))
	}
}
