package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/store"
)

// The audit trail records sign-ins, failed sign-ins, sign-outs and account and
// settings changes; a kepala reads their tenant's entries, the admin all of
// them; the runtime role cannot alter it, and verify finds an owner's edit.
func TestAuditTrailRecordsAccountEventsAndIsReadByKepalaAndAdmin(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	okuTenant := e.onboardOKU() // an admin-less onboarding: no audit entry
	petugas := e.loginAs(t, "petugas")
	petugas.post("/keluar", nil)
	e.newClient(t).post("/masuk", url.Values{"email": {demo(t, "petugas").Email}, "password": {"salah-sekali-1"}})
	e.newClient(t).login(okuTenant.PetugasEmail, okuTenant.Password)
	appID := e.notifSubmitted()
	ctx := context.Background()
	var docID int64
	if err := e.DB.ReadTx(ctx, store.System(), func(tx pgx.Tx) error {
		return tx.QueryRow(ctx, `SELECT id FROM documents WHERE application_id = $1 LIMIT 1`, appID).Scan(&docID)
	}); err != nil {
		t.Fatal(err)
	}
	if res := e.loginAs(t, "petugas").get(fmt.Sprintf("/oki/kantor/permohonan/%d/dokumen/%d", appID, docID)); res.Status != http.StatusOK {
		t.Fatalf("download: %s", res)
	}
	kepala := e.loginAs(t, "kepala")
	res := kepala.get("/oki/kantor/audit")
	if res.Status != http.StatusOK {
		t.Fatalf("kepala's audit page: %s", res)
	}
	table := bodyHas(t, res, "audit-table")
	for _, want := range []string{"Masuk", "Keluar", "Gagal masuk", "Unduh dokumen", fmt.Sprintf("dokumen:%d", docID)} {
		if !strings.Contains(table, want) {
			t.Errorf("kepala's audit page lacks %q: %s", want, table)
		}
	}
	if n := strings.Count(table, "Masuk"); n != 4 { // OKI's petugas (twice), lembaga and kepala; not OKU's petugas ("Gagal masuk" is lower-case)
		t.Errorf("kepala sees %d sign-ins, want OKI's 4: %s", n, table)
	}
	if res := kepala.get("/oki/kantor/audit?peristiwa=gagal_masuk"); !strings.Contains(bodyHas(t, res, "audit-table"), "Gagal masuk") ||
		strings.Contains(bodyHas(t, res, "audit-table"), "Keluar") {
		t.Errorf("filter by event: %s", res)
	}
	admin := e.loginAs(t, "admin")
	all := bodyHas(t, admin.get("/admin/audit"), "audit-table")
	if strings.Count(all, "Masuk") <= strings.Count(table, "Masuk") {
		t.Errorf("the admin does not see more than one tenant's sign-ins: %s", all)
	}
	if res := e.loginAs(t, "petugas").get("/oki/kantor/audit"); res.Status != http.StatusNotFound {
		t.Errorf("petugas: want 404, got %s", res)
	}

	if err := e.DB.Tx(ctx, store.System(), func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `UPDATE audit_events SET event = 'masuk' WHERE event = 'gagal_masuk'`)
		return err
	}); err == nil {
		t.Fatal("the runtime role rewrote the audit trail")
	}
	if seq, reason, n, err := e.App.VerifyAudit(ctx); err != nil || seq != 0 || n < 5 {
		t.Fatalf("verify before tampering: entry %d %q, %d checked, %v", seq, reason, n, err)
	}
	conn, err := pgx.Connect(ctx, e.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `UPDATE audit_events SET client = '10.9.9.9' WHERE seq = 2`); err != nil {
		t.Fatal(err)
	}
	if seq, _, _, _ := e.App.VerifyAudit(ctx); seq != 2 {
		t.Errorf("verify after an owner's edit of entry 2: first bad entry %d", seq)
	}
}
