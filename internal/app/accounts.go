package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/auth"
	"github.com/hakakses/hakakses/internal/store"
)

// Login rate limits: failures per e-mail and per client address within the window.
const (
	LoginWindow          = 15 * time.Minute
	MaxFailuresPerEmail  = 5
	MaxFailuresPerClient = 30
)

var (
	dummyOnce sync.Once
	dummyHash string
)

// Authenticate checks an e-mail and password. Too many recent failures for the
// e-mail or the client address refuse the attempt before the password is checked.
func (a *App) Authenticate(ctx context.Context, email, password, client string) (Principal, error) {
	email = NormalizeEmail(email)
	if email == "" || password == "" {
		return Principal{}, Invalid("Isi surel dan kata sandi.", nil)
	}
	now := a.Clock.Now()
	keys := []string{"email:" + digest(email), "client:" + digest(client)}
	var user store.User
	var found bool
	err := a.DB.Tx(ctx, store.System(), func(tx pgx.Tx) error {
		// Keys are locked in a fixed order (e-mail, then client) so two attempts
		// never wait on each other crosswise.
		for _, k := range keys {
			if err := store.LockLoginKey(ctx, tx, k); err != nil {
				return err
			}
		}
		for i, limit := range []int{MaxFailuresPerEmail, MaxFailuresPerClient} {
			n, err := store.RecentFailures(ctx, tx, keys[i], now.Add(-LoginWindow))
			if err != nil {
				return err
			}
			if n >= limit {
				return &Error{Code: CodeRateLimited, Message: "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam 15 menit."}
			}
		}
		// Count this attempt as a failure before the password is even checked; a
		// success recorded afterwards clears the slate.
		if err := store.RecordLoginAttempt(ctx, tx, keys, false, now); err != nil {
			return err
		}
		u, err := store.UserByEmail(ctx, tx, email)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
		user, found = u, err == nil
		return nil
	})
	if err != nil {
		return Principal{}, err
	}
	// Check a password even for an unknown e-mail, so timing does not reveal which
	// addresses have accounts.
	hash := user.PasswordHash
	if !found {
		dummyOnce.Do(func() { dummyHash, _ = auth.Hash("tidak-ada-akun", a.HashParams) })
		hash = dummyHash
	}
	ok := auth.Verify(password, hash) == nil && found && user.Active
	if ok {
		if err := a.DB.Tx(ctx, store.System(), func(tx pgx.Tx) error {
			return store.RecordLoginAttempt(ctx, tx, keys, true, now)
		}); err != nil {
			return Principal{}, err
		}
	}
	if !ok {
		return Principal{}, &Error{Code: CodeUnauthorized, Message: "E-mail atau kata sandi salah."}
	}
	return principalOf(user), nil
}

// PrincipalByID loads the logged-in user for a request; an account that was
// deactivated since login is treated as logged out.
func (a *App) PrincipalByID(ctx context.Context, id int64) (Principal, error) {
	var p Principal
	err := a.DB.ReadTx(ctx, store.System(), func(tx pgx.Tx) error {
		u, err := store.UserByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if !u.Active {
			return store.ErrNotFound
		}
		p = principalOf(u)
		return nil
	})
	if errors.Is(err, store.ErrNotFound) {
		return Principal{}, &Error{Code: CodeUnauthorized, Message: "Sesi Anda berakhir. Silakan masuk kembali."}
	}
	return p, err
}

// ChangePassword replaces p's password after checking the current one.
func (a *App) ChangePassword(ctx context.Context, p Principal, current, next, confirm string) error {
	fields := map[string]string{}
	if msg := auth.CheckStrength(next); msg != "" {
		fields["new"] = msg
	}
	if next != confirm {
		fields["confirm"] = "Konfirmasi kata sandi tidak sama."
	}
	if len(fields) > 0 {
		return Invalid("Kata sandi baru belum dapat disimpan.", fields)
	}
	hash, err := auth.Hash(next, a.HashParams)
	if err != nil {
		return err
	}
	return a.DB.Tx(ctx, store.System(), func(tx pgx.Tx) error {
		u, err := store.UserByID(ctx, tx, p.UserID)
		if err != nil {
			return err
		}
		if auth.Verify(current, u.PasswordHash) != nil {
			return Invalid("Kata sandi baru belum dapat disimpan.", map[string]string{"current": "Kata sandi saat ini salah."})
		}
		return store.SetPassword(ctx, tx, p.UserID, hash, a.Clock.Now())
	})
}

// NormalizeEmail trims and lower-cases an address.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

func digest(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:16])
}
