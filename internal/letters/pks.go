package letters

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hakakses/hakakses/internal/workflow"
)

// requiredClauseTitles are the default titles of the clauses rules 8–10 demand,
// also used to name a missing clause in an error.
var requiredClauseTitles = map[workflow.ClauseKey]string{
	workflow.ClauseMaksud:         "Maksud",
	workflow.ClauseTujuan:         "Tujuan",
	workflow.ClauseHakKewajiban:   "Hak dan Kewajiban",
	workflow.ClauseEvaluasi:       "Evaluasi dan Pelaporan",
	workflow.ClauseJangkaWaktu:    "Jangka Waktu",
	workflow.ClausePembiayaan:     "Pembiayaan",
	workflow.ClauseLaranganPihak3: "Larangan Memberikan Data Kependudukan kepada Pihak Ketiga",
	workflow.ClauseLaranganNonPKS: "Larangan Menggunakan Data Kependudukan Tidak Sesuai dengan Perjanjian Kerja Sama",
}

// MissingClauses lists the required clauses (workflow.RequiredClauses, rules
// 8–10) that clauses lacks or leaves with an empty body, in the required order.
func MissingClauses(clauses []Clause) []workflow.ClauseKey {
	have := map[workflow.ClauseKey]bool{}
	for _, c := range clauses {
		if strings.TrimSpace(c.Body) != "" {
			have[c.Key] = true
		}
	}
	var missing []workflow.ClauseKey
	for _, k := range workflow.RequiredClauses {
		if !have[k] {
			missing = append(missing, k)
		}
	}
	return missing
}

const (
	uuAdminduk = "Undang-Undang Nomor 23 Tahun 2006 tentang Administrasi Kependudukan sebagaimana telah " +
		"diubah dengan Undang-Undang Nomor 24 Tahun 2013 tentang Perubahan atas Undang-Undang Nomor 23 " +
		"Tahun 2006 tentang Administrasi Kependudukan"
	uuAdmindukShort = "Undang-Undang Nomor 23 Tahun 2006 sebagaimana telah diubah dengan Undang-Undang Nomor 24 Tahun 2013"
	uuPDP           = "Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi"
	ppAdminduk      = "Peraturan Pemerintah Nomor 40 Tahun 2019 tentang Pelaksanaan Undang-Undang Nomor 23 Tahun " +
		"2006 tentang Administrasi Kependudukan sebagaimana telah diubah dengan Undang-Undang Nomor 24 Tahun " +
		"2013 tentang Perubahan atas Undang-Undang Nomor 23 Tahun 2006 tentang Administrasi Kependudukan"
	permendagriShort = "Peraturan Menteri Dalam Negeri Nomor 102 Tahun 2019 sebagaimana telah diubah dengan " +
		"Peraturan Menteri Dalam Negeri Nomor 17 Tahun 2023"
	dirjen = "Direktur Jenderal Kependudukan dan Pencatatan Sipil"
	// pasal38 is the rule the data balikan clauses follow: since Permendagri
	// 17/2023, a kabupaten/kota user gives data balikan to the Ditjen through the
	// aplikasi Data Balikan, not to the Disdukcapil (docs/pks-clauses.md).
	pasal38 = "Pasal 38 " + permendagriShort
)

// lines joins the lines of a clause body.
func lines(ls ...string) string { return strings.Join(ls, "\n") }

// DefaultPKSClauses drafts a complete Perjanjian Kerja Sama for the
// application: every clause of workflow.RequiredClauses, in that order, with
// ruang lingkup, keamanan data, sanksi, penyelesaian perselisihan and penutup
// around them. Staff edit the text from there; the bodies follow Clause.Body's
// plain-text conventions.
func DefaultPKSClauses(office Office, app Application) []Clause {
	purpose := lowerFirst(trimEnd(cleanLine(app.Purpose)))
	if purpose == "" {
		purpose = "pelayanan publik sesuai dengan tugas dan fungsi PIHAK KEDUA"
	}
	elements := elementLines(app.Elements)
	methods := app.accessMethodsText()
	if methods == "" {
		methods = "metode akses yang disetujui " + dirjen
	}
	balikan := trimEnd(cleanLine(app.DataBalikan))
	if balikan == "" {
		balikan = "data hasil pemanfaatan Data Kependudukan"
	}
	biaya := []string{
		"(1) Pemberian hak akses dan pemanfaatan Data Kependudukan berdasarkan Perjanjian Kerja Sama ini tidak dipungut biaya.",
		"(2) Biaya yang timbul dalam pelaksanaan Perjanjian Kerja Sama ini, termasuk penyediaan jaringan komunikasi " +
			"data tertutup, perangkat keras, dan perangkat lunak, dibebankan kepada masing-masing pihak sesuai " +
			"dengan tugas dan kewajibannya.",
	}
	rangkap := "Perjanjian Kerja Sama ini dibuat dalam rangkap 2 (dua) asli yang mempunyai kekuatan hukum yang sama"
	if app.InstitutionType == workflow.BadanHukum {
		// PP 10/2023 charges profit-oriented users per access; the PKS itself
		// stays free, so the clause only points at that rule.
		biaya = append(biaya, "(3) Dalam hal pemanfaatan Data Kependudukan oleh PIHAK KEDUA dikenai Penerimaan Negara "+
			"Bukan Pajak, pembayarannya dilaksanakan oleh PIHAK KEDUA sesuai dengan ketentuan peraturan "+
			"perundang-undangan.")
		rangkap = "Perjanjian Kerja Sama ini dibuat dalam rangkap 2 (dua) asli, masing-masing bermeterai cukup " +
			"dan mempunyai kekuatan hukum yang sama"
	}

	return []Clause{
		{Key: workflow.ClauseMaksud, Title: requiredClauseTitles[workflow.ClauseMaksud], Body: lines(
			"Maksud Perjanjian Kerja Sama ini adalah sebagai pedoman bagi PARA PIHAK dalam pemberian hak akses " +
				"dan pemanfaatan Data Kependudukan oleh PIHAK KEDUA sesuai dengan tugas dan fungsinya, berdasarkan " +
				uuAdmindukShort + " dan " + permendagriShort + ".",
		)},
		{Key: workflow.ClauseTujuan, Title: requiredClauseTitles[workflow.ClauseTujuan], Body: lines(
			"Tujuan Perjanjian Kerja Sama ini adalah:",
			"a. terwujudnya pemanfaatan Data Kependudukan oleh PIHAK KEDUA untuk "+purpose+";",
			"b. terselenggaranya pemanfaatan Data Kependudukan yang tertib, aman, dan terjaga kerahasiaannya "+
				"sesuai dengan ketentuan peraturan perundang-undangan; dan",
			"c. terwujudnya pemutakhiran Data Kependudukan melalui data balikan dari PIHAK KEDUA.",
		)},
		{Title: "Ruang Lingkup", Body: lines(append(append([]string{
			"Ruang lingkup Perjanjian Kerja Sama ini meliputi:",
			"a. pemberian hak akses Data Kependudukan kepada PIHAK KEDUA atas persetujuan " + dirjen + ";",
			"b. pemanfaatan elemen Data Kependudukan sebagai berikut:",
		}, elements...),
			"c. metode akses Data Kependudukan melalui "+methods+";",
			"d. penyediaan jaringan komunikasi data tertutup;",
			"e. penyampaian data balikan; dan",
			"f. evaluasi dan pelaporan pemanfaatan Data Kependudukan.",
		)...)},
		{Key: workflow.ClauseHakKewajiban, Title: requiredClauseTitles[workflow.ClauseHakKewajiban], Body: lines(
			"(1) PIHAK PERTAMA berhak:",
			"  a. memperoleh informasi dari "+dirjen+" atas data balikan yang disampaikan PIHAK KEDUA berupa "+balikan+";",
			"  b. melakukan pemantauan, evaluasi, dan pengawasan atas pemanfaatan Data Kependudukan oleh PIHAK KEDUA; dan",
			"  c. mengusulkan penghentian sementara atau pencabutan hak akses PIHAK KEDUA kepada "+dirjen+
				" dalam hal PIHAK KEDUA melanggar ketentuan dalam Perjanjian Kerja Sama ini.",
			"(2) PIHAK PERTAMA berkewajiban:",
			"  a. mengajukan permohonan persetujuan Akses DWH (Data Warehouse) Terpusat bagi PIHAK KEDUA kepada "+dirjen+";",
			"  b. menyerahkan User ID yang diterbitkan oleh "+dirjen+" kepada PIHAK KEDUA dengan berita acara serah terima;",
			"  c. memberikan pendampingan teknis pemanfaatan Data Kependudukan kepada PIHAK KEDUA; dan",
			"  d. menjaga kerahasiaan data balikan PIHAK KEDUA yang diketahuinya.",
			"(3) PIHAK KEDUA berhak:",
			"  a. memperoleh hak akses Data Kependudukan sesuai dengan elemen data dan metode akses yang disetujui; dan",
			"  b. memperoleh pendampingan teknis dari PIHAK PERTAMA.",
			"(4) PIHAK KEDUA berkewajiban:",
			"  a. menggunakan Data Kependudukan hanya untuk tujuan sebagaimana diatur dalam Perjanjian Kerja Sama ini;",
			"  b. menyediakan jaringan komunikasi data tertutup, perangkat, dan sumber daya manusia yang diperlukan;",
			"  c. menjaga kerahasiaan User ID dan kata sandi serta keamanan Data Kependudukan yang diakses;",
			"  d. memberikan data balikan berbasis Nomor Induk Kependudukan (NIK) kepada "+dirjen+" melalui aplikasi "+
				"Data Balikan yang terintegrasi dengan Data Warehouse, sesuai dengan "+pasal38+"; dan",
			"  e. menyampaikan laporan pemanfaatan Data Kependudukan setiap semester kepada PIHAK PERTAMA.",
		)},
		{Key: workflow.ClauseEvaluasi, Title: requiredClauseTitles[workflow.ClauseEvaluasi], Body: lines(append(append([]string{
			"(1) PIHAK KEDUA menyampaikan laporan pemanfaatan Data Kependudukan secara tertulis kepada PIHAK " +
				"PERTAMA setiap semester kalender:"},
			reportRuleItems("  ")...),
			"(2) "+partialSemesterRule,
			"(3) Laporan sebagaimana dimaksud pada ayat (1) paling sedikit memuat:",
			"  a. jumlah akses Data Kependudukan untuk setiap User ID;",
			"  b. pemanfaatan Data Kependudukan sesuai dengan tujuan Perjanjian Kerja Sama;",
			"  c. data balikan yang telah disampaikan; dan",
			"  d. kendala yang dihadapi beserta upaya penyelesaiannya.",
			"(4) "+lateReportRule,
			"(5) PARA PIHAK melakukan evaluasi atas pelaksanaan Perjanjian Kerja Sama ini paling sedikit 1 (satu) "+
				"kali setiap semester.",
			"(6) PIHAK PERTAMA melaporkan hasil evaluasi sebagaimana dimaksud pada ayat (5) kepada "+dirjen+".",
			"(7) Keterlambatan penyampaian laporan sebagaimana dimaksud pada ayat (1) dapat menjadi dasar "+
				"teguran tertulis, penghentian sementara, atau pencabutan hak akses PIHAK KEDUA.",
		)...)},
		{Key: workflow.ClauseJangkaWaktu, Title: requiredClauseTitles[workflow.ClauseJangkaWaktu], Body: lines(
			"(1) Perjanjian Kerja Sama ini berlaku untuk jangka waktu "+termText(app.TermMonths)+" terhitung sejak "+
				"tanggal ditandatangani oleh PARA PIHAK.",
			"(2) Perjanjian Kerja Sama ini dapat diperpanjang atas kesepakatan PARA PIHAK berdasarkan hasil "+
				"evaluasi, dengan mengajukan permohonan pemanfaatan Data Kependudukan kembali paling lambat "+
				"3 (tiga) bulan sebelum jangka waktu sebagaimana dimaksud pada ayat (1) berakhir.",
			"(3) Perjanjian Kerja Sama ini berakhir sebelum jangka waktu sebagaimana dimaksud pada ayat (1) apabila:",
			"  a. PARA PIHAK sepakat untuk mengakhirinya;",
			"  b. hak akses PIHAK KEDUA dicabut oleh "+dirjen+"; atau",
			"  c. terjadi perubahan peraturan perundang-undangan yang mengakibatkan Perjanjian Kerja Sama ini "+
				"tidak dapat dilaksanakan.",
		)},
		{Key: workflow.ClausePembiayaan, Title: requiredClauseTitles[workflow.ClausePembiayaan], Body: lines(biaya...)},
		{Key: workflow.ClauseLaranganPihak3, Title: requiredClauseTitles[workflow.ClauseLaranganPihak3], Body: lines(
			"(1) PARA PIHAK dilarang memberikan Data Kependudukan kepada pihak ketiga.",
			"(2) Larangan sebagaimana dimaksud pada ayat (1) termasuk menyalin, menggandakan, menjual, "+
				"memindahtangankan, mempublikasikan, atau membuka akses Data Kependudukan, serta meminjamkan "+
				"User ID dan kata sandi, kepada pihak lain dalam bentuk apa pun.",
			"(3) Pelanggaran atas larangan sebagaimana dimaksud pada ayat (1) dikenai sanksi sesuai dengan "+
				"ketentuan peraturan perundang-undangan.",
		)},
		{Key: workflow.ClauseLaranganNonPKS, Title: requiredClauseTitles[workflow.ClauseLaranganNonPKS], Body: lines(
			"(1) PARA PIHAK dilarang menggunakan Data Kependudukan tidak sesuai dengan Perjanjian Kerja Sama ini.",
			"(2) Penggunaan Data Kependudukan tidak sesuai dengan Perjanjian Kerja Sama sebagaimana dimaksud pada "+
				"ayat (1) meliputi penggunaan:",
			"  a. untuk tujuan selain tujuan yang diatur dalam Perjanjian Kerja Sama ini;",
			"  b. atas elemen Data Kependudukan selain yang disetujui;",
			"  c. melalui metode akses, User ID, atau alamat IP selain yang ditetapkan; atau",
			"  d. setelah jangka waktu Perjanjian Kerja Sama berakhir atau hak akses dicabut.",
			"(3) Pelanggaran atas larangan sebagaimana dimaksud pada ayat (1) dikenai sanksi sesuai dengan "+
				"ketentuan peraturan perundang-undangan.",
		)},
		{Title: "Keamanan dan Kerahasiaan Data", Body: lines(
			"(1) PIHAK KEDUA mengakses Data Kependudukan hanya melalui jaringan komunikasi data tertutup, dari "+
				"alamat IP LAN yang didaftarkan dan disetujui.",
			"(2) PARA PIHAK menjaga kerahasiaan, keutuhan, dan keamanan Data Kependudukan sesuai dengan Pasal 79 "+
				uuAdmindukShort+" dan "+uuPDP+".",
			"(3) User ID hanya digunakan oleh petugas yang ditunjuk oleh pimpinan PIHAK KEDUA dan tidak dapat "+
				"dipindahtangankan.",
			"(4) PIHAK KEDUA memberitahukan secara tertulis kepada PIHAK PERTAMA paling lambat 1 x 24 (satu kali "+
				"dua puluh empat) jam setelah mengetahui terjadinya kebocoran, penyalahgunaan, atau gangguan "+
				"keamanan Data Kependudukan.",
			"(5) Ketentuan teknis mengenai jaringan, keamanan, dan kerahasiaan diatur lebih lanjut dalam Petunjuk Teknis.",
		)},
		{Title: "Sanksi", Body: lines(
			"(1) Pelanggaran terhadap ketentuan dalam Perjanjian Kerja Sama ini dikenai sanksi administratif sesuai "+
				"dengan "+permendagriShort+", berupa:",
			"  a. teguran tertulis;",
			"  b. penghentian sementara hak akses; dan/atau",
			"  c. pencabutan hak akses.",
			"(2) Penyalahgunaan Data Kependudukan dikenai sanksi pidana sesuai dengan ketentuan peraturan "+
				"perundang-undangan di bidang administrasi kependudukan dan pelindungan data pribadi.",
		)},
		{Title: "Penyelesaian Perselisihan", Body: lines(
			"(1) Perselisihan yang timbul dalam pelaksanaan Perjanjian Kerja Sama ini diselesaikan secara "+
				"musyawarah untuk mufakat.",
			"(2) Dalam hal musyawarah sebagaimana dimaksud pada ayat (1) tidak mencapai mufakat, PARA PIHAK "+
				"sepakat meminta fasilitasi "+dirjen+".",
		)},
		{Title: "Penutup", Body: lines(
			"(1) Hal-hal yang belum diatur dalam Perjanjian Kerja Sama ini diatur lebih lanjut dalam Petunjuk "+
				"Teknis dan/atau adendum yang disepakati PARA PIHAK, yang merupakan bagian tidak terpisahkan dari "+
				"Perjanjian Kerja Sama ini.",
			"(2) "+rangkap+", masing-masing untuk PIHAK PERTAMA dan PIHAK KEDUA.",
		)},
	}
}

// PKS writes the Perjanjian Kerja Sama between the Disdukcapil (PIHAK PERTAMA)
// and the institution (PIHAK KEDUA): title, parties, legal basis, one Pasal per
// clause in the given order, and the two signatures of rule 11. It refuses a
// text that lacks a required clause: a PKS without them cannot be signed.
func PKS(office Office, app Application, meta AgreementMeta, clauses []Clause) ([]byte, error) {
	var missing []string
	for _, k := range MissingClauses(clauses) {
		missing = append(missing, "pasal "+requiredClauseTitles[k])
	}
	d, err := agreementDoc(office, app, meta, "perjanjian kerja sama", missing,
		"Perjanjian Kerja Sama Pemanfaatan Data Kependudukan "+cleanLine(app.InstitutionName), "Perjanjian Kerja Sama",
		"PERJANJIAN KERJA SAMA")
	if err != nil {
		return nil, err
	}

	agreementOpening(d, office, app, meta)
	d.paragraph(0, "PIHAK PERTAMA dan PIHAK KEDUA yang selanjutnya secara bersama-sama disebut PARA PIHAK, "+
		"dengan memperhatikan ketentuan:")
	d.gap(1)
	basis := []string{uuAdminduk, uuPDP, ppAdminduk, permendagriHakAkses}
	if a := meta.Approval; cleanLine(a.Number) != "" {
		s := "Surat " + dirjen + " Nomor " + cleanLine(a.Number)
		if !a.Date.IsZero() {
			s += " tanggal " + FormatDate(a.Date)
		}
		basis = append(basis, s+" perihal Persetujuan Pemanfaatan Data Kependudukan")
	}
	for i, b := range basis {
		end := ";"
		if i == len(basis)-1 {
			end = ","
		}
		d.item(0, fmt.Sprintf("%d.", i+1), b+end)
		d.gap(0.8)
	}
	d.paragraph(0, "sepakat untuk mengadakan Perjanjian Kerja Sama tentang Pemanfaatan Data Kependudukan Melalui "+
		"Hak Akses, dengan ketentuan sebagai berikut:")

	left, right := agreementSignatureBlocks(office, app, meta)
	for i, c := range clauses {
		d.gap(4)
		// A Pasal heading never ends a page: keep it with its title and a line of text.
		d.ensure(3 * lh)
		d.centered("B", bodyPt, lh, fmt.Sprintf("Pasal %d", i+1))
		d.centered("B", bodyPt, lh, strings.ToUpper(cleanLine(c.Title)))
		d.gap(1.5)
		if i == len(clauses)-1 {
			// The closing words and the signatures share a page.
			d.richKeepingLast(0, c.Body, 6+d.signaturePairHeight(left, right))
			continue
		}
		d.rich(0, c.Body)
	}
	d.gap(6)
	agreementSignatures(d, left, right, "")
	return d.bytes()
}

func agreementMissing(office Office, app Application, meta AgreementMeta) []string {
	m := office.missing()
	// Rule 11: the Kepala Disdukcapil (or the Plt./Plh. recorded) signs every agreement in person.
	kepala, _, _ := meta.signers(office, app)
	if kepala.isZero() {
		m = append(m, "nama Kepala Dinas")
	}
	if cleanLine(meta.Signers.KepalaActing) != "" && cleanLine(meta.Signers.Kepala.NIP) == "" {
		m = append(m, "NIP "+cleanLine(meta.Signers.KepalaActing)+" Kepala Dinas")
	}
	if cleanLine(app.InstitutionName) == "" {
		m = append(m, ItemNamaPengguna)
	}
	if cleanLine(app.HeadName) == "" {
		m = append(m, "nama pimpinan lembaga pengguna")
	}
	return m
}

// mark is what every page of an agreement document carries at the top.
func (m AgreementMeta) mark() string {
	if m.Preview {
		if m.DraftVersion > 0 {
			return fmt.Sprintf("PRATINJAU — belum disimpan (calon draf versi %d)", m.DraftVersion)
		}
		return "PRATINJAU — belum disimpan"
	}
	return draftMark(m.DraftVersion)
}

func draftMark(version int) string {
	if version <= 0 {
		return ""
	}
	return fmt.Sprintf("DRAF versi %d", version)
}

// agreementTitle writes the centred title of a PKS or Juknis, which carries no
// letterhead of its own because both parties sign it; the regency's emblem, if
// any, stands above it.
func agreementTitle(d *doc, office Office, app Application, meta AgreementMeta, kind ...string) error {
	if len(office.Logo) > 0 {
		if err := d.emblem(office.Logo, 24); err != nil {
			return err
		}
	}
	for _, l := range append(kind,
		"ANTARA", strings.ToUpper(office.officeName()), strings.ToUpper(cleanLine(office.Regency)), "DENGAN",
		strings.ToUpper(cleanLine(app.InstitutionName)), "TENTANG",
		"PEMANFAATAN DATA KEPENDUDUKAN MELALUI HAK AKSES",
	) {
		d.centered("B", 13, 6.2, l)
	}
	d.gap(3)
	d.centered("", bodyPt, lh, "NOMOR: "+orDots(meta.Number))
	if cleanLine(meta.PartnerNumber) != "" {
		d.centered("", bodyPt, lh, "NOMOR: "+cleanLine(meta.PartnerNumber))
	}
	d.gap(6)
	return nil
}

// parties names PIHAK PERTAMA and PIHAK KEDUA: the people recorded as
// signing (meta.Signers), with their NIP where they are civil servants.
func parties(d *doc, office Office, app Application, meta AgreementMeta) {
	kepala, title, counterparty := meta.signers(office, app)
	first := kepala.Name + withNIP(kepala) + ", selaku " + title + " " + cleanLine(office.Regency)
	if a := cleanLine(office.Address); a != "" {
		first += ", berkedudukan di " + trimEnd(a)
	}
	first += ", dalam hal ini bertindak untuk dan atas nama " + office.fullOfficeName() +
		", yang selanjutnya disebut PIHAK PERTAMA;"
	second := counterparty.Name + withNIP(counterparty) + ", selaku " + counterparty.Position
	if a := cleanLine(app.InstitutionAddress); a != "" {
		second += ", berkedudukan di " + trimEnd(a)
	}
	second += ", dalam hal ini bertindak untuk dan atas nama " + cleanLine(app.InstitutionName) +
		", yang selanjutnya disebut PIHAK KEDUA."
	d.item(0, "1.", first)
	d.gap(0.8)
	d.item(0, "2.", second)
	d.gap(2)
}

// withNIP writes ", NIP 19700101 199503 1 001" for a signatory who has one.
func withNIP(s Signatory) string {
	if nip := cleanLine(s.NIP); nip != "" {
		return ", NIP " + formatNIP(nip)
	}
	return ""
}

// agreementSignatureBlocks are the signatories of rule 11 as recorded: the
// institution's head (kepala perangkat daerah or pimpinan badan hukum) on the
// left and the Kepala Disdukcapil, or the Plt./Plh. who signed, on the right.
func agreementSignatureBlocks(office Office, app Application, meta AgreementMeta) (left, right signatureBlock) {
	kepala, title, counterparty := meta.signers(office, app)
	left = signatureBlock{head: []string{"PIHAK KEDUA,", strings.ToUpper(counterparty.Position) + ","}, sig: counterparty}
	right = signatureBlock{
		head: []string{"PIHAK PERTAMA,", strings.ToUpper(title+" "+cleanLine(office.Regency)) + ","},
		sig:  kepala,
	}
	return left, right
}

// agreementSignatures places the two signature blocks side by side. A
// dateLine, when given, is centred above them and moves to the next page with
// them.
func agreementSignatures(d *doc, left, right signatureBlock, dateLine string) {
	if dateLine != "" {
		d.ensure(lh + 4 + d.signaturePairHeight(left, right))
		d.centered("", bodyPt, lh, dateLine)
		d.gap(4)
	}
	d.signaturePair(left, right)
}

// lowerFirst lowers the first letter of a phrase put mid-sentence, unless it
// starts an acronym ("DTKS").
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	next, _ := utf8.DecodeRuneInString(s[n:])
	if unicode.IsUpper(next) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}
