package app

import (
	"fmt"
	"strings"
	"time"
)

// Letter kinds and the {jenis} segment each puts in its number.
const (
	LetterForwarding = "pengantar_dirjen"
	LetterDWHRequest = "permohonan_dwh"
	LetterHandover   = "serah_terima"
)

var letterTypeCodes = map[string]string{
	LetterForwarding: "PENG",
	LetterDWHRequest: "DWH",
	LetterHandover:   "BAST",
}

var romanMonths = [...]string{"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"}

// FormatLetterNumber fills a tenant's template. Tokens: {kode} classification code
// (e.g. 400.12.4.4), {urut} the year's sequence, {jenis} the letter type, {unit}
// the issuing unit (e.g. DUKCAPIL.OKI), {bulan_romawi} and {tahun}. Example:
// "{kode}/{urut}/{jenis}/{unit}/{tahun}" → "400.12.4.4/20/PENG/DUKCAPIL.OKI/2026".
func FormatLetterNumber(template, code, unit, kind string, seq int, at time.Time) string {
	r := strings.NewReplacer(
		"{kode}", code,
		"{urut}", fmt.Sprint(seq),
		"{jenis}", letterTypeCodes[kind],
		"{unit}", unit,
		"{bulan_romawi}", romanMonths[at.Month()-1],
		"{tahun}", fmt.Sprint(at.Year()),
	)
	return r.Replace(template)
}

// ValidLetterTemplate reports whether a template can produce unique numbers: it
// must carry the sequence and the year.
func ValidLetterTemplate(t string) bool {
	return strings.Contains(t, "{urut}") && strings.Contains(t, "{tahun}")
}
