package letters

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hakakses/hakakses/internal/workflow"
)

// pdftotext reads a PDF back with poppler, as a reviewer's PDF viewer would,
// and returns one string per page with white space collapsed.
func pdftotext(t *testing.T, b []byte) []string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Fatal("pdftotext not installed: apt-get install poppler-utils (.ci/run does)")
	}
	cmd := exec.Command(bin, "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(b)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(strings.TrimRight(string(out), "\f"), "\f")
	for i, p := range pages {
		pages[i] = strings.Join(strings.Fields(p), " ")
	}
	return pages
}

func allText(pages []string) string { return strings.Join(pages, " ") }

func requireText(t *testing.T, text string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("text lacks %q\n--- text ---\n%s", w, text)
		}
	}
}

func forbidText(t *testing.T, text string, unwanted ...string) {
	t.Helper()
	for _, w := range unwanted {
		if strings.Contains(text, w) {
			t.Errorf("text contains %q\n--- text ---\n%s", w, text)
		}
	}
}

func TestForwardingLetterCitesTheLembagasOwnLetterNumberAndDate(t *testing.T) {
	b, err := ForwardingLetter(sampleOffice(), sampleApp(), sampleMeta())
	if err != nil {
		t.Fatal(err)
	}
	text := allText(pdftotext(t, b))
	requireText(t, text, "Nomor 460/112/DINSOS/2026 tanggal 2 Maret 2026")
	forbidText(t, text, "HA-OKI-2026-0007")
}

func TestForwardingLetterCitesABadanHukumsEligibilityDocumentsTruthfully(t *testing.T) {
	office := sampleOffice()
	t.Run("statement and recommendation on file are cited by number and date", func(t *testing.T) {
		a := sampleBadanHukum()
		a.Eligibility = Eligibility{
			StatementOnFile:      true,
			Statement:            Reference{Number: "12/BPR-KS/III/2026", Date: time.Date(2026, 3, 2, 0, 0, 0, 0, wib)},
			RecommendationOnFile: true,
			Recommendation:       Reference{Number: "S-45/KO.0701/2026", Date: time.Date(2026, 2, 20, 0, 0, 0, 0, wib)},
			RecommendedBy:        "Otoritas Jasa Keuangan Kantor Regional 7",
		}
		b, err := ForwardingLetter(office, a, sampleMeta())
		if err != nil {
			t.Fatal(err)
		}
		requireText(t, allText(pdftotext(t, b)),
			"sebagaimana dinyatakan dalam surat pernyataan Direktur Utama PT Bank Perekonomian Rakyat Kayuagung Sejahtera Nomor 12/BPR-KS/III/2026 tanggal 2 Maret 2026",
			"rekomendasi Otoritas Jasa Keuangan Kantor Regional 7 Nomor S-45/KO.0701/2026 tanggal 20 Februari 2026 yang terlampir")
	})
	t.Run("nothing on file: nothing is said to be attached", func(t *testing.T) {
		b, err := ForwardingLetter(office, sampleBadanHukum(), sampleMeta())
		if err != nil {
			t.Fatal(err)
		}
		text := allText(pdftotext(t, b))
		requireText(t, text, "belum dilampirkan")
		forbidText(t, text, "yang terlampir")
	})
}

func sampleDWHRefs() DWHReferences {
	signed := time.Date(2026, 4, 6, 0, 0, 0, 0, wib)
	return DWHReferences{
		Approval:            Reference{Number: "400.8/1234/Dukcapil", Date: time.Date(2026, 3, 24, 0, 0, 0, 0, wib)},
		PKS:                 Reference{Number: "470/123/DUKCAPIL/2026", Date: signed},
		PKSPartnerNumber:    "045/77/DINKES/2026",
		Juknis:              Reference{Number: "470/124/DUKCAPIL/2026"},
		JuknisPartnerNumber: "045/78/DINKES/2026",
		UserIDRequest:       Reference{Number: "045/90/DINKES/2026", Date: time.Date(2026, 4, 8, 0, 0, 0, 0, wib)},
		NetworkStatement:    Reference{Number: "045/91/DINKES/2026", Date: time.Date(2026, 4, 8, 0, 0, 0, 0, wib)},
	}
}

func TestDWHRequestCitesBothPKSNumbersTheJuknisNumbersTheSigningDateAndTheStatement(t *testing.T) {
	b, err := DWHAccessRequest(sampleOffice(), sampleApp(), sampleMeta(), sampleDWHRefs())
	if err != nil {
		t.Fatal(err)
	}
	text := allText(pdftotext(t, b))
	requireText(t, text,
		"Nomor 470/123/DUKCAPIL/2026 dan Nomor 045/77/DINKES/2026 yang ditandatangani pada tanggal 6 April 2026",
		AttachmentPKS+" Nomor 470/123/DUKCAPIL/2026 dan Nomor 045/77/DINKES/2026 tanggal 6 April 2026",
		AttachmentJuknis+" Nomor 470/124/DUKCAPIL/2026 dan Nomor 045/78/DINKES/2026 tanggal 6 April 2026",
		"Tertutup dari Lembaga Pengguna Nomor 045/91/DINKES/2026 tanggal 8 April 2026",
		"Nomor 045/90/DINKES/2026 tanggal 8 April 2026",
	)
	forbidText(t, text, "HA-OKI-2026-0007")
}

func TestHandoverRecordListsUserIDsWithTheirCategoryAndTheHeadsNIP(t *testing.T) {
	app := sampleApp()
	app.UserIDs = []UserID{
		{ID: "dinkes_oki.verif", Category: "verifikasi", Description: "Web Service"},
		{ID: "dinkes_oki.pemanfaatan", Category: "pemanfaatan", Description: "Web Portal"},
	}
	b, err := HandoverRecord(sampleOffice(), app, sampleMeta(), Handover{})
	if err != nil {
		t.Fatal(err)
	}
	text := allText(pdftotext(t, b))
	requireText(t, text, "Kategori", "dinkes_oki.verif", "verifikasi", "dinkes_oki.pemanfaatan", "pemanfaatan",
		": 19750505 200003 2 002", "NIP 19750505 200003 2 002")
	forbidText(t, text, "HA-OKI-2026-0007")

	bh := sampleBadanHukum()
	bh.HeadNIP = "197505052000032002" // typed by mistake: a pimpinan badan hukum has no NIP
	bh.UserIDs = app.UserIDs
	b, err = HandoverRecord(sampleOffice(), bh, sampleMeta(), Handover{})
	if err != nil {
		t.Fatal(err)
	}
	forbidText(t, allText(pdftotext(t, b)), "19750505 200003 2 002")
}

func TestPKSPrintsTheRecordedSignersWithActingPrefixAndNIP(t *testing.T) {
	office, app := sampleOffice(), sampleApp()
	meta := sampleAgreementMeta()
	meta.Signers = Signers{
		Kepala:       Signatory{Name: "Hj. RINA MARLINA, S.E.", NIP: "198002022005012003", Rank: "Pembina (IV/a)"},
		KepalaActing: "Plt.",
		Counterparty: Signatory{Name: "dr. HENDRA WIJAYA, M.Kes.", NIP: "197808082006041004",
			Position: "Kepala Dinas Kesehatan Kabupaten Ogan Komering Ilir"},
	}
	app.InstitutionName = "Dinas Kesehatan Kabupaten Ogan Komering Ilir"
	b, err := PKS(office, app, meta, DefaultPKSClauses(office, app))
	if err != nil {
		t.Fatal(err)
	}
	text := allText(pdftotext(t, b))
	requireText(t, text,
		"Hj. RINA MARLINA, S.E., NIP 19800202 200501 2 003, selaku Plt. Kepala Dinas Kependudukan dan Pencatatan Sipil Kabupaten Ogan Komering Ilir",
		"dr. HENDRA WIJAYA, M.Kes., NIP 19780808 200604 1 004, selaku Kepala Dinas Kesehatan Kabupaten Ogan Komering Ilir",
		"PLT. KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KABUPATEN OGAN KOMERING ILIR,",
		"NIP 19800202 200501 2 003", "NIP 19780808 200604 1 004",
	)
	forbidText(t, text, "AHMAD SYARIFUDDIN", "SITI AMINAH")

	t.Run("an acting Kepala without NIP is refused", func(t *testing.T) {
		m := meta
		m.Signers.Kepala.NIP = ""
		_, err := PKS(office, app, m, DefaultPKSClauses(office, app))
		if err == nil || !strings.Contains(err.Error(), "NIP Plt. Kepala Dinas") {
			t.Errorf("err = %v, want the missing NIP of the Plt. named", err)
		}
	})
}

func TestPKSSendsDataBalikanToTheDitjenThroughTheAplikasiDataBalikan(t *testing.T) {
	office, app := sampleOffice(), sampleApp()
	b, err := PKS(office, app, sampleAgreementMeta(), DefaultPKSClauses(office, app))
	if err != nil {
		t.Fatal(err)
	}
	text := allText(pdftotext(t, b))
	requireText(t, text,
		"memberikan data balikan berbasis Nomor Induk Kependudukan (NIK) kepada Direktur Jenderal Kependudukan dan Pencatatan Sipil melalui aplikasi Data Balikan",
		"sesuai dengan Pasal 38 Peraturan Menteri Dalam Negeri Nomor 102 Tahun 2019 sebagaimana telah diubah dengan Peraturan Menteri Dalam Negeri Nomor 17 Tahun 2023",
	)
	forbidText(t, text, "data balikan berbasis Nomor Induk Kependudukan (NIK) kepada PIHAK PERTAMA",
		"menerima data balikan dari PIHAK KEDUA")

	j, err := Juknis(office, app, sampleAgreementMeta(), Reference{Number: "470/123/DUKCAPIL/2026"}, DefaultJuknisSections(office, app))
	if err != nil {
		t.Fatal(err)
	}
	jt := allText(pdftotext(t, j))
	requireText(t, jt, "Data balikan diberikan kepada Direktur Jenderal Kependudukan dan Pencatatan Sipil melalui aplikasi Data Balikan")
	forbidText(t, jt, "atau kepada PIHAK PERTAMA")
}

func TestEveryKopCarriesTheLambangDaerah(t *testing.T) {
	office, app := sampleOffice(), sampleApp()
	office.Logo = sampleLogo()
	am := sampleAgreementMeta()
	gens := map[string]func() ([]byte, error){
		"surat pengantar": func() ([]byte, error) { return ForwardingLetter(office, app, sampleMeta()) },
		"PKS":             func() ([]byte, error) { return PKS(office, app, am, DefaultPKSClauses(office, app)) },
		"Juknis": func() ([]byte, error) {
			return Juknis(office, app, am, Reference{Number: am.Number}, DefaultJuknisSections(office, app))
		},
		"permohonan akses DWH": func() ([]byte, error) { return DWHAccessRequest(office, app, sampleMeta(), sampleDWHRefs()) },
		"berita acara":         func() ([]byte, error) { return HandoverRecord(office, app, sampleMeta(), Handover{}) },
	}
	bin, err := exec.LookPath("pdfimages")
	if err != nil {
		t.Fatal("pdfimages not installed: apt-get install poppler-utils")
	}
	for name, gen := range gens {
		t.Run(name, func(t *testing.T) {
			b, err := gen()
			if err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(t.TempDir(), "doc.pdf")
			if err := os.WriteFile(file, b, 0o600); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(bin, "-list", "-f", "1", "-l", "1", file).Output()
			if err != nil {
				t.Fatalf("pdfimages: %v", err)
			}
			// The header and its rule take two lines; each image on page 1 one more.
			if n := len(strings.Split(strings.TrimSpace(string(out)), "\n")) - 2; n < 1 {
				t.Errorf("page 1 of the %s has no image:\n%s", name, out)
			}
		})
	}
}

// TestNoSignatureBlockStandsAloneOnAPage grows a document line by line, so
// that one of the lengths puts the page break exactly before the signatures,
// and checks that the page with the signature also carries the closing words.
func TestNoSignatureBlockStandsAloneOnAPage(t *testing.T) {
	office := sampleOffice()
	grow := func(n int) Application {
		a := sampleApp()
		for i := 0; i < n; i++ {
			a.Elements = append(a.Elements, Element{Letter: "x", Name: "Elemen tambahan untuk mengisi halaman"})
		}
		return a
	}
	docs := []struct {
		name, closing, signer string
		gen                   func(a Application) ([]byte, error)
	}{
		{"surat pengantar", "Demikian disampaikan", "AHMAD SYARIFUDDIN", func(a Application) ([]byte, error) {
			return ForwardingLetter(office, a, sampleMeta())
		}},
		{"PKS", "rangkap 2 (dua)", "SITI AMINAH", func(a Application) ([]byte, error) {
			return PKS(office, a, sampleAgreementMeta(), DefaultPKSClauses(office, a))
		}},
		{"berita acara", "Demikian Berita Acara", "SITI AMINAH", func(a Application) ([]byte, error) {
			a.IPAddresses = nil
			for i := range a.Elements {
				a.UserIDs = append(a.UserIDs, UserID{ID: "u" + strings.Repeat("x", i%5) + string(rune('a'+i%26)) + strings.Repeat("1", i/26+1), Category: "verifikasi"})
			}
			return HandoverRecord(office, a, sampleMeta(), Handover{})
		}},
	}
	for _, doc := range docs {
		t.Run(doc.name, func(t *testing.T) {
			breaks := 0
			for n := 0; n < 30; n++ {
				b, err := doc.gen(grow(n))
				if err != nil {
					t.Fatal(err)
				}
				d := openPDF(t, b)
				pages := make([]string, len(d.pages))
				for i := range d.pages {
					pages[i] = d.pageTextNormalized(i)
				}
				sigPage := -1
				for i, p := range pages {
					if strings.Contains(p, doc.signer) {
						sigPage = i
					}
				}
				if sigPage < 0 {
					t.Fatalf("n=%d: signer %q not found", n, doc.signer)
				}
				if sigPage > 0 && !strings.Contains(pages[sigPage-1], doc.closing) {
					breaks++
				}
				if !strings.Contains(pages[sigPage], doc.closing) {
					t.Errorf("n=%d: page %d has the signature of %s without %q:\n%s", n, sigPage+1, doc.signer, doc.closing, pages[sigPage])
				}
			}
			if breaks == 0 {
				t.Error("no length moved the closing words to a new page: the test proves nothing")
			}
		})
	}
}

func TestEligibilityStatementIsReadyForThePimpinanToSign(t *testing.T) {
	a := sampleBadanHukum()
	b, err := EligibilityStatement(sampleOffice(), a, LetterMeta{})
	if err != nil {
		t.Fatal(err)
	}
	requireText(t, allText(pdftotext(t, b)),
		"SURAT PERNYATAAN",
		": Direktur Utama PT Bank Perekonomian Rakyat Kayuagung Sejahtera",
		"memberikan pelayanan publik di Kabupaten Ogan Komering Ilir",
		"tidak memiliki hubungan vertikal dengan badan hukum Indonesia di tingkat pusat dan di tingkat provinsi",
		"Meterai Rp10.000", "Ir. BUDI SANTOSO")
	a.HeadName = ""
	if _, err := EligibilityStatement(sampleOffice(), a, LetterMeta{}); err == nil {
		t.Error("a statement without the pimpinan's name was written")
	}
	_ = workflow.BadanHukum
}
