package letters

import "testing"

// BenchmarkForwardingLetter is the letter every forward renders (issue 14
// measured it at 81% of a forward's CPU), with the fonts copied from the
// prototype and, for comparison, parsed for every letter as fpdf does.
func BenchmarkForwardingLetter(b *testing.B) {
	office, app, meta := sampleOffice(), sampleApp(), sampleMeta()
	for _, mode := range []struct {
		name string
		off  bool
	}{{"fonts_copied", false}, {"fonts_parsed", true}} {
		b.Run(mode.name, func(b *testing.B) {
			fontCopyOff = mode.off
			defer func() { fontCopyOff = false }()
			for b.Loop() {
				if _, err := ForwardingLetter(office, app, meta); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
