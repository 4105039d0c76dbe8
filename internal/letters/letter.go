package letters

import (
	"strings"
)

// Every letter to the Dirjen goes to the same addressee.
var dirjenAddressee = []string{
	"Direktur Jenderal Kependudukan dan Pencatatan Sipil",
	"Kementerian Dalam Negeri",
}

const dirjenPlace = "Jakarta"

// dirjenLetterFor is the frame of a letter to the Dirjen about an institution's
// application (forwarding, DWH request): copied to the regional head as a report
// and to the institution's head.
func dirjenLetterFor(office Office, app Application, meta LetterMeta) letter {
	return letter{office: office, meta: meta, addressee: dirjenAddressee, place: dirjenPlace, keywords: app.keywords(),
		tembusan: []string{office.headOfRegion() + " (sebagai laporan);", app.headPosition() + "."}}
}

// letter is the frame shared by the outgoing letters: kop, number block,
// addressee, and after the body the signature and the carbon copies.
type letter struct {
	office    Office
	meta      LetterMeta
	subject   string // metadata subject, e.g. "Surat pengantar"
	lampiran  string
	perihal   string
	addressee []string
	place     string
	// onBehalf signs "a.n. BUPATI …" above the position: the letter is the
	// regent's, delegated to the Kepala Dinas (step 2), not the office's own.
	onBehalf bool
	tembusan []string
	keywords string
	// closing is the letter's last sentence ("Demikian disampaikan, …"); close
	// keeps it on the page of the signature.
	closing string
}

func (l letter) signatory() Signatory {
	return l.meta.Signatory.orDefault(l.office.kepala())
}

// missing lists what the frame itself needs.
func (l letter) missing() []string {
	m := l.office.missing()
	if cleanLine(l.meta.Number) == "" {
		m = append(m, "nomor surat")
	}
	if l.meta.Date.IsZero() {
		m = append(m, "tanggal surat")
	}
	if l.signatory().isZero() {
		m = append(m, "penanda tangan")
	}
	return m
}

func (l letter) open() (*doc, error) {
	d := newDoc(docInfo{
		title:    l.perihal,
		subject:  l.subject + " " + cleanLine(l.meta.Number),
		author:   l.office.fullOfficeName(),
		created:  l.meta.Date,
		keywords: l.keywords,
	})
	if err := d.kop(l.office); err != nil {
		return nil, err
	}
	sifat := cleanLine(l.meta.Sifat)
	if sifat == "" {
		sifat = "Biasa"
	}
	d.fields(0, 22, []field{
		{"Nomor", l.meta.Number},
		{"Sifat", sifat},
		{"Lampiran", l.lampiran},
		{"Perihal", l.perihal},
	})
	d.gap(6)
	// "Yth." hangs to the left so the addressee's lines align under each other.
	y := d.f.GetY()
	const yth = 9.0
	d.f.SetXY(marginL, y)
	d.f.CellFormat(yth, lh, "Yth.", "", 0, "L", false, 0, "")
	for _, a := range l.addressee {
		d.f.SetX(marginL + yth)
		d.f.MultiCell(contentW-yth, lh, cleanLine(a), "", "L", false)
	}
	if l.place != "" {
		d.f.SetX(marginL + yth)
		d.f.MultiCell(contentW-yth, lh, "di", "", "L", false)
		d.f.SetX(marginL + yth + 5)
		d.f.MultiCell(contentW-yth-5, lh, l.place, "", "L", false)
	}
	d.gap(6)
	return d, nil
}

// close writes the signature block on the right and the carbon copies.
func (l letter) close(d *doc) ([]byte, error) {
	sig := l.signatory()
	head := []string{cleanLine(l.office.City) + ", " + FormatDate(l.meta.Date)}
	if l.onBehalf {
		head = append(head, "a.n. "+strings.ToUpper(l.office.headOfRegion()))
	}
	head = append(head, strings.ToUpper(cleanLine(sig.Position))+",")
	block := signatureBlock{head: head, sig: sig}
	if l.closing != "" {
		d.paragraphKept(l.closing, 4+d.signatureHeight(block, signatureRightW))
	}
	d.gap(4)
	d.signatureRight(block)
	tembusan := l.tembusan
	if len(l.meta.Tembusan) > 0 {
		tembusan = l.meta.Tembusan
	}
	d.tembusan(tembusan)
	return d.bytes()
}
