package server_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/store"
)

// trackingCode reads an application's tracking code.
func (e *env) trackingCode(id int64) string {
	e.t.Helper()
	ctx := context.Background()
	var code string
	if err := e.DB.ReadTx(ctx, store.System(), func(tx pgx.Tx) error {
		return tx.QueryRow(ctx, `SELECT tracking_code FROM applications WHERE id = $1`, id).Scan(&code)
	}); err != nil {
		e.t.Fatal(err)
	}
	return code
}

// Submitting from the page confirms it with a link to the bukti pengajuan; the
// PDF, read back with pdftotext, carries the real number, tracking code,
// institution, office, submission time and the 2-working-day deadline, on one
// page. The link stays on the detail page; a draft has none.
func TestSubmissionReceipt(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.completeDraft()
	lembaga := e.loginAs(t, "lembaga")
	base := fmt.Sprintf("/oki/lembaga/permohonan/%d", id)
	if res := lembaga.get(base + "/bukti-pengajuan.pdf"); res.Status != 422 {
		t.Fatalf("receipt of a draft: %s, want 422", res)
	}
	if strings.Contains(lembaga.get(base).Body, `data-testid="receipt"`) {
		t.Fatalf("a draft offers a bukti pengajuan")
	}
	res := lembaga.post(base+"/aksi/submit", map[string][]string{"version": {strconv.Itoa(e.appVersion(id))}})
	if res.Status != 303 || res.Location() != base {
		t.Fatalf("submit: %s", res)
	}
	page := lembaga.get(base)
	doc := parseHTML(t, page.Body)
	confirm := byTestID(doc, "submitted-confirmation")
	if confirm == nil {
		t.Fatalf("no confirmation after submitting:\n%s", page.Body)
	}
	for _, testID := range []string{"receipt-confirmation", "receipt"} {
		if a := byTestID(doc, testID); a == nil || attr(a, "href") != base+"/bukti-pengajuan.pdf" {
			t.Errorf("link %s to the receipt missing", testID)
		}
	}
	// The confirmation is shown once; the link on the page stays.
	again := parseHTML(t, lembaga.get(base).Body)
	if byTestID(again, "submitted-confirmation") != nil || byTestID(again, "receipt") == nil {
		t.Errorf("on the next view: confirmation %v, link %v; want no confirmation, the link",
			byTestID(again, "submitted-confirmation") != nil, byTestID(again, "receipt") != nil)
	}

	pdf := lembaga.get(base + "/bukti-pengajuan.pdf")
	if pdf.Status != 200 || pdf.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("receipt: %d %s", pdf.Status, pdf.Header.Get("Content-Type"))
	}
	txt := pdftotext(t, []byte(pdf.Body))
	var number string
	ctx := context.Background()
	e.DB.ReadTx(ctx, store.System(), func(tx pgx.Tx) error {
		return tx.QueryRow(ctx, `SELECT number FROM applications WHERE id = $1`, id).Scan(&number)
	})
	// demoNow is Tuesday 11 March 2025, 09.00 WIB: working day 1; the deadline is
	// the close of working day 2.
	for _, want := range []string{"BUKTI PENGAJUAN PERMOHONAN", number, e.trackingCode(id),
		"Dinas Kesehatan Kabupaten Ogan Komering Ilir",
		"Dinas Kependudukan dan Pencatatan Sipil Kabupaten Ogan Komering Ilir",
		"Selasa, 11 Maret 2025 pukul 09.00 WIB", "2 (dua) hari kerja",
		"Batas waktu verifikasi", ": Rabu, 12 Maret 2025 pukul 16.00 WIB", "paling lambat Rabu, 12 Maret 2025 pukul 16.00 WIB", "http://localhost/oki/lacak", "Langkah selanjutnya"} {
		if !strings.Contains(txt, want) {
			t.Errorf("receipt lacks %q:\n%s", want, txt)
		}
	}
	if n := pdfPages(t, []byte(pdf.Body)); n != 1 {
		t.Errorf("receipt has %d pages, want 1", n)
	}
	// Another institution's lembaga does not get it.
	colleagueElsewhere := e.newClient(t)
	oku := e.onboardOKU()
	colleagueElsewhere.login(oku.LembagaEmail, oku.Password)
	if res := colleagueElsewhere.get(base + "/bukti-pengajuan.pdf"); res.Status != 404 {
		t.Errorf("another tenant's lembaga: %s, want 404", res)
	}
}

// Beside each upload the lembaga writes itself, the form links a fill-in
// format pre-filled with the institution's and the office's names, with blanks
// for the rest: the draft's request letter, and after signing the User ID
// request and the closed-network statement (citing the signed PKS's numbers).
// Papers issued by others have none.
func TestDocumentFormats(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	lembaga := e.loginAs(t, "lembaga")
	draft := e.completeDraft()
	base := fmt.Sprintf("/oki/lembaga/permohonan/%d", draft)
	doc := parseHTML(t, lembaga.get(base+"/ubah").Body)
	link := byTestID(doc, "template-surat_permohonan")
	if link == nil || attr(link, "href") != base+"/format/surat_permohonan" {
		t.Fatalf("no format link beside the request letter's upload")
	}
	res := lembaga.get(attr(link, "href"))
	if res.Status != 200 || res.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("request letter format: %s", res)
	}
	txt := pdftotext(t, []byte(res.Body))
	for _, want := range []string{"FORMAT — lengkapi bagian bertitik", "DINAS KESEHATAN KABUPATEN OGAN KOMERING ILIR",
		"Bupati Ogan Komering Ilir", "c.q. Kepala Dinas Kependudukan dan Pencatatan Sipil Kabupaten Ogan Komering Ilir",
		"Permohonan Kerja Sama Pemanfaatan Data Kependudukan melalui Hak Akses",
		"a. Nama pengguna", ": Dinas Kesehatan Kabupaten Ogan Komering Ilir", ": Nomor Induk Kependudukan (NIK), Nama lengkap",
		"Verifikasi data penerima layanan kesehatan daerah berbasis NIK", "Nomor Sifat Lampiran Perihal : …………………"} {
		if !strings.Contains(txt, want) {
			t.Errorf("request letter format lacks %q:\n%s", want, txt)
		}
	}
	// A perangkat daerah uploads no badan hukum papers; a deed has no format.
	for _, kind := range []string{"akta_pendirian", "rekomendasi_instansi_pembina", "bukan_jenis"} {
		if res := lembaga.get(base + "/format/" + kind); res.Status != 404 {
			t.Errorf("format %s: %s, want 404", kind, res)
		}
	}

	signed := e.signedDemo()
	base = fmt.Sprintf("/oki/lembaga/permohonan/%d", signed)
	form := actionFormNode(t, lembaga.get(base).Body, "request_user_id")
	for kind, wants := range map[string][]string{
		"surat_permohonan_user_id": {"Permohonan User ID dan Pendaftaran IP LAN", "Yth. Kepala Dinas Kependudukan dan Pencatatan Sipil Kabupaten Ogan Komering Ilir",
			"Perjanjian Kerja Sama Nomor 470/123/DUKCAPIL/2025 dan 045/77/DINKES/2025 tanggal 11 Maret 2025", "Alamat IP LAN"},
		"pernyataan_jaringan_tertutup": {"SURAT PERNYATAAN JARINGAN TERTUTUP", "Nama Jabatan Instansi Alamat", ": Dinas Kesehatan Kabupaten Ogan Komering Ilir",
			"Meterai Rp10.000", "Nomor: …………………"},
	} {
		a := findAll(form, func(n nodeT) bool { return attr(n, "data-testid") == "template-"+kind })
		if len(a) != 1 {
			t.Errorf("no format link beside %s", kind)
			continue
		}
		res := lembaga.get(attr(a[0], "href"))
		if res.Status != 200 {
			t.Errorf("format %s: %s", kind, res)
			continue
		}
		txt := pdftotext(t, []byte(res.Body))
		for _, want := range wants {
			if !strings.Contains(txt, want) {
				t.Errorf("format %s lacks %q:\n%s", kind, want, txt)
			}
		}
	}
	// Staff see the same action pages without the lembaga's formats.
	petugas := e.loginAs(t, "petugas")
	if strings.Contains(petugas.get(fmt.Sprintf("/oki/kantor/permohonan/%d/", signed)).Body, "Unduh format surat") {
		t.Errorf("staff are offered the lembaga's formats")
	}
}
