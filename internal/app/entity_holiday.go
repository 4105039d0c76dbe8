package app

import (
	"github.com/hakakses/hakakses/internal/calendar"
	"github.com/hakakses/hakakses/internal/store"
)

// The app hands holidays out as calendar.Holiday: a calendar.Date (no time of
// day, no zone to get wrong) and a typed kind, the very values the working-day
// calendar is built from.

func holidayOf(r store.HolidayRow) calendar.Holiday {
	return calendar.Holiday{Date: calendar.DateOf(r.Date), Kind: calendar.HolidayKind(r.Kind), Name: r.Name}
}

// holidaysOf maps rows in order; several lists (national, local) append into one.
func holidaysOf(lists ...[]store.HolidayRow) []calendar.Holiday {
	var out []calendar.Holiday
	for _, rows := range lists {
		for _, r := range rows {
			out = append(out, holidayOf(r))
		}
	}
	return out
}

// HolidayYear is a year whose national calendar is entered, with the decree it
// follows (the year's SKB 3 Menteri).
type HolidayYear struct {
	Year   int
	Source string
}

func holidayYearsOf(rows []store.HolidayYear) []HolidayYear {
	out := make([]HolidayYear, len(rows))
	for i, r := range rows {
		out[i] = HolidayYear{Year: r.Year, Source: r.Source}
	}
	return out
}
