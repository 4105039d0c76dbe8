package app

import (
	"context"
	"fmt"
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
	// One statement for the three tables (store.CalendarRows).
	nat, loc, years, err := store.CalendarRows(ctx, tx, t.ID, from, to)
	if err != nil {
		return nil, err
	}
	return buildCalendar(t, holidaysOf(nat, loc), years)
}

// buildCalendar is t's working-day calendar from holidays already loaded (the
// dashboard loads every tenant's at once).
func buildCalendar(t Tenant, hs []calendar.Holiday, years []int) (*calendar.Calendar, error) {
	open, err1 := calendar.ParseTimeOfDay(t.OfficeOpen)
	closing, err2 := calendar.ParseTimeOfDay(t.OfficeClose)
	if err1 != nil || err2 != nil {
		return nil, fmt.Errorf("tenant %d office hours %q–%q", t.ID, t.OfficeOpen, t.OfficeClose)
	}
	cal, err := calendar.New(t.Location(), calendar.OfficeHours{Open: open, Close: closing}, hs, years)
	if err != nil {
		return nil, fmt.Errorf("tenant %d calendar: %w", t.ID, err)
	}
	return cal, nil
}
