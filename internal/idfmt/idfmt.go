// Package idfmt is the one place dates, times and numbers are written for
// people, the Indonesian way: "2 Desember 2026", "16.00 WIB", "0,5 hari kerja",
// "1,5 MB". Pages, letters and notifications all use it, so a date never shows
// as "2026-12-02" beside "2 Desember 2026". Standard library only.
package idfmt

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

var monthNames = [...]string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
	"Agustus", "September", "Oktober", "November", "Desember"}

// Date is "2 Desember 2026"; a zero time is "".
func Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return strconv.Itoa(t.Day()) + " " + monthNames[t.Month()-1] + " " + strconv.Itoa(t.Year())
}

// longDate is Date's form, read back by ParseDate.
var longDate = regexp.MustCompile(`^(\d{1,2}) (\p{L}+) (\d{4})$`)

// ParseDate reads a date Date wrote ("10 Maret 2026") back, at midnight UTC;
// ok is false for anything else.
func ParseDate(s string) (time.Time, bool) {
	m := longDate.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, false
	}
	for i, month := range monthNames {
		if month == m[2] {
			day, _ := strconv.Atoi(m[1])
			year, _ := strconv.Atoi(m[3])
			return time.Date(year, time.Month(i+1), day, 0, 0, 0, 0, time.UTC), true
		}
	}
	return time.Time{}, false
}

// Clock is a time of day with a dot, "16.00".
func Clock(t time.Time) string {
	return pad(t.Hour()) + "." + pad(t.Minute())
}

// ClockText rewrites a stored "HH:MM" time of day as "HH.MM"; anything else is
// returned unchanged.
func ClockText(hhmm string) string {
	if len(hhmm) == 5 && hhmm[2] == ':' {
		return hhmm[:2] + "." + hhmm[3:]
	}
	return hhmm
}

// Hours is an office-hours span, "07.30–16.00 WIB".
func Hours(open, close, zone string) string {
	return strings.TrimSpace(ClockText(open) + "–" + ClockText(close) + " " + zone)
}

// DateTime is "2 Desember 2026 16.00 WIB": t in loc, with the zone's Indonesian
// abbreviation (zone, e.g. "WIB").
func DateTime(t time.Time, loc *time.Location, zone string) string {
	if t.IsZero() {
		return ""
	}
	lt := t.In(loc)
	return strings.TrimSpace(Date(lt) + " " + Clock(lt) + " " + zone)
}

// Decimal writes f with prec decimals, a decimal comma and dots between
// thousands: 1234.5 → "1.234,5".
func Decimal(f float64, prec int) string {
	s := strconv.FormatFloat(f, 'f', prec, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteByte(',')
		b.WriteString(frac)
	}
	return b.String()
}

// Int writes n with dots between thousands: 66667 → "66.667".
func Int(n int) string { return Decimal(float64(n), 0) }

// Bytes is a file size: "1,5 MB", "256 KB", "900 B".
func Bytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return Int(int(n>>20)) + " MB"
	case n >= 1<<20:
		return Decimal(float64(n)/(1<<20), 1) + " MB"
	case n >= 1<<10:
		return Int(int(n>>10)) + " KB"
	}
	return Int(int(n)) + " B"
}

var isoDate = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})$`)

// ISODateText rewrites a value that is exactly an ISO date ("2026-12-02", as
// older history entries stored them) as "2 Desember 2026"; other text is
// returned unchanged.
func ISODateText(s string) string {
	if !isoDate.MatchString(s) {
		return s
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return s
	}
	return Date(t)
}

func pad(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
