package idfmt

import (
	"testing"
	"time"
)

func TestIndonesianFormats(t *testing.T) {
	wib := time.FixedZone("WIB", 7*3600)
	at := time.Date(2026, time.December, 2, 9, 0, 0, 0, time.UTC) // 16.00 WIB
	cases := []struct{ got, want string }{
		{Date(at), "2 Desember 2026"},
		{DateTime(at, wib, "WIB"), "2 Desember 2026 16.00 WIB"},
		{Clock(at.In(wib)), "16.00"},
		{Hours("07:30", "16:00", "WIB"), "07.30–16.00 WIB"},
		{Decimal(0, 1), "0,0"},
		{Decimal(0.5, 1), "0,5"},
		{Decimal(1234567.25, 2), "1.234.567,25"},
		{Decimal(-12.5, 1), "-12,5"},
		{Int(66667), "66.667"},
		{Int(514), "514"},
		{Bytes(10 << 20), "10 MB"},
		{Bytes(3 << 19), "1,5 MB"},
		{Bytes(256 << 10), "256 KB"},
		{ISODateText("2026-12-02"), "2 Desember 2026"},
		{ISODateText("2026-12-02 catatan"), "2026-12-02 catatan"},
		{ISODateText("400.12/7777"), "400.12/7777"},
		{Date(time.Time{}), ""},
	}
	for i, c := range cases {
		if c.got != c.want {
			t.Errorf("case %d: got %q, want %q", i, c.got, c.want)
		}
	}
}

func TestParseDateReadsWhatDateWrites(t *testing.T) {
	for _, d := range []time.Time{time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC), time.Date(2027, 12, 1, 0, 0, 0, 0, time.UTC)} {
		if got, ok := ParseDate(Date(d)); !ok || !got.Equal(d) {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", Date(d), got, ok, d)
		}
	}
	for _, s := range []string{"10 March 2026", "2026-03-10", "Maret 2026", "10 Maret"} {
		if _, ok := ParseDate(s); ok {
			t.Errorf("ParseDate(%q) read a date", s)
		}
	}
}
