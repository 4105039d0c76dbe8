package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// HolidayYear is a year whose national holidays were entered, with its SKB source.
type HolidayYear struct {
	Year   int    `db:"tahun"`
	Source string `db:"sumber"`
}

// HolidayYearRows lists the published years with their sources.
func HolidayYearRows(ctx context.Context, q pgx.Tx) ([]HolidayYear, error) {
	rows, err := q.Query(ctx, `SELECT tahun, sumber FROM holiday_years ORDER BY tahun`)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[HolidayYear])
}

// PublishHolidayYear marks year's national holidays as entered (or updates its
// source). Row-level security lets only the system scope write.
func PublishHolidayYear(ctx context.Context, q pgx.Tx, year int, source string) error {
	_, err := q.Exec(ctx, `INSERT INTO holiday_years (tahun, sumber) VALUES ($1, $2)
		ON CONFLICT (tahun) DO UPDATE SET sumber = EXCLUDED.sumber`, year, source)
	return err
}

// SaveNationalHoliday adds a national holiday or cuti bersama, or corrects the
// kind and description of an existing date. It reports whether the date is new.
func SaveNationalHoliday(ctx context.Context, q pgx.Tx, h HolidayRow) (created bool, err error) {
	err = q.QueryRow(ctx, `INSERT INTO national_holidays (tanggal, jenis, keterangan) VALUES ($1, $2, $3)
		ON CONFLICT (tanggal) DO UPDATE SET jenis = EXCLUDED.jenis, keterangan = EXCLUDED.keterangan
		RETURNING xmax = 0`, h.Date, h.Kind, h.Name).Scan(&created)
	return created, err
}

// DeleteNationalHoliday removes a national date; ErrNotFound when there is none.
func DeleteNationalHoliday(ctx context.Context, q pgx.Tx, date time.Time) error {
	tag, err := q.Exec(ctx, `DELETE FROM national_holidays WHERE tanggal = $1`, date)
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
		return ErrNotFound
	}
	return nil
}

// AddLocalHoliday adds a tenant's local holiday; ErrConflict when the date is
// already one.
func AddLocalHoliday(ctx context.Context, q pgx.Tx, tenantID int64, date time.Time, description string) error {
	tag, err := q.Exec(ctx, `INSERT INTO local_holidays (tenant_id, tanggal, keterangan) VALUES ($1, $2, $3)
		ON CONFLICT (tenant_id, tanggal) DO NOTHING`, tenantID, date, description)
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
		return ErrConflict
	}
	return nil
}

// DeleteLocalHoliday removes a tenant's local holiday; ErrNotFound when there is none.
func DeleteLocalHoliday(ctx context.Context, q pgx.Tx, tenantID int64, date time.Time) error {
	tag, err := q.Exec(ctx, `DELETE FROM local_holidays WHERE tenant_id = $1 AND tanggal = $2`, tenantID, date)
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
		return ErrNotFound
	}
	return nil
}
