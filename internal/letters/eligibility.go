package letters

// EligibilityStatement writes the surat pernyataan a badan hukum's pimpinan
// signs for item 11b: that it provides a public service in this
// kabupaten/kota and has no vertical relationship with a badan hukum
// Indonesia at national or provincial level. It is generated for the lembaga
// to print, sign over a meterai and upload; it carries the lembaga's own
// number and date when given, and dotted blanks otherwise, since the lembaga
// numbers its own letters.
func EligibilityStatement(office Office, app Application, meta LetterMeta) ([]byte, error) {
	inst := cleanLine(app.InstitutionName)
	var missing []string
	if cleanLine(office.Regency) == "" {
		missing = append(missing, "nama kabupaten/kota")
	}
	if inst == "" {
		missing = append(missing, ItemNamaPengguna)
	}
	if cleanLine(app.HeadName) == "" {
		missing = append(missing, "nama pimpinan lembaga pengguna")
	}
	if err := incomplete("surat pernyataan badan hukum", missing); err != nil {
		return nil, err
	}
	d := newDoc(docInfo{
		title:    "Surat Pernyataan Badan Hukum " + inst,
		subject:  "Surat pernyataan pelayanan publik dan tidak memiliki hubungan vertikal",
		author:   inst,
		created:  meta.Date,
		keywords: app.keywords(),
	})
	d.centered("BU", 13, 6.2, "SURAT PERNYATAAN")
	d.centered("", bodyPt, lh, "Nomor: "+orDots(meta.Number))
	d.gap(6)
	d.paragraph(0, "Yang bertanda tangan di bawah ini:")
	d.gap(1)
	d.fields(indentStep, 34, []field{
		{"Nama", orDots(app.HeadName)},
		{"Jabatan", app.headPosition()},
		{"Badan hukum", inst},
		{"Alamat", orDots(app.InstitutionAddress)},
	})
	d.gap(2)
	d.paragraph(0, "dengan ini menyatakan dengan sebenarnya bahwa "+inst+":")
	d.gap(1)
	region := cleanLine(office.Regency)
	for i, s := range []string{
		"merupakan badan hukum Indonesia yang memberikan pelayanan publik di " + region + ";",
		"tidak memiliki hubungan vertikal dengan badan hukum Indonesia di tingkat pusat dan di tingkat provinsi; dan",
		"akan memanfaatkan Data Kependudukan hanya untuk " + lowerFirst(orDots(trimEnd(cleanLine(app.Purpose)))) +
			", sesuai dengan Perjanjian Kerja Sama dengan " + office.fullOfficeName() + ".",
	} {
		d.item(0, string(rune('a'+i))+".", s)
		d.gap(0.8)
	}
	d.gap(2)
	closing := "Demikian surat pernyataan ini dibuat dengan sebenarnya untuk memenuhi persyaratan penandatanganan " +
		"Perjanjian Kerja Sama Pemanfaatan Data Kependudukan sebagaimana dimaksud dalam " + permendagriShort +
		". Apabila di kemudian hari pernyataan ini terbukti tidak benar, kami bersedia menerima sanksi sesuai " +
		"dengan ketentuan peraturan perundang-undangan."
	date := "…………………"
	if !meta.Date.IsZero() {
		date = FormatDate(meta.Date)
	}
	block := signatureBlock{
		head: []string{orDots(office.City) + ", " + date, app.headPosition() + ",", "", "Meterai Rp10.000"},
		sig:  Signatory{Name: cleanLine(app.HeadName)},
	}
	d.paragraphKept(closing, 4+d.signatureHeight(block, signatureRightW))
	d.gap(4)
	d.signatureRight(block)
	return d.bytes()
}
