package letters

import (
	"strings"
	"testing"
)

// Every fill-in format reads back with the institution's and the office's
// names, the format mark and dotted blanks for the lembaga's own number; an
// unknown format or an institution without a name is refused.
func TestFormatsArePrefilledWithBlanks(t *testing.T) {
	app := sampleBadanHukum()
	for _, kind := range Formats {
		b, err := Format(kind, sampleOffice(), FormatInput{App: app})
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		text := allText(pdftotext(t, b))
		requireText(t, text, formatMark, app.InstitutionName, sampleOffice().Regency, "…………………")
		if kind != FormatRecommendation && !strings.Contains(text, app.headPosition()) {
			t.Errorf("%s: no signature of the institution's head %q", kind, app.headPosition())
		}
	}
	if _, err := Format("akta_pendirian", sampleOffice(), FormatInput{App: app}); err == nil {
		t.Error("a format for a deed was written")
	}
	app.InstitutionName = ""
	if _, err := Format(FormatRequestLetter, sampleOffice(), FormatInput{App: app}); err == nil {
		t.Error("a format without the institution's name was written")
	}
}
