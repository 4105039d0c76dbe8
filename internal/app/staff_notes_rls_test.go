package app_test

import (
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/store"
)

// TestStaffNotesAreInvisibleToTheLembagaAtTheDatabase goes around the app layer:
// a note written by staff on the lembaga's own application cannot be read,
// counted, written or guessed at by the lembaga's scope, nor by the Dirjen;
// staff of the tenant read it.
func TestStaffNotesAreInvisibleToTheLembagaAtTheDatabase(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id := f.completeDraft()
	f.toActive(id)
	const insert = `INSERT INTO staff_notes (tenant_id, application_id, body, author_id, author_name, created_at)
		SELECT tenant_id, id, 'Lembaga sering terlambat; telepon Pak Iwan sebelum teguran.', $2, 'Petugas', now()
		FROM applications WHERE id = $1`
	if err := f.db.Tx(f.ctx, f.petugas.Scope(), func(tx pgx.Tx) error {
		_, err := tx.Exec(f.ctx, insert, id, f.petugas.UserID)
		return err
	}); err != nil {
		t.Fatalf("staff could not write a note: %v", err)
	}
	count := func(scope store.Scope) int {
		t.Helper()
		var n int
		if err := f.db.ReadTx(f.ctx, scope, func(tx pgx.Tx) error {
			return tx.QueryRow(f.ctx, `SELECT count(*) FROM staff_notes WHERE application_id = $1`, id).Scan(&n)
		}); err != nil {
			t.Fatal(err)
		}
		return n
	}
	lembaga := store.InstitutionScope(f.lembaga.TenantID, f.lembaga.InstitutionID)
	lembaga.Role, lembaga.UserID = "lembaga", f.lembaga.UserID
	// A lembaga scope without its institution set (a handler bug) is still not staff.
	bare := store.TenantScope(f.lembaga.TenantID)
	bare.Role = "lembaga"
	for name, c := range map[string]struct {
		scope store.Scope
		want  int
	}{
		"petugas":                  {f.petugas.Scope(), 1},
		"kepala":                   {f.kepala.Scope(), 1},
		"lembaga":                  {lembaga, 0},
		"lembaga without its inst": {bare, 0},
		"dirjen":                   {f.dirjen.Scope(), 0},
	} {
		if got := count(c.scope); got != c.want {
			t.Errorf("%s sees %d staff notes, want %d", name, got, c.want)
		}
	}
	// The lembaga cannot write one either (it would then be able to read it back).
	for name, scope := range map[string]store.Scope{"lembaga": lembaga, "lembaga without its inst": bare} {
		err := f.db.Tx(f.ctx, scope, func(tx pgx.Tx) error {
			_, err := tx.Exec(f.ctx, insert, id, f.lembaga.UserID)
			return err
		})
		if err == nil {
			t.Errorf("%s could write a staff note", name)
		}
	}
	if got := count(f.petugas.Scope()); got != 1 {
		t.Errorf("after the refused writes staff see %d notes, want 1", got)
	}
}
