package idfmt

import (
	"strconv"
	"strings"
	"time"
)

// Formatter writes dates, times and numbers in one language: the Indonesian
// forms above, or their English counterparts for the English UI.
//
//	                 id                          en
//	LongDate   Selasa, 10 Maret 2026       Tuesday, 10 March 2026
//	Date       10 Maret 2026               10 March 2026
//	Clock      16.00 (WIB)                 16:00 (WIB)
//	Decimal    1.234,5                     1,234.5
//	WorkDays   0,5 hari kerja              0.5 working days
//
// English keeps the 24-hour clock: Indonesian offices and their letters count
// time that way, and "16:00 WIB" next to a WIB/WITA/WIT abbreviation reads
// unambiguously, where "4:00 PM WIB" would mix two conventions. Only the
// separator changes (a colon, as English writes it). The day comes before the
// month in English too (British style), matching the Indonesian order so a date
// reads the same in both.
//
// Letters and PDFs keep using the package-level Indonesian functions: they are
// legal documents of the regulation and are never translated.
type Formatter struct{ en bool }

// For is the formatter of a language code ("id", "en"); anything else is
// Indonesian.
func For(lang string) Formatter { return Formatter{en: lang == "en"} }

var (
	enMonths   = [...]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	idWeekdays = [...]string{"Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"}
	enWeekdays = [...]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
)

// Date is "10 Maret 2026" or "10 March 2026"; a zero time is "".
func (f Formatter) Date(t time.Time) string {
	if !f.en || t.IsZero() {
		return Date(t)
	}
	return strconv.Itoa(t.Day()) + " " + enMonths[t.Month()-1] + " " + strconv.Itoa(t.Year())
}

// LongDate is the date with its weekday: "Selasa, 10 Maret 2026".
func (f Formatter) LongDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	day := idWeekdays[t.Weekday()]
	if f.en {
		day = enWeekdays[t.Weekday()]
	}
	return day + ", " + f.Date(t)
}

// Clock is a time of day: "16.00" or "16:00".
func (f Formatter) Clock(t time.Time) string {
	if !f.en {
		return Clock(t)
	}
	return pad(t.Hour()) + ":" + pad(t.Minute())
}

// ClockText rewrites a stored "HH:MM" time of day for the language.
func (f Formatter) ClockText(hhmm string) string {
	if f.en {
		return hhmm
	}
	return ClockText(hhmm)
}

// Hours is an office-hours span: "07.30–16.00 WIB" or "07:30–16:00 WIB".
func (f Formatter) Hours(open, close, zone string) string {
	return strings.TrimSpace(f.ClockText(open) + "–" + f.ClockText(close) + " " + zone)
}

// DateTime is "10 Maret 2026 16.00 WIB" or "10 March 2026 16:00 WIB": t in loc,
// with the zone's abbreviation.
func (f Formatter) DateTime(t time.Time, loc *time.Location, zone string) string {
	if t.IsZero() {
		return ""
	}
	lt := t.In(loc)
	return strings.TrimSpace(f.Date(lt) + " " + f.Clock(lt) + " " + zone)
}

// Decimal writes x with prec decimals: "1.234,5" or "1,234.5".
func (f Formatter) Decimal(x float64, prec int) string {
	s := Decimal(x, prec)
	if !f.en {
		return s
	}
	// Swap the Indonesian separators: dots between thousands become commas and
	// the decimal comma a point.
	return strings.Map(func(r rune) rune {
		switch r {
		case '.':
			return ','
		case ',':
			return '.'
		}
		return r
	}, s)
}

// Int writes n with thousands separators: "66.667" or "66,667".
func (f Formatter) Int(n int) string { return f.Decimal(float64(n), 0) }

// WorkDays is an amount of working days with at most one decimal, as the SLA
// pages state it: "0,5 hari kerja", "2 hari kerja"; "0.5 working days",
// "1 working day".
func (f Formatter) WorkDays(days float64) string {
	prec := 1
	if days == float64(int64(days)) {
		prec = 0
	}
	n := f.Decimal(days, prec)
	if !f.en {
		return n + " hari kerja"
	}
	if days == 1 {
		return n + " working day"
	}
	return n + " working days"
}
