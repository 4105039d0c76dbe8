package letters

import (
	"strconv"
	"strings"

	"github.com/hakakses/hakakses/internal/workflow"
)

// The six items the forwarding letter must explain (step 2, Permendagri
// 102/2019), worded exactly as the regulation words them.
const (
	ItemNamaPengguna = "nama Pengguna"
	ItemTujuan       = "tujuan pemanfaatan Data Kependudukan"
	ItemElemen       = "elemen Data Kependudukan yang akan diakses"
	ItemMetode       = "metode akses Data Kependudukan"
	ItemDataBalikan  = "data balikan yang akan diberikan"
	ItemJangkaWaktu  = "jangka waktu perjanjian kerja sama"
)

// permendagriHakAkses is how the letters cite the regulation behind the service.
const permendagriHakAkses = "Peraturan Menteri Dalam Negeri Nomor 102 Tahun 2019 tentang Pemberian Hak Akses dan " +
	"Pemanfaatan Data Kependudukan sebagaimana telah diubah dengan Peraturan Menteri Dalam Negeri Nomor 17 Tahun 2023"

// ForwardingLetter writes the surat pengantar of step 2: the Bupati/Wali Kota,
// through the Disdukcapil, forwards the institution's request to the Direktur
// Jenderal Kependudukan dan Pencatatan Sipil with the explanation of items a–f.
// It is signed by the Kepala Dinas on the regent's behalf ("a.n. BUPATI …").
func ForwardingLetter(office Office, app Application, meta LetterMeta) ([]byte, error) {
	inst := cleanLine(app.InstitutionName)
	l := dirjenLetterFor(office, app, meta)
	l.subject = "Surat pengantar permohonan pemanfaatan Data Kependudukan"
	l.lampiran = "1 (satu) berkas"
	l.perihal = "Permohonan Persetujuan Pemanfaatan Data Kependudukan bagi " + inst
	l.onBehalf = true
	l.closing = "Demikian disampaikan, atas perhatian dan perkenan persetujuannya diucapkan terima kasih."
	missing := append(l.missing(), app.missingItems()...)
	if err := incomplete("surat pengantar", missing); err != nil {
		return nil, err
	}
	d, err := l.open()
	if err != nil {
		return nil, err
	}

	request := "surat " + app.headPosition()
	if ref := app.RequestLetter; cleanLine(ref.Number) != "" {
		request += " Nomor " + cleanLine(ref.Number)
		if !ref.Date.IsZero() {
			request += " tanggal " + FormatDate(ref.Date)
		}
	}
	d.paragraph(0, "Menindaklanjuti "+request+" perihal Permohonan Pemanfaatan Data Kependudukan, "+
		"dengan hormat kami teruskan permohonan tersebut untuk mendapatkan persetujuan Direktur Jenderal "+
		"Kependudukan dan Pencatatan Sipil atas nama Menteri Dalam Negeri, sesuai dengan ketentuan "+
		permendagriHakAkses+".")
	d.gap(2)
	d.paragraph(0, "Sebagai bahan pertimbangan, bersama ini kami sampaikan penjelasan atas permohonan dimaksud "+
		"sebagai berikut:")
	d.gap(1)

	item := func(marker, label, value string) {
		d.item(0, marker, label+": "+value)
		d.gap(0.8)
	}
	pengguna := inst + " (" + app.institutionKind() + ")"
	if a := cleanLine(app.InstitutionAddress); a != "" {
		pengguna += ", beralamat di " + trimEnd(a)
	}
	if h := cleanLine(app.HeadName); h != "" {
		pengguna += ", dengan pimpinan " + h + " selaku " + app.headPosition()
	}
	item("a.", ItemNamaPengguna, pengguna+";")
	item("b.", ItemTujuan, trimEnd(cleanLine(app.Purpose))+";")
	item("c.", ItemElemen, "sebanyak "+withWords(len(app.Elements))+" elemen, yaitu:")
	sub := d.markerWidth("c.")
	for i, e := range app.Elements {
		text := trimEnd(cleanLine(e.Name))
		if e.Protected {
			text += " (Pasal 84), dengan justifikasi: " + trimEnd(cleanLine(e.Justification))
		}
		if i < len(app.Elements)-1 {
			text += ";"
		} else {
			text += "."
		}
		d.item(sub, elementMarker(e, i), text)
	}
	d.gap(0.8)
	item("d.", ItemMetode, app.accessMethodsText()+";")
	item("e.", ItemDataBalikan, trimEnd(cleanLine(app.DataBalikan))+"; dan")
	item("f.", ItemJangkaWaktu, termText(app.TermMonths)+" terhitung sejak Perjanjian Kerja Sama ditandatangani.")
	d.gap(2)

	if app.InstitutionType == workflow.BadanHukum {
		d.paragraph(0, inst+" merupakan badan hukum Indonesia yang memberikan pelayanan publik di "+
			cleanLine(office.Regency)+" dan tidak memiliki hubungan vertikal dengan badan hukum Indonesia di "+
			"tingkat pusat dan di tingkat provinsi"+app.Eligibility.evidence(app.headPosition())+".")
		d.gap(2)
	}
	d.paragraph(0, "Berdasarkan hasil verifikasi "+office.fullOfficeName()+", permohonan tersebut telah memenuhi "+
		"persyaratan. Surat permohonan beserta dokumen pendukungnya kami sampaikan sebagai lampiran surat ini.")
	d.gap(2)
	return l.close(d)
}

// missingItems lists which of the items a–f the application lacks.
func (a Application) missingItems() []string {
	var m []string
	if cleanLine(a.InstitutionName) == "" {
		m = append(m, ItemNamaPengguna)
	}
	if cleanLine(a.Purpose) == "" {
		m = append(m, ItemTujuan)
	}
	if len(a.Elements) == 0 {
		m = append(m, ItemElemen)
	}
	for _, e := range a.Elements {
		if cleanLine(e.Name) == "" {
			m = append(m, "nama elemen data "+e.Letter)
		}
		if e.Protected && cleanLine(e.Justification) == "" {
			m = append(m, "justifikasi elemen "+cleanLine(e.Name)+" (Pasal 84)")
		}
	}
	if len(a.AccessMethods) == 0 {
		m = append(m, ItemMetode)
	}
	if cleanLine(a.DataBalikan) == "" {
		m = append(m, ItemDataBalikan)
	}
	if a.TermMonths <= 0 {
		m = append(m, ItemJangkaWaktu)
	}
	return m
}

// elementMarker prints an element under its catalogue letter, so that the
// Dirjen's staff read the same "k." or "bb." as in the regulation's list.
func elementMarker(e Element, i int) string {
	if l := strings.ToLower(cleanLine(e.Letter)); l != "" {
		return strings.TrimSuffix(l, ".") + "."
	}
	return strconv.Itoa(i+1) + "."
}

// trimEnd drops the final punctuation of a value that the letter punctuates
// itself.
func trimEnd(s string) string {
	return strings.TrimRight(strings.TrimSpace(s), ".;,:")
}

// evidence names, for the forwarding letter, the documents on file that back a
// badan hukum's eligibility: exactly those, with their numbers and dates, or
// the plain fact that none is attached. Nothing is cited that is not on file.
func (e Eligibility) evidence(head string) string {
	var docs []string
	if e.StatementOnFile {
		docs = append(docs, "surat pernyataan "+head+numbered(e.Statement))
	}
	if e.RecommendationOnFile {
		r := "rekomendasi"
		if by := cleanLine(e.RecommendedBy); by != "" {
			r += " " + by
		} else {
			r += " instansi pembina/pengawas usahanya"
		}
		docs = append(docs, r+numbered(e.Recommendation))
	}
	if len(docs) == 0 {
		return ", menurut keterangan pemohon; surat pernyataan dan rekomendasi instansi pembina belum dilampirkan"
	}
	return ", sebagaimana dinyatakan dalam " + joinIndonesian(docs) + " yang terlampir"
}
