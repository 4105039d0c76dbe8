package store_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/testdb"
)

// The calendar is read in one statement (store.CalendarRows); it must hold what
// the three single reads return, in their order.
func TestCalendarRowsReadWhatTheThreeReadsDo(t *testing.T) {
	t.Parallel()
	db, _ := testdb.Open(t)
	ctx := context.Background()
	from, to := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2100, 12, 31, 0, 0, 0, 0, time.UTC)
	err := db.Tx(ctx, store.System(), func(tx pgx.Tx) error {
		oki, err := store.TenantByCode(ctx, tx, "16.02")
		if err != nil {
			return err
		}
		for _, d := range []time.Time{time.Date(2026, 3, 11, 0, 0, 0, 0, time.UTC), time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)} {
			if err := store.AddLocalHoliday(ctx, tx, oki.ID, d, "Hari jadi kabupaten"); err != nil {
				return err
			}
		}
		nat, loc, years, err := store.CalendarRows(ctx, tx, oki.ID, from, to)
		if err != nil {
			return err
		}
		wantNat, err := store.NationalHolidays(ctx, tx, from, to)
		if err != nil {
			return err
		}
		wantLoc, err := store.LocalHolidays(ctx, tx, oki.ID, from, to)
		if err != nil {
			return err
		}
		wantYears, err := store.HolidayYears(ctx, tx)
		if err != nil {
			return err
		}
		if len(wantNat) == 0 || len(wantLoc) != 2 || len(wantYears) == 0 {
			t.Fatalf("the reference data gives %d national holidays, %d local, %d years: nothing to compare", len(wantNat), len(wantLoc), len(wantYears))
		}
		for _, c := range []struct {
			what      string
			got, want any
		}{{"national holidays", nat, wantNat}, {"local holidays", loc, wantLoc}, {"years", years, wantYears}} {
			if !reflect.DeepEqual(c.got, c.want) {
				t.Errorf("%s in one statement:\n%v\nalone:\n%v", c.what, c.got, c.want)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
