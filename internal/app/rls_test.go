package app_test

import (
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// These go around the app layer on purpose: they prove that the database itself
// refuses what a buggy handler might try.

func TestDirjenScopeCanOnlyMakeDirjenTransitions(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id := f.completeDraft()
	f.toActive(id)
	dirjen := f.dirjen.Scope()
	attempts := map[string]string{
		"rewrite the purpose of an active application": `UPDATE applications SET purpose = 'lain' WHERE id = $1`,
		"open the network to everyone":                 `UPDATE applications SET ip_addresses = '{0.0.0.0/0}' WHERE id = $1`,
		"move an active application back to signing":   `UPDATE applications SET state = 'signing' WHERE id = $1`,
		"issue itself a letter number":                 `INSERT INTO letters (tenant_id, year, seq, number, kind, application_id, issued_at) SELECT tenant_id, 2026, 99, 'X/99', 'x', id, now() FROM applications WHERE id = $1`,
		"delete a requested element":                   `DELETE FROM application_elements WHERE application_id = $1`,
		"add history to an active application":         `INSERT INTO application_events (tenant_id, application_id, seq, event, to_state, actor_role, actor_name, at, hash) SELECT tenant_id, id, 99, 'x', 'active', 'dirjen', 'x', now(), decode(repeat('00', 32), 'hex') FROM applications WHERE id = $1`,
	}
	for what, sql := range attempts {
		if what != "move an active application back to signing" && what != "add history to an active application" {
			mustWorkAsSystem(t, f, sql, id)
		}
		err := f.db.Tx(f.ctx, dirjen, func(tx pgx.Tx) error {
			tag, err := tx.Exec(f.ctx, sql, id)
			if err == nil && tag.RowsAffected() == 0 {
				return errNothing
			}
			return err
		})
		if err == nil {
			t.Errorf("the Dirjen scope could %s", what)
		}
	}
	// Its own transition still works: revoke an active application.
	f.fire(f.dirjen, id, app.Action{Event: workflow.Revoke, Form: form("reason", "Pelanggaran butir 9.")})
	if f.state(id) != workflow.Revoked {
		t.Fatal("the Dirjen could not revoke")
	}
}

func TestLembagaScopeIsConfinedToItsInstitution(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	own := f.completeDraft()
	_ = own
	otherInst := f.otherInstitution()
	// An application and a document of the other institution, written as the system.
	var otherApp int64
	err := f.db.Tx(f.ctx, store.System(), func(tx pgx.Tx) error {
		var uid int64
		if err := tx.QueryRow(f.ctx, `INSERT INTO users (tenant_id, institution_id, email, name, role, password_hash, created_at, password_changed_at)
			VALUES ($1, $2, 'dinsos@oki.test', 'Dinsos', 'lembaga', 'x', now(), now()) RETURNING id`, f.lembaga.TenantID, otherInst).Scan(&uid); err != nil {
			return err
		}
		var err error
		otherApp, err = store.CreateApplication(f.ctx, tx, store.NewApplication{TenantID: f.lembaga.TenantID, InstitutionID: otherInst,
			Number: "HA-X-1", TrackingCode: "ABCDE-FGHIJ", CreatedBy: uid}, f.clock.Now())
		if err != nil {
			return err
		}
		_, err = store.InsertDocument(f.ctx, tx, store.NewDocument{TenantID: f.lembaga.TenantID, ApplicationID: otherApp, Kind: app.DocAktaPendirian,
			Filename: "akta.pdf", ContentType: "application/pdf", SHA256: make([]byte, 32), Content: []byte("%PDF-1.4")}, f.clock.Now())
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	lembaga := store.InstitutionScope(f.lembaga.TenantID, f.lembaga.InstitutionID)
	lembaga.Role = "lembaga"
	counts := map[string]string{
		"another institution's documents":   `SELECT count(*) FROM documents WHERE application_id = $1`,
		"another institution's users":       `SELECT count(*) FROM users WHERE institution_id = (SELECT institution_id FROM applications WHERE id = $1) OR email = 'dinsos@oki.test'`,
		"another institution":               `SELECT count(*) FROM institutions WHERE nama = 'Dinas Sosial' AND $1 > 0`,
		"the tenant's staff accounts":       `SELECT count(*) FROM users WHERE role IN ('petugas', 'kepala') AND $1 > 0`,
		"another institution's application": `SELECT count(*) FROM applications WHERE id = $1`,
	}
	for what, sql := range counts {
		var n int
		if err := f.db.ReadTx(f.ctx, lembaga, func(tx pgx.Tx) error { return tx.QueryRow(f.ctx, sql, otherApp).Scan(&n) }); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("a lembaga sees %s (%d rows)", what, n)
		}
	}
	writes := map[string]string{
		"verify its own institution":    `UPDATE institutions SET status = 'verified', dirjen_visible = true WHERE id = $1`,
		"rewrite the tenant's settings": `UPDATE tenants SET kepala_name = 'Penyusup' WHERE id = (SELECT tenant_id FROM institutions WHERE id = $1)`,
	}
	for what, sql := range writes {
		mustWorkAsSystem(t, f, sql, f.lembaga.InstitutionID)
		err := f.db.Tx(f.ctx, lembaga, func(tx pgx.Tx) error {
			tag, err := tx.Exec(f.ctx, sql, f.lembaga.InstitutionID)
			if err == nil && tag.RowsAffected() == 0 {
				return errNothing
			}
			return err
		})
		if err == nil {
			t.Errorf("a lembaga could %s", what)
		}
	}
	// Tenant settings are the kepala's: a petugas cannot change them either.
	err = f.db.Tx(f.ctx, f.petugas.Scope(), func(tx pgx.Tx) error {
		tag, err := tx.Exec(f.ctx, `UPDATE tenants SET kepala_name = 'Petugas' WHERE id = $1`, f.petugas.TenantID)
		if err == nil && tag.RowsAffected() == 0 {
			return errNothing
		}
		return err
	})
	if err == nil {
		t.Error("a petugas could change the tenant's settings")
	}
}

// mustWorkAsSystem proves a statement is valid and effective where policies allow
// it (then rolls it back), so a refusal elsewhere is the policy's doing.
func mustWorkAsSystem(t *testing.T, f *fixture, sql string, arg int64) {
	t.Helper()
	err := f.db.Tx(f.ctx, store.System(), func(tx pgx.Tx) error {
		tag, err := tx.Exec(f.ctx, sql, arg)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return errNothing
		}
		return errRollback
	})
	if err != errRollback {
		t.Fatalf("statement does not work even as the system: %v\n%s", err, sql)
	}
}

var errRollback = nothingErr{}

type nothingErr struct{}

func (nothingErr) Error() string { return "no row changed" }

var errNothing error = nothingErr{}

func TestRecipientLookupNamesTheDirjenOnlyForForwardedApplications(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id := f.completeDraft()
	lembaga := store.InstitutionScope(f.lembaga.TenantID, f.lembaga.InstitutionID)
	count := func() int {
		var n int
		err := f.db.Tx(f.ctx, lembaga, func(tx pgx.Tx) error {
			return tx.QueryRow(f.ctx, `SELECT count(*) FROM notification_recipients($1, ARRAY['dirjen'])`, id).Scan(&n)
		})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count(); n != 0 {
		t.Fatalf("a draft's lookup names %d Dirjen liaisons", n)
	}
	f.fire(f.lembaga, id, app.Action{Event: workflow.Submit})
	f.fire(f.petugas, id, app.Action{Event: workflow.Forward})
	if n := count(); n != 1 {
		t.Fatalf("after forwarding the lookup names %d Dirjen liaisons, want the demo's 1", n)
	}
}

func TestAdminScopeManagesTheCalendarButSeesNoApplicationContent(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id := f.completeDraft()
	f.fire(f.lembaga, id, app.Action{Event: workflow.Submit})
	admin := app.Principal{Role: workflow.RoleAdmin, UserID: 1}.Scope()
	for _, table := range []string{"applications", "documents", "application_events", "application_elements"} {
		var n int
		if err := f.db.ReadTx(f.ctx, admin, func(tx pgx.Tx) error {
			return tx.QueryRow(f.ctx, `SELECT count(*) FROM `+table).Scan(&n)
		}); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("the admin scope sees %d rows of %s", n, table)
		}
	}
	err := f.db.Tx(f.ctx, admin, func(tx pgx.Tx) error {
		_, err := tx.Exec(f.ctx, `INSERT INTO national_holidays (tanggal, jenis, keterangan) VALUES ('2027-01-01', 'libur_nasional', 'Tahun Baru 2027 Masehi')`)
		return err
	})
	if err != nil {
		t.Fatalf("the admin cannot enter next year's holidays: %v", err)
	}
}

func TestVerifyingAnInstitutionNotifiesItsUsersInTheSameTransaction(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	inst := f.otherInstitution()
	err := f.db.Tx(f.ctx, store.System(), func(tx pgx.Tx) error {
		_, err := tx.Exec(f.ctx, `INSERT INTO users (tenant_id, institution_id, email, name, role, password_hash, created_at, password_changed_at)
			VALUES ($1, $2, 'dinsos@oki.test', 'Operator Dinsos', 'lembaga', 'x', now(), now())`, f.lembaga.TenantID, inst)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.app.VerifyInstitution(f.ctx, f.petugas, inst); err != nil {
		t.Fatal(err)
	}
	var notes, mails int
	f.db.ReadTx(f.ctx, store.System(), func(tx pgx.Tx) error {
		tx.QueryRow(f.ctx, `SELECT count(*) FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.email = 'dinsos@oki.test' AND n.title LIKE '%diverifikasi%'`).Scan(&notes)
		return tx.QueryRow(f.ctx, `SELECT count(*) FROM outbox WHERE to_address = 'dinsos@oki.test'`).Scan(&mails)
	})
	if notes != 1 || mails != 1 {
		t.Fatalf("%d notifications and %d e-mails, want one of each", notes, mails)
	}
}
