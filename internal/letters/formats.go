package letters

import (
	"strconv"
	"strings"

	"github.com/hakakses/hakakses/internal/workflow"
)

// Fill-in formats ("Unduh format surat") of the papers a lembaga writes and
// uploads: its request letter (item 1), the supervising authority's
// recommendation (item 11b, badan hukum), the User ID and IP LAN request and
// the closed-network statement (item 4c), and the semester usage report. Each
// is pre-filled with what the application already knows — the institution,
// its head, the Disdukcapil and its region, the items of the request, the PKS
// — and leaves dotted blanks for what only the institution can write: its own
// number and date, signature, IP addresses, figures. The institution prints it
// on its own letterhead (the top of the page says where that goes), signs it
// and uploads the scan. Every page is marked as a format, so it is never taken
// for a paper of the office.
//
// The badan hukum's eligibility statement has its own writer
// (EligibilityStatement); deeds, the SK Kemenkumham, business permits and
// domicile letters are issued by others and have no format.

// Format names of the fill-in formats; they match the upload kinds they serve.
const (
	FormatRequestLetter  = "surat_permohonan"
	FormatRecommendation = "rekomendasi_instansi_pembina"
	FormatUserIDRequest  = "surat_permohonan_user_id"
	FormatClosedNetwork  = "pernyataan_jaringan_tertutup"
	FormatReport         = "laporan_semester"
)

// Formats lists the fill-in formats Format writes.
var Formats = []string{FormatRequestLetter, FormatRecommendation, FormatUserIDRequest, FormatClosedNetwork, FormatReport}

// FormatInput is what a format is pre-filled with beyond the office.
type FormatInput struct {
	App Application
	// PKS is the signed agreement the User ID request, the statement and the
	// report cite: the Disdukcapil's number and the signing date; empty before
	// signing (printed as blanks).
	PKS              Reference
	PKSPartnerNumber string // the institution's own number of the PKS
}

const formatMark = "FORMAT — lengkapi bagian bertitik"

// Format writes the fill-in format named kind (one of Formats).
func Format(kind string, office Office, in FormatInput) ([]byte, error) {
	inst := cleanLine(in.App.InstitutionName)
	missing := office.missing()
	if inst == "" {
		missing = append(missing, ItemNamaPengguna)
	}
	if err := incomplete("format surat", missing); err != nil {
		return nil, err
	}
	switch kind {
	case FormatRequestLetter:
		return requestLetterFormat(office, in)
	case FormatRecommendation:
		return recommendationFormat(office, in)
	case FormatUserIDRequest:
		return userIDRequestFormat(office, in)
	case FormatClosedNetwork:
		return closedNetworkFormat(office, in)
	case FormatReport:
		return reportFormat(office, in)
	}
	return nil, incomplete("format surat", []string{"jenis format " + kind})
}

// formatDoc opens a format: its metadata, the mark on every page, and at the
// top the place of the sender's letterhead.
func formatDoc(office Office, in FormatInput, title, sender string) *doc {
	d := newDoc(docInfo{
		title:    title + " — " + cleanLine(in.App.InstitutionName),
		subject:  "Format " + strings.ToLower(title) + " untuk " + office.fullOfficeName(),
		author:   cleanLine(in.App.InstitutionName),
		draft:    formatMark,
		keywords: in.App.keywords(),
	})
	d.centered("B", 13, 6.2, strings.ToUpper(sender))
	d.centered("I", 10, 5, "(cetak pada kop surat resmi; alamat, telepon dan pos-el sesuai kop)")
	y := d.f.GetY() + 1.5
	d.f.SetLineWidth(0.6)
	d.f.Line(marginL, y, pageW-marginR, y)
	d.f.SetLineWidth(0.2)
	d.f.SetY(y + 5)
	return d
}

// letterHead writes the number block, the date line and the addressee of a
// letter the institution sends to the office.
func (d *doc) letterHead(office Office, lampiran, perihal string, addressee []string) {
	d.fields(0, 22, []field{
		{"Nomor", orDots("")},
		{"Sifat", "Biasa"},
		{"Lampiran", lampiran},
		{"Perihal", perihal},
	})
	d.gap(2)
	d.f.SetX(pageW - marginR - signatureRightW)
	d.f.MultiCell(signatureRightW, lh, "……………, ……………………… 20……", "", "C", false)
	d.gap(4)
	const yth = 9.0
	y := d.f.GetY()
	d.f.SetXY(marginL, y)
	d.f.CellFormat(yth, lh, "Yth.", "", 0, "L", false, 0, "")
	for _, a := range addressee {
		d.f.SetX(marginL + yth)
		d.f.MultiCell(contentW-yth, lh, cleanLine(a), "", "L", false)
	}
	d.f.SetX(marginL + yth)
	d.f.MultiCell(contentW-yth, lh, "di", "", "L", false)
	d.f.SetX(marginL + yth + 5)
	d.f.MultiCell(contentW-yth-5, lh, cleanLine(office.City), "", "L", false)
	d.gap(6)
}

// headBlock is the institution's head signing, with dotted blanks for what is
// not on record; meterai adds the line for the duty stamp of a statement.
func (a Application) headBlock(dateLine string, meterai bool) signatureBlock {
	head := []string{}
	if dateLine != "" {
		head = append(head, dateLine)
	}
	head = append(head, a.headPosition()+",")
	if meterai {
		head = append(head, "", "Meterai Rp10.000")
	}
	sig := Signatory{Name: orDots(a.HeadName)}
	if a.InstitutionType != workflow.BadanHukum {
		nip := cleanLine(a.HeadNIP)
		if nip == "" {
			nip = "……………………………"
		}
		sig.NIP = nip
	}
	return signatureBlock{head: head, sig: sig}
}

func (d *doc) closeWith(closing string, b signatureBlock) ([]byte, error) {
	d.paragraphKept(closing, 4+d.signatureHeight(b, signatureRightW))
	d.gap(4)
	d.signatureRight(b)
	return d.bytes()
}

// toOffice is the addressee of the institution's letters to the Disdukcapil.
func toOffice(office Office) []string {
	return []string{"Kepala " + office.fullOfficeName()}
}

func (in FormatInput) pksCited() string {
	number := orDots(in.PKS.Number)
	date := "……………………"
	if !in.PKS.Date.IsZero() {
		date = FormatDate(in.PKS.Date)
	}
	s := "Perjanjian Kerja Sama Nomor " + number
	if p := cleanLine(in.PKSPartnerNumber); p != "" {
		s += " dan " + p
	}
	return s + " tanggal " + date
}

// requestLetterFormat is the head's written request of item 1, to the regent
// through the Disdukcapil, carrying items a–f as far as the draft has them.
func requestLetterFormat(office Office, in FormatInput) ([]byte, error) {
	a := in.App
	inst := cleanLine(a.InstitutionName)
	d := formatDoc(office, in, "Surat Permohonan Hak Akses", inst)
	lampiran := "1 (satu) berkas"
	if a.InstitutionType == workflow.BadanHukum {
		lampiran = "6 (enam) berkas"
	}
	d.letterHead(office, lampiran, "Permohonan Kerja Sama Pemanfaatan Data Kependudukan melalui Hak Akses",
		[]string{office.headOfRegion(), "c.q. Kepala " + office.fullOfficeName()})
	d.paragraph(0, "Dalam rangka "+lowerFirst(orDots(trimEnd(cleanLine(a.Purpose))))+", "+inst+" bermaksud memanfaatkan "+
		"Data Kependudukan melalui hak akses sebagaimana diatur dalam "+permendagriShort+". Sehubungan dengan hal tersebut, "+
		"kami mengajukan permohonan kerja sama pemanfaatan Data Kependudukan dengan keterangan sebagai berikut:")
	d.gap(1)
	var names []string
	for _, e := range a.Elements {
		names = append(names, cleanLine(e.Name))
	}
	term := ""
	if a.TermMonths > 0 {
		term = termText(a.TermMonths)
	}
	items := []field{
		{"a. Nama pengguna", inst},
		{"b. Tujuan", orDots(cleanLine(a.Purpose))},
		{"c. Elemen data", orDots(strings.Join(names, ", "))},
		{"d. Metode akses", orDots(a.accessMethodsText())},
		{"e. Data balikan", orDots(cleanLine(a.DataBalikan))},
		{"f. Jangka waktu", orDots(term)},
	}
	d.fields(indentStep, 38, items)
	d.gap(2)
	if a.InstitutionType == workflow.BadanHukum {
		d.paragraph(0, "Sebagai kelengkapan, kami lampirkan akta pendirian, surat keputusan pengesahan badan hukum dari "+
			"Kementerian Hukum, surat keterangan izin usaha, surat keterangan domisili, surat pernyataan memberikan pelayanan "+
			"publik di "+cleanLine(office.Regency)+" dan tidak memiliki hubungan vertikal dengan badan hukum di tingkat pusat "+
			"dan provinsi, serta surat rekomendasi dari instansi pembina/pengawas usaha kami.")
		d.gap(1)
	}
	d.paragraph(0, "Narahubung teknis: "+orDots(cleanLine(a.ContactName))+", telepon "+orDots(cleanLine(a.ContactPhone))+
		", pos-el "+orDots(cleanLine(a.ContactEmail))+".")
	d.gap(2)
	return d.closeWith("Demikian permohonan ini kami sampaikan. Atas perhatian dan kerja sama Bapak/Ibu, kami ucapkan terima kasih.",
		a.headBlock("", false))
}

// recommendationFormat is the supervising authority's recommendation of a
// badan hukum (item 11b): the authority fills in its own name and signs.
func recommendationFormat(office Office, in FormatInput) ([]byte, error) {
	a := in.App
	inst := cleanLine(a.InstitutionName)
	d := formatDoc(office, in, "Surat Rekomendasi Instansi Pembina", "Instansi pembina/pengawas usaha")
	d.centered("BU", 13, 6.2, "SURAT REKOMENDASI")
	d.centered("", bodyPt, lh, "Nomor: "+orDots(""))
	d.gap(6)
	d.paragraph(0, "Yang bertanda tangan di bawah ini:")
	d.gap(1)
	d.fields(indentStep, 34, []field{{"Nama", orDots("")}, {"Jabatan", orDots("")}, {"Instansi", orDots("")}})
	d.gap(2)
	d.paragraph(0, "selaku instansi pembina/pengawas usaha, dengan ini memberikan rekomendasi kepada:")
	d.gap(1)
	d.fields(indentStep, 34, []field{{"Badan hukum", inst}, {"Alamat", orDots(a.InstitutionAddress)},
		{"Pimpinan", orDots(a.HeadName)}, {"Bidang usaha", orDots("")}})
	d.gap(2)
	d.paragraph(0, "untuk memanfaatkan Data Kependudukan melalui hak akses pada "+office.fullOfficeName()+" guna "+
		lowerFirst(orDots(trimEnd(cleanLine(a.Purpose))))+". Badan hukum tersebut berada di bawah pembinaan/pengawasan kami, "+
		"memberikan pelayanan publik di "+cleanLine(office.Regency)+", dan menurut catatan kami memenuhi ketentuan "+permendagriShort+".")
	d.gap(2)
	block := signatureBlock{head: []string{"……………, ……………………… 20……", "……………………………,"}, sig: Signatory{Name: orDots(""), NIP: "……………………………"}}
	return d.closeWith("Demikian rekomendasi ini diberikan untuk dipergunakan sebagaimana mestinya.", block)
}

// userIDRequestFormat is the request for User IDs and the registration of the
// IP LAN addresses (item 4c), citing the signed PKS.
func userIDRequestFormat(office Office, in FormatInput) ([]byte, error) {
	a := in.App
	inst := cleanLine(a.InstitutionName)
	d := formatDoc(office, in, "Surat Permohonan User ID dan IP LAN", inst)
	d.letterHead(office, "1 (satu) berkas", "Permohonan User ID dan Pendaftaran IP LAN Akses Data Kependudukan", toOffice(office))
	d.paragraph(0, "Menindaklanjuti "+in.pksCited()+" tentang Pemanfaatan Data Kependudukan antara "+office.fullOfficeName()+
		" dan "+inst+", dengan ini kami mengajukan permohonan User ID akses Data Warehouse (DWH) Terpusat dan pendaftaran "+
		"alamat IP LAN perangkat yang akan digunakan sebagai berikut:")
	d.gap(2)
	rows := make([][]string, 5)
	for i := range rows {
		rows[i] = []string{strconv.Itoa(i+1) + ".", "", "", ""}
	}
	method := orDots(a.accessMethodsText())
	d.table(0, []float64{12, 50, 55, contentW - 117}, []string{"C", "L", "L", "L"},
		[]string{"No.", "Alamat IP LAN", "Lokasi/perangkat", "Kategori akses"}, rows)
	d.gap(2)
	d.paragraph(0, "Metode akses: "+method+". Akses dilakukan melalui jaringan tertutup sebagaimana Surat Pernyataan Jaringan "+
		"Tertutup terlampir.")
	d.gap(1)
	d.paragraph(0, "Petugas penanggung jawab (pemegang User ID):")
	d.fields(indentStep, 34, []field{{"Nama", orDots("")}, {"Jabatan", orDots("")}, {"Telepon", orDots(a.ContactPhone)},
		{"Pos-el", orDots(a.ContactEmail)}})
	d.gap(2)
	return d.closeWith("Demikian permohonan ini kami sampaikan. Atas perhatian dan kerja sama Bapak/Ibu, kami ucapkan terima kasih.",
		a.headBlock("", false))
}

// closedNetworkFormat is the Surat Pernyataan Jaringan Tertutup (item 4c):
// the head states that access runs over a closed network and is kept safe.
func closedNetworkFormat(office Office, in FormatInput) ([]byte, error) {
	a := in.App
	inst := cleanLine(a.InstitutionName)
	d := formatDoc(office, in, "Surat Pernyataan Jaringan Tertutup", inst)
	d.centered("BU", 13, 6.2, "SURAT PERNYATAAN JARINGAN TERTUTUP")
	d.centered("", bodyPt, lh, "Nomor: "+orDots(""))
	d.gap(6)
	d.paragraph(0, "Yang bertanda tangan di bawah ini:")
	d.gap(1)
	d.fields(indentStep, 34, []field{{"Nama", orDots(a.HeadName)}, {"Jabatan", a.headPosition()}, {"Instansi", inst},
		{"Alamat", orDots(a.InstitutionAddress)}})
	d.gap(2)
	d.paragraph(0, "dalam rangka pelaksanaan "+in.pksCited()+" dengan "+office.fullOfficeName()+", menyatakan bahwa:")
	d.gap(1)
	for i, s := range []string{
		"akses terhadap Data Kependudukan dilakukan melalui jaringan tertutup (jaringan komunikasi data khusus atau " +
			"VPN terenkripsi) yang tidak dapat diakses dari jaringan publik;",
		"akses hanya dilakukan dari perangkat dengan alamat IP LAN yang didaftarkan, di lokasi kantor " + inst + ";",
		"jaringan dan perangkat dilindungi dengan pengamanan yang memadai (firewall, antivirus, pembatasan hak akses) " +
			"dan tidak dipergunakan untuk keperluan lain yang membahayakan keamanan data;",
		"User ID dan kata sandi hanya dipergunakan oleh petugas yang ditunjuk dan tidak dipinjamkan kepada pihak lain;",
		"Data Kependudukan tidak diberikan kepada pihak ketiga dan hanya dipergunakan sesuai Perjanjian Kerja Sama; dan",
		"kami bersedia dilakukan pemeriksaan dan evaluasi keamanan jaringan oleh Kementerian Dalam Negeri atau " +
			office.fullOfficeName() + ".",
	} {
		d.item(0, string(rune('a'+i))+".", s)
		d.gap(0.8)
	}
	d.gap(2)
	return d.closeWith("Demikian surat pernyataan ini kami buat dengan sebenarnya. Apabila di kemudian hari pernyataan ini "+
		"tidak benar, kami bersedia menerima sanksi sesuai dengan ketentuan peraturan perundang-undangan, termasuk "+
		"penghentian hak akses.", a.headBlock("……………, ……………………… 20……", true))
}

// reportFormat is the semester usage report the PKS requires (evaluasi dan
// pelaporan), due 31 July and 31 January.
func reportFormat(office Office, in FormatInput) ([]byte, error) {
	a := in.App
	inst := cleanLine(a.InstitutionName)
	d := formatDoc(office, in, "Laporan Penggunaan Hak Akses", inst)
	d.letterHead(office, "1 (satu) berkas", "Laporan Penggunaan Hak Akses Data Kependudukan Semester …… Tahun ……", toOffice(office))
	d.paragraph(0, "Sesuai "+in.pksCited()+", bersama ini kami sampaikan laporan penggunaan hak akses Data Kependudukan "+
		inst+" untuk semester …… (Januari–Juni/Juli–Desember) tahun …… sebagai berikut:")
	d.gap(2)
	d.item(0, "1.", "Jumlah pemanfaatan Data Kependudukan:")
	d.gap(1)
	rows := make([][]string, 6)
	for i := range rows {
		rows[i] = []string{strconv.Itoa(i+1) + ".", "", "", ""}
	}
	d.table(0, []float64{12, 40, 45, contentW - 97}, []string{"C", "L", "R", "L"},
		[]string{"No.", "Bulan", "Jumlah akses", "Keterangan"}, rows)
	d.gap(2)
	for i, s := range []string{
		"Layanan yang memanfaatkan data:",
		"Data balikan yang telah disampaikan kepada Ditjen Dukcapil:",
		"Kendala dan tindak lanjut:",
		"Pengamanan User ID dan data (pergantian petugas, insiden, perubahan IP LAN):",
	} {
		d.item(0, strconv.Itoa(i+2)+".", s)
		d.dots(indentStep, 2)
		d.gap(1)
	}
	return d.closeWith("Demikian laporan ini kami sampaikan. Atas perhatian dan kerja sama Bapak/Ibu, kami ucapkan terima kasih.",
		a.headBlock("", false))
}

// dots writes n left-aligned lines of dots from indent to the right margin:
// room to write by hand.
func (d *doc) dots(indent float64, n int) {
	w := contentW - indent
	line := strings.Repeat("…", int(w/d.f.GetStringWidth("…")))
	for range n {
		d.ensure(lh + 1)
		d.f.SetX(marginL + indent)
		d.f.CellFormat(w, lh+1, line, "", 1, "L", false, 0, "")
	}
}
