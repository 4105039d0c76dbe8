package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/auth"
	"github.com/hakakses/hakakses/internal/store"
)

// Password reset: a single-use link, valid for ResetTokenLifetime, stored only
// as its hash; at most MaxResetMailsPerHour e-mails per account and
// MaxResetRequestsPerClient requests per client address an hour.
const (
	ResetTokenLifetime        = time.Hour
	MaxResetMailsPerHour      = 3
	MaxResetRequestsPerClient = 10
)

// RequestPasswordReset sends a reset link to email if it belongs to an active
// account. The caller learns nothing about the address: the answer is the same
// whether or not it has an account. Errors: CodeRateLimited.
func (a *App) RequestPasswordReset(ctx context.Context, email, client string) error {
	email = NormalizeEmail(email)
	if email == "" {
		return Invalid("Isi alamat e-mail akun Anda.", map[string]string{"email": "Isi alamat e-mail akun Anda."})
	}
	now := a.Clock.Now()
	key := "reset:" + digest(client)
	return a.DB.Tx(ctx, store.System(), func(tx pgx.Tx) error {
		if err := store.LockLoginKey(ctx, tx, key); err != nil {
			return fmt.Errorf("lock reset key: %w", err)
		}
		n, err := store.CountAttempts(ctx, tx, key, now.Add(-time.Hour))
		if err != nil {
			return fmt.Errorf("count reset requests: %w", err)
		}
		if n >= MaxResetRequestsPerClient {
			return &Error{Code: CodeRateLimited, Message: "Terlalu banyak permintaan atur ulang kata sandi dari alamat jaringan Anda. Coba lagi dalam satu jam."}
		}
		if err := store.RecordLoginAttempt(ctx, tx, []string{key}, false, now); err != nil {
			return fmt.Errorf("record reset request: %w", err)
		}
		u, err := store.UserByEmail(ctx, tx, email)
		if errors.Is(err, store.ErrNotFound) || (err == nil && !u.Active) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("find account: %w", err)
		}
		sent, err := store.TokensSentSince(ctx, tx, u.ID, "reset", now.Add(-time.Hour))
		if err != nil {
			return fmt.Errorf("count reset e-mails: %w", err)
		}
		if sent >= MaxResetMailsPerHour {
			return nil // the owner's mailbox is not flooded; the caller is not told
		}
		token, hash, err := newToken()
		if err != nil {
			return err
		}
		if err := store.CreateAccountToken(ctx, tx, u.ID, "reset", hash, now, now.Add(ResetTokenLifetime)); err != nil {
			return err
		}
		// In the account's own language (users.language, read with the account above).
		loc := userLocalizer(u.Language)
		body := loc.T("mail.reset.body", "Name", u.Name, "URL", a.BaseURL+"/atur-ulang-kata-sandi?token="+token)
		return a.queueMail(ctx, tx, []store.NewMail{{TenantID: u.TenantID, To: u.Email, Subject: loc.T("mail.reset.subject"), Body: body}}, now)
	})
}

// ResetPassword sets a new password with a reset token: the token is used up,
// every session of the account ends, and the account's run of failed sign-ins
// (and any lock) is cleared. Errors: CodeNotFound for a token that is unknown,
// used or expired; CodeInvalid with field messages for a weak password.
func (a *App) ResetPassword(ctx context.Context, token, next, confirm string) error {
	now := a.Clock.Now()
	hash := tokenHash(token)
	var u store.User
	err := a.DB.ReadTx(ctx, store.System(), func(tx pgx.Tx) error {
		id, err := store.AccountTokenUser(ctx, tx, "reset", hash, now)
		if err != nil {
			return err
		}
		u, err = store.UserByID(ctx, tx, id)
		return err
	})
	if errors.Is(err, store.ErrNotFound) {
		return &Error{Code: CodeNotFound, Message: "Tautan ini tidak berlaku lagi: sudah dipakai atau kedaluwarsa. Minta tautan baru dari halaman masuk."}
	}
	if err != nil {
		return err
	}
	if err := checkNewPassword(next, confirm, u.Email, u.Name); err != nil {
		return err
	}
	pwHash, err := auth.Hash(next, a.HashParams)
	if err != nil {
		return fmt.Errorf("hash password: %w", err)
	}
	err = a.DB.Tx(ctx, store.System(), func(tx pgx.Tx) error {
		id, err := store.UseAccountToken(ctx, tx, "reset", hash, now)
		if err != nil {
			return err
		}
		if err := store.SetPassword(ctx, tx, id, pwHash, now); err != nil {
			return err
		}
		if err := store.RecordLoginAttempt(ctx, tx, []string{"email:" + digest(u.Email)}, true, now); err != nil {
			return err
		}
		return a.audit(ctx, tx, auditEntry{tenantID: u.TenantID, event: AuditPasswordReset, subject: userSubject(u.ID)})
	})
	if errors.Is(err, store.ErrNotFound) {
		return &Error{Code: CodeNotFound, Message: "Tautan ini tidak berlaku lagi: sudah dipakai atau kedaluwarsa. Minta tautan baru dari halaman masuk."}
	}
	if err == nil {
		a.Log.Info("password reset", "user_id", u.ID)
	}
	return err
}
