package store_test

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/testdb"
)

// oneDraft creates a verified institution with a lembaga user and one draft in
// OKI, returning the tenant, institution and application IDs.
func oneDraft(t *testing.T, db *store.DB) (tenantID, instID, appID int64) {
	t.Helper()
	ctx := context.Background()
	err := db.Tx(ctx, store.System(), func(tx pgx.Tx) error {
		oki, err := store.TenantByCode(ctx, tx, "16.02")
		if err != nil {
			return err
		}
		tenantID = oki.ID
		if instID, err = store.CreateInstitution(ctx, tx, store.NewInstitution{TenantID: oki.ID, Type: "perangkat_daerah",
			Name: "Dinas Kesehatan", HeadName: "dr. Hendra"}, now); err != nil {
			return err
		}
		user, err := store.CreateUser(ctx, tx, store.NewUser{TenantID: &oki.ID, InstitutionID: &instID,
			Email: "op@dinkes.example", Name: "Operator", Role: "lembaga", PasswordHash: "x"}, now)
		if err != nil {
			return err
		}
		appID, err = store.CreateApplication(ctx, tx, store.NewApplication{TenantID: oki.ID, InstitutionID: instID,
			Number: "HA-1602-2026-000001", TrackingCode: "abcdefgh12", CreatedBy: user}, now)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return tenantID, instID, appID
}

func ptr[T any](v T) *T { return &v }

func TestDocumentIdentitiesAreRecordedAndReadBack(t *testing.T) {
	ctx := context.Background()
	db, _ := testdb.Open(t)
	tenantID, instID, appID := oneDraft(t, db)
	letterDate := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	scope := store.InstitutionScope(tenantID, instID)
	err := db.Tx(ctx, scope, func(tx pgx.Tx) error {
		before, err := store.IdentitiesOf(ctx, tx, tenantID, appID)
		if err != nil {
			return err
		}
		if before.RequestLetterNumber != nil || before.RequestLetterDate != nil {
			t.Errorf("a fresh draft has a request letter identity: %+v", before)
		}
		if err := store.SetRequestIdentity(ctx, tx, tenantID, appID, 99, store.RequestIdentity{}); !errors.Is(err, store.ErrConflict) {
			t.Errorf("a stale version: err = %v, want ErrConflict", err)
		}
		return store.SetRequestIdentity(ctx, tx, tenantID, appID, 1, store.RequestIdentity{
			RequestLetterNumber: ptr("045/77/DINKES/2026"), RequestLetterDate: &letterDate,
			RecommendedBy: ptr("Otoritas Jasa Keuangan")})
	})
	if err != nil {
		t.Fatal(err)
	}
	statementDate := time.Date(2026, 4, 8, 0, 0, 0, 0, time.UTC)
	err = db.Tx(ctx, store.TenantScope(tenantID), func(tx pgx.Tx) error {
		if err := store.SetClosedNetworkStatement(ctx, tx, tenantID, appID, "045/91/DINKES/2026", statementDate); err != nil {
			return err
		}
		got, err := store.IdentitiesOf(ctx, tx, tenantID, appID)
		if err != nil {
			return err
		}
		if got.RequestLetterNumber == nil || *got.RequestLetterNumber != "045/77/DINKES/2026" ||
			!got.RequestLetterDate.Equal(letterDate) || *got.RecommendedBy != "Otoritas Jasa Keuangan" ||
			*got.ClosedNetworkStatementNumber != "045/91/DINKES/2026" || !got.ClosedNetworkStatementDate.Equal(statementDate) {
			t.Errorf("identities read back = %+v", got)
		}
		if got.EligibilityStatementNumber != nil {
			t.Errorf("an unrecorded statement number reads %q, want NULL", *got.EligibilityStatementNumber)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestAgreementSigningIsRecordedOnceAndOldNumbersAreOnlyCompleted(t *testing.T) {
	ctx := context.Background()
	db, _ := testdb.Open(t)
	tenantID, _, appID := oneDraft(t, db)
	signed := time.Date(2026, 4, 6, 0, 0, 0, 0, time.UTC)
	s := store.AgreementSigning{TenantID: tenantID, ApplicationID: appID, SignedOn: signed,
		PKSNumberDisdukcapil: ptr("470/123/DUKCAPIL/2026"), JuknisNumberDisdukcapil: ptr("470/124/DUKCAPIL/2026"),
		KepalaName: "Hj. Rina", KepalaNIP: "198002022005012003", KepalaActing: "Plt.",
		CounterpartyName: "dr. Hendra", CounterpartyNIP: "197808082006041004", RecordedAt: now}
	err := db.Tx(ctx, store.TenantScope(tenantID), func(tx pgx.Tx) error {
		if _, ok, err := store.AgreementSigningOf(ctx, tx, tenantID, appID); err != nil || ok {
			t.Errorf("before signing: ok = %v, err = %v", ok, err)
		}
		return store.RecordAgreementSigning(ctx, tx, s)
	})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Tx(ctx, store.TenantScope(tenantID), func(tx pgx.Tx) error { return store.RecordAgreementSigning(ctx, tx, s) })
	if !errors.Is(err, store.ErrConflict) {
		t.Errorf("a second signing: err = %v, want ErrConflict", err)
	}
	err = db.Tx(ctx, store.TenantScope(tenantID), func(tx pgx.Tx) error {
		// The lembaga's numbers were missing; the Disdukcapil's stay as recorded.
		if err := store.CompleteAgreementNumbers(ctx, tx, tenantID, appID, "999/X/2026", "045/77/DINKES/2026", "", "045/78/DINKES/2026"); err != nil {
			return err
		}
		got, ok, err := store.AgreementSigningOf(ctx, tx, tenantID, appID)
		if err != nil || !ok {
			t.Fatalf("after signing: ok = %v, err = %v", ok, err)
		}
		if *got.PKSNumberDisdukcapil != "470/123/DUKCAPIL/2026" || *got.PKSNumberLembaga != "045/77/DINKES/2026" ||
			*got.JuknisNumberDisdukcapil != "470/124/DUKCAPIL/2026" || *got.JuknisNumberLembaga != "045/78/DINKES/2026" {
			t.Errorf("numbers = %v %v %v %v", *got.PKSNumberDisdukcapil, *got.PKSNumberLembaga, *got.JuknisNumberDisdukcapil, *got.JuknisNumberLembaga)
		}
		if !got.SignedOn.Equal(signed) || got.KepalaActing != "Plt." || got.CounterpartyNIP != "197808082006041004" {
			t.Errorf("signing read back = %+v", got)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// An acting signer without NIP is refused by the database itself.
	_, _, other := oneDraftElsewhere(t, db)
	err = db.Tx(ctx, store.System(), func(tx pgx.Tx) error {
		bad := s
		bad.ApplicationID, bad.KepalaNIP = other, ""
		return store.RecordAgreementSigning(ctx, tx, bad)
	})
	if err == nil {
		t.Error("a Plt. signing without NIP was stored")
	}
}

// oneDraftElsewhere is a second draft of the same tenant, by another institution.
func oneDraftElsewhere(t *testing.T, db *store.DB) (tenantID, instID, appID int64) {
	t.Helper()
	ctx := context.Background()
	err := db.Tx(ctx, store.System(), func(tx pgx.Tx) error {
		oki, err := store.TenantByCode(ctx, tx, "16.02")
		if err != nil {
			return err
		}
		tenantID = oki.ID
		if instID, err = store.CreateInstitution(ctx, tx, store.NewInstitution{TenantID: oki.ID, Type: "perangkat_daerah", Name: "Dinas Sosial"}, now); err != nil {
			return err
		}
		user, err := store.CreateUser(ctx, tx, store.NewUser{TenantID: &oki.ID, InstitutionID: &instID,
			Email: "op@dinsos.example", Name: "Operator", Role: "lembaga", PasswordHash: "x"}, now)
		if err != nil {
			return err
		}
		appID, err = store.CreateApplication(ctx, tx, store.NewApplication{TenantID: oki.ID, InstitutionID: instID,
			Number: "HA-1602-2026-000002", TrackingCode: "abcdefgh13", CreatedBy: user}, now)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return tenantID, instID, appID
}

func TestDataBalikanUserIDIsStoredApartFromTheLembagas(t *testing.T) {
	ctx := context.Background()
	db, _ := testdb.Open(t)
	tenantID, _, appID := oneDraft(t, db)
	err := db.Tx(ctx, store.TenantScope(tenantID), func(tx pgx.Tx) error {
		if err := store.IssueUserIDs(ctx, tx, tenantID, appID, [][2]string{{"dinkes.verif", "verifikasi"}, {"dinkes.pem", "pemanfaatan"}}, now); err != nil {
			return err
		}
		return store.IssueDataBalikanUserID(ctx, tx, tenantID, appID, "dukcapil_oki.db", now)
	})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Tx(ctx, store.TenantScope(tenantID), func(tx pgx.Tx) error {
		return store.IssueDataBalikanUserID(ctx, tx, tenantID, appID, "dukcapil_oki.db2", now)
	})
	if !errors.Is(err, store.ErrConflict) {
		t.Errorf("a second data balikan User ID: err = %v, want ErrConflict", err)
	}
	err = db.ReadTx(ctx, store.TenantScope(tenantID), func(tx pgx.Tx) error {
		lembaga, db, err := store.UserIDsByKind(ctx, tx, tenantID, appID)
		if err != nil {
			return err
		}
		if len(lembaga) != 2 || lembaga[0].UserID != "dinkes.pem" || lembaga[1].Category != "verifikasi" {
			t.Errorf("lembaga User IDs = %+v", lembaga)
		}
		for _, u := range lembaga {
			if u.Kind != store.UserIDLembaga {
				t.Errorf("%s has kind %q", u.UserID, u.Kind)
			}
		}
		if db == nil || db.UserID != "dukcapil_oki.db" {
			t.Errorf("data balikan User ID = %+v", db)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestLambangDaerahIsAPNGOnlyTheKepalaMayChange(t *testing.T) {
	ctx := context.Background()
	db, _ := testdb.Open(t)
	tenantID, instID, _ := oneDraft(t, db)
	var b bytes.Buffer
	png.Encode(&b, image.NewRGBA(image.Rect(0, 0, 4, 4)))
	kepala := store.TenantScope(tenantID)
	kepala.Role = "kepala"
	if err := db.Tx(ctx, kepala, func(tx pgx.Tx) error { return store.SetLambangDaerah(ctx, tx, tenantID, b.Bytes()) }); err != nil {
		t.Fatal(err)
	}
	err := db.ReadTx(ctx, store.TenantScope(tenantID), func(tx pgx.Tx) error {
		got, err := store.LambangDaerah(ctx, tx, tenantID)
		if err == nil && !bytes.Equal(got, b.Bytes()) {
			t.Errorf("lambang read back differs (%d bytes)", len(got))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Tx(ctx, kepala, func(tx pgx.Tx) error { return store.SetLambangDaerah(ctx, tx, tenantID, []byte("GIF89a....")) }); err == nil {
		t.Error("a GIF was stored as the lambang daerah")
	}
	lembaga := store.InstitutionScope(tenantID, instID)
	lembaga.Role = "lembaga"
	if err := db.Tx(ctx, lembaga, func(tx pgx.Tx) error { return store.SetLambangDaerah(ctx, tx, tenantID, b.Bytes()) }); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a lembaga changing the lambang: err = %v, want ErrNotFound (no row it may change)", err)
	}
	petugas := store.TenantScope(tenantID)
	petugas.Role = "petugas"
	err = db.Tx(ctx, petugas, func(tx pgx.Tx) error {
		if err := store.SetInstitutionHeadNIP(ctx, tx, tenantID, instID, "197808082006041004"); err != nil {
			return err
		}
		nip, err := store.InstitutionHeadNIP(ctx, tx, tenantID, instID)
		if err == nil && nip != "197808082006041004" {
			t.Errorf("head NIP = %q", nip)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
