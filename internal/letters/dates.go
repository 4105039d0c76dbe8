package letters

import (
	"github.com/hakakses/hakakses/internal/idfmt"
	"strconv"
	"strings"
	"time"
)

var monthNames = [...]string{
	"Januari", "Februari", "Maret", "April", "Mei", "Juni",
	"Juli", "Agustus", "September", "Oktober", "November", "Desember",
}

// indexed by time.Weekday, which starts on Sunday
var weekdayNames = [...]string{"Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"}

// FormatDate writes a date the way Indonesian letters do: "10 Maret 2026". It
// uses t's own calendar day, so pass t in the office's time zone. The zero time
// gives "" so that callers can print a blank instead.
func FormatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return idfmt.Date(t)
}

// Weekday names t's day of the week in Bahasa Indonesia: "Senin" … "Minggu".
func Weekday(t time.Time) string {
	return weekdayNames[t.Weekday()]
}

// MonthName names a month in Bahasa Indonesia: "Januari" … "Desember".
func MonthName(m time.Month) string {
	if m < time.January || m > time.December {
		return ""
	}
	return monthNames[m-1]
}

var digitWords = [...]string{"nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"}

// Terbilang spells a whole number in Indonesian words, as official documents
// write amounts and dates beside their digits: 26 → "dua puluh enam",
// 2026 → "dua ribu dua puluh enam", 1100 → "seribu seratus".
func Terbilang(n int64) string {
	if n < 0 {
		return "minus " + Terbilang(-n)
	}
	if n < 10 {
		return digitWords[n]
	}
	return strings.TrimSpace(spell(n))
}

// spell builds the words for n > 0, leaving "nol" to the caller because zero is
// never spoken inside a larger number.
func spell(n int64) string {
	switch {
	case n == 0:
		return ""
	case n < 10:
		return digitWords[n]
	case n == 10:
		return "sepuluh"
	case n == 11:
		return "sebelas"
	case n < 20:
		return digitWords[n-10] + " belas"
	case n < 100:
		return join(digitWords[n/10]+" puluh", spell(n%10))
	case n < 200:
		return join("seratus", spell(n-100))
	case n < 1000:
		return join(digitWords[n/100]+" ratus", spell(n%100))
	case n < 2000:
		return join("seribu", spell(n-1000))
	case n < 1_000_000:
		return join(spell(n/1000)+" ribu", spell(n%1000))
	case n < 1_000_000_000:
		return join(spell(n/1_000_000)+" juta", spell(n%1_000_000))
	case n < 1_000_000_000_000:
		return join(spell(n/1_000_000_000)+" miliar", spell(n%1_000_000_000))
	}
	return join(spell(n/1_000_000_000_000)+" triliun", spell(n%1_000_000_000_000))
}

func join(a, b string) string {
	if b == "" {
		return a
	}
	return a + " " + b
}

// withWords writes "12 (dua belas)", the way regulations and agreements give
// a count.
func withWords(n int) string {
	return strconv.Itoa(n) + " (" + Terbilang(int64(n)) + ")"
}

// dateInWords writes a signing date the way a PKS or a berita acara opens:
// "Senin tanggal sepuluh bulan Maret tahun dua ribu dua puluh enam". A zero
// date (a draft not yet signed) gives dotted blanks to fill in by hand.
func dateInWords(t time.Time) string {
	if t.IsZero() {
		return "………… tanggal ………… bulan ………… tahun …………"
	}
	return Weekday(t) + " tanggal " + Terbilang(int64(t.Day())) + " bulan " + monthNames[t.Month()-1] +
		" tahun " + Terbilang(int64(t.Year()))
}

// dateOrBlank is FormatDate with a dotted blank for a date not yet known.
func dateOrBlank(t time.Time) string {
	if t.IsZero() {
		return "…………………"
	}
	return FormatDate(t)
}

// termText writes an agreement term: whole years as years ("2 (dua) tahun"),
// anything else in months ("18 (delapan belas) bulan"), and a blank to fill in
// while the term is still unknown.
func termText(months int) string {
	if months <= 0 {
		return "………… bulan"
	}
	if months > 0 && months%12 == 0 {
		return withWords(months/12) + " tahun"
	}
	return withWords(months) + " bulan"
}
