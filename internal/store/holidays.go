package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// HolidayRow is a national or local non-working day.
type HolidayRow struct {
	Date time.Time `db:"tanggal"`
	Kind string    `db:"jenis"`
	Name string    `db:"keterangan"`
}

// NationalHolidays lists national holidays and cuti bersama in [from, to].
func NationalHolidays(ctx context.Context, q pgx.Tx, from, to time.Time) ([]HolidayRow, error) {
	rows, err := q.Query(ctx, `SELECT tanggal, jenis, keterangan FROM national_holidays WHERE tanggal BETWEEN $1 AND $2 ORDER BY tanggal`, from, to)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[HolidayRow])
}

// LocalHolidays lists a tenant's local holidays in [from, to].
func LocalHolidays(ctx context.Context, q pgx.Tx, tenantID int64, from, to time.Time) ([]HolidayRow, error) {
	rows, err := q.Query(ctx, `SELECT tanggal, 'lokal' AS jenis, keterangan FROM local_holidays
		WHERE tenant_id = $1 AND tanggal BETWEEN $2 AND $3 ORDER BY tanggal`, tenantID, from, to)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[HolidayRow])
}

// HolidayYears lists the years whose national holiday data has been entered.
func HolidayYears(ctx context.Context, q pgx.Tx) ([]int, error) {
	rows, err := q.Query(ctx, `SELECT tahun FROM holiday_years ORDER BY tahun`)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[int])
}

// CalendarRows reads what a tenant's working-day calendar is built from, in
// one statement: the national holidays and cuti bersama and the tenant's local
// holidays in [from, to] (each ordered by date, as NationalHolidays and
// LocalHolidays return them) and the years whose national data is complete.
func CalendarRows(ctx context.Context, q pgx.Tx, tenantID int64, from, to time.Time) (national, local []HolidayRow, years []int, err error) {
	err = q.QueryRow(ctx, `SELECT
			ARRAY(SELECT ROW(tanggal, jenis, keterangan) FROM national_holidays WHERE tanggal BETWEEN $2 AND $3 ORDER BY tanggal),
			ARRAY(SELECT ROW(tanggal, 'lokal'::text, keterangan) FROM local_holidays
				WHERE tenant_id = $1 AND tanggal BETWEEN $2 AND $3 ORDER BY tanggal),
			ARRAY(SELECT tahun FROM holiday_years ORDER BY tahun)`, tenantID, from, to).Scan(&national, &local, &years)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("store: calendar of tenant %d: %w", tenantID, err)
	}
	return national, local, years, nil
}
