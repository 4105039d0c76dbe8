package letters

import (
	"testing"
	"time"
)

func TestFormatDateWritesIndonesianMonthNames(t *testing.T) {
	tests := []struct {
		in   time.Time
		want string
	}{
		{time.Date(2026, 3, 10, 23, 30, 0, 0, wib), "10 Maret 2026"},
		{time.Date(2026, 1, 1, 0, 0, 0, 0, wib), "1 Januari 2026"},
		{time.Date(2025, 2, 28, 0, 0, 0, 0, wib), "28 Februari 2025"},
		{time.Date(2025, 5, 5, 0, 0, 0, 0, wib), "5 Mei 2025"},
		{time.Date(2025, 8, 17, 0, 0, 0, 0, wib), "17 Agustus 2025"},
		{time.Date(2025, 12, 31, 0, 0, 0, 0, wib), "31 Desember 2025"},
		{time.Time{}, ""},
	}
	for _, tt := range tests {
		if got := FormatDate(tt.in); got != tt.want {
			t.Errorf("FormatDate(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFormatDateUsesTheDayOfTheGivenZone(t *testing.T) {
	// 17:30 UTC on 9 March is already 10 March in Kayuagung (WIB).
	utc := time.Date(2026, 3, 9, 17, 30, 0, 0, time.UTC)
	if got := FormatDate(utc.In(wib)); got != "10 Maret 2026" {
		t.Errorf("got %q", got)
	}
}

func TestWeekdayNamesEveryDayInIndonesian(t *testing.T) {
	want := []string{"Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"}
	monday := time.Date(2026, 3, 9, 12, 0, 0, 0, wib)
	for i, w := range want {
		if got := Weekday(monday.AddDate(0, 0, i)); got != w {
			t.Errorf("day %d: Weekday = %q, want %q", i, got, w)
		}
	}
}

func TestTerbilangSpellsNumbersAsOfficialDocumentsDo(t *testing.T) {
	tests := map[int64]string{
		0: "nol", 1: "satu", 10: "sepuluh", 11: "sebelas", 12: "dua belas", 19: "sembilan belas",
		20: "dua puluh", 26: "dua puluh enam", 100: "seratus", 101: "seratus satu", 111: "seratus sebelas",
		250: "dua ratus lima puluh", 1000: "seribu", 1100: "seribu seratus", 2026: "dua ribu dua puluh enam",
		10000: "sepuluh ribu", 11000: "sebelas ribu", 100000: "seratus ribu", 1000000: "satu juta",
		2500000: "dua juta lima ratus ribu", 1000000000: "satu miliar", -5: "minus lima",
	}
	for n, want := range tests {
		if got := Terbilang(n); got != want {
			t.Errorf("Terbilang(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestDateInWordsOpensAnAgreement(t *testing.T) {
	got := dateInWords(time.Date(2026, 4, 6, 9, 0, 0, 0, wib))
	want := "Senin tanggal enam bulan April tahun dua ribu dua puluh enam"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestTermIsWrittenInYearsWhenWhole(t *testing.T) {
	tests := map[int]string{12: "1 (satu) tahun", 24: "2 (dua) tahun", 18: "18 (delapan belas) bulan", 6: "6 (enam) bulan", 0: "………… bulan"}
	for months, want := range tests {
		if got := termText(months); got != want {
			t.Errorf("termText(%d) = %q, want %q", months, got, want)
		}
	}
}

func TestNIPIsGroupedAsPrinted(t *testing.T) {
	tests := map[string]string{
		"197001011995031001":    "19700101 199503 1 001",
		"19700101 199503 1 001": "19700101 199503 1 001",
		"12345":                 "12345",
	}
	for in, want := range tests {
		if got := formatNIP(in); got != want {
			t.Errorf("formatNIP(%q) = %q, want %q", in, got, want)
		}
	}
}
