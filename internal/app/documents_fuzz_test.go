package app

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// Break 2 of issue 10: a long non-ASCII name was cut at byte 80, inside a
// character, and PostgreSQL refused the result.
func TestCleanFilenameShortensByCharactersNotBytes(t *testing.T) {
	for _, name := range []string{strings.Repeat("A", 79) + "é.pdf", strings.Repeat("漢", 60) + ".pdf", strings.Repeat("é", 200)} {
		got := cleanFilename(name, "application/pdf")
		if !utf8.ValidString(got) {
			t.Errorf("cleanFilename(%q) = %q: not UTF-8", name, got)
		}
		if n := utf8.RuneCountInString(strings.TrimSuffix(got, ".pdf")); n > maxFilenameRunes || n == 0 {
			t.Errorf("cleanFilename(%q) keeps %d characters", name, n)
		}
	}
	if got := cleanFilename(strings.Repeat("漢", 60)+".pdf", "application/pdf"); got != strings.Repeat("漢", 60)+".pdf" {
		t.Errorf("60 CJK characters fit in 80: got %q", got)
	}
}

// FuzzCleanFilename: whatever the browser sends as a name, the stored name is
// UTF-8 without NUL or path separators, at most 80 characters plus the
// extension of the sniffed type.
func FuzzCleanFilename(f *testing.F) {
	for _, s := range []string{"surat.pdf", "..\\..\\etc\\passwd", strings.Repeat("A", 79) + "é.pdf", "\xff\xfe.pdf", "a\x00b.png", "", ".", "/", "漢字 スキャン.jpg"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		for _, ct := range []string{"application/pdf", "image/png", "image/jpeg"} {
			got := cleanFilename(name, ct)
			if !utf8.ValidString(got) || strings.ContainsAny(got, "\x00/\\") {
				t.Fatalf("cleanFilename(%q) = %q", name, got)
			}
			ext := map[string]string{"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg"}[ct]
			base, ok := strings.CutSuffix(got, ext)
			if !ok || base == "" || utf8.RuneCountInString(base) > maxFilenameRunes {
				t.Fatalf("cleanFilename(%q, %s) = %q", name, ct, got)
			}
		}
	})
}

// FuzzSniff: the sniffer names only the three types it knows, and only from the
// first bytes; it never panics on short or odd input.
func FuzzSniff(f *testing.F) {
	for _, s := range []string{"%PDF-1.4", "\x89PNG\r\n\x1a\n", "\xff\xd8\xff\xe0", "MZ\x90", "", "%PDF"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		switch ct := sniff(b); ct {
		case "application/pdf":
			if !strings.HasPrefix(string(b), "%PDF-") {
				t.Fatalf("%q sniffed as PDF", b)
			}
		case "image/png", "image/jpeg", "":
		default:
			t.Fatalf("sniff(%q) = %q", b, ct)
		}
	})
}
