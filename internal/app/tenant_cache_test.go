package app_test

import (
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/store"
)

// A tenant row is reused between pages (issue 14: no transaction per request
// for it), yet a change made through the app shows on the very next read.
func TestTenantRowIsReusedUntilTheKepalaChangesIt(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	before, err := f.app.TenantBySlug(f.ctx, "oki")
	if err != nil {
		t.Fatal(err)
	}
	// Behind the app's back (another instance, say): not seen until the reuse ends.
	err = f.db.Tx(f.ctx, store.System(), func(tx pgx.Tx) error {
		_, err := tx.Exec(f.ctx, `UPDATE tenants SET city = 'Kota Lain' WHERE id = $1`, before.ID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, read := range []func() (app.Tenant, error){
		func() (app.Tenant, error) { return f.app.TenantBySlug(f.ctx, "oki") },
		func() (app.Tenant, error) { return f.app.TenantByID(f.ctx, before.ID) },
	} {
		if got, err := read(); err != nil || got.City != before.City {
			t.Fatalf("a reused tenant read gave city %q (%v), want the reused %q", got.City, err, before.City)
		}
	}
	// Through the app: every read after the change sees it at once.
	in := app.SettingsInputOf(f.tenant(before.ID))
	in.City = "Kayu Agung"
	if _, err := f.app.UpdateSettings(f.ctx, f.kepala, in); err != nil {
		t.Fatal(err)
	}
	bySlug, err := f.app.TenantBySlug(f.ctx, "oki")
	if err != nil || bySlug.City != "Kayu Agung" {
		t.Fatalf("after the kepala's change, by slug: city %q (%v)", bySlug.City, err)
	}
	byID, err := f.app.TenantByID(f.ctx, before.ID)
	if err != nil || byID.City != "Kayu Agung" {
		t.Fatalf("after the kepala's change, by ID: city %q (%v)", byID.City, err)
	}
}
