package app_test

import (
	"errors"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// TestAgreementLifeTablesKeepTheirRules exercises the store functions of
// migration 000012 on a real application: one standing report per semester,
// a review judged once, a version agreed once, one addendum in progress,
// sanction grounds as the closed list, and who is behind on data balikan.
func TestAgreementLifeTablesKeepTheirRules(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id := f.completeDraft()
	f.toActive(id)
	now := f.clock.Now()
	tenant := f.petugas.TenantID
	staff := f.petugas.Scope()
	lembaga := store.InstitutionScope(tenant, f.lembaga.InstitutionID)
	lembaga.Role, lembaga.UserID = "lembaga", f.lembaga.UserID

	var docID int64
	tx := func(scope store.Scope, fn func(tx pgx.Tx) error) error { return f.db.Tx(f.ctx, scope, fn) }
	if err := tx(lembaga, func(tx pgx.Tx) error {
		d, err := store.InsertDocument(f.ctx, tx, store.NewDocument{TenantID: tenant, ApplicationID: id, Kind: app.DocReport,
			Filename: "laporan.pdf", ContentType: "application/pdf", SHA256: make([]byte, 32), Content: []byte("%PDF-1.4")}, now)
		docID = d.ID
		return err
	}); err != nil {
		t.Fatal(err)
	}

	// Reports: one standing per semester; a returned one makes room for a refiling.
	var first int64
	if err := tx(lembaga, func(tx pgx.Tx) (err error) {
		first, err = store.InsertSemesterReport(f.ctx, tx, tenant, id, "2026-1", docID, now)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	err := tx(lembaga, func(tx pgx.Tx) error {
		_, err := store.InsertSemesterReport(f.ctx, tx, tenant, id, "2026-1", docID, now)
		return err
	})
	if !errors.Is(err, store.ErrConflict) {
		t.Fatalf("a second pending report of one semester: %v, want ErrConflict", err)
	}
	review := func(reportID int64, verdict, reason string) error {
		return tx(staff, func(tx pgx.Tx) error {
			_, err := store.ReviewSemesterReport(f.ctx, tx, tenant, id, reportID, verdict, reason, f.petugas.UserID, now)
			return err
		})
	}
	if err := review(first, "accepted", ""); err != nil {
		t.Fatal(err)
	}
	if err := review(first, "returned", "Terlambat dibaca"); !errors.Is(err, store.ErrConflict) {
		t.Fatalf("a report judged twice: %v, want ErrConflict", err)
	}
	var second int64
	if err := tx(lembaga, func(tx pgx.Tx) (err error) {
		second, err = store.InsertSemesterReport(f.ctx, tx, tenant, id, "2026-2", docID, now)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if err := tx(staff, func(tx pgx.Tx) error {
		_, err := tx.Exec(f.ctx, `UPDATE semester_reports SET review = 'returned', reviewed_at = now() WHERE id = $1`, second)
		return err
	}); err == nil {
		t.Error("a report was returned without a reason")
	}
	if err := review(second, "returned", "Jumlah akses per User ID belum diisi"); err != nil {
		t.Fatal(err)
	}
	if err := tx(lembaga, func(tx pgx.Tx) error {
		_, err := store.InsertSemesterReport(f.ctx, tx, tenant, id, "2026-2", docID, now)
		return err
	}); err != nil {
		t.Fatalf("refiling a returned report: %v", err)
	}
	var reports []store.SemesterReport
	if err := tx(lembaga, func(tx pgx.Tx) (err error) { reports, err = store.SemesterReports(f.ctx, tx, tenant, id); return err }); err != nil ||
		len(reports) != 3 || reports[1].Review != "returned" || reports[1].ReviewReason == "" || reports[2].Review != "pending" {
		t.Fatalf("reports %+v, %v", reports, err)
	}

	// Sanctions: grounds are the closed list; an "other" ground needs words.
	err = tx(staff, func(tx pgx.Tx) error {
		_, err := store.InsertSanction(f.ctx, tx, store.NewSanction{TenantID: tenant, ApplicationID: id, Kind: "teguran_tertulis",
			Ground: "other", ImposedRole: "petugas"}, now)
		return err
	})
	if err == nil {
		t.Error("an other ground without text was recorded")
	}
	err = tx(staff, func(tx pgx.Tx) error {
		_, err := store.InsertSanction(f.ctx, tx, store.NewSanction{TenantID: tenant, ApplicationID: id, Kind: "penghentian_sementara",
			Ground: "tidak_suka", ImposedRole: "petugas"}, now)
		return err
	})
	if err == nil {
		t.Error("a ground outside the list was recorded")
	}
	if err := tx(staff, func(tx pgx.Tx) error {
		_, err := store.InsertSanction(f.ctx, tx, store.NewSanction{TenantID: tenant, ApplicationID: id, Kind: string(workflow.SanctionPenghentian),
			Ground: string(workflow.GroundLateReport), GroundMonths: 3, UserIDs: []string{"dinkes.oki.ws01"}, ImposedRole: "petugas"}, now)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	var sanctions []store.Sanction
	if err := tx(lembaga, func(tx pgx.Tx) (err error) {
		sanctions, err = store.Sanctions(f.ctx, tx, tenant, id)
		return err
	}); err != nil || len(sanctions) != 1 || sanctions[0].UserIDs[0] != "dinkes.oki.ws01" {
		t.Fatalf("the lembaga reads its sanctions: %+v, %v", sanctions, err)
	}

	// Addenda: one in progress at a time; numbered in order.
	open := func() error {
		return tx(lembaga, func(tx pgx.Tx) error {
			_, err := store.InsertAddendum(f.ctx, tx, store.NewAddendum{TenantID: tenant, ApplicationID: id,
				IPAddresses: []string{"10.20.40.0/24"}, Reason: "Kantor cabang baru"}, now)
			return err
		})
	}
	if err := open(); err != nil {
		t.Fatal(err)
	}
	if err := open(); !errors.Is(err, store.ErrConflict) {
		t.Fatalf("a second addendum in progress: %v, want ErrConflict", err)
	}
	if err := tx(staff, func(tx pgx.Tx) error {
		a, err := store.OpenAddendum(f.ctx, tx, tenant, id)
		if err != nil {
			return err
		}
		signed := now
		return store.UpdateAddendum(f.ctx, tx, tenant, id, a.ID, store.AddendumUpdate{DWHApproved: true, Status: "signed",
			Number: "400.12.4.4/90/ADD/2026", SignedAt: &signed})
	}); err != nil {
		t.Fatal(err)
	}
	if err := open(); err != nil {
		t.Fatalf("a new addendum after the first was signed: %v", err)
	}
	var addenda []store.AddendumRow
	if err := tx(staff, func(tx pgx.Tx) (err error) { addenda, err = store.Addenda(f.ctx, tx, tenant, id); return err }); err != nil ||
		len(addenda) != 2 || addenda[0].Seq != 1 || addenda[1].Seq != 2 || addenda[0].Number == "" {
		t.Fatalf("addenda %+v, %v", addenda, err)
	}

	// Data balikan: never delivered is behind; a delivery up to the date is not.
	behind := func(covered time.Time) int {
		var rows []store.BehindRow
		if err := tx(staff, func(tx pgx.Tx) (err error) {
			rows, err = store.DataBalikanBehind(f.ctx, tx, tenant, covered, 50)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return len(rows)
	}
	covered := time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
	if n := behind(covered); n != 1 {
		t.Fatalf("%d behind before any delivery, want 1", n)
	}
	if err := tx(lembaga, func(tx pgx.Tx) error {
		return store.InsertDelivery(f.ctx, tx, tenant, id, store.Delivery{PeriodStart: covered.AddDate(0, -6, 1), PeriodEnd: covered,
			Channel: "aplikasi_data_balikan", Records: 1500}, f.lembaga.UserID, now)
	}); err != nil {
		t.Fatal(err)
	}
	if n := behind(covered); n != 0 {
		t.Errorf("%d behind after the delivery, want 0", n)
	}
	if n := behind(covered.AddDate(0, 1, 0)); n != 1 {
		t.Errorf("%d behind for the next month, want 1", n)
	}
}
