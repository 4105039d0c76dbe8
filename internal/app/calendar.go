package app

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/calendar"
	"github.com/hakakses/hakakses/internal/store"
)

// calendarFor builds a tenant's working-day calendar: its zone and office hours,
// national holidays and cuti bersama, and its local holidays. The holiday tables
// grow by a few dozen rows a year, so loading them whole stays cheap.
// tenantCalendar loads a tenant with its working-day calendar.
func tenantCalendar(ctx context.Context, tx pgx.Tx, tenantID int64) (Tenant, *calendar.Calendar, error) {
	t, err := tenantByID(ctx, tx, tenantID)
	if err != nil {
		return t, nil, err
	}
	cal, err := calendarFor(ctx, tx, t)
	return t, cal, err
}

func calendarFor(ctx context.Context, tx pgx.Tx, t Tenant) (*calendar.Calendar, error) {
	from, to := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2100, 12, 31, 0, 0, 0, 0, time.UTC)
	nat, err := store.NationalHolidays(ctx, tx, from, to)
	if err != nil {
		return nil, err
	}
	loc, err := store.LocalHolidays(ctx, tx, t.ID, from, to)
	if err != nil {
		return nil, err
	}
	years, err := store.HolidayYears(ctx, tx)
	if err != nil {
		return nil, err
	}
	var hs []calendar.Holiday
	for _, rows := range [][]store.HolidayRow{nat, loc} {
		for _, h := range rows {
			hs = append(hs, calendar.Holiday{
				Date: calendar.Date{Year: h.Date.Year(), Month: h.Date.Month(), Day: h.Date.Day()},
				Kind: calendar.HolidayKind(h.Kind), Name: h.Name,
			})
		}
	}
	open, err := calendar.ParseTimeOfDay(t.OfficeOpen)
	if err != nil {
		return nil, err
	}
	closing, err := calendar.ParseTimeOfDay(t.OfficeClose)
	if err != nil {
		return nil, err
	}
	return calendar.New(t.Location(), calendar.OfficeHours{Open: open, Close: closing}, hs, years)
}
