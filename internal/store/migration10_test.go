package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/testdb"
)

// freshDatabase creates an empty database of its own (dropped after the test)
// and returns its URL.
func freshDatabase(t *testing.T, prefix string) string {
	t.Helper()
	ctx := context.Background()
	server := testdb.ServerURL(t)
	conn, err := pgx.Connect(ctx, server)
	if err != nil {
		t.Fatal(err)
	}
	name := prefix + time.Now().Format("150405000000")
	_, err = conn.Exec(ctx, "CREATE DATABASE "+name)
	conn.Close(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(context.Background(), server)
		if err != nil {
			t.Logf("drop %s: %v", name, err)
			return
		}
		defer c.Close(context.Background())
		c.Exec(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	})
	return replaceDB(server, name)
}

// TestMigration10KeepsExistingApplicationsAndLeavesUnknownNumbersEmpty stands
// an active application signed before issue 8 at schema 8, migrates it, and
// checks what it became: its signing recorded from its history with no
// invented numbers, its User IDs the lembaga's, its new facts NULL.
func TestMigration10KeepsExistingApplicationsAndLeavesUnknownNumbersEmpty(t *testing.T) {
	ctx := context.Background()
	u := freshDatabase(t, "hakakses_migrate10_")
	mg, err := store.NewMigrator(u)
	if err != nil {
		t.Fatal(err)
	}
	defer mg.Close()
	if err := mg.To(8); err != nil {
		t.Fatalf("up to 8: %v", err)
	}
	c, err := pgx.Connect(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	signedAt := time.Date(2026, 4, 6, 3, 0, 0, 0, time.UTC)
	var appID int64
	err = pgx.BeginFunc(ctx, c, func(tx pgx.Tx) error {
		for _, q := range []string{
			`SELECT set_config('app.scope', 'system', true)`,
			`INSERT INTO institutions (tenant_id, jenis, nama, status, created_at)
			 SELECT id, 'perangkat_daerah', 'Dinas Kesehatan', 'verified', now() FROM tenants WHERE kode = '16.02'`,
			`INSERT INTO users (tenant_id, institution_id, email, name, role, password_hash, created_at, password_changed_at)
			 SELECT tenant_id, id, 'op@dinkes.example', 'Operator', 'lembaga', 'x', now(), now() FROM institutions`,
			`INSERT INTO applications (tenant_id, institution_id, number, tracking_code, state, created_by, created_at,
			     updated_at, state_since, submitted_at, pks_start, pks_end, term_months)
			 SELECT i.tenant_id, i.id, 'HA-1602-2026-000001', 'abcdefgh12', 'active', u.id, now(), now(), now(), now(),
			     '2026-04-06', '2027-04-05', 12
			 FROM institutions i JOIN users u ON u.institution_id = i.id`,
		} {
			if _, err := tx.Exec(ctx, q); err != nil {
				return err
			}
		}
		if err := tx.QueryRow(ctx, `SELECT id FROM applications`).Scan(&appID); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO application_events (tenant_id, application_id, seq, event, from_state,
			     to_state, actor_role, actor_name, at, data, hash)
			 SELECT tenant_id, id, 1, 'sign', 'signing', 'signed', 'petugas', 'Petugas', $1,
			     '{"kepala_disdukcapil": "Drs. H. Ahmad", "pihak_kedua": "dr. Hendra"}', decode(repeat('ab', 32), 'hex')
			 FROM applications`, signedAt); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO issued_user_ids (tenant_id, application_id, user_id, category, issued_at)
			 SELECT tenant_id, id, 'dinkes.verif', 'verifikasi', now() FROM applications`)
		return err
	})
	if err != nil {
		t.Fatalf("data at schema 8: %v", err)
	}

	if err := mg.To(10); err != nil {
		t.Fatalf("up to 10: %v", err)
	}
	var (
		signedOn                           time.Time
		kepala, counterparty               string
		pksDisdukcapil, pksLembaga, juknis *string
		requestNumber, statementNumber     *string
		requestDate                        *time.Time
		kind                               string
	)
	err = pgx.BeginFunc(ctx, c, func(tx pgx.Tx) error {
		tx.Exec(ctx, `SELECT set_config('app.scope', 'system', true)`)
		if err := tx.QueryRow(ctx, `SELECT signed_on, kepala_name, counterparty_name, pks_number_disdukcapil,
			     pks_number_lembaga, juknis_number_disdukcapil FROM agreement_signings WHERE application_id = $1`, appID).
			Scan(&signedOn, &kepala, &counterparty, &pksDisdukcapil, &pksLembaga, &juknis); err != nil {
			return err
		}
		if err := tx.QueryRow(ctx, `SELECT request_letter_number, request_letter_date, closed_network_statement_number
			     FROM applications WHERE id = $1`, appID).Scan(&requestNumber, &requestDate, &statementNumber); err != nil {
			return err
		}
		return tx.QueryRow(ctx, `SELECT kind FROM issued_user_ids WHERE application_id = $1`, appID).Scan(&kind)
	})
	if err != nil {
		t.Fatalf("reading migrated rows: %v", err)
	}
	if signedOn.Format("2006-01-02") != "2026-04-06" || kepala != "Drs. H. Ahmad" || counterparty != "dr. Hendra" {
		t.Errorf("signing = %s, %q, %q; want the PKS start and the names of the sign event", signedOn, kepala, counterparty)
	}
	if pksDisdukcapil != nil || pksLembaga != nil || juknis != nil {
		t.Errorf("numbers invented for an old signing: %v %v %v", pksDisdukcapil, pksLembaga, juknis)
	}
	if requestNumber != nil || requestDate != nil || statementNumber != nil {
		t.Errorf("unknown facts not NULL: %v %v %v", requestNumber, requestDate, statementNumber)
	}
	if kind != "lembaga" {
		t.Errorf("an old User ID migrated as %q, want lembaga", kind)
	}
	if err := mg.To(8); err != nil {
		t.Fatalf("down to 8 with data: %v", err)
	}
}
