package calendar

import (
	"fmt"
	"time"
)

// Date is a civil date with no time of day and no zone: a holiday is "17 August"
// everywhere in Indonesia, whatever the tenant's zone. It is comparable, so it can be
// a map key and compared with ==.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the civil date of t in t's own location; convert t with In first
// to get the date somewhere else.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// ParseDate parses "2006-01-02" strictly: 2025-02-29 is an error, not 1 March.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("tanggal %q tidak valid, harus YYYY-MM-DD", s)
	}
	return DateOf(t), nil
}

// String formats the date as "2006-01-02".
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// Valid reports whether d names a real day (no 30 February, no month 13).
func (d Date) Valid() bool {
	return d.Month >= time.January && d.Month <= time.December &&
		d.Day >= 1 && fromDay(toDay(d)) == d
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday {
	// day 0 is Monday; time.Weekday counts from Sunday.
	return time.Weekday((mod(int(toDay(d)), 7) + 1) % 7)
}

// AddDays returns the date n calendar days after d (before, if n < 0).
func (d Date) AddDays(n int) Date { return fromDay(toDay(d) + day(n)) }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	a, b := toDay(d), toDay(e)
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// At returns the instant at time of day tod on d in loc.
func (d Date) At(tod TimeOfDay, loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, int(tod)/60, int(tod)%60, 0, 0, loc)
}

// MarshalText implements encoding.TextMarshaler ("2006-01-02"), so a Date travels
// through JSON and forms the way people write it.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// day numbers days consecutively with day 0 = Monday 1969-12-29, so that
// weekday arithmetic is a plain modulo (0 = Monday … 6 = Sunday) and working-day
// counts can be computed with formulas rather than loops.
type day int

// epochShift is how many days 1969-12-29 (a Monday) lies before 1970-01-01.
const epochShift = 3

// toDay converts a civil date to its day number (Hinnant's days_from_civil), without
// going through time.Time: this is on every Deadline call's hot path.
func toDay(d Date) day {
	y, m := d.Year, int(d.Month)
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := (m + 9) % 12 // March = 0
	doy := (153*mp+2)/5 + d.Day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return day(era*146097 + doe - 719468 + epochShift)
}

// fromDay is the inverse of toDay (Hinnant's civil_from_days).
func fromDay(n day) Date {
	z := int(n) - epochShift + 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	dd := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if mp >= 10 {
		m = mp - 9
	}
	if m <= 2 {
		y++
	}
	return Date{y, time.Month(m), dd}
}

// weekdayIndex is 0 for Monday … 6 for Sunday.
func (n day) weekdayIndex() int { return mod(int(n), 7) }

func (n day) isWeekend() bool { return n.weekdayIndex() >= 5 }

// weekdaysBefore counts the Mondays–Fridays in [day 0, n) (negative for n < 0),
// so that weekdays in [a, b] is weekdaysBefore(b+1) - weekdaysBefore(a).
func weekdaysBefore(n day) int {
	return 5*floorDiv(int(n), 7) + min(mod(int(n), 7), 5)
}

// addWeekdays returns the k-th Monday–Friday strictly after n, for k ≥ 1.
func addWeekdays(n day, k int) day {
	// The k-th weekday after a Saturday or Sunday is the k-th after the Friday before.
	w := n.weekdayIndex()
	if w > 4 {
		n -= day(w - 4)
		w = 4
	}
	n += day(k / 5 * 7)
	r := k % 5
	if w+r > 4 {
		r += 2 // step over a weekend
	}
	return n + day(r)
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func mod(a, b int) int {
	m := a % b
	if m < 0 {
		m += b
	}
	return m
}
