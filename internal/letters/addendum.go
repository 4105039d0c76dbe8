package letters

import (
	"fmt"
	"strconv"
	"strings"
)

// AddendumChange is what one addendum changes in the PKS.
type AddendumChange struct {
	Seq         int       // Adendum ke-N
	PKS         Reference // the agreement amended
	Purpose     string    // the new purpose; empty: unchanged
	AddElements []Element // elements added
	IPAddresses []string  // the new IP LAN list; nil: unchanged
	AddUserIDs  int       // User IDs added
	Approval    Reference // the Dirjen's approval of the changed elements/purpose, if any
	DWHApproval Reference // the Dirjen's approval of the DWH changes, if any
}

// Addendum writes an addendum to the PKS, numbered and signed like the PKS
// itself: the agreement it amends, the approvals it rests on, one Pasal per
// change, the rule that the rest of the PKS stands, and the two signatures.
func Addendum(office Office, app Application, meta AgreementMeta, c AddendumChange) ([]byte, error) {
	var missing []string
	if cleanLine(c.PKS.Number) == "" {
		missing = append(missing, "nomor Perjanjian Kerja Sama yang diubah")
	}
	if c.Seq < 1 {
		missing = append(missing, "nomor urut adendum")
	}
	if cleanLine(c.Purpose) == "" && len(c.AddElements) == 0 && c.IPAddresses == nil && c.AddUserIDs == 0 {
		missing = append(missing, "perubahan yang diatur")
	}
	d, err := agreementDoc(office, app, meta, "adendum perjanjian kerja sama", missing,
		fmt.Sprintf("Adendum ke-%d Perjanjian Kerja Sama %s", c.Seq, cleanLine(app.InstitutionName)), "Adendum Perjanjian Kerja Sama",
		fmt.Sprintf("ADENDUM KE-%d", c.Seq), "PERJANJIAN KERJA SAMA")
	if err != nil {
		return nil, err
	}
	agreementOpening(d, office, app, meta)
	basis := "PARA PIHAK sepakat mengubah Perjanjian Kerja Sama Nomor " + cleanLine(c.PKS.Number) + dated(c.PKS) +
		" tentang Pemanfaatan Data Kependudukan Melalui Hak Akses"
	var refs []string
	if cleanLine(c.Approval.Number) != "" {
		refs = append(refs, "persetujuan "+dirjen+" Nomor "+cleanLine(c.Approval.Number)+dated(c.Approval))
	}
	if cleanLine(c.DWHApproval.Number) != "" {
		refs = append(refs, "persetujuan perubahan akses DWH Terpusat Nomor "+cleanLine(c.DWHApproval.Number)+dated(c.DWHApproval))
	}
	if len(refs) > 0 {
		basis += ", berdasarkan " + joinIndonesian(refs)
	}
	d.paragraph(0, basis+", dengan ketentuan sebagai berikut:")

	pasal := 0
	article := func(title string, body ...string) {
		pasal++
		d.gap(4)
		d.ensure(3 * lh)
		d.centered("B", bodyPt, lh, "Pasal "+strconv.Itoa(pasal))
		d.centered("B", bodyPt, lh, strings.ToUpper(title))
		d.gap(1.5)
		d.rich(0, lines(body...))
	}
	if p := trimEnd(cleanLine(c.Purpose)); p != "" {
		article("Perubahan Tujuan", "Tujuan pemanfaatan Data Kependudukan oleh PIHAK KEDUA diubah menjadi: "+lowerFirst(p)+".")
	}
	if len(c.AddElements) > 0 {
		article("Penambahan Elemen Data", append([]string{"Elemen Data Kependudukan yang dimanfaatkan PIHAK KEDUA ditambah dengan:"},
			elementLines(c.AddElements)...)...)
	}
	if c.IPAddresses != nil || c.AddUserIDs > 0 {
		var body []string
		if c.IPAddresses != nil {
			body = append(body, "(1) Alamat IP LAN jaringan komunikasi data tertutup PIHAK KEDUA yang didaftarkan menjadi:")
			for i, ip := range c.IPAddresses {
				body = append(body, fmt.Sprintf("  %d. %s", i+1, cleanLine(ip)))
			}
		}
		if c.AddUserIDs > 0 {
			n := "(1)"
			if c.IPAddresses != nil {
				n = "(2)"
			}
			body = append(body, n+" User ID DWH Terpusat bagi PIHAK KEDUA ditambah sebanyak "+withWords(c.AddUserIDs)+
				" User ID sesuai dengan persetujuan "+dirjen+".")
		}
		article("Perubahan Akses DWH Terpusat", body...)
	}
	article("Ketentuan Lain",
		"(1) Ketentuan Perjanjian Kerja Sama yang tidak diubah dengan Adendum ini tetap berlaku.",
		"(2) Adendum ini merupakan bagian yang tidak terpisahkan dari Perjanjian Kerja Sama dan berlaku sejak "+
			"tanggal ditandatangani PARA PIHAK sampai dengan berakhirnya jangka waktu Perjanjian Kerja Sama.")
	d.gap(6)
	left, right := agreementSignatureBlocks(office, app, meta)
	agreementSignatures(d, left, right, "")
	return d.bytes()
}
