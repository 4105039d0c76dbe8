package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/auth"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// DemoPassword is every demo account's password (printed by `make run`).
const DemoPassword = "hakakses-demo"

// DemoAccount is one seeded login.
type DemoAccount struct {
	Role  string
	Email string
	Name  string
}

// DemoHeadNIP is the NIP of the demo institution's head.
const DemoHeadNIP = "197206152000031003"

// DemoAccounts are the seeded logins, one per role.
var DemoAccounts = []DemoAccount{
	{"lembaga", "lembaga@oki.demo.hakakses.id", "Rina Marlina (Dinas Kesehatan)"},
	{"petugas", "petugas@oki.demo.hakakses.id", "Andi Saputra"},
	{"kepala", "kepala@oki.demo.hakakses.id", "Drs. H. Ahmad Syafei, M.Si"},
	{"dirjen", "dirjen@demo.hakakses.id", "Sri Wahyuni, S.Kom (Ditjen Dukcapil)"},
	{"admin", "admin@demo.hakakses.id", "Admin Platform"},
}

// DemoTenantSettings are Kabupaten Ogan Komering Ilir's settings in the demo.
var DemoTenantSettings = store.TenantSettings{
	Slug:           "oki",
	OfficeOpen:     "07:30",
	OfficeClose:    "16:00",
	SLATargetDays:  2,
	City:           "Kayuagung",
	Address:        "Jl. Letnan Muchtar Saleh No. 1, Kayuagung, Ogan Komering Ilir, Sumatera Selatan 30611",
	Phone:          "(0712) 321234",
	Email:          "disdukcapil@oki.go.id",
	Website:        "disdukcapil.okikab.go.id",
	HeadTitle:      "Bupati",
	HeadName:       "H. Muchendi Mahzareki, S.E., M.Si",
	KepalaName:     "Drs. H. Ahmad Syafei, M.Si",
	KepalaNIP:      "19700512 199503 1 002",
	KepalaRank:     "Pembina Utama Muda (IV/c)",
	LetterTemplate: "{kode}/{urut}/{jenis}/{unit}/{tahun}",
	LetterCode:     "400.12.4.4",
	UnitCode:       "DUKCAPIL.OKI",
	ServiceSK:      "470/20/KEP/DUKCAPIL.OKI/2021",
	ComplaintPhone: "0859-2888-9124",
	LaporURL:       "https://www.lapor.go.id",
}

// SeedDemo onboards Kabupaten Ogan Komering Ilir (16.02) with a verified perangkat
// daerah institution and one account per role. It is idempotent: what exists is
// left as it is.
func (a *App) SeedDemo(ctx context.Context) error {
	hash, err := auth.Hash(DemoPassword, a.HashParams)
	if err != nil {
		return err
	}
	now := a.Clock.Now()
	return a.DB.Tx(ctx, store.System(), func(tx pgx.Tx) error {
		t, err := store.TenantByCode(ctx, tx, "16.02")
		if err != nil {
			return fmt.Errorf("tenant 16.02: %w", err)
		}
		if !t.Active {
			if err := store.UpdateTenantSettings(ctx, tx, t.ID, DemoTenantSettings, now); err != nil {
				return fmt.Errorf("onboard OKI: %w", err)
			}
		}
		var instID int64
		instID, err = store.InstitutionIDByName(ctx, tx, t.ID, "Dinas Kesehatan Kabupaten Ogan Komering Ilir")
		if errors.Is(err, store.ErrNotFound) {
			instID, err = store.CreateInstitution(ctx, tx, store.NewInstitution{
				TenantID: t.ID, Type: "perangkat_daerah", Name: "Dinas Kesehatan Kabupaten Ogan Komering Ilir",
				Address: "Jl. Lintas Timur, Kayuagung, Ogan Komering Ilir", HeadName: "dr. H. Iwan Setiawan, M.Kes",
				HeadPosition: "Kepala Dinas Kesehatan", Phone: "(0712) 322001", Email: "dinkes@oki.go.id",
			}, now)
			if err == nil {
				err = store.SetInstitutionStatus(ctx, tx, t.ID, instID, InstitutionVerified, "", now)
			}
			if err == nil { // a perangkat daerah's head is a civil servant: the PKS prints the NIP
				err = store.SetInstitutionHeadNIP(ctx, tx, t.ID, instID, DemoHeadNIP)
			}
		}
		if err != nil {
			return fmt.Errorf("demo institution: %w", err)
		}
		for _, acc := range DemoAccounts {
			u := store.NewUser{Email: acc.Email, Name: acc.Name, Role: acc.Role, PasswordHash: hash}
			switch acc.Role {
			case "lembaga":
				u.TenantID, u.InstitutionID = &t.ID, &instID
			case "petugas", "kepala":
				u.TenantID = &t.ID
			}
			// A failed INSERT would abort the transaction, so look before creating.
			existing, err := store.UserByEmail(ctx, tx, acc.Email)
			id := existing.ID
			if errors.Is(err, store.ErrNotFound) {
				id, err = store.CreateUser(ctx, tx, u, now)
			}
			if err != nil {
				return fmt.Errorf("demo account %s: %w", acc.Email, err)
			}
			// The roles that must sign in with two factors get the documented demo
			// secret (README), so a person can add it to an authenticator app and
			// the tests can compute its codes. No recovery codes: /akun draws them.
			if SecondFactorMandatory(workflow.Role(acc.Role)) && !existing.TOTPEnrolled {
				if err := store.EnrolSecondFactor(ctx, tx, id, DemoTOTPSecret, 0, nil, now); err != nil {
					return fmt.Errorf("demo account %s: %w", acc.Email, err)
				}
			}
		}
		return nil
	})
}
