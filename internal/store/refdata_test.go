package store_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/refdata"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/testdb"
)

// The reference-data migration is generated from the shipped CSV files; this
// proves the database holds exactly what the files say.
func TestReferenceDataInDatabaseMatchesShippedFiles(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, _ := testdb.Open(t)
	regs, _ := refdata.Regencies()
	els, _ := refdata.Elements()
	hols, _ := refdata.Holidays()
	err := db.ReadTx(ctx, store.System(), func(tx pgx.Tx) error {
		var n, inactive int
		tx.QueryRow(ctx, `SELECT count(*), count(*) FILTER (WHERE NOT active) FROM tenants`).Scan(&n, &inactive)
		if n != len(regs) || n != 514 || inactive != 514 {
			t.Errorf("tenants %d (inactive %d), CSV %d, want 514 inactive until onboarded", n, inactive, len(regs))
		}
		for _, r := range regs {
			got, err := store.TenantByCode(ctx, tx, r.Code)
			if err != nil || got.Name != r.Name || got.TimeZone != r.TimeZone || got.Kind != r.Kind {
				t.Errorf("tenant %s = %+v (%v), CSV %+v", r.Code, got.Name, err, r)
			}
		}
		catalog, err := store.DataElements(ctx, tx)
		if err != nil {
			return err
		}
		protected := 0
		for i, e := range catalog {
			if e.Code != els[i].Code || e.Letter != els[i].Letter || e.Protected != els[i].Protected {
				t.Errorf("element %d = %+v, CSV %+v", i, e, els[i])
			}
			if e.Protected {
				protected++
			}
		}
		if len(catalog) != 31 || protected != 5 {
			t.Errorf("%d elements, %d protected; want 31 and 5 (Pasal 84)", len(catalog), protected)
		}
		var hn int
		tx.QueryRow(ctx, `SELECT count(*) FROM national_holidays`).Scan(&hn)
		if hn != len(hols) {
			t.Errorf("%d holidays, CSV %d", hn, len(hols))
		}
		years, _ := store.HolidayYears(ctx, tx)
		if len(years) != 2 || years[0] != 2025 || years[1] != 2026 {
			t.Errorf("holiday years %v, want [2025 2026]", years)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
