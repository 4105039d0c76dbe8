package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/testdb"
)

var now = time.Date(2026, 3, 10, 3, 0, 0, 0, time.UTC)

func TestMigrationsGoUpDownAndUpAgain(t *testing.T) {
	ctx := context.Background()
	server := testdb.ServerURL(t)
	conn, err := pgx.Connect(ctx, server)
	if err != nil {
		t.Fatal(err)
	}
	name := "hakakses_migrate_roundtrip_" + time.Now().Format("150405000000")
	_, err = conn.Exec(ctx, "CREATE DATABASE "+name)
	conn.Close(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Its own connection: the test's are closed by the time cleanup runs.
	t.Cleanup(func() {
		c, err := pgx.Connect(context.Background(), server)
		if err != nil {
			t.Logf("drop %s: %v", name, err)
			return
		}
		defer c.Close(context.Background())
		c.Exec(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	})
	u := replaceDB(server, name)

	// As at start-up: River's schema, then ours (whose migration 16 grants on River's).
	if err := store.MigrateUp(ctx, u); err != nil {
		t.Fatalf("first up: %v", err)
	}
	mg, err := store.NewMigrator(u)
	if err != nil {
		t.Fatal(err)
	}
	defer mg.Close()
	top, dirty, err := mg.Version()
	if err != nil || dirty || top == 0 {
		t.Fatalf("version after up = %d dirty=%v err=%v", top, dirty, err)
	}
	c2, err := pgx.Connect(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close(ctx)
	privileged := func() (jobs, migrations bool) {
		c2.QueryRow(ctx, `SELECT has_table_privilege($1, 'river_job', 'INSERT, UPDATE, DELETE'),
			has_table_privilege($1, 'river_migration', 'INSERT')`, store.AppRole).Scan(&jobs, &migrations)
		return
	}
	if jobs, migrations := privileged(); !jobs || migrations {
		t.Fatalf("runtime role on River's tables: works jobs %v, writes its migrations %v", jobs, migrations)
	}
	if err := mg.DownAll(); err != nil {
		t.Fatalf("down all: %v", err)
	}
	if jobs, _ := privileged(); jobs {
		t.Fatal("after down, the runtime role still works River's jobs")
	}
	var tables int
	c2.QueryRow(ctx, `SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'
		AND tablename NOT LIKE 'river\_%'`).Scan(&tables)
	if tables != 0 {
		t.Fatalf("after down, %d tables remain", tables)
	}
	if err := mg.Up(); err != nil {
		t.Fatalf("second up: %v", err)
	}
	again, _, _ := mg.Version()
	if again != top {
		t.Fatalf("version after second up = %d, want %d", again, top)
	}
	var n int
	c2.QueryRow(ctx, `SELECT count(*) FROM tenants`).Scan(&n)
	if n != 514 {
		t.Fatalf("tenants after second up = %d, want 514", n)
	}
}

func TestRuntimeRoleIsNotSuperuserEvenWhenURLIs(t *testing.T) {
	db, _ := testdb.Open(t)
	var role string
	var super, bypass bool
	// Every scope's transaction runs as the runtime role, though the test URL
	// names the superuser.
	var owns int
	for _, scope := range []store.Scope{store.System(), store.Public(), store.Dirjen(), store.TenantScope(1)} {
		err := db.ReadTx(context.Background(), scope, func(tx pgx.Tx) error {
			if err := tx.QueryRow(context.Background(), `SELECT current_user, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user`).Scan(&role, &super, &bypass); err != nil {
				return err
			}
			return tx.QueryRow(context.Background(), `SELECT count(*) FROM pg_tables WHERE tableowner = $1`, store.AppRole).Scan(&owns)
		})
		if err != nil {
			t.Fatal(err)
		}
		if role != store.AppRole || super || bypass {
			t.Fatalf("%s scope: runtime role = %s super=%v bypassrls=%v", scope.Kind, role, super, bypass)
		}
	}
	if owns != 0 {
		t.Fatalf("runtime role owns %d tables", owns)
	}
}

func TestRowLevelSecurityHidesRowsWithoutTenant(t *testing.T) {
	ctx := context.Background()
	db, _ := testdb.Open(t)
	var oki, other int64
	err := db.Tx(ctx, store.System(), func(tx pgx.Tx) error {
		a, err := store.TenantByCode(ctx, tx, "16.02")
		if err != nil {
			return err
		}
		b, err := store.TenantByCode(ctx, tx, "16.01")
		if err != nil {
			return err
		}
		oki, other = a.ID, b.ID
		for _, tid := range []int64{oki, other} {
			if _, err := store.CreateInstitution(ctx, tx, store.NewInstitution{TenantID: tid, Type: "perangkat_daerah", Name: "Dinas X"}, now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	count := func(scope store.Scope) int {
		var n int
		if err := db.ReadTx(ctx, scope, func(tx pgx.Tx) error {
			return tx.QueryRow(ctx, `SELECT count(*) FROM institutions`).Scan(&n)
		}); err != nil {
			t.Fatal(err)
		}
		return n
	}
	// (No bare query on the pool is possible: store.DB does not export it.)
	if got := count(store.TenantScope(oki)); got != 1 {
		t.Errorf("OKI scope sees %d institutions, want 1", got)
	}
	if got := count(store.Public()); got != 0 {
		t.Errorf("public scope sees %d institutions, want 0", got)
	}
	if got := count(store.Dirjen()); got != 0 {
		t.Errorf("dirjen scope sees %d institutions, want 0", got)
	}
	// Writing into another tenant from a tenant scope is refused by the database.
	err = db.Tx(ctx, store.TenantScope(oki), func(tx pgx.Tx) error {
		_, err := store.CreateInstitution(ctx, tx, store.NewInstitution{TenantID: other, Type: "perangkat_daerah", Name: "Penyusup"}, now)
		return err
	})
	if err == nil {
		t.Fatal("insert into another tenant succeeded")
	}
	// And a tenant cannot rewrite another tenant's settings.
	err = db.Tx(ctx, store.TenantScope(oki), func(tx pgx.Tx) error {
		return store.UpdateTenantSettings(ctx, tx, other, store.TenantSettings{Slug: "curang", OfficeOpen: "07:30", OfficeClose: "16:00", SLATargetDays: 2}, now)
	})
	if !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("updating another tenant: err = %v, want ErrNotFound (no row visible)", err)
	}
}

func replaceDB(u, name string) string {
	i := len(u)
	for j := len(u) - 1; j >= 0; j-- {
		if u[j] == '?' {
			i = j
		}
	}
	base := u[:i]
	for j := len(base) - 1; j >= 0; j-- {
		if base[j] == '/' {
			return base[:j+1] + name + u[i:]
		}
	}
	return u
}
