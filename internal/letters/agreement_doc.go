package letters

import "fmt"

// The three agreement documents (PKS, Juknis, addendum) start the same way:
// they refuse to be written while anything rule 11 or the document itself needs
// is missing, carry the same PDF properties, and open with the same title block.

// agreementDoc refuses the document named what when the agreement's parties or
// signers lack anything (agreementMissing) or missing lists something, then
// starts the PDF: title and subject (followed by the document's number) as its
// properties, and the title block whose first lines are kind.
func agreementDoc(office Office, app Application, meta AgreementMeta, what string, missing []string,
	title, subject string, kind ...string) (*doc, error) {
	if err := incomplete(what, append(agreementMissing(office, app, meta), missing...)); err != nil {
		return nil, err
	}
	d := newDoc(docInfo{
		title:    title,
		subject:  subject + " " + cleanLine(meta.Number),
		author:   office.fullOfficeName(),
		created:  meta.Date,
		keywords: app.keywords(),
		draft:    meta.mark(), // "DRAF versi N", or the preview's mark
	})
	if err := agreementTitle(d, office, app, meta, kind...); err != nil {
		return nil, err
	}
	return d, nil
}

// agreementOpening is the PKS's and an addendum's first paragraph: the day in
// words, the place, and the two parties.
func agreementOpening(d *doc, office Office, app Application, meta AgreementMeta) {
	d.paragraph(0, "Pada hari ini "+dateInWords(meta.Date)+", bertempat di "+cleanLine(office.City)+
		", yang bertanda tangan di bawah ini:")
	d.gap(1)
	parties(d, office, app, meta)
}

// elementLines numbers data elements the way a clause lists them: one a line,
// the protected ones marked, ";" between and "." after the last.
func elementLines(els []Element) []string {
	out := make([]string, 0, len(els))
	for i, e := range els {
		name := trimEnd(cleanLine(e.Name))
		if e.Protected {
			name += " (data pribadi yang dilindungi, Pasal 84)"
		}
		sep := ";"
		if i == len(els)-1 {
			sep = "."
		}
		out = append(out, fmt.Sprintf("  %d. %s%s", i+1, name, sep))
	}
	return out
}
