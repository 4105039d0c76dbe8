package letters

import (
	"strconv"
	"strings"
)

// PasswordNotice is the sentence the handover record carries instead of any
// password: docs/domain.md §1 rules passwords out of paper and of this system.
const PasswordNotice = "Kata sandi (password) tidak dicantumkan dalam Berita Acara ini. Kata sandi disampaikan " +
	"melalui aplikasi DWH Terpusat kepada pemegang User ID dan wajib diganti pada saat pertama kali digunakan."

// HandoverRecord writes the Berita Acara Serah Terima User ID of step 6: on
// the office's letterhead, the date in words, the giver (PIHAK PERTAMA, the
// signatory of meta, by default the Kepala Dinas) and the recipient (PIHAK
// KEDUA), a table of the User IDs handed over, the conditions of their use,
// and both signatures. It never prints a password.
func HandoverRecord(office Office, app Application, meta LetterMeta, h Handover) ([]byte, error) {
	inst := cleanLine(app.InstitutionName)
	giver := meta.Signatory.orDefault(office.kepala())
	recipient := h.Recipient.orDefault(app.headSignatory())

	missing := office.missing()
	if cleanLine(meta.Number) == "" {
		missing = append(missing, "nomor berita acara")
	}
	if meta.Date.IsZero() {
		missing = append(missing, "tanggal serah terima")
	}
	if inst == "" {
		missing = append(missing, ItemNamaPengguna)
	}
	if giver.isZero() {
		missing = append(missing, "nama yang menyerahkan")
	}
	if recipient.isZero() {
		missing = append(missing, "nama penerima")
	}
	if len(app.UserIDs) == 0 {
		missing = append(missing, "User ID yang diserahkan")
	}
	for i, u := range app.UserIDs {
		if cleanLine(u.ID) == "" {
			missing = append(missing, "User ID baris "+strconv.Itoa(i+1))
		}
	}
	if err := incomplete("berita acara serah terima User ID", missing); err != nil {
		return nil, err
	}

	d := newDoc(docInfo{
		title:    "Berita Acara Serah Terima User ID " + inst,
		subject:  "Berita Acara Serah Terima User ID " + cleanLine(meta.Number),
		author:   office.fullOfficeName(),
		created:  meta.Date,
		keywords: app.keywords(),
	})
	if err := d.kop(office); err != nil {
		return nil, err
	}
	d.centered("BU", 13, 6.2, "BERITA ACARA SERAH TERIMA USER ID")
	d.centered("B", bodyPt, lh, "HAK AKSES PEMANFAATAN DATA KEPENDUDUKAN")
	d.centered("", bodyPt, lh, "Nomor: "+cleanLine(meta.Number))
	d.gap(6)

	d.paragraph(0, "Pada hari ini "+dateInWords(meta.Date)+", bertempat di "+office.fullOfficeName()+", "+
		cleanLine(office.City)+", kami yang bertanda tangan di bawah ini:")
	d.gap(2)
	party := func(marker string, s Signatory, instansi, role string) {
		d.ensure(4 * lh)
		y := d.f.GetY()
		d.f.SetXY(marginL, y)
		d.f.CellFormat(indentStep, lh, marker, "", 0, "L", false, 0, "")
		d.f.SetY(y)
		rows := []field{{"Nama", s.Name}}
		if nip := cleanLine(s.NIP); nip != "" {
			rows = append(rows, field{"NIP", formatNIP(nip)})
		}
		rows = append(rows, field{"Jabatan", s.Position}, field{"Instansi", instansi})
		d.fields(indentStep, 24, rows)
		d.gap(1)
		d.paragraph(indentStep, "yang selanjutnya disebut "+role)
		d.gap(2)
	}
	party("1.", giver, office.fullOfficeName(), "PIHAK PERTAMA (yang menyerahkan);")
	party("2.", recipient, inst, "PIHAK KEDUA (yang menerima).")

	authority := "diterbitkan oleh " + dirjen
	if a := h.DWHApproval; cleanLine(a.Number) != "" {
		authority += " berdasarkan surat Nomor " + cleanLine(a.Number) + dated(a)
	}
	if p := h.PKS; cleanLine(p.Number) != "" {
		authority += ", untuk pelaksanaan Perjanjian Kerja Sama Nomor " + cleanLine(p.Number) + dated(p)
	}
	d.paragraph(0, "PIHAK PERTAMA menyerahkan kepada PIHAK KEDUA, dan PIHAK KEDUA menerima dari PIHAK PERTAMA, "+
		"User ID hak akses Data Kependudukan pada aplikasi DWH Terpusat yang "+authority+", sebagai berikut:")
	d.gap(2)
	rows := make([][]string, len(app.UserIDs))
	for i, u := range app.UserIDs {
		rows[i] = []string{strconv.Itoa(i+1) + ".", cleanLine(u.ID), cleanLine(u.Description)}
	}
	d.table(0, []float64{14, 62, contentW - 76}, []string{"C", "L", "L"}, []string{"No.", "User ID", "Keterangan"}, rows)
	d.gap(4)

	d.paragraph(0, "Dengan ketentuan:")
	d.gap(1)
	use := "PIHAK KEDUA bertanggung jawab atas penggunaan User ID tersebut, menggunakannya hanya sesuai dengan " +
		"Perjanjian Kerja Sama dan Petunjuk Teknis"
	if len(app.IPAddresses) > 0 {
		var ips []string
		for _, ip := range app.IPAddresses {
			ips = append(ips, cleanLine(ip))
		}
		use += " dari alamat IP LAN yang terdaftar (" + strings.Join(ips, ", ") + ")"
	}
	use += ", serta tidak memberikannya kepada pihak ketiga."
	for i, c := range []string{
		PasswordNotice,
		use,
		"Penyalahgunaan User ID menjadi tanggung jawab PIHAK KEDUA dan dapat mengakibatkan penghentian sementara " +
			"atau pencabutan hak akses.",
	} {
		d.item(0, strconv.Itoa(i+1)+".", c)
		d.gap(0.8)
	}
	d.gap(2)
	d.paragraph(0, "Demikian Berita Acara Serah Terima ini dibuat dalam rangkap 2 (dua) untuk dipergunakan "+
		"sebagaimana mestinya.")
	d.gap(8)
	d.signaturePair(
		signatureBlock{head: []string{"PIHAK KEDUA,", "Yang Menerima,"}, sig: recipient},
		signatureBlock{head: []string{"PIHAK PERTAMA,", "Yang Menyerahkan,"}, sig: giver},
	)
	return d.bytes()
}
