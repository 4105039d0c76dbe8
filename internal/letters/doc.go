// Package letters writes the documents the Hak Akses service produces, as A4
// PDFs in Bahasa Indonesia laid out like Indonesian government papers: the
// forwarding letter to the Dirjen with items a–f (step 2), the Perjanjian Kerja
// Sama and its Petunjuk Teknis (steps 4a, 4b; rules 8–11), the DWH access request
// (step 4d) and the Berita Acara Serah Terima User ID (step 6).
//
// The generators are pure functions of their input: no clock, no database, no
// randomness. The same input gives the same bytes, so a stored document's
// SHA-256 can be recomputed in tests and a re-rendered draft compared with the
// one on file. Fonts (Liberation Serif, SIL OFL 1.1, see fonts/OFL.txt) are
// embedded in the binary and subset into each PDF, so a letter prints the same
// on any machine and its text can be searched and copied.
package letters

import (
	"bytes"
	_ "embed"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"time"
	"unicode"

	"github.com/go-pdf/fpdf"
)

var (
	//go:embed fonts/LiberationSerif-Regular.ttf
	fontRegular []byte
	//go:embed fonts/LiberationSerif-Bold.ttf
	fontBold []byte
	//go:embed fonts/LiberationSerif-Italic.ttf
	fontItalic []byte
)

// Page geometry in millimetres. The left margin is wider for binding, as the
// tata naskah dinas asks; the bottom margin leaves room for the page number.
const (
	family       = "LiberationSerif"
	pageW        = 210.0
	pageH        = 297.0
	marginL      = 25.0
	marginR      = 20.0
	marginT      = 15.0
	marginB      = 22.0
	contentW     = pageW - marginL - marginR
	bodyPt       = 12.0
	lh           = 5.6 // line height of 12 pt body text, about 1.3 spacing
	indentStep   = 8.0 // hanging indent of one list level
	signatureGap = 22.0
)

// fallbackCreated stamps documents that have no date yet (drafts): a fixed
// instant rather than the wall clock, so that drafts stay reproducible too.
var fallbackCreated = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

type docInfo struct {
	title   string
	subject string
	author  string
	created time.Time
	draft   string // printed at the top right of every page when not empty
	// keywords carry the application's registration number, so that a PDF
	// found loose on a disk can be traced back to its application.
	keywords string
}

// doc is a thin layer over fpdf with the few layout moves official papers need:
// letterhead, justified paragraphs, hanging-indent lists, label/colon/value
// rows, bordered tables and signature blocks that are never split by a page
// break.
type doc struct {
	f     *fpdf.Fpdf
	draft string
}

func newDoc(info docInfo) *doc {
	f := fpdf.New("P", "mm", "A4", "")
	created := info.created
	if created.IsZero() {
		created = fallbackCreated
	}
	// Fixed dates and sorted catalogues are what make the output byte-identical
	// from one run to the next. fpdf writes the date without a zone offset,
	// which readers take as UTC, so it is given in UTC.
	f.SetCreationDate(created.UTC())
	f.SetModificationDate(created.UTC())
	f.SetCatalogSort(true)
	f.SetTitle(info.title, true)
	f.SetSubject(info.subject, true)
	f.SetAuthor(info.author, true)
	f.SetCreator("Hak Akses", true)
	if info.keywords != "" {
		f.SetKeywords(info.keywords, true)
	}
	f.SetLang("id-ID")
	addFonts(f) // parsed once per process (fontcache.go)
	f.SetMargins(marginL, marginT, marginR)
	f.SetAutoPageBreak(true, marginB)
	// With no inner cell padding, text starts exactly at the margins and list
	// markers line up with the label columns.
	f.SetCellMargin(0)
	f.AddPage()
	d := &doc{f: f, draft: info.draft}
	d.font("", bodyPt)
	return d
}

func (d *doc) font(style string, size float64) { d.f.SetFont(family, style, size) }

// ensure starts a new page unless h millimetres still fit above the bottom
// margin, so that a block which must stay together is not split.
func (d *doc) ensure(h float64) {
	if d.f.GetY()+h > pageH-marginB {
		d.f.AddPage()
	}
}

// gap adds vertical space, except at the very top of a page where it would
// only push the text down.
func (d *doc) gap(h float64) {
	if d.f.GetY() <= marginT+0.01 {
		return
	}
	d.f.SetY(d.f.GetY() + h)
}

// kop draws the letterhead: government, office, contact lines and the double
// rule under them.
func (d *doc) kop(o Office) error {
	top := marginT
	textX, textW := marginL, contentW
	bottom := top
	if len(o.Logo) > 0 {
		const logoH = 26.0
		w, h, err := d.logo(o.Logo)
		if err != nil {
			return err
		}
		logoW := min(logoH*w/h, 30)
		d.f.ImageOptions("logo", marginL, top, logoW, 0, false, fpdf.ImageOptions{}, 0, "")
		textX, textW = marginL+logoW+2, contentW-logoW-2
		bottom = top + logoW*h/w
	}
	d.f.SetY(top)
	line := func(style string, size, h float64, s string) {
		d.font(style, size)
		d.f.SetX(textX)
		d.f.MultiCell(textW, h, s, "", "C", false)
	}
	line("B", 14, 6.4, "PEMERINTAH "+strings.ToUpper(cleanLine(o.Regency)))
	line("B", 16, 7.4, strings.ToUpper(o.officeName()))
	if a := cleanLine(o.Address); a != "" {
		line("", 10.5, 4.6, a)
	}
	var contact []string
	if p := cleanLine(o.Phone); p != "" {
		contact = append(contact, "Telepon "+p)
	}
	if e := cleanLine(o.Email); e != "" {
		contact = append(contact, "Pos-el "+e)
	}
	if w := cleanLine(o.Website); w != "" {
		contact = append(contact, "Laman "+w)
	}
	if len(contact) > 0 {
		line("", 10.5, 4.6, strings.Join(contact, ", "))
	}
	y := max(d.f.GetY(), bottom) + 1.5
	// The double rule: a heavy line over a hairline, as on printed kop surat.
	d.f.SetLineWidth(0.9)
	d.f.Line(marginL, y, pageW-marginR, y)
	d.f.SetLineWidth(0.25)
	d.f.Line(marginL, y+1.3, pageW-marginR, y+1.3)
	d.f.SetLineWidth(0.2)
	d.f.SetXY(marginL, y+6)
	d.font("", bodyPt)
	return nil
}

// logo registers the regency's emblem once and returns its pixel size.
func (d *doc) logo(img []byte) (w, h float64, err error) {
	kind := ""
	switch http.DetectContentType(img) {
	case "image/png":
		kind = "PNG"
	case "image/jpeg":
		kind = "JPG"
	default:
		return 0, 0, fmt.Errorf("letters: the logo must be a PNG or JPEG image")
	}
	info := d.f.RegisterImageOptionsReader("logo", fpdf.ImageOptions{ImageType: kind}, bytes.NewReader(img))
	if d.f.Err() {
		return 0, 0, fmt.Errorf("letters: reading the logo: %w", d.f.Error())
	}
	if info == nil || info.Width() == 0 || info.Height() == 0 {
		return 0, 0, fmt.Errorf("letters: the logo has no size")
	}
	return info.Width(), info.Height(), nil
}

// emblem centres the regency's emblem above an agreement's title.
func (d *doc) emblem(img []byte, height float64) error {
	w, h, err := d.logo(img)
	if err != nil {
		return err
	}
	width := height * w / h
	y := d.f.GetY()
	d.f.ImageOptions("logo", (pageW-width)/2, y, width, height, false, fpdf.ImageOptions{}, 0, "")
	d.f.SetY(y + height + 4)
	return nil
}

// centered writes a centred block, for titles.
func (d *doc) centered(style string, size, h float64, s string) {
	d.font(style, size)
	d.f.SetX(marginL)
	d.f.MultiCell(contentW, h, cleanLine(s), "", "C", false)
	d.font("", bodyPt)
}

// paragraph writes justified body text starting indent millimetres in.
func (d *doc) paragraph(indent float64, s string) {
	d.ensure(lh)
	d.f.SetX(marginL + indent)
	d.f.MultiCell(contentW-indent, lh, s, "", "J", false)
}

func (d *doc) markerWidth(marker string) float64 {
	return max(indentStep, d.f.GetStringWidth(marker)+1.5)
}

// item writes a list item: the marker in its own column and the text wrapped
// in a hanging indent beside it, as Indonesian legal text sets "(1)" and "a.".
func (d *doc) item(indent float64, marker, s string) {
	d.ensure(lh)
	y := d.f.GetY()
	mw := d.markerWidth(marker)
	d.f.SetXY(marginL+indent, y)
	d.f.CellFormat(mw, lh, marker, "", 0, "L", false, 0, "")
	d.f.SetXY(marginL+indent+mw, y)
	d.f.MultiCell(contentW-indent-mw, lh, s, "", "J", false)
}

// markerRE recognises the list markers of Clause.Body: "(1)", "1.", "a.",
// "aa." and "-".
var markerRE = regexp.MustCompile(`^(\(\d{1,3}\)|\d{1,3}\.|[a-z]{1,2}\.|[-•–])\s+(\S.*)$`)

// rich writes a body in the plain-text conventions of Clause.Body.
func (d *doc) rich(indent float64, body string) {
	blank := false
	for _, raw := range strings.Split(clean(body), "\n") {
		if strings.TrimSpace(raw) == "" {
			if !blank {
				d.gap(2)
			}
			blank = true
			continue
		}
		blank = false
		lead := len(raw) - len(strings.TrimLeft(raw, " "))
		x := indent + float64(lead/2)*indentStep
		text := cleanLine(raw)
		if m := markerRE.FindStringSubmatch(text); m != nil {
			d.item(x, m[1], m[2])
		} else {
			d.paragraph(x, text)
		}
		d.gap(0.8)
	}
}

// richKeepingLast writes body like rich, but keeps its last line on the same
// page as the after millimetres that follow it (a signature block), so that a
// signature never stands alone on a page without the text it closes.
func (d *doc) richKeepingLast(indent float64, body string, after float64) {
	ls := strings.Split(strings.TrimRight(clean(body), "\n "), "\n")
	last := ls[len(ls)-1]
	if len(ls) > 1 {
		d.rich(indent, strings.Join(ls[:len(ls)-1], "\n"))
	}
	d.ensure(d.richLineHeight(indent, last) + after)
	d.rich(indent, last)
}

// richLineHeight is the height rich gives one line of a body.
func (d *doc) richLineHeight(indent float64, raw string) float64 {
	d.font("", bodyPt)
	lead := len(raw) - len(strings.TrimLeft(raw, " "))
	x := indent + float64(lead/2)*indentStep
	text := cleanLine(raw)
	w := contentW - x
	if m := markerRE.FindStringSubmatch(text); m != nil {
		w -= d.markerWidth(m[1])
		text = m[2]
	}
	return float64(len(d.f.SplitText(text, w)))*lh + 0.8
}

// paragraphKept writes a paragraph that stays on one page with the after
// millimetres that follow it (the closing sentence above a signature).
func (d *doc) paragraphKept(s string, after float64) {
	d.font("", bodyPt)
	d.ensure(float64(len(d.f.SplitText(cleanLine(s), contentW)))*lh + after)
	d.paragraph(0, s)
}

type field struct{ label, value string }

// fields writes "label : value" rows with the colons aligned, the value
// wrapping under itself.
func (d *doc) fields(indent, labelW float64, rows []field) {
	for _, r := range rows {
		d.ensure(lh)
		y := d.f.GetY()
		d.f.SetXY(marginL+indent, y)
		d.f.CellFormat(labelW, lh, r.label, "", 0, "L", false, 0, "")
		d.f.CellFormat(4, lh, ":", "", 0, "L", false, 0, "")
		d.f.SetXY(marginL+indent+labelW+4, y)
		d.f.MultiCell(contentW-indent-labelW-4, lh, cleanLine(r.value), "", "L", false)
	}
}

// signatureBlock is one signing party: the lines above the signature (place
// and date, "a.n.", the position), then the space to sign, then name, rank
// and NIP.
type signatureBlock struct {
	head []string
	sig  Signatory
}

const signatureLH = 5.4

// headHeight is the height of the lines above the signature space.
func (d *doc) headHeight(b signatureBlock, w float64) float64 {
	d.font("", bodyPt)
	n := 0
	for _, h := range b.head {
		n += len(d.f.SplitText(h, w))
	}
	return float64(n) * signatureLH
}

func (d *doc) signatureHeight(b signatureBlock, w float64) float64 {
	n := 1 // name
	if b.sig.Rank != "" {
		n++
	}
	if b.sig.NIP != "" {
		n++
	}
	return d.headHeight(b, w) + signatureGap + float64(n)*signatureLH
}

// drawSignature draws b at (x, y); headH is the height reserved for the
// lines above the signature space, so that two blocks side by side put their
// names on the same line even when one position wraps more than the other.
func (d *doc) drawSignature(x, y, w, headH float64, b signatureBlock) float64 {
	d.f.SetXY(x, y)
	d.font("", bodyPt)
	for _, h := range b.head {
		d.f.SetX(x)
		d.f.MultiCell(w, signatureLH, h, "", "C", false)
	}
	d.f.SetXY(x, y+headH+signatureGap)
	d.font("BU", bodyPt)
	d.f.MultiCell(w, signatureLH, b.sig.Name, "", "C", false)
	d.font("", bodyPt)
	if b.sig.Rank != "" {
		d.f.SetX(x)
		d.f.MultiCell(w, signatureLH, b.sig.Rank, "", "C", false)
	}
	if b.sig.NIP != "" {
		d.f.SetX(x)
		d.f.MultiCell(w, signatureLH, "NIP "+formatNIP(b.sig.NIP), "", "C", false)
	}
	return d.f.GetY()
}

// signatureRight is the single signatory of a letter, in the right half of
// the page as Indonesian letters place it.
const signatureRightW = 82.0

func (d *doc) signatureRight(b signatureBlock) {
	const w = signatureRightW
	x := pageW - marginR - w
	d.ensure(d.signatureHeight(b, w))
	y := d.drawSignature(x, d.f.GetY(), w, d.headHeight(b, w), b)
	d.f.SetXY(marginL, y)
}

const pairW = 78.0

func (d *doc) signaturePairHeight(left, right signatureBlock) float64 {
	return max(d.signatureHeight(left, pairW), d.signatureHeight(right, pairW))
}

// signaturePair is the two parties of an agreement or a berita acara side by
// side, both on the same page.
func (d *doc) signaturePair(left, right signatureBlock) {
	const w = pairW
	d.ensure(d.signaturePairHeight(left, right))
	y := d.f.GetY()
	headH := max(d.headHeight(left, w), d.headHeight(right, w))
	yl := d.drawSignature(marginL, y, w, headH, left)
	yr := d.drawSignature(pageW-marginR-w, y, w, headH, right)
	d.f.SetXY(marginL, max(yl, yr))
}

// tembusan writes the carbon-copy list under the signature.
func (d *doc) tembusan(items []string) {
	if len(items) == 0 {
		return
	}
	d.gap(6)
	d.font("", 11)
	d.ensure(5 * float64(min(len(items), 3)+1))
	d.f.SetX(marginL)
	d.f.CellFormat(contentW, 5, "Tembusan:", "", 1, "L", false, 0, "")
	for i, t := range items {
		y := d.f.GetY()
		d.f.SetXY(marginL, y)
		d.f.CellFormat(6, 5, fmt.Sprintf("%d.", i+1), "", 0, "L", false, 0, "")
		d.f.SetXY(marginL+6, y)
		d.f.MultiCell(contentW-6, 5, cleanLine(t), "", "L", false)
	}
	d.font("", bodyPt)
}

// table writes a bordered table with a shaded header row that is repeated
// when the table continues on a new page.
func (d *doc) table(indent float64, widths []float64, aligns []string, header []string, rows [][]string) {
	const pad, rowLH = 1.5, 5.2
	x0 := marginL + indent
	heightOf := func(cells []string) float64 {
		n := 1
		for i, c := range cells {
			n = max(n, len(d.f.SplitText(c, widths[i]-2*pad)))
		}
		return float64(n)*rowLH + 2*pad
	}
	drawRow := func(cells []string, bold bool) {
		style := ""
		if bold {
			style = "B"
		}
		d.font(style, 11)
		h := heightOf(cells)
		y, x := d.f.GetY(), x0
		for i, c := range cells {
			fill := "D"
			if bold {
				d.f.SetFillColor(230, 230, 230)
				fill = "FD"
			}
			d.f.Rect(x, y, widths[i], h, fill)
			d.f.SetXY(x+pad, y+pad)
			align := "L"
			if bold {
				align = "C"
			} else if i < len(aligns) && aligns[i] != "" {
				align = aligns[i]
			}
			d.f.MultiCell(widths[i]-2*pad, rowLH, c, "", align, false)
			x += widths[i]
		}
		d.f.SetXY(marginL, y+h)
	}
	d.font("B", 11)
	d.ensure(heightOf(header) + 12)
	drawRow(header, true)
	for _, r := range rows {
		for i := range r {
			r[i] = cleanLine(r[i])
		}
		d.font("", 11)
		if d.f.GetY()+heightOf(r) > pageH-marginB {
			d.f.AddPage()
			drawRow(header, true)
		}
		drawRow(r, false)
	}
	d.font("", bodyPt)
}

// bytes stamps "Halaman i dari n" (and the draft mark) on every page, then
// writes the PDF. The footer is drawn after the layout, by revisiting each
// page, because only then is the page count known.
func (d *doc) bytes() ([]byte, error) {
	n := d.f.PageCount()
	d.f.SetAutoPageBreak(false, 0)
	for i := 1; i <= n; i++ {
		d.f.SetPage(i)
		// fpdf skips SetFont when the font is unchanged, but the last font set
		// may belong to another page's content stream; changing size twice
		// makes it emit the font into this page's stream.
		d.font("", 1)
		d.font("", 9)
		d.f.SetTextColor(80, 80, 80)
		d.f.SetXY(marginL, pageH-14)
		d.f.CellFormat(contentW, 5, fmt.Sprintf("Halaman %d dari %d", i, n), "", 0, "C", false, 0, "")
		if d.draft != "" {
			d.font("I", 9)
			d.f.SetXY(marginL, 7)
			d.f.CellFormat(contentW, 5, d.draft, "", 0, "R", false, 0, "")
		}
		d.f.SetTextColor(0, 0, 0)
	}
	var buf bytes.Buffer
	if err := d.f.Output(&buf); err != nil {
		return nil, fmt.Errorf("letters: writing PDF: %w", err)
	}
	return buf.Bytes(), nil
}

// clean makes free text safe for the embedded font: line breaks normalised,
// tabs as one indent level, control characters dropped and characters beyond
// the Basic Multilingual Plane (emoji), which the font cannot encode, replaced.
func clean(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.ReplaceAll(s, "\t", "  ")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\u00a0':
			return ' '
		case unicode.IsControl(r), r == '\ufeff':
			return -1
		case r > 0xFFFF:
			return '?'
		}
		return r
	}, s)
}

// cleanLine is clean for a one-line value: line breaks become spaces and runs
// of spaces collapse, which justified text needs to space words evenly.
func cleanLine(s string) string {
	return strings.Join(strings.Fields(clean(s)), " ")
}

// formatNIP groups an 18-digit NIP as printed on official papers:
// "19700101 199503 1 001" (birth date, appointment month, sex, sequence).
func formatNIP(nip string) string {
	digits := strings.ReplaceAll(cleanLine(nip), " ", "")
	if len(digits) != 18 || strings.Trim(digits, "0123456789") != "" {
		return cleanLine(nip)
	}
	return digits[:8] + " " + digits[8:14] + " " + digits[14:15] + " " + digits[15:]
}

// orDots prints a value not yet known (a draft's number) as a dotted blank.
func orDots(s string) string {
	if s = cleanLine(s); s == "" {
		return "…………………"
	}
	return s
}
