package letters

import (
	"bytes"
	"sync"
	"testing"

	"github.com/go-pdf/fpdf"
)

// Fonts copied from the prototype give the very bytes a freshly parsed font
// gives, for every kind of letter, also when many letters are rendered at once.
func TestCachedFontsGiveTheSameBytes(t *testing.T) {
	probe := fpdf.New("P", "mm", "A4", "")
	if !cloneFonts(fontPrototype(), probe) {
		t.Fatal("the fonts could not be copied: fpdf's fields moved, every letter parses its fonts again")
	}
	office, app, meta := sampleOffice(), sampleApp(), sampleMeta()
	render := func() []byte {
		t.Helper()
		b, err := ForwardingLetter(office, app, meta)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	cached := render()
	// The same letter with its fonts parsed the old way.
	parsed := withParsedFonts(t, render)
	if !bytes.Equal(cached, parsed) {
		t.Fatalf("a letter with copied fonts differs from one with parsed fonts (%d and %d bytes)", len(cached), len(parsed))
	}
	// Concurrently: each copy subsets its own font (go test -race checks the sharing).
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for range 8 {
		wg.Go(func() {
			b, err := ForwardingLetter(office, app, meta)
			if err != nil || !bytes.Equal(b, cached) {
				errs <- "a letter rendered concurrently differs"
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatal(e)
	}
}

// withParsedFonts runs fn with the font copy switched off.
func withParsedFonts(t *testing.T, fn func() []byte) []byte {
	t.Helper()
	fontCopyOff = true
	defer func() { fontCopyOff = false }()
	return fn()
}
