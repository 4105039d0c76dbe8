package letters

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/ledongthuc/pdf"
)

// pdfDoc is a generated PDF opened with a pure-Go reader, for assertions.
//
// ledongthuc/pdf parses the file structure well, but its ToUnicode decoding
// keeps only the low byte of a code, which garbles every character beyond
// ASCII in fpdf's Identity-H fonts ("—" comes back as "\x14"). The text is
// therefore read from the content streams directly: fpdf's CIDs are the
// Unicode code points themselves (its ToUnicode CMap is the identity range),
// so decoding each shown string as UTF-16BE is exact.
type pdfDoc struct {
	r     *pdf.Reader
	raw   []byte
	pages []string
}

func openPDF(t *testing.T, b []byte) *pdfDoc {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("output does not start with %%PDF-: %q", b[:min(len(b), 16)])
	}
	r, err := pdf.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("PDF does not parse: %v", err)
	}
	d := &pdfDoc{r: r, raw: b}
	for i := 1; i <= r.NumPage(); i++ {
		d.pages = append(d.pages, pageText(r.Page(i)))
	}
	return d
}

// pageText concatenates the strings shown by Tj and TJ, one text object per
// line.
func pageText(p pdf.Page) string {
	var b strings.Builder
	pdf.Interpret(p.V.Key("Contents"), func(stk *pdf.Stack, op string) {
		args := make([]pdf.Value, stk.Len())
		for i := len(args) - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		switch op {
		case "Tj":
			b.WriteString(utf16BE(args[0].RawString()))
		case "TJ":
			a := args[0]
			for i := 0; i < a.Len(); i++ {
				if v := a.Index(i); v.Kind() == pdf.String {
					b.WriteString(utf16BE(v.RawString()))
				}
			}
		case "ET":
			b.WriteByte('\n')
		}
	})
	return b.String()
}

func utf16BE(s string) string {
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	return string(utf16.Decode(u))
}

// text is the whole document's text with every run of white space collapsed to
// one space, so that assertions need not know where lines wrap or how a
// hanging marker was set apart from its text. The page furniture (page
// numbers, draft marks) is left out so that a sentence running across a page
// break still reads as one.
func (d *pdfDoc) text() string {
	var body []string
	for _, p := range d.pages {
		for _, l := range strings.Split(p, "\n") {
			if !furnitureRE.MatchString(strings.TrimSpace(l)) {
				body = append(body, l)
			}
		}
	}
	return strings.Join(strings.Fields(strings.Join(body, "\n")), " ")
}

var furnitureRE = regexp.MustCompile(`^(Halaman \d+ dari \d+|DRAF versi \d+)$`)

func (d *pdfDoc) pageTextNormalized(i int) string {
	return strings.Join(strings.Fields(d.pages[i]), " ")
}

func (d *pdfDoc) mustContain(t *testing.T, want ...string) {
	t.Helper()
	text := d.text()
	for _, w := range want {
		w = strings.Join(strings.Fields(w), " ")
		if !strings.Contains(text, w) {
			t.Errorf("PDF text lacks %q\n--- text ---\n%s", w, text)
		}
	}
}

// mediaBox looks the page size up the page tree, where PDF lets a page inherit
// it (ledongthuc/pdf's own MediaBox is commented out).
func mediaBox(p pdf.Page) pdf.Value {
	for v := p.V; !v.IsNull(); v = v.Key("Parent") {
		if b := v.Key("MediaBox"); !b.IsNull() {
			return b
		}
	}
	return pdf.Value{}
}
