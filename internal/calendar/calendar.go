// Package calendar is the Indonesian working-day calendar behind the 2-hari-kerja
// service standard (docs/domain.md §4): which days a tenant's office works (Monday–Friday
// in the tenant's zone, less national holidays, cuti bersama and local holidays),
// when a deadline of N working days falls, and how much office time lies between two
// instants.
//
// Holidays are data, not code: the SKB 3 Menteri is published a year ahead, an admin
// enters it, and may correct it. A Calendar is therefore built from a holiday list and
// told which years that list covers, so the product can warn about a year with no data
// (MissingYears) instead of silently counting weekends only.
//
// Time is measured on the tenant's wall clock. Indonesia's three zones (WIB, WITA,
// WIT) have had no daylight saving for decades, so wall-clock and elapsed time agree.
package calendar

import (
	"errors"
	"fmt"
	"slices"
	"time"
)

// Calendar is one tenant's working-day calendar. It is immutable after New and safe
// for concurrent use; build a new one when the holidays or hours change.
type Calendar struct {
	loc      *time.Location
	hours    OfficeHours
	openAt   time.Duration // hours.Open as a duration after midnight
	closeAt  time.Duration
	length   time.Duration
	holidays map[Date]Holiday
	// closed holds the day numbers of holidays falling on Monday–Friday, sorted and
	// distinct: the only days that make a weekday non-working. Counting them in a
	// range is a binary search, so deadlines and working time need no day-by-day loop.
	closed  []day
	covered []int // sorted, distinct
}

// New builds a calendar for a tenant in zone loc. holidays mixes national
// (libur_nasional, cuti_bersama) and local (lokal) days; a date may appear more than
// once (a local holiday on a national one), the national entry is kept for display.
// coveredYears are the years whose national holiday list is known to be complete.
func New(loc *time.Location, hours OfficeHours, holidays []Holiday, coveredYears []int) (*Calendar, error) {
	if loc == nil {
		return nil, errors.New("calendar: nil location")
	}
	if err := hours.Validate(); err != nil {
		return nil, fmt.Errorf("calendar: %w", err)
	}
	c := &Calendar{
		loc:      loc,
		hours:    hours,
		openAt:   hours.Open.Duration(),
		closeAt:  hours.Close.Duration(),
		length:   hours.Length(),
		holidays: make(map[Date]Holiday, len(holidays)),
	}
	for _, h := range holidays {
		if !h.Date.Valid() {
			return nil, fmt.Errorf("calendar: holiday %q has invalid date %v", h.Name, h.Date)
		}
		if !h.Kind.Valid() {
			return nil, fmt.Errorf("calendar: holiday %s %q has unknown kind %q", h.Date, h.Name, h.Kind)
		}
		if prev, ok := c.holidays[h.Date]; ok && prev.Kind != Lokal {
			continue
		}
		c.holidays[h.Date] = h
	}
	for d := range c.holidays {
		if n := toDay(d); !n.isWeekend() {
			c.closed = append(c.closed, n)
		}
	}
	slices.Sort(c.closed)
	c.covered = slices.Clone(coveredYears)
	slices.Sort(c.covered)
	c.covered = slices.Compact(c.covered)
	return c, nil
}

// Location is the tenant's zone.
func (c *Calendar) Location() *time.Location { return c.loc }

// Hours are the tenant's office hours.
func (c *Calendar) Hours() OfficeHours { return c.hours }

// Holiday returns the holiday on d, if any.
func (c *Calendar) Holiday(d Date) (Holiday, bool) {
	h, ok := c.holidays[d]
	return h, ok
}

// Holidays returns every holiday, sorted by date.
func (c *Calendar) Holidays() []Holiday {
	out := make([]Holiday, 0, len(c.holidays))
	for _, h := range c.holidays {
		out = append(out, h)
	}
	slices.SortFunc(out, func(a, b Holiday) int { return a.Date.Compare(b.Date) })
	return out
}

// CoveredYears returns the years with complete national holiday data, ascending.
func (c *Calendar) CoveredYears() []int { return slices.Clone(c.covered) }

// Covered reports whether year has complete national holiday data.
func (c *Calendar) Covered(year int) bool {
	_, ok := slices.BinarySearch(c.covered, year)
	return ok
}

// DateOf returns the tenant-local date of t.
func (c *Calendar) DateOf(t time.Time) Date { return DateOf(t.In(c.loc)) }

// IsWorkingDay reports whether d is Monday–Friday and not a national holiday, cuti
// bersama or local holiday.
func (c *Calendar) IsWorkingDay(d Date) bool { return c.working(toDay(d)) }

func (c *Calendar) working(n day) bool {
	if n.isWeekend() {
		return false
	}
	_, found := slices.BinarySearch(c.closed, n)
	return !found
}

// closedIn counts holidays on weekdays in [a, b].
func (c *Calendar) closedIn(a, b day) int {
	if b < a {
		return 0
	}
	lo, _ := slices.BinarySearch(c.closed, a)
	hi, found := slices.BinarySearch(c.closed, b)
	if found {
		hi++ // closed is distinct, so b occurs once
	}
	return hi - lo
}

// workingIn counts working days in [a, b].
func (c *Calendar) workingIn(a, b day) int {
	if b < a {
		return 0
	}
	return weekdaysBefore(b+1) - weekdaysBefore(a) - c.closedIn(a, b)
}

// nthWorkingAfter returns the k-th working day strictly after n (n itself if k ≤ 0).
func (c *Calendar) nthWorkingAfter(n day, k int) day {
	// Jump k weekdays ahead, then jump again by as many weekdays as there were
	// holidays in the stretch just covered, until a stretch has none. Each round is a
	// binary search; a round is needed only per cluster of holidays crossed.
	for k > 0 {
		next := addWeekdays(n, k)
		k = c.closedIn(n+1, next)
		n = next
	}
	return n
}

// split returns t's tenant-local day number and wall-clock offset after midnight.
func (c *Calendar) split(t time.Time) (day, time.Duration) {
	t = t.In(c.loc)
	y, m, d := t.Date()
	hh, mm, ss := t.Clock()
	off := time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute +
		time.Duration(ss)*time.Second + time.Duration(t.Nanosecond())
	return toDay(Date{y, m, d}), off
}

func (c *Calendar) closingOn(n day) time.Time { return fromDay(n).At(c.hours.Close, c.loc) }

// Deadline returns when something triggered at event is due, n working days later
// (docs/domain.md §4): the day of the event is working day 1 if it is a working day and
// the event happens before closing time; otherwise day 1 is the next working day. The
// deadline is closing time on working day n.
//
// Edges: an event exactly at closing time (16:00:00) is after hours, since the office
// can no longer act on it that day; an event before opening time on a working day is
// still on day 1, since the whole office day is ahead of it. n < 1 is treated as 1.
//
// In a year without holiday data the deadline still computes, counting weekends
// only; the caller checks MissingYears(event, deadline) and warns.
func (c *Calendar) Deadline(event time.Time, n int) time.Time {
	n = max(n, 1)
	d, off := c.split(event)
	if c.working(d) && off < c.closeAt {
		return c.closingOn(c.nthWorkingAfter(d, n-1))
	}
	return c.closingOn(c.nthWorkingAfter(d, n))
}

// WorkingTime returns the office time between from and to: the overlap of [from, to]
// with [open, close] on working days. It is 0 if to is not after from.
func (c *Calendar) WorkingTime(from, to time.Time) time.Duration {
	if !to.After(from) {
		return 0
	}
	df, of := c.split(from)
	dt, ot := c.split(to)
	if df == dt {
		if !c.working(df) {
			return 0
		}
		return max(0, min(ot, c.closeAt)-max(of, c.openAt))
	}
	var total time.Duration
	if c.working(df) {
		total += max(0, c.closeAt-max(of, c.openAt))
	}
	if c.working(dt) {
		total += max(0, min(ot, c.closeAt)-c.openAt)
	}
	return total + time.Duration(c.workingIn(df+1, dt-1))*c.length
}

// Remaining returns the office time left from now until due, or, when now is past
// due, the office time by which it is overdue, as a negative duration. Because only
// office time counts, it stays 0 from closing time on the due day until the next
// opening; compare the instants to tell "due now" from "overdue".
func (c *Calendar) Remaining(now, due time.Time) time.Duration {
	if now.After(due) {
		return -c.WorkingTime(due, now)
	}
	return c.WorkingTime(now, due)
}

// WorkingDays returns the office time between from and to in working days, where
// one working day is one full office day (close − open, 8.5 hours by default). It is
// how the product shows time spent waiting on the lembaga or the Dirjen. 0 if to is
// not after from.
func (c *Calendar) WorkingDays(from, to time.Time) float64 {
	return c.DaysOf(c.WorkingTime(from, to))
}

// DaysOf converts an amount of office time into working days (see WorkingDays).
func (c *Calendar) DaysOf(d time.Duration) float64 { return float64(d) / float64(c.length) }

// MissingYears returns, ascending, the tenant-local years touched by [from, to]
// (in either order) whose national holiday data is not known to be complete. For a
// deadline, pass the event and the deadline.
func (c *Calendar) MissingYears(from, to time.Time) []int {
	a, b := c.DateOf(from).Year, c.DateOf(to).Year
	if b < a {
		a, b = b, a
	}
	var missing []int
	for y := a; y <= b; y++ {
		if !c.Covered(y) {
			missing = append(missing, y)
		}
	}
	return missing
}
