package letters

import (
	"net/netip"
	"strconv"
	"strings"
)

// The three attachments the DWH access request carries (step 4d), worded as
// the service standard words them.
const (
	AttachmentPKS              = "Salinan Dokumen Perjanjian Kerja Sama"
	AttachmentJuknis           = "Salinan Dokumen Petunjuk Teknis"
	AttachmentNetworkStatement = "Surat Pernyataan Jaringan Tertutup dari Lembaga Pengguna"
)

// DWHAccessRequest writes the Disdukcapil's own letter of step 4d asking the
// Dirjen to approve DWH Terpusat access for the institution: it cites the
// approval and the signed PKS, lists the IP LAN addresses and the three
// attachments, and asks for the institution's User IDs and the regency's own
// data-balikan User ID (step 5). The Kepala Dinas signs it in the office's own
// name, not on the regent's behalf.
func DWHAccessRequest(office Office, app Application, meta LetterMeta, refs DWHReferences) ([]byte, error) {
	inst := cleanLine(app.InstitutionName)
	l := dirjenLetterFor(office, app, meta)
	l.subject = "Permohonan Akses DWH Terpusat"
	l.lampiran = "3 (tiga) berkas"
	l.perihal = "Permohonan Persetujuan Akses DWH (Data Warehouse) Terpusat bagi " + inst
	l.closing = "Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih."
	missing := l.missing()
	if inst == "" {
		missing = append(missing, ItemNamaPengguna)
	}
	if cleanLine(refs.PKS.Number) == "" {
		missing = append(missing, "nomor Perjanjian Kerja Sama")
	}
	if len(app.IPAddresses) == 0 {
		missing = append(missing, "alamat IP LAN")
	}
	for _, ip := range app.IPAddresses {
		if !validIP(ip) {
			missing = append(missing, "alamat IP yang valid (bukan "+strconv.Quote(cleanLine(ip))+")")
		}
	}
	if err := incomplete("surat permohonan akses DWH", missing); err != nil {
		return nil, err
	}
	d, err := l.open()
	if err != nil {
		return nil, err
	}

	opening := "Menindaklanjuti"
	if a := refs.Approval; cleanLine(a.Number) != "" {
		opening += " persetujuan " + dirjen + " Nomor " + cleanLine(a.Number) + dated(a) +
			" perihal Persetujuan Pemanfaatan Data Kependudukan bagi " + inst + ", serta"
	}
	opening += " telah ditandatanganinya Perjanjian Kerja Sama antara " + office.fullOfficeName() + " dengan " + inst +
		" " + refs.pksNumbers() + signedOn(refs.PKS) + " tentang Pemanfaatan Data Kependudukan " +
		"Melalui Hak Akses beserta Petunjuk Teknisnya, dengan hormat kami mohon persetujuan Akses DWH (Data " +
		"Warehouse) Terpusat bagi " + inst + "."
	d.paragraph(0, opening)
	d.gap(2)

	via := "Sesuai dengan surat permohonan User ID dan IP LAN dari " + app.headPosition()
	if r := refs.UserIDRequest; cleanLine(r.Number) != "" {
		via += " Nomor " + cleanLine(r.Number) + dated(r)
	}
	if m := app.accessMethodsText(); m != "" {
		via += ", akses dilakukan dengan metode " + m + " melalui jaringan komunikasi data tertutup dari alamat IP LAN berikut:"
	} else {
		via += ", akses dilakukan melalui jaringan komunikasi data tertutup dari alamat IP LAN berikut:"
	}
	d.paragraph(0, via)
	d.gap(2)
	rows := make([][]string, len(app.IPAddresses))
	for i, ip := range app.IPAddresses {
		rows[i] = []string{strconv.Itoa(i+1) + ".", cleanLine(ip)}
	}
	d.table(8, []float64{14, 80}, []string{"C", "L"}, []string{"No.", "Alamat IP LAN"}, rows)
	d.gap(3)

	d.paragraph(0, "Sebagai kelengkapan permohonan, bersama ini kami lampirkan:")
	d.gap(1)
	att := []string{
		AttachmentPKS + " " + refs.pksNumbers() + dated(refs.PKS) + ";",
		AttachmentJuknis + refs.juknisNumbers() + "; dan",
		AttachmentNetworkStatement + numbered(refs.NetworkStatement) + ".",
	}
	for i, a := range att {
		d.item(0, strconv.Itoa(i+1)+".", a)
		d.gap(0.8)
	}
	d.gap(2)
	d.paragraph(0, "Selanjutnya kami mohon kiranya dapat diterbitkan User ID bagi "+inst+" sesuai dengan kategori "+
		"data yang disetujui, serta User ID data balikan daerah bagi "+office.fullOfficeName()+".")
	d.gap(2)
	return l.close(d)
}

// pksNumbers writes "Nomor A dan Nomor B": the Disdukcapil's number of the PKS
// and the institution's, as both stand on the signed paper.
func (r DWHReferences) pksNumbers() string {
	n := "Nomor " + cleanLine(r.PKS.Number)
	if p := cleanLine(r.PKSPartnerNumber); p != "" {
		n += " dan Nomor " + p
	}
	return n
}

// juknisNumbers writes " Nomor J1 dan Nomor J2 tanggal D" for the signed
// Juknis; it is signed with the PKS, so the PKS's date stands in for its own.
func (r DWHReferences) juknisNumbers() string {
	var nums []string
	for _, n := range []string{r.Juknis.Number, r.JuknisPartnerNumber} {
		if n = cleanLine(n); n != "" {
			nums = append(nums, "Nomor "+n)
		}
	}
	date := r.Juknis.Date
	if date.IsZero() {
		date = r.PKS.Date
	}
	out := ""
	if len(nums) > 0 {
		out = " " + strings.Join(nums, " dan ")
	}
	return out + dated(Reference{Date: date})
}

// signedOn writes " yang ditandatangani pada tanggal 6 April 2026".
func signedOn(r Reference) string {
	if r.Date.IsZero() {
		return ""
	}
	return " yang ditandatangani pada tanggal " + FormatDate(r.Date)
}

// dated writes " tanggal 10 Maret 2026" for a reference with a date.
func dated(r Reference) string {
	if r.Date.IsZero() {
		return ""
	}
	return " tanggal " + FormatDate(r.Date)
}

// numbered writes " Nomor X tanggal Y" for a reference that has a number.
func numbered(r Reference) string {
	if cleanLine(r.Number) == "" {
		return dated(r)
	}
	return " Nomor " + cleanLine(r.Number) + dated(r)
}

// validIP accepts what the User ID request may register: an IPv4 or IPv6
// address, or a CIDR block.
func validIP(s string) bool {
	s = cleanLine(s)
	if _, err := netip.ParseAddr(s); err == nil {
		return true
	}
	_, err := netip.ParsePrefix(s)
	return err == nil
}
