package app

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/auth"
	"github.com/hakakses/hakakses/internal/store"
)

// Login throttling, in the spirit of NIST SP 800-63B §5.2.2 and OWASP ASVS 2.2.1:
// failures slow down the pair of account and client address that makes them, so
// an attacker elsewhere cannot lock the real owner out. Per pair, the first
// FreeFailuresPerPair failures cost nothing; each further one doubles the wait
// before the next attempt (PairFirstDelay, 2×, 4× … up to PairMaxDelay). Per client
// address, MaxFailuresPerClient failures within LoginWindow stop that address.
// Per account, MaxAccountFailures consecutive failures from anywhere within
// AccountWindow lock the account, and its owner gets an e-mail with a single-use
// link that unlocks it.
const (
	LoginWindow          = 15 * time.Minute
	MaxFailuresPerClient = 30
	FreeFailuresPerPair  = 5
	PairFirstDelay       = 30 * time.Second
	PairMaxDelay         = 15 * time.Minute
	PairWindow           = 24 * time.Hour
	MaxAccountFailures   = 100
	AccountWindow        = 24 * time.Hour
	UnlockTokenLifetime  = 24 * time.Hour
)

// PairDelay is the wait after the n-th consecutive failure of one account from one
// address: none for the first FreeFailuresPerPair, then doubling.
func PairDelay(n int) time.Duration {
	if n < FreeFailuresPerPair {
		return 0
	}
	d := PairFirstDelay
	for i := FreeFailuresPerPair; i < n && d < PairMaxDelay; i++ {
		d *= 2
	}
	return min(d, PairMaxDelay)
}

var (
	dummyOnce sync.Once
	dummyHash string
)

// Authenticate checks an e-mail and password for a client address. It refuses,
// before checking the password, an attempt the throttles hold back (CodeRateLimited,
// saying how long to wait); a wrong password is CodeUnauthorized. The step says
// what the sign-in still needs: nothing (StepNone: the sign-in is complete and
// audited), a code (StepCode) or an enrolment (StepEnrol); only after those may a
// session be signed in (VerifySecondFactor, EnrolSecondFactor).
func (a *App) Authenticate(ctx context.Context, email, password, client string) (Principal, SecondStep, error) {
	email = NormalizeEmail(email)
	if email == "" || password == "" {
		return Principal{}, StepNone, Invalid("Isi surel dan kata sandi.", nil)
	}
	now := a.Clock.Now()
	keys := throttleKeys{account: "email:" + digest(email), client: "client:" + digest(client), pair: "pair:" + digest(email+"\x00"+client)}
	var user store.User
	var found bool
	err := a.DB.Tx(ctx, store.System(), func(tx pgx.Tx) error {
		n, err := checkThrottle(ctx, tx, keys, now, "masuk")
		if err != nil {
			return err
		}
		u, err := store.UserByEmail(ctx, tx, email)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("find account: %w", err)
		}
		user, found = u, err == nil
		if found && n+1 == MaxAccountFailures {
			// This failure (if it is one) locks the account: tell its owner now, in
			// this transaction. Should the password be right, the link is harmless.
			return a.sendUnlock(ctx, tx, user, now)
		}
		return nil
	})
	if err != nil {
		return Principal{}, StepNone, err
	}
	// Check a password even for an unknown e-mail, so timing does not reveal which
	// addresses have accounts.
	hash := user.PasswordHash
	if !found {
		dummyOnce.Do(func() { dummyHash, _ = auth.Hash("tidak-ada-akun", a.HashParams) })
		hash = dummyHash
	}
	ok := auth.Verify(password, hash) == nil && found && user.Active
	subject := "email:" + digest(email) // never the address itself: the trail is read by others
	if !ok {
		failed := auditEntry{event: AuditSignInFailed, subject: subject}
		if found {
			failed.tenantID, failed.subject = user.TenantID, userSubject(user.ID)
		}
		if err := a.auditAlone(ctx, failed); err != nil {
			return Principal{}, StepNone, fmt.Errorf("audit failed sign-in: %w", err)
		}
		return Principal{}, StepNone, &Error{Code: CodeUnauthorized, Message: "Surel atau kata sandi salah."}
	}
	p := principalOf(user)
	step := secondStepOf(p)
	if err := a.DB.Tx(ctx, store.System(), func(tx pgx.Tx) error {
		// The password was right: its throttles clear. A second factor still due
		// has throttles of its own (VerifySecondFactor).
		if err := store.RecordLoginAttempt(ctx, tx, keys.all(), true, now); err != nil {
			return err
		}
		if step != StepNone {
			return nil // the sign-in is audited when it completes
		}
		return a.audit(ctx, tx, auditEntry{actor: &p, event: AuditSignIn, subject: userSubject(p.UserID)})
	}); err != nil {
		return Principal{}, StepNone, fmt.Errorf("record login success: %w", err)
	}
	return p, step, nil
}

// throttleKeys are the three runs of failures a sign-in step is held back by.
type throttleKeys struct{ account, client, pair string }

func (k throttleKeys) all() []string { return []string{k.account, k.client, k.pair} }

// checkThrottle locks the keys, refuses an attempt they hold back, and records
// the attempt as a failure before anything is checked (a success recorded
// afterwards clears the slate). It returns the account's run of failures before
// this attempt. what names the attempt in the messages ("masuk").
func checkThrottle(ctx context.Context, tx pgx.Tx, keys throttleKeys, now time.Time, what string) (int, error) {
	// Keys are locked in a fixed order so two attempts never wait on each
	// other crosswise; parallel guesses queue, none passes the count unrecorded.
	for _, k := range keys.all() {
		if err := store.LockLoginKey(ctx, tx, k); err != nil {
			return 0, fmt.Errorf("lock login key: %w", err)
		}
	}
	n, _, err := store.FailureStreak(ctx, tx, keys.client, now.Add(-LoginWindow))
	if err != nil {
		return 0, err
	}
	if n >= MaxFailuresPerClient {
		return 0, &Error{Code: CodeRateLimited, Message: "Terlalu banyak percobaan " + what + " yang gagal dari alamat jaringan Anda. Coba lagi dalam 15 menit."}
	}
	n, last, err := store.FailureStreak(ctx, tx, keys.pair, now.Add(-PairWindow))
	if err != nil {
		return 0, err
	}
	if wait := last.Add(PairDelay(n)).Sub(now); n >= FreeFailuresPerPair && wait > 0 {
		return 0, &Error{Code: CodeRateLimited, Message: "Terlalu banyak percobaan " + what + " yang gagal. Coba lagi dalam " + waitText(wait) + "."}
	}
	if n, _, err = store.FailureStreak(ctx, tx, keys.account, now.Add(-AccountWindow)); err != nil {
		return 0, err
	}
	if n >= MaxAccountFailures {
		return 0, &Error{Code: CodeRateLimited, Message: "Akun ini dikunci sementara karena terlalu banyak percobaan " + what + " yang gagal. " +
			"Pemilik akun telah kami kirimi e-mail berisi tautan untuk membuka kuncinya."}
	}
	if err := store.RecordLoginAttempt(ctx, tx, keys.all(), false, now); err != nil {
		return 0, fmt.Errorf("record login attempt: %w", err)
	}
	return n, nil
}

// sendUnlock queues the unlock e-mail for a locked account.
func (a *App) sendUnlock(ctx context.Context, tx pgx.Tx, u store.User, now time.Time) error {
	token, hash, err := newToken()
	if err != nil {
		return err
	}
	if err := store.CreateAccountToken(ctx, tx, u.ID, "unlock", hash, now, now.Add(UnlockTokenLifetime)); err != nil {
		return err
	}
	loc := userLocalizer(u.Language) // the account's own language
	body := loc.T("mail.unlock.body", "Name", u.Name, "URL", a.BaseURL+"/buka-kunci?token="+token)
	return a.queueMail(ctx, tx, []store.NewMail{{TenantID: u.TenantID, To: u.Email, Subject: loc.T("mail.unlock.subject"), Body: body}}, now)
}

// UnlockAccount uses an unlock token: the account's run of failures ends, so its
// owner can sign in again. Errors: CodeNotFound for a token that is unknown, used
// or expired.
func (a *App) UnlockAccount(ctx context.Context, token string) error {
	now := a.Clock.Now()
	err := a.DB.Tx(ctx, store.System(), func(tx pgx.Tx) error {
		id, err := store.UseAccountToken(ctx, tx, "unlock", tokenHash(token), now)
		if err != nil {
			return err
		}
		u, err := store.UserByID(ctx, tx, id)
		if err != nil {
			return err
		}
		// Both runs that lock an account end: wrong passwords and wrong codes.
		if err := store.RecordLoginAttempt(ctx, tx, []string{"email:" + digest(u.Email), codeAccountKey(u.ID)}, true, now); err != nil {
			return err
		}
		return a.audit(ctx, tx, auditEntry{tenantID: u.TenantID, event: AuditAccountUnlock, subject: userSubject(u.ID)})
	})
	if errors.Is(err, store.ErrNotFound) {
		return &Error{Code: CodeNotFound, Message: "Tautan ini tidak berlaku lagi: sudah dipakai atau kedaluwarsa."}
	}
	return err
}

// TokenUsable reports whether an e-mailed token of the purpose still works.
func (a *App) TokenUsable(ctx context.Context, purpose, token string) (bool, error) {
	var ok bool
	err := a.DB.ReadTx(ctx, store.System(), func(tx pgx.Tx) error {
		var err error
		ok, err = store.PeekAccountToken(ctx, tx, purpose, tokenHash(token), a.Clock.Now())
		return err
	})
	return ok, err
}

// newToken makes a random single-use token and the hash stored for it.
func newToken() (token string, hash []byte, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", nil, fmt.Errorf("random token: %w", err)
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, tokenHash(token), nil
}

func tokenHash(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

// waitText says a wait in minutes or seconds, as people read it.
func waitText(d time.Duration) string {
	if d >= time.Minute {
		return strconv.Itoa(int((d+time.Minute-1)/time.Minute)) + " menit"
	}
	return strconv.Itoa(int((d+time.Second-1)/time.Second)) + " detik"
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
		return Principal{}, sessionEnded()
	}
	return p, err
}

// sessionEnded is the answer to a session whose user is gone or switched off.
func sessionEnded() *Error {
	return &Error{Code: CodeUnauthorized, Message: "Sesi Anda berakhir. Silakan masuk kembali."}
}

// checkNewPassword refuses a new password the policy rejects (auth.CheckStrength:
// common, decorated, or the user's own e-mail or name) or whose confirmation
// differs, naming each field; a password change and a reset share it.
func checkNewPassword(next, confirm, email, name string) error {
	fields := map[string]string{}
	if msg := auth.CheckStrength(next, email, name); msg != "" {
		fields["new"] = msg
	}
	if next != confirm {
		fields["confirm"] = "Konfirmasi kata sandi tidak sama."
	}
	if len(fields) > 0 {
		return Invalid("Kata sandi baru belum dapat disimpan.", fields)
	}
	return nil
}

// ChangePassword replaces p's password after checking the current one.
func (a *App) ChangePassword(ctx context.Context, p Principal, current, next, confirm string) error {
	if err := checkNewPassword(next, confirm, p.Email, p.Name); err != nil {
		return err
	}
	hash, err := auth.Hash(next, a.HashParams)
	if err != nil {
		return fmt.Errorf("hash password: %w", err)
	}
	return a.DB.Tx(ctx, store.System(), func(tx pgx.Tx) error {
		u, err := store.UserByID(ctx, tx, p.UserID)
		if err != nil {
			return err
		}
		if auth.Verify(current, u.PasswordHash) != nil {
			return Invalid("Kata sandi baru belum dapat disimpan.", map[string]string{"current": "Kata sandi saat ini salah."})
		}
		if err := store.SetPassword(ctx, tx, p.UserID, hash, a.Clock.Now()); err != nil {
			return err
		}
		return a.audit(ctx, tx, auditEntry{actor: &p, event: AuditPasswordChange, subject: userSubject(p.UserID)})
	})
}

// NormalizeEmail trims and lower-cases an address.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

func digest(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:16])
}
