package letters

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/hakakses/hakakses/internal/workflow"
)

func TestEveryGeneratorWritesAParsableA4PDFWithEmbeddedFonts(t *testing.T) {
	for _, s := range allSamples() {
		t.Run(s.name, func(t *testing.T) {
			b, err := s.gen()
			if err != nil {
				t.Fatal(err)
			}
			d := openPDF(t, b)
			if d.r.NumPage() < 1 {
				t.Fatal("no pages")
			}
			for i := 1; i <= d.r.NumPage(); i++ {
				box := mediaBox(d.r.Page(i))
				got := fmt.Sprintf("%.2f %.2f %.2f %.2f",
					box.Index(0).Float64(), box.Index(1).Float64(), box.Index(2).Float64(), box.Index(3).Float64())
				if got != "0.00 0.00 595.28 841.89" {
					t.Errorf("page %d MediaBox = %s, want A4 0 0 595.28 841.89", i, got)
				}
			}
			if !bytes.Contains(b, []byte("/FontFile2")) {
				t.Error("no embedded TrueType font (/FontFile2)")
			}
			// The PDF core fonts (Helvetica, Times…) are never embedded; none
			// may sneak in.
			if bytes.Contains(b, []byte("/Subtype /Type1")) {
				t.Error("uses a non-embedded core font")
			}
			for i := range d.pages {
				want := fmt.Sprintf("Halaman %d dari %d", i+1, len(d.pages))
				if !strings.Contains(d.pageTextNormalized(i), want) {
					t.Errorf("page %d lacks footer %q", i+1, want)
				}
			}
		})
	}
}

func TestForwardingLetterCarriesItemsAToFAndIsSignedOnBehalfOfTheRegent(t *testing.T) {
	app := sampleApp()
	b, err := ForwardingLetter(sampleOffice(), app, sampleMeta())
	if err != nil {
		t.Fatal(err)
	}
	d := openPDF(t, b)
	d.mustContain(t,
		"PEMERINTAH KABUPATEN OGAN KOMERING ILIR",
		"DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL",
		"Nomor : 400.12.4.4/20/DUKCAPIL.OKI/2026",
		"Sifat : Biasa",
		"Lampiran : 1 (satu) berkas",
		"Perihal : Permohonan Persetujuan Pemanfaatan Data Kependudukan",
		"Yth. Direktur Jenderal Kependudukan dan Pencatatan Sipil Kementerian Dalam Negeri di Jakarta",
		"a. "+ItemNamaPengguna+": "+app.InstitutionName,
		"b. "+ItemTujuan+": "+app.Purpose,
		"c. "+ItemElemen,
		"d. "+ItemMetode+": Web Service dan Web Portal",
		"e. "+ItemDataBalikan+": "+app.DataBalikan,
		"f. "+ItemJangkaWaktu+": 2 (dua) tahun",
		"k. Cacat fisik dan/atau mental (Pasal 84), dengan justifikasi: penetapan penerima bantuan sosial",
		"Nomor 460/112/DINSOS/2026 tanggal 2 Maret 2026",
		"Kayuagung, 10 Maret 2026",
		"a.n. BUPATI OGAN KOMERING ILIR",
		"KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL,",
		"Drs. H. AHMAD SYARIFUDDIN, M.Si.",
		"NIP 19700101 199503 1 001",
		"Tembusan: 1. Bupati Ogan Komering Ilir (sebagai laporan);",
	)
	for _, e := range app.Elements {
		d.mustContain(t, e.Letter+". "+e.Name)
	}
}

func TestForwardingLetterOfACityIsSignedOnBehalfOfTheMayor(t *testing.T) {
	office := sampleOffice()
	office.Regency, office.RegencyKind, office.City = "Kota Palembang", "kota", "Palembang"
	b, err := ForwardingLetter(office, sampleApp(), sampleMeta())
	if err != nil {
		t.Fatal(err)
	}
	openPDF(t, b).mustContain(t, "PEMERINTAH KOTA PALEMBANG", "a.n. WALI KOTA PALEMBANG", "Palembang, 10 Maret 2026",
		"Wali Kota Palembang (sebagai laporan)")
}

func TestForwardingLetterOfABadanHukumStatesItsEligibility(t *testing.T) {
	bh := sampleBadanHukum()
	b, err := ForwardingLetter(sampleOffice(), bh, sampleMeta())
	if err != nil {
		t.Fatal(err)
	}
	openPDF(t, b).mustContain(t,
		"(badan hukum Indonesia)",
		"selaku Direktur Utama PT Bank Perekonomian Rakyat Kayuagung Sejahtera",
		"tidak memiliki hubungan vertikal dengan badan hukum Indonesia di tingkat pusat dan di tingkat provinsi",
		"bb. Sidik jari (Pasal 84)",
		"f. "+ItemJangkaWaktu+": 18 (delapan belas) bulan",
	)
}

func TestPKSContainsEveryRequiredClauseAndBothProhibitions(t *testing.T) {
	office, app := sampleOffice(), sampleApp()
	clauses := DefaultPKSClauses(office, app)
	if m := MissingClauses(clauses); len(m) != 0 {
		t.Fatalf("default clauses lack %v", m)
	}
	b, err := PKS(office, app, sampleAgreementMeta(), clauses)
	if err != nil {
		t.Fatal(err)
	}
	d := openPDF(t, b)
	for i, c := range clauses {
		d.mustContain(t, fmt.Sprintf("Pasal %d %s", i+1, strings.ToUpper(c.Title)))
	}
	for _, k := range workflow.RequiredClauses {
		d.mustContain(t, strings.ToUpper(requiredClauseTitles[k]))
	}
	d.mustContain(t,
		"PARA PIHAK dilarang memberikan Data Kependudukan kepada pihak ketiga.",
		"PARA PIHAK dilarang menggunakan Data Kependudukan tidak sesuai dengan Perjanjian Kerja Sama ini.",
		"tidak dipungut biaya",
		"setiap semester",
		"Undang-Undang Nomor 24 Tahun 2013",
		"Peraturan Menteri Dalam Negeri Nomor 102 Tahun 2019",
		"Peraturan Menteri Dalam Negeri Nomor 17 Tahun 2023",
		"Pada hari ini Senin tanggal enam bulan April tahun dua ribu dua puluh enam, bertempat di Kayuagung",
		"NOMOR: 400.12.4.4/31/PKS/DUKCAPIL.OKI/2026",
		"NOMOR: 460/140/PKS/DINSOS/2026",
		"Surat Direktur Jenderal Kependudukan dan Pencatatan Sipil Nomor 400.8/1234/Dukcapil tanggal 24 Maret 2026",
		"berlaku untuk jangka waktu 2 (dua) tahun",
		"1. Nomor Kartu Keluarga (KK);",
	)
}

func TestPKSIsSignedByTheKepalaDisdukcapilAndTheInstitutionsHead(t *testing.T) {
	office := sampleOffice()
	tests := []struct {
		name string
		app  Application
		want []string
	}{
		{"perangkat daerah: its kepala", sampleApp(), []string{
			"PIHAK KEDUA, KEPALA DINAS SOSIAL KABUPATEN OGAN KOMERING ILIR,",
			"SITI AMINAH, S.Sos., M.M.", "NIP 19750505 200003 2 002",
		}},
		{"badan hukum: its pimpinan", sampleBadanHukum(), []string{
			"DIREKTUR UTAMA PT BANK PEREKONOMIAN RAKYAT KAYUAGUNG SEJAHTERA,",
			"Ir. BUDI SANTOSO",
			"masing-masing bermeterai cukup",
			"Penerimaan Negara Bukan Pajak",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := PKS(office, tt.app, sampleAgreementMeta(), DefaultPKSClauses(office, tt.app))
			if err != nil {
				t.Fatal(err)
			}
			d := openPDF(t, b)
			d.mustContain(t, tt.want...)
			d.mustContain(t, "PIHAK PERTAMA, KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KABUPATEN OGAN KOMERING ILIR,",
				"Drs. H. AHMAD SYARIFUDDIN, M.Si.")
		})
	}
}

func TestPKSRefusesATextWithoutARequiredClause(t *testing.T) {
	office, app := sampleOffice(), sampleApp()
	for _, drop := range workflow.RequiredClauses {
		t.Run(string(drop), func(t *testing.T) {
			var clauses []Clause
			for _, c := range DefaultPKSClauses(office, app) {
				if c.Key != drop {
					clauses = append(clauses, c)
				}
			}
			_, err := PKS(office, app, sampleAgreementMeta(), clauses)
			var ie *IncompleteError
			if !errors.Is(err, ErrIncomplete) || !errors.As(err, &ie) {
				t.Fatalf("err = %v, want ErrIncomplete", err)
			}
			if !strings.Contains(err.Error(), requiredClauseTitles[drop]) {
				t.Errorf("error %q does not name the missing clause", err)
			}
		})
	}
}

func TestRequiredClauseWithEmptyBodyCountsAsMissing(t *testing.T) {
	clauses := DefaultPKSClauses(sampleOffice(), sampleApp())
	for i := range clauses {
		if clauses[i].Key == workflow.ClausePembiayaan {
			clauses[i].Body = "  \n "
		}
	}
	got := MissingClauses(clauses)
	if len(got) != 1 || got[0] != workflow.ClausePembiayaan {
		t.Errorf("MissingClauses = %v, want [pembiayaan]", got)
	}
}

func TestLongPKSFlowsOntoSeveralPagesWithPageNumbers(t *testing.T) {
	office, app := sampleOffice(), sampleApp()
	clauses := DefaultPKSClauses(office, app)
	var long []string
	for i := 1; i <= 60; i++ {
		long = append(long, fmt.Sprintf("(%d) Ketentuan tambahan nomor %d yang cukup panjang untuk memenuhi satu baris penuh "+
			"dan membungkus ke baris berikutnya sehingga halaman bertambah.", i, i))
	}
	clauses = append(clauses, Clause{Title: "Ketentuan Tambahan", Body: strings.Join(long, "\n")})
	b, err := PKS(office, app, sampleAgreementMeta(), clauses)
	if err != nil {
		t.Fatal(err)
	}
	d := openPDF(t, b)
	n := len(d.pages)
	if n < 2 {
		t.Fatalf("%d page(s), want at least 2", n)
	}
	for i := range d.pages {
		want := fmt.Sprintf("Halaman %d dari %d", i+1, n)
		if !strings.Contains(d.pageTextNormalized(i), want) {
			t.Errorf("page %d lacks %q", i+1, want)
		}
	}
	d.mustContain(t, "(60) Ketentuan tambahan nomor 60")
	// The signatures are one block: both names on the same page.
	last := d.pageTextNormalized(n - 1)
	if !strings.Contains(last, "SITI AMINAH") || !strings.Contains(last, "AHMAD SYARIFUDDIN") {
		t.Errorf("signatures split across pages; last page: %s", last)
	}
}

func TestDraftAgreementIsMarkedOnEveryPageAndLeavesBlanksForTheSigningDate(t *testing.T) {
	office, app := sampleOffice(), sampleApp()
	meta := AgreementMeta{DraftVersion: 3}
	b, err := PKS(office, app, meta, DefaultPKSClauses(office, app))
	if err != nil {
		t.Fatal(err)
	}
	d := openPDF(t, b)
	for i := range d.pages {
		if !strings.Contains(d.pageTextNormalized(i), "DRAF versi 3") {
			t.Errorf("page %d lacks the draft mark", i+1)
		}
	}
	d.mustContain(t, "Pada hari ini ………… tanggal ………… bulan ………… tahun …………", "NOMOR: …………………")
}

func TestJuknisCoversTheTechnicalChapters(t *testing.T) {
	office, app := sampleOffice(), sampleApp()
	sections := DefaultJuknisSections(office, app)
	b, err := Juknis(office, app, sampleAgreementMeta(), Reference{Number: "PKS/1/2026", Date: time.Date(2026, 4, 6, 0, 0, 0, 0, wib)}, sections)
	if err != nil {
		t.Fatal(err)
	}
	d := openPDF(t, b)
	for i, s := range sections {
		d.mustContain(t, roman(i+1)+". "+strings.ToUpper(s.Title))
	}
	d.mustContain(t,
		"PETUNJUK TEKNIS PELAKSANAAN PERJANJIAN KERJA SAMA",
		"Nomor PKS/1/2026 tanggal 6 April 2026",
		"I. RUANG LINGKUP", "II. ELEMEN DATA KEPENDUDUKAN", "III. METODE AKSES DAN SPESIFIKASI TEKNIS",
		"IV. JARINGAN KOMUNIKASI DATA TERTUTUP DAN IP LAN", "V. KEAMANAN DAN KERAHASIAAN",
		"VI. DATA BALIKAN", "VII. PELAPORAN", "VIII. NARAHUBUNG",
		"1. 10.16.2.15;", "3. 2001:db8:16::15.",
		"a. NIK, 16 (enam belas) digit angka, sebagai kunci;",
		"Web Service: aplikasi PIHAK KEDUA", "Web Portal: petugas PIHAK KEDUA",
		"Rudi Hartono, S.Kom.", "0812-7000-1234",
		"Kayuagung, 6 April 2026",
	)
	if strings.Contains(d.text(), "Card Reader:") {
		t.Error("describes an access method the institution did not ask for")
	}
}

func TestDWHAccessRequestListsTheThreeAttachmentsAndTheIPAddresses(t *testing.T) {
	app := sampleApp()
	refs := DWHReferences{
		Approval: Reference{Number: "400.8/1234/Dukcapil", Date: time.Date(2026, 3, 24, 0, 0, 0, 0, wib)},
		PKS:      Reference{Number: "PKS/31/2026", Date: time.Date(2026, 4, 6, 0, 0, 0, 0, wib)},
		Juknis:   Reference{Number: "JUKNIS/32/2026"},
	}
	b, err := DWHAccessRequest(sampleOffice(), app, sampleMeta(), refs)
	if err != nil {
		t.Fatal(err)
	}
	d := openPDF(t, b)
	d.mustContain(t, AttachmentPKS, AttachmentJuknis, AttachmentNetworkStatement,
		"Lampiran : 3 (tiga) berkas",
		"Permohonan Persetujuan Akses DWH (Data Warehouse) Terpusat bagi Dinas Sosial Kabupaten Ogan Komering Ilir",
		"Nomor PKS/31/2026 tanggal 6 April 2026",
		"User ID data balikan daerah",
		"No. Alamat IP LAN",
	)
	for _, ip := range app.IPAddresses {
		d.mustContain(t, ip)
	}
	// The Disdukcapil writes in its own name here, not the regent's.
	if strings.Contains(d.text(), "a.n. BUPATI") {
		t.Error("DWH request signed on the regent's behalf")
	}
}

func TestHandoverRecordListsEveryUserIDAndNoPassword(t *testing.T) {
	app := sampleApp()
	meta := sampleMeta()
	b, err := HandoverRecord(sampleOffice(), app, meta, Handover{
		DWHApproval: Reference{Number: "400.8/2000/Dukcapil", Date: time.Date(2026, 4, 20, 0, 0, 0, 0, wib)},
	})
	if err != nil {
		t.Fatal(err)
	}
	d := openPDF(t, b)
	for _, u := range app.UserIDs {
		d.mustContain(t, u.ID, u.Description)
	}
	d.mustContain(t,
		"BERITA ACARA SERAH TERIMA USER ID",
		"Pada hari ini Selasa tanggal sepuluh bulan Maret tahun dua ribu dua puluh enam",
		PasswordNotice,
		"yang selanjutnya disebut PIHAK PERTAMA (yang menyerahkan)",
		"yang selanjutnya disebut PIHAK KEDUA (yang menerima)",
		"Yang Menerima,", "Yang Menyerahkan,",
		"Nama : SITI AMINAH, S.Sos., M.M.",
		"berdasarkan surat Nomor 400.8/2000/Dukcapil tanggal 20 April 2026",
	)
}

func TestHandoverRecordNamesTheRecipientGiven(t *testing.T) {
	b, err := HandoverRecord(sampleOffice(), sampleApp(), sampleMeta(), Handover{
		Recipient: Signatory{Name: "Rudi Hartono, S.Kom.", Position: "Pranata Komputer"},
	})
	if err != nil {
		t.Fatal(err)
	}
	openPDF(t, b).mustContain(t, "Nama : Rudi Hartono, S.Kom.", "Jabatan : Pranata Komputer")
}

func TestGeneratorsRefuseIncompleteInput(t *testing.T) {
	office, meta := sampleOffice(), sampleMeta()
	tests := []struct {
		name    string
		gen     func() error
		missing string
	}{
		{"forwarding letter without a number", func() error {
			m := meta
			m.Number = ""
			_, err := ForwardingLetter(office, sampleApp(), m)
			return err
		}, "nomor surat"},
		{"forwarding letter without elements", func() error {
			a := sampleApp()
			a.Elements = nil
			_, err := ForwardingLetter(office, a, meta)
			return err
		}, ItemElemen},
		{"forwarding letter with an unjustified protected element", func() error {
			a := sampleApp()
			a.Elements = []Element{{Letter: "cc", Name: "Iris mata", Protected: true}}
			_, err := ForwardingLetter(office, a, meta)
			return err
		}, "justifikasi elemen Iris mata (Pasal 84)"},
		{"forwarding letter without a term", func() error {
			a := sampleApp()
			a.TermMonths = 0
			_, err := ForwardingLetter(office, a, meta)
			return err
		}, ItemJangkaWaktu},
		{"DWH request with an invalid IP address", func() error {
			a := sampleApp()
			a.IPAddresses = []string{"10.0.0.300"}
			_, err := DWHAccessRequest(office, a, meta, DWHReferences{PKS: Reference{Number: "1"}})
			return err
		}, `"10.0.0.300"`},
		{"handover without User IDs", func() error {
			a := sampleApp()
			a.UserIDs = nil
			_, err := HandoverRecord(office, a, meta, Handover{})
			return err
		}, "User ID yang diserahkan"},
		{"office without its Kepala", func() error {
			o := office
			o.KepalaName = ""
			_, err := Juknis(o, sampleApp(), AgreementMeta{}, Reference{}, DefaultJuknisSections(o, sampleApp()))
			return err
		}, "nama Kepala Dinas"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.gen()
			if !errors.Is(err, ErrIncomplete) {
				t.Fatalf("err = %v, want ErrIncomplete", err)
			}
			if !strings.Contains(err.Error(), tt.missing) {
				t.Errorf("error %q does not mention %q", err, tt.missing)
			}
		})
	}
}

func TestSameInputGivesByteIdenticalPDF(t *testing.T) {
	for _, s := range allSamples() {
		t.Run(s.name, func(t *testing.T) {
			a, err := s.gen()
			if err != nil {
				t.Fatal(err)
			}
			b, err := s.gen()
			if err != nil {
				t.Fatal(err)
			}
			if sha256.Sum256(a) != sha256.Sum256(b) {
				t.Error("two runs differ; a stored document's SHA-256 would not be reproducible")
			}
		})
	}
}

func TestOfficeLogoIsDrawnAndAnUnreadableOneRefused(t *testing.T) {
	office := sampleOffice()
	office.Logo = sampleLogo()
	b, err := ForwardingLetter(office, sampleApp(), sampleMeta())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte("/Subtype /Image")) {
		t.Error("logo not drawn")
	}
	openPDF(t, b).mustContain(t, "PEMERINTAH KABUPATEN OGAN KOMERING ILIR")

	office.Logo = []byte("GIF89a not really")
	if _, err := ForwardingLetter(office, sampleApp(), sampleMeta()); err == nil {
		t.Error("accepted a logo that is neither PNG nor JPEG")
	}
}

func TestFreeTextWithControlCharactersAndEmojiStillRenders(t *testing.T) {
	app := sampleApp()
	app.Purpose = "Verifikasi\tdata\x00 penerima 🙂 bantuan — “tahap I”"
	b, err := ForwardingLetter(sampleOffice(), app, sampleMeta())
	if err != nil {
		t.Fatal(err)
	}
	openPDF(t, b).mustContain(t, "Verifikasi data penerima ? bantuan — “tahap I”")
}

// TestPdftotextReadsTheTextBack checks what the pure-Go extraction above
// cannot: that the ToUnicode map lets a real PDF tool copy and search the
// text, accents and dashes included. It needs poppler-utils.
func TestPdftotextReadsTheTextBack(t *testing.T) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Fatal("pdftotext not installed: apt-get install poppler-utils (.ci/run does)")
	}
	app := sampleApp()
	app.Purpose = "Verifikasi data — “penerima” bantuan"
	b, err := ForwardingLetter(sampleOffice(), app, sampleMeta())
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(b)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	for _, want := range []string{
		"a.n. BUPATI OGAN KOMERING ILIR", "Verifikasi data — “penerima” bantuan", "nama Pengguna", "Halaman 1 dari",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("pdftotext output lacks %q:\n%s", want, text)
		}
	}
}
