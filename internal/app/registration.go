package app

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/auth"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// Registration limits: attempts per client address and window. The key lives in
// login_attempts beside the login keys, so the limit holds across instances.
const (
	RegisterWindow        = time.Hour
	MaxRegisterPerClient  = 10
	institutionNameMaxLen = 200
	plainFieldMaxLen      = 300
)

// Institution types (docs/domain.md §2); the type decides who signs the PKS.
const (
	InstitutionPerangkatDaerah = string(workflow.PerangkatDaerah)
	InstitutionBadanHukum      = string(workflow.BadanHukum)
)

// Institution statuses.
const (
	InstitutionPending  = "pending"
	InstitutionVerified = "verified"
	InstitutionRefused  = "refused"
)

// Registration is the public form: the institution and its first user.
type Registration struct {
	Type         string
	Name         string
	Address      string
	HeadName     string
	HeadPosition string
	Phone        string
	Email        string

	UserName   string
	UserEmail  string
	Password   string
	Confirm    string
	ClientAddr string // for the rate limit only
}

// RegisterInstitution registers a pending institution of the tenant and its first
// lembaga user, in one transaction. The user can log in at once; the institution
// can submit applications only after the tenant's staff verify it.
//
// Errors: CodeInvalid with field messages (a taken e-mail is one of them),
// CodeRateLimited after too many attempts from one client address.
func (a *App) RegisterInstitution(ctx context.Context, tenantID int64, in Registration) (Principal, error) {
	f := form{}
	typ := strings.TrimSpace(in.Type)
	if typ != InstitutionPerangkatDaerah && typ != InstitutionBadanHukum {
		f.set("type", "Pilih jenis lembaga: perangkat daerah atau badan hukum Indonesia.")
	}
	inst := store.NewInstitution{
		TenantID:     tenantID,
		Type:         typ,
		Name:         f.require("name", in.Name, "Nama lembaga wajib diisi."),
		Address:      f.require("address", in.Address, "Alamat lembaga wajib diisi."),
		HeadName:     f.require("head_name", in.HeadName, "Nama pimpinan wajib diisi."),
		HeadPosition: f.require("head_position", in.HeadPosition, "Jabatan pimpinan wajib diisi."),
		Phone:        f.require("phone", in.Phone, "Nomor telepon lembaga wajib diisi."),
	}
	inst.Email = f.email("email", in.Email)
	if inst.Email == "" {
		f.set("email", "E-mail lembaga wajib diisi.")
	}
	f.max("name", inst.Name, institutionNameMaxLen)
	for field, v := range map[string]string{"address": inst.Address, "head_name": inst.HeadName, "head_position": inst.HeadPosition, "phone": inst.Phone} {
		f.max(field, v, plainFieldMaxLen)
	}
	userName := f.require("user_name", in.UserName, "Nama Anda wajib diisi.")
	f.max("user_name", userName, plainFieldMaxLen)
	userEmail := f.email("user_email", in.UserEmail)
	if userEmail == "" {
		f.set("user_email", "E-mail untuk masuk wajib diisi.")
	}
	if msg := auth.CheckStrength(in.Password); msg != "" {
		f.set("password", msg)
	}
	if in.Password != in.Confirm {
		f.set("confirm", "Konfirmasi kata sandi tidak sama.")
	}
	if len(f) > 0 {
		return Principal{}, Invalid("Pendaftaran belum dapat disimpan. Periksa isian yang ditandai.", f)
	}
	if err := a.countAttempt(ctx, tenantID, "register:"+digest(in.ClientAddr), RegisterWindow, MaxRegisterPerClient,
		"Terlalu banyak pendaftaran dari alamat jaringan Anda. Coba lagi dalam satu jam."); err != nil {
		return Principal{}, err
	}
	hash, err := auth.Hash(in.Password, a.HashParams)
	if err != nil {
		return Principal{}, err
	}
	now := a.Clock.Now()
	var p Principal
	err = a.DB.Tx(ctx, store.TenantScope(tenantID), func(tx pgx.Tx) error {
		t, err := store.TenantByID(ctx, tx, tenantID)
		if err != nil {
			return err
		}
		if !t.Active {
			return store.ErrNotFound
		}
		instID, err := store.CreateInstitution(ctx, tx, inst, now)
		if err != nil {
			return err
		}
		u := store.NewUser{TenantID: &tenantID, InstitutionID: &instID, Email: userEmail, Name: userName,
			Role: string(workflow.RoleLembaga), PasswordHash: hash}
		id, err := store.CreateUser(ctx, tx, u, now)
		if err != nil {
			return err
		}
		p = Principal{UserID: id, Name: userName, Email: userEmail, Role: workflow.RoleLembaga, TenantID: tenantID, InstitutionID: instID}
		return nil
	})
	if errors.Is(err, store.ErrConflict) {
		return Principal{}, Invalid("Pendaftaran belum dapat disimpan. Periksa isian yang ditandai.",
			map[string]string{"user_email": "E-mail ini sudah terdaftar. Masuk dengan e-mail tersebut, atau gunakan e-mail lain."})
	}
	if err != nil {
		return Principal{}, mapStoreErr(err, "Disdukcapil")
	}
	a.Log.Info("institution registered", "tenant_id", tenantID, "institution_id", p.InstitutionID, "user_id", p.UserID)
	return p, nil
}

// countAttempt records one attempt under key and refuses it when the window
// already holds limit attempts. It commits on its own, so a refused or failed
// action still counts.
func (a *App) countAttempt(ctx context.Context, tenantID int64, key string, window time.Duration, limit int, msg string) error {
	now := a.Clock.Now()
	return a.DB.Tx(ctx, store.TenantScope(tenantID), func(tx pgx.Tx) error {
		// Parallel attempts queue on the key, so none passes the count unrecorded.
		if err := store.LockLoginKey(ctx, tx, key); err != nil {
			return err
		}
		n, err := store.CountAttempts(ctx, tx, key, now.Add(-window))
		if err != nil {
			return err
		}
		if n >= limit {
			return &Error{Code: CodeRateLimited, Message: msg}
		}
		return store.RecordLoginAttempt(ctx, tx, []string{key}, false, now)
	})
}
