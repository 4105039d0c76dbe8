package idfmt

import (
	"testing"
	"time"
)

func TestFormatsPerLanguage(t *testing.T) {
	wib := time.FixedZone("WIB", 7*3600)
	at := time.Date(2026, time.March, 10, 9, 0, 0, 0, time.UTC) // Tuesday, 16.00 WIB
	id, en := For("id"), For("en")
	cases := []struct{ name, got, want string }{
		{"id long date", id.LongDate(at), "Selasa, 10 Maret 2026"},
		{"en long date", en.LongDate(at), "Tuesday, 10 March 2026"},
		{"id date", id.Date(at), "10 Maret 2026"},
		{"en date", en.Date(at), "10 March 2026"},
		{"id date time", id.DateTime(at, wib, "WIB"), "10 Maret 2026 16.00 WIB"},
		{"en date time", en.DateTime(at, wib, "WIB"), "10 March 2026 16:00 WIB"},
		{"id hours", id.Hours("07:30", "16:00", "WITA"), "07.30–16.00 WITA"},
		{"en hours", en.Hours("07:30", "16:00", "WITA"), "07:30–16:00 WITA"},
		{"id decimal", id.Decimal(1234567.25, 2), "1.234.567,25"},
		{"en decimal", en.Decimal(1234567.25, 2), "1,234,567.25"},
		{"en negative", en.Decimal(-12.5, 1), "-12.5"},
		{"id int", id.Int(66667), "66.667"},
		{"en int", en.Int(66667), "66,667"},
		{"id half day", id.WorkDays(0.5), "0,5 hari kerja"},
		{"en half day", en.WorkDays(0.5), "0.5 working days"},
		{"id two days", id.WorkDays(2), "2 hari kerja"},
		{"en one day", en.WorkDays(1), "1 working day"},
		{"en two days", en.WorkDays(2), "2 working days"},
		{"unknown is id", For("fr").Date(at), "10 Maret 2026"},
		{"zero date", en.LongDate(time.Time{}), ""},
		{"zero date time", en.DateTime(time.Time{}, wib, "WIB"), ""},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, c.got, c.want)
		}
	}
	// Every weekday has its name in both languages (a table off by one would
	// shift them all).
	for d := 0; d < 7; d++ {
		day := time.Date(2026, time.March, 8+d, 12, 0, 0, 0, time.UTC) // 8 March 2026 is a Sunday
		if got, want := en.LongDate(day)[:3], []string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}[d]; got != want {
			t.Errorf("en weekday of %s: got %q, want %q", day.Format("2006-01-02"), got, want)
		}
	}
}
