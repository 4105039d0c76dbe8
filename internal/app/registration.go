package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/auth"
	"github.com/hakakses/hakakses/internal/i18n"
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
	ActivationLifetime    = 7 * 24 * time.Hour
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
	HeadNIP      string // perangkat daerah only: printed in the PKS and the handover record
	Phone        string
	Email        string

	UserName   string
	UserEmail  string
	Password   string
	Confirm    string
	ClientAddr string // for the rate limit only
	// Language is the language of the request ("id", "en"; empty is Indonesian):
	// the activation e-mail is written in it, since the account has chosen none yet.
	Language string
}

// RegisterInstitution registers a pending institution of the tenant and its first
// lembaga user, in one transaction, with an e-mail whose link activates the user;
// the institution can submit applications only after the tenant's staff verify it.
//
// Whether the e-mail already has an account is never told to the caller (it
// could be anyone's, national staff's included): then nothing is stored, the zero
// Principal is returned, and the address's owner is told by e-mail instead. The
// new account cannot sign in before its activation link is used, so signing in
// does not tell either.
//
// Errors: CodeInvalid with field messages, CodeRateLimited after too many
// attempts from one client address.
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
	if nip := strings.ReplaceAll(strings.TrimSpace(in.HeadNIP), " ", ""); nip != "" && typ == InstitutionPerangkatDaerah {
		if len(nip) != 18 || strings.Trim(nip, "0123456789") != "" {
			f.set("head_nip", "NIP pimpinan terdiri atas 18 angka.")
		}
		inst.HeadNIP = nip
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
	if msg := auth.CheckStrength(in.Password, in.UserEmail, in.UserName); msg != "" {
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
		t, err := tenantByID(ctx, tx, tenantID)
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
			Role: string(workflow.RoleLembaga), PasswordHash: hash, Inactive: true}
		id, err := store.CreateUser(ctx, tx, u, now)
		if err != nil {
			return err
		}
		token, tokenHash, err := newToken()
		if err != nil {
			return err
		}
		if err := store.CreateAccountToken(ctx, tx, id, "activate", tokenHash, now, now.Add(ActivationLifetime)); err != nil {
			return err
		}
		loc := i18n.For(i18n.Lang(in.Language))
		if err := a.queueMail(ctx, tx, []store.NewMail{{TenantID: &tenantID, To: userEmail, Subject: loc.T("mail.activate.subject"),
			Body: loc.T("mail.activate.body", "Name", userName, "Institution", inst.Name, "Tenant", t.Name,
				"URL", a.BaseURL+"/aktifkan?token="+token)}}, now); err != nil {
			return err
		}
		p = Principal{UserID: id, Name: userName, Email: userEmail, Role: workflow.RoleLembaga, TenantID: tenantID, InstitutionID: instID}
		return nil
	})
	if errors.Is(err, store.ErrConflict) {
		// The address has an account: tell its owner, not the caller.
		err = a.DB.Tx(ctx, store.System(), func(tx pgx.Tx) error {
			// Written in the owner's language, which the account row carries.
			loc := userLocalizer(nil)
			if u, err := store.UserByEmail(ctx, tx, userEmail); err == nil {
				loc = userLocalizer(u.Language)
			} else if !errors.Is(err, store.ErrNotFound) {
				return fmt.Errorf("find the owner: %w", err)
			}
			return a.queueMail(ctx, tx, []store.NewMail{{To: userEmail, Subject: loc.T("mail.taken.subject"),
				Body: loc.T("mail.taken.body", "SignIn", a.BaseURL+"/masuk")}}, now)
		})
		if err != nil {
			return Principal{}, fmt.Errorf("tell the owner of a taken e-mail: %w", err)
		}
		a.Log.Info("registration with a taken e-mail", "tenant_id", tenantID)
		return Principal{}, nil
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

// ActivateAccount uses an activation token from the registration e-mail: the
// account can sign in from now on. Errors: CodeNotFound for a token that is
// unknown, used or expired.
func (a *App) ActivateAccount(ctx context.Context, token string) error {
	err := a.DB.Tx(ctx, store.System(), func(tx pgx.Tx) error {
		id, err := store.UseAccountToken(ctx, tx, "activate", tokenHash(token), a.Clock.Now())
		if err != nil {
			return err
		}
		if err := store.ActivateUser(ctx, tx, id); err != nil {
			return err
		}
		u, err := store.UserByID(ctx, tx, id)
		if err != nil {
			return err
		}
		return a.audit(ctx, tx, auditEntry{tenantID: u.TenantID, event: AuditAccountActivate, subject: userSubject(id)})
	})
	if errors.Is(err, store.ErrNotFound) {
		return &Error{Code: CodeNotFound, Message: "Tautan ini tidak berlaku lagi: sudah dipakai atau kedaluwarsa."}
	}
	return err
}
