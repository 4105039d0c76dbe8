package letters

import (
	"strconv"
)

// RecapRow is one agreement's line in the semester evaluation recap.
type RecapRow struct {
	Institution string
	PKS         string // the PKS number
	Due         int    // reports due for the semester (0 or 1 per agreement)
	Received    int    // reports received for it (on time or late)
	Accepted    int    // of those, accepted by staff
	Overdue     int    // reports due and not received, or returned and not refiled
	Sanctions   int    // sanctions imposed in the semester
}

// Recap is the office's semester evaluation of its agreements, reported to the
// Dirjen as the PKS's Pasal "Evaluasi dan Pelaporan" requires.
type Recap struct {
	Semester string // e.g. "Semester I 2027"
	From, To string // the period in words, e.g. "1 Januari 2027 sampai dengan 30 Juni 2027"
	Rows     []RecapRow
}

// Totals sums the rows.
func (r Recap) Totals() RecapRow {
	var t RecapRow
	for _, x := range r.Rows {
		t.Due += x.Due
		t.Received += x.Received
		t.Accepted += x.Accepted
		t.Overdue += x.Overdue
		t.Sanctions += x.Sanctions
	}
	return t
}

// EvaluationRecap writes the Kepala's letter to the Dirjen with the semester's
// evaluation: per agreement the reports due, received, accepted and overdue and
// the sanctions imposed, with the totals.
func EvaluationRecap(office Office, meta LetterMeta, r Recap) ([]byte, error) {
	l := letter{
		office:    office,
		meta:      meta,
		subject:   "Laporan Evaluasi Pemanfaatan Data Kependudukan",
		lampiran:  "-",
		perihal:   "Laporan Hasil Evaluasi Pemanfaatan Data Kependudukan " + cleanLine(r.Semester),
		addressee: dirjenAddressee,
		place:     dirjenPlace,
		tembusan:  []string{office.headOfRegion() + " (sebagai laporan)."},
	}
	missing := l.missing()
	if cleanLine(r.Semester) == "" {
		missing = append(missing, "semester yang dievaluasi")
	}
	if err := incomplete("laporan evaluasi semester", missing); err != nil {
		return nil, err
	}
	d, err := l.open()
	if err != nil {
		return nil, err
	}
	period := cleanLine(r.Semester)
	if cleanLine(r.From) != "" {
		period += " (" + cleanLine(r.From) + " sampai dengan " + cleanLine(r.To) + ")"
	}
	d.paragraph(0, "Sesuai dengan ketentuan evaluasi dan pelaporan dalam Perjanjian Kerja Sama Pemanfaatan Data "+
		"Kependudukan Melalui Hak Akses, bersama ini kami sampaikan hasil evaluasi atas pelaksanaan "+
		"Perjanjian Kerja Sama oleh "+office.fullOfficeName()+" untuk "+period+", sebagai berikut:")
	d.gap(3)
	if len(r.Rows) == 0 {
		d.paragraph(0, "Pada semester tersebut tidak terdapat Perjanjian Kerja Sama yang berlaku.")
	} else {
		// The PKS numbers are too long for a table cell: they are listed first,
		// and the table refers to them by the same numbering.
		d.paragraph(0, "Perjanjian Kerja Sama yang dievaluasi:")
		d.gap(1)
		for i, x := range r.Rows {
			d.item(0, strconv.Itoa(i+1)+".", cleanLine(x.Institution)+", Nomor PKS "+cleanLine(x.PKS)+";")
			d.gap(0.5)
		}
		d.gap(2)
		rows := make([][]string, 0, len(r.Rows)+1)
		for i, x := range r.Rows {
			rows = append(rows, []string{strconv.Itoa(i+1) + ".", cleanLine(x.Institution),
				strconv.Itoa(x.Due), strconv.Itoa(x.Received), strconv.Itoa(x.Accepted), strconv.Itoa(x.Overdue), strconv.Itoa(x.Sanctions)})
		}
		t := r.Totals()
		rows = append(rows, []string{"", "Jumlah", strconv.Itoa(t.Due), strconv.Itoa(t.Received), strconv.Itoa(t.Accepted),
			strconv.Itoa(t.Overdue), strconv.Itoa(t.Sanctions)})
		const num = 21.0
		d.table(0, []float64{10, contentW - 10 - 5*num, num, num, num, num, num}, []string{"C", "L", "C", "C", "C", "C", "C"},
			[]string{"No.", "Lembaga Pengguna", "Wajib Lapor", "Diterima", "Disetujui", "Terlambat", "Sanksi"}, rows)
	}
	d.gap(3)
	d.paragraph(0, "Laporan yang terlambat telah kami tindak lanjuti sesuai dengan ketentuan sanksi dalam Perjanjian "+
		"Kerja Sama. Demikian disampaikan, atas perhatian Bapak/Ibu diucapkan terima kasih.")
	return l.close(d)
}
