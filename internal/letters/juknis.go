package letters

import (
	"strconv"
	"strings"

	"github.com/hakakses/hakakses/internal/workflow"
)

// DefaultJuknisSections drafts the Petunjuk Teknis of the application's PKS.
// No regulation lists a Juknis's minimum contents, so the draft covers what
// the Dirjen's DWH review looks at: scope, data elements, access methods and
// their specification, the closed network and IP LAN, security, the NIK-keyed
// data balikan, semester reporting and contacts. Bodies follow Clause.Body's
// plain-text conventions.
func DefaultJuknisSections(office Office, app Application) []Section {
	inst := cleanLine(app.InstitutionName)

	var elements []string
	for i, e := range app.Elements {
		line := elementMarker(e, i) + " " + trimEnd(cleanLine(e.Name))
		if e.Protected {
			line += ", data pribadi yang dilindungi (Pasal 84)"
			if j := trimEnd(cleanLine(e.Justification)); j != "" {
				line += ", digunakan untuk " + lowerFirst(j)
			}
		}
		if i == len(app.Elements)-1 {
			line += "."
		} else {
			line += ";"
		}
		elements = append(elements, line)
	}

	var specs []string
	for i, m := range app.AccessMethods {
		marker := string(rune('a'+i)) + ". "
		switch m {
		case workflow.WebService:
			specs = append(specs, "  "+marker+"Web Service: aplikasi PIHAK KEDUA terintegrasi dengan basis data "+
				"kependudukan Direktorat Jenderal Kependudukan dan Pencatatan Sipil melalui antarmuka pemrograman "+
				"aplikasi (API) web service dengan format pertukaran data JSON melalui protokol HTTPS; setiap "+
				"permintaan menggunakan User ID yang melekat pada aplikasi dan berasal dari alamat IP LAN yang terdaftar;")
		case workflow.WebPortal:
			specs = append(specs, "  "+marker+"Web Portal: petugas PIHAK KEDUA mengakses aplikasi web portal yang "+
				"disediakan Direktorat Jenderal Kependudukan dan Pencatatan Sipil melalui peramban (browser) dengan "+
				"User ID perorangan, dari komputer yang terhubung ke jaringan komunikasi data tertutup;")
		case workflow.CardReader:
			specs = append(specs, "  "+marker+"Card Reader: PIHAK KEDUA menggunakan pembaca KTP-el dari penyedia "+
				"yang tersertifikasi Kementerian Dalam Negeri; Secure Access Module (SAM) dipersonalisasi dan "+
				"diaktivasi oleh Direktorat Jenderal Kependudukan dan Pencatatan Sipil melalui aplikasi SI-FILMA;")
		default:
			specs = append(specs, "  "+marker+m.Label()+";")
		}
	}
	if n := len(specs); n > 0 {
		specs[n-1] = strings.TrimSuffix(specs[n-1], ";") + "."
	}

	var ips []string
	for i, ip := range app.IPAddresses {
		sep := ";"
		if i == len(app.IPAddresses)-1 {
			sep = "."
		}
		ips = append(ips, "  "+strconv.Itoa(i+1)+". "+cleanLine(ip)+sep)
	}
	ipLine := "(2) Akses hanya dapat dilakukan dari alamat IP LAN yang didaftarkan PIHAK KEDUA dan disetujui " + dirjen
	if len(ips) > 0 {
		ipLine += ", yaitu:"
	} else {
		ipLine += ", yang disampaikan dengan surat permohonan User ID dan IP LAN."
	}

	balikan := trimEnd(cleanLine(app.DataBalikan))
	if balikan == "" {
		balikan = "data hasil pemanfaatan Data Kependudukan"
	}

	contact := "(2) Narahubung PIHAK KEDUA: " + orDots(app.ContactName) + ", " + inst
	if p := cleanLine(app.ContactPhone); p != "" {
		contact += ", telepon " + p
	}
	if e := cleanLine(app.ContactEmail); e != "" {
		contact += ", pos-el " + e
	}
	ours := "(1) Narahubung PIHAK PERTAMA: Bidang Pemanfaatan Data dan Inovasi Pelayanan, " + office.fullOfficeName()
	if p := cleanLine(office.Phone); p != "" {
		ours += ", telepon " + p
	}
	if e := cleanLine(office.Email); e != "" {
		ours += ", pos-el " + e
	}

	return []Section{
		{Title: "Ruang Lingkup", Body: lines(
			"Petunjuk Teknis ini mengatur pelaksanaan teknis pemanfaatan Data Kependudukan oleh PIHAK KEDUA, meliputi:",
			"a. elemen Data Kependudukan;",
			"b. metode akses dan spesifikasi teknis;",
			"c. jaringan komunikasi data tertutup dan alamat IP LAN;",
			"d. keamanan dan kerahasiaan;",
			"e. data balikan;",
			"f. pelaporan; dan",
			"g. narahubung.",
		)},
		{Title: "Elemen Data Kependudukan", Body: lines(append(append([]string{
			"Elemen Data Kependudukan yang dapat diakses PIHAK KEDUA sesuai dengan persetujuan " + dirjen + " adalah:",
		}, elements...),
			"Elemen Data Kependudukan selain yang tercantum di atas tidak dapat diakses dan tidak boleh dimintakan "+
				"kepada petugas PIHAK PERTAMA di luar mekanisme hak akses.",
		)...)},
		{Title: "Metode Akses dan Spesifikasi Teknis", Body: lines(append(append([]string{
			"(1) Metode akses Data Kependudukan yang digunakan PIHAK KEDUA adalah " + orDots(app.accessMethodsText()) + ".",
			"(2) Spesifikasi teknis setiap metode akses adalah sebagai berikut:",
		}, specs...),
			"(3) User ID diterbitkan oleh "+dirjen+" melalui aplikasi DWH Terpusat, satu User ID untuk setiap "+
				"kategori data yang disetujui, dan diserahkan PIHAK PERTAMA kepada PIHAK KEDUA dengan berita acara "+
				"serah terima.",
			"(4) Kata sandi disampaikan melalui aplikasi DWH Terpusat, tidak dicantumkan pada dokumen apa pun, dan "+
				"wajib diganti pada saat pertama kali digunakan.",
		)...)},
		{Title: "Jaringan Komunikasi Data Tertutup dan IP LAN", Body: lines(append(append([]string{
			"(1) Akses Data Kependudukan dilakukan melalui jaringan komunikasi data tertutup antara PIHAK KEDUA " +
				"dan pusat data Direktorat Jenderal Kependudukan dan Pencatatan Sipil, berupa Virtual Private " +
				"Network (VPN IP), Virtual Local Area Network (VLAN), atau jaringan tertutup lain yang memenuhi " +
				"standar keamanan.",
			ipLine,
		}, ips...),
			"(3) PIHAK KEDUA menyampaikan Surat Pernyataan Jaringan Tertutup yang ditandatangani pimpinannya "+
				"sebagai kelengkapan permohonan Akses DWH Terpusat.",
			"(4) Perubahan alamat IP LAN atau konfigurasi jaringan diberitahukan secara tertulis kepada PIHAK "+
				"PERTAMA untuk diteruskan kepada "+dirjen+", dan baru berlaku setelah disetujui.",
			"(5) Biaya penyediaan dan pemeliharaan jaringan komunikasi data tertutup dibebankan kepada PIHAK KEDUA.",
		)...)},
		{Title: "Keamanan dan Kerahasiaan", Body: lines(
			"(1) Pimpinan PIHAK KEDUA menunjuk petugas pemegang User ID dengan surat penugasan dan "+
				"memberitahukannya kepada PIHAK PERTAMA.",
			"(2) Setiap User ID hanya digunakan oleh petugas yang ditunjuk; kata sandi dirahasiakan dan diganti "+
				"secara berkala paling sedikit setiap 3 (tiga) bulan.",
			"(3) Perangkat yang digunakan untuk mengakses Data Kependudukan dilengkapi antivirus yang mutakhir dan "+
				"penguncian layar, serta tidak digunakan untuk keperluan lain yang membahayakan keamanan data.",
			"(4) Data Kependudukan tidak disimpan di luar sistem informasi PIHAK KEDUA yang terlindungi, dan "+
				"tidak dicetak atau digandakan melebihi keperluan sesuai dengan tujuan Perjanjian Kerja Sama.",
			"(5) PIHAK KEDUA menyimpan catatan (log) akses yang paling sedikit memuat User ID, waktu akses, dan NIK "+
				"yang diakses, untuk keperluan audit.",
			"(6) Kebocoran, penyalahgunaan, atau gangguan keamanan dilaporkan kepada PIHAK PERTAMA paling lambat "+
				"1 x 24 (satu kali dua puluh empat) jam sejak diketahui.",
		)},
		{Title: "Data Balikan", Body: lines(
			"(1) PIHAK KEDUA menyampaikan data balikan berupa "+balikan+".",
			"(2) Data balikan disusun berbasis Nomor Induk Kependudukan (NIK) dalam berkas elektronik berformat "+
				"CSV (UTF-8, dipisahkan koma) dengan kolom paling sedikit:",
			"  a. NIK, 16 (enam belas) digit angka, sebagai kunci;",
			"  b. nama lengkap sesuai dengan Data Kependudukan;",
			"  c. isi data balikan sebagaimana dimaksud pada angka (1);",
			"  d. tanggal transaksi atau pemutakhiran dengan format TTTT-BB-HH; dan",
			"  e. keterangan.",
			"(3) Data balikan diberikan kepada "+dirjen+" melalui aplikasi Data Balikan yang terintegrasi dengan "+
				"Data Warehouse, sesuai dengan "+pasal38+", paling sedikit setiap semester; bukti penyampaiannya "+
				"dilampirkan pada laporan pemanfaatan kepada PIHAK PERTAMA.",
			"(4) Baris data balikan tanpa NIK atau dengan NIK yang tidak valid dikembalikan kepada PIHAK KEDUA untuk diperbaiki.",
		)},
		{Title: "Pelaporan", Body: lines(append(append([]string{
			"(1) PIHAK KEDUA menyampaikan laporan pemanfaatan Data Kependudukan kepada PIHAK PERTAMA setiap semester kalender:"},
			reportRuleItems("  ")...),
			"(2) "+partialSemesterRule,
			"(3) Laporan ditandatangani pimpinan PIHAK KEDUA dan memuat:",
			"  a. jumlah akses untuk setiap User ID per bulan;",
			"  b. jumlah NIK yang dimanfaatkan sesuai dengan tujuan Perjanjian Kerja Sama;",
			"  c. data balikan yang telah disampaikan; dan",
			"  d. kendala yang dihadapi beserta tindak lanjutnya.",
			"(4) Laporan disampaikan melalui aplikasi Hak Akses "+office.fullOfficeName()+".",
			"(5) "+lateReportRule,
		)...)},
		{Title: "Narahubung", Body: lines(
			ours+".",
			contact+".",
			"(3) Perubahan narahubung diberitahukan secara tertulis kepada pihak lainnya.",
		)},
	}
}

// Juknis writes the Petunjuk Teknis that implements the PKS referenced by pks:
// title, the statement that it is part of that agreement, one numbered chapter
// per section, and the same two signatures as the PKS.
func Juknis(office Office, app Application, meta AgreementMeta, pks Reference, sections []Section) ([]byte, error) {
	var missing []string
	if len(sections) == 0 {
		missing = append(missing, "isi petunjuk teknis")
	}
	inst := cleanLine(app.InstitutionName)
	d, err := agreementDoc(office, app, meta, "petunjuk teknis", missing,
		"Petunjuk Teknis Pelaksanaan Perjanjian Kerja Sama Pemanfaatan Data Kependudukan "+inst, "Petunjuk Teknis",
		"PETUNJUK TEKNIS", "PELAKSANAAN PERJANJIAN KERJA SAMA")
	if err != nil {
		return nil, err
	}

	ref := "Perjanjian Kerja Sama antara " + office.fullOfficeName() + " dengan " + inst + " Nomor " + orDots(pks.Number)
	if !pks.Date.IsZero() {
		ref += " tanggal " + FormatDate(pks.Date)
	}
	d.paragraph(0, "Petunjuk Teknis ini merupakan pedoman pelaksanaan "+ref+" tentang Pemanfaatan Data "+
		"Kependudukan Melalui Hak Akses, dan merupakan bagian yang tidak terpisahkan dari Perjanjian Kerja Sama "+
		"tersebut. Dalam Petunjuk Teknis ini, "+office.fullOfficeName()+" disebut PIHAK PERTAMA dan "+inst+
		" disebut PIHAK KEDUA.")

	left, right := agreementSignatureBlocks(office, app, meta)
	dateLine := cleanLine(office.City) + ", " + dateOrBlank(meta.Date)
	for i, s := range sections {
		d.gap(4)
		d.ensure(2 * lh)
		marker := roman(i+1) + "."
		y := d.f.GetY()
		d.font("B", bodyPt)
		d.f.SetXY(marginL, y)
		d.f.CellFormat(chapterIndent, lh, marker, "", 0, "L", false, 0, "")
		d.f.SetXY(marginL+chapterIndent, y)
		d.f.MultiCell(contentW-chapterIndent, lh, strings.ToUpper(cleanLine(s.Title)), "", "L", false)
		d.font("", bodyPt)
		d.gap(1.5)
		if i == len(sections)-1 {
			d.richKeepingLast(chapterIndent, s.Body, 6+lh+4+d.signaturePairHeight(left, right))
			continue
		}
		d.rich(chapterIndent, s.Body)
	}
	d.gap(6)
	agreementSignatures(d, left, right, dateLine)
	return d.bytes()
}

// chapterIndent leaves room for the widest chapter numbers ("VIII.").
const chapterIndent = 12.0

// roman numbers the Juknis chapters, as Indonesian technical guidelines do.
func roman(n int) string {
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}
