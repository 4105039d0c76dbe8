package calendar

import (
	"fmt"
	"time"
)

// TimeOfDay is a wall-clock time as minutes after local midnight. Minutes are
// enough: office hours are published to the minute, and a plain integer keeps
// OfficeHours comparable and trivially storable.
type TimeOfDay int

// Default office hours. Perpres 21/2023 sets the start of the government working day
// at 07.30 local time; docs/domain.md §4 sets the default closing time used for the SLA
// deadline at 16.00.
const (
	DefaultOpen  TimeOfDay = 7*60 + 30
	DefaultClose TimeOfDay = 16 * 60
)

// NewTimeOfDay returns hour:minute as a TimeOfDay.
func NewTimeOfDay(hour, minute int) TimeOfDay { return TimeOfDay(hour*60 + minute) }

// ParseTimeOfDay parses "15:04" (e.g. "07:30"); "24:00" is accepted as the end of the day.
func ParseTimeOfDay(s string) (TimeOfDay, error) {
	bad := func() (TimeOfDay, error) { return 0, fmt.Errorf("jam %q tidak valid, harus JJ:MM", s) }
	if len(s) != 5 || s[2] != ':' {
		return bad()
	}
	digit := func(i int) int {
		if s[i] < '0' || s[i] > '9' {
			return -100 // poisons the sum below
		}
		return int(s[i] - '0')
	}
	h, m := digit(0)*10+digit(1), digit(3)*10+digit(4)
	if h < 0 || m < 0 || m > 59 || h > 24 || (h == 24 && m != 0) {
		return bad()
	}
	return NewTimeOfDay(h, m), nil
}

// String formats t as "15:04".
func (t TimeOfDay) String() string { return fmt.Sprintf("%02d:%02d", int(t)/60, int(t)%60) }

// Duration is t as a duration after midnight.
func (t TimeOfDay) Duration() time.Duration { return time.Duration(t) * time.Minute }

// OfficeHours is when a tenant's office serves, the same every working day.
type OfficeHours struct {
	Open  TimeOfDay
	Close TimeOfDay
}

// DefaultOfficeHours returns 07:30–16:00.
func DefaultOfficeHours() OfficeHours { return OfficeHours{Open: DefaultOpen, Close: DefaultClose} }

// Validate reports whether the hours make sense: within one day, opening before closing.
func (h OfficeHours) Validate() error {
	if h.Open < 0 || h.Close > 24*60 || h.Open >= h.Close {
		return fmt.Errorf("jam kerja %s–%s tidak valid: jam buka harus sebelum jam tutup, dalam satu hari", h.Open, h.Close)
	}
	return nil
}

// Length is the length of one office day (Close − Open): the unit in which working
// time is expressed as working days.
func (h OfficeHours) Length() time.Duration { return (h.Close - h.Open).Duration() }

// String formats the hours as "07:30–16:00".
func (h OfficeHours) String() string { return h.Open.String() + "–" + h.Close.String() }
