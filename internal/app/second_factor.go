package app

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base32"
	"encoding/base64"
	"errors"
	"fmt"
	"image/png"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// Two-factor sign-in: after the password, a code from an authenticator app (TOTP,
// RFC 6238, with the parameters every app uses: HMAC-SHA1, 6 digits, 30-second
// steps) or one of ten one-time recovery codes. Mandatory for the kepala, the
// Dirjen liaison and the admin, who decide who reaches population data; optional
// for the others. A code is accepted once: the last accepted step is stored per
// user. Code attempts are throttled like passwords (checkThrottle), under keys of
// their own, so a right password does not clear a run of wrong codes.
const (
	TOTPIssuer        = "Hak Akses"
	RecoveryCodeCount = 10
	// totpSkew accepts the step before and after the current one: a phone's clock
	// a few seconds off, or a code typed as it changed, still works.
	totpSkew = 1
)

// DemoTOTPSecret is the second factor of the demo's kepala, Dirjen liaison and
// admin (README: add it to an authenticator app, or `oathtool --totp -b SECRET`).
// It is public: only the demo seed uses it.
const DemoTOTPSecret = "HAKAKSESDEMOKODEVERIFIKASI234567"

var totpOpts = totp.ValidateOpts{Period: 30, Skew: totpSkew, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

// SecondStep is what a sign-in still needs after the password.
type SecondStep string

const (
	StepNone  SecondStep = ""         // nothing: the sign-in is complete
	StepCode  SecondStep = "kode"     // a code from the authenticator app or a recovery code
	StepEnrol SecondStep = "aktivasi" // a mandatory second factor not yet set up
)

// SecondFactorMandatory reports whether a role must sign in with a second factor.
func SecondFactorMandatory(r workflow.Role) bool {
	return r == workflow.RoleKepala || r == workflow.RoleDirjen || r == workflow.RoleAdmin
}

func secondStepOf(p Principal) SecondStep {
	switch {
	case p.SecondFactor:
		return StepCode
	case SecondFactorMandatory(p.Role):
		return StepEnrol
	}
	return StepNone
}

// codeAccountKey is the per-account run of wrong codes (login_attempts).
func codeAccountKey(userID int64) string { return "code:" + userSubject(userID) }

func codeThrottleKeys(userID int64, client string) throttleKeys {
	return throttleKeys{account: codeAccountKey(userID), client: "client:" + digest(client),
		pair: "code-pair:" + digest(userSubject(userID)+"\x00"+client)}
}

// EnrolmentKey is what the enrolment page shows: the secret for manual entry and
// the QR code (a PNG, as a data: URL) of the otpauth:// URI apps scan.
type EnrolmentKey struct {
	Secret string
	QR     string // data:image/png;base64,…
}

// NewEnrolmentKey makes the key for an enrolment; secret "" draws a fresh one,
// otherwise the same key is drawn again (the page is shown twice when a code was
// wrong). Nothing is stored until EnrolSecondFactor.
func NewEnrolmentKey(email, secret string) (EnrolmentKey, error) {
	opts := totp.GenerateOpts{Issuer: TOTPIssuer, AccountName: email, SecretSize: 20}
	if secret != "" {
		raw, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(secret)
		if err != nil {
			return EnrolmentKey{}, fmt.Errorf("second factor: decode secret: %w", err)
		}
		opts.Secret = raw
	}
	key, err := totp.Generate(opts)
	if err != nil {
		return EnrolmentKey{}, fmt.Errorf("second factor: generate key: %w", err)
	}
	img, err := key.Image(240, 240)
	if err != nil {
		return EnrolmentKey{}, fmt.Errorf("second factor: QR code: %w", err)
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		return EnrolmentKey{}, fmt.Errorf("second factor: encode QR code: %w", err)
	}
	return EnrolmentKey{Secret: key.Secret(),
		QR: "data:image/png;base64," + base64.StdEncoding.EncodeToString(b.Bytes())}, nil
}

// validSecret is the shape totp.Generate gives (and the column accepts).
func validSecret(s string) bool {
	if len(s) < 16 || len(s) > 128 {
		return false
	}
	for _, r := range s {
		if (r < 'A' || r > 'Z') && (r < '2' || r > '7') {
			return false
		}
	}
	return true
}

// matchTOTP finds the step, within the skew around now, whose code is code.
func matchTOTP(secret, code string, now time.Time) (int64, bool) {
	cur := now.Unix() / int64(totpOpts.Period)
	found, step := false, int64(0)
	for s := cur - totpSkew; s <= cur+totpSkew; s++ {
		want, err := totp.GenerateCodeCustom(secret, time.Unix(s*int64(totpOpts.Period), 0), totpOpts)
		if err == nil && subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 {
			found, step = true, s
		}
	}
	return step, found
}

// cleanCode strips what people type around a code: spaces and hyphens.
func cleanCode(s string) string {
	return strings.ToLower(strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '\t' {
			return -1
		}
		return r
	}, s))
}

func isTOTPCode(s string) bool {
	if len(s) != int(otp.DigitsSix) {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// newRecoveryCodes draws n codes of 10 characters from an alphabet without
// look-alikes (~50 bits each), shown as xxxxx-xxxxx, and their hashes.
func newRecoveryCodes(n int) ([]string, [][]byte, error) {
	const alphabet = "23456789abcdefghjkmnpqrstuvwxyz"
	codes, hashes := make([]string, n), make([][]byte, n)
	for i := range n {
		b := make([]byte, 10)
		if _, err := rand.Read(b); err != nil {
			return nil, nil, fmt.Errorf("second factor: random recovery code: %w", err)
		}
		for j := range b {
			b[j] = alphabet[int(b[j])%len(alphabet)]
		}
		codes[i] = string(b[:5]) + "-" + string(b[5:])
		hashes[i] = recoveryHash(string(b))
	}
	return codes, hashes, nil
}

func recoveryHash(clean string) []byte {
	h := sha256.Sum256([]byte("hakakses-recovery:" + clean))
	return h[:]
}

// codeCheck is the outcome of one code attempt.
type codeCheck struct {
	method string // "totp" or "kode_pemulihan" on success
	left   int    // recovery codes left, after using one
	refuse *Error // a wrong or reused code: commit (the attempt is recorded), then return it
}

var (
	errWrongCode  = &Error{Code: CodeUnauthorized, Message: "Kode verifikasi salah. Periksa kode di aplikasi autentikator Anda lalu coba lagi."}
	errReusedCode = &Error{Code: CodeUnauthorized, Message: "Kode verifikasi ini sudah dipakai. Tunggu kode berikutnya di aplikasi autentikator Anda, lalu masukkan kode yang baru."}
)

// checkCode verifies a code of user u inside tx: throttled, counted once, and
// audited when wrong. allowRecovery lets a recovery code stand in for a TOTP code.
func (a *App) checkCode(ctx context.Context, tx pgx.Tx, u store.User, code, client string, allowRecovery bool) (codeCheck, error) {
	now := a.Clock.Now()
	keys := codeThrottleKeys(u.ID, client)
	n, err := checkThrottle(ctx, tx, keys, now, "kode verifikasi")
	if err != nil {
		return codeCheck{}, err
	}
	f, err := store.SecondFactorOf(ctx, tx, u.ID)
	if err != nil {
		return codeCheck{}, err
	}
	if f.Secret == "" {
		return codeCheck{}, ErrSignInEnded // reset since the password step
	}
	var out codeCheck
	reason := "salah"
	switch c := cleanCode(code); {
	case isTOTPCode(c):
		step, ok := matchTOTP(f.Secret, c, a.TOTPClock.Now())
		switch {
		case !ok:
			out.refuse = errWrongCode
		case step <= f.LastStep:
			out.refuse, reason = errReusedCode, "dipakai_ulang"
		default:
			if err := store.AcceptTOTPStep(ctx, tx, u.ID, step); err != nil {
				return codeCheck{}, err
			}
			out.method = "totp"
		}
	case allowRecovery && c != "":
		left, err := store.UseRecoveryCode(ctx, tx, u.ID, recoveryHash(c), now)
		switch {
		case errors.Is(err, store.ErrNotFound):
			out.refuse, reason = &Error{Code: CodeUnauthorized, Message: "Kode pemulihan salah atau sudah pernah dipakai."}, "kode_pemulihan_salah"
		case err != nil:
			return codeCheck{}, err
		default:
			out.method, out.left = "kode_pemulihan", left
			if err := a.audit(ctx, tx, auditEntry{tenantID: u.TenantID, event: AuditRecoveryCodeUsed, subject: userSubject(u.ID),
				data: map[string]any{"sisa": left}}); err != nil {
				return codeCheck{}, err
			}
		}
	default:
		out.refuse = errWrongCode
	}
	if out.refuse != nil {
		if err := a.audit(ctx, tx, auditEntry{tenantID: u.TenantID, event: AuditSecondFactorFailed, subject: userSubject(u.ID),
			data: map[string]any{"alasan": reason}}); err != nil {
			return codeCheck{}, err
		}
		if n+1 == MaxAccountFailures {
			return out, a.sendUnlock(ctx, tx, u, now)
		}
		return out, nil
	}
	return out, store.RecordLoginAttempt(ctx, tx, keys.all(), true, now)
}

// ErrSignInEnded refuses the second step of a sign-in that no longer holds: the
// password changed, the account was switched off or its second factor reset
// since the password step. The user starts again from the password.
var ErrSignInEnded = &Error{Code: CodeUnauthorized, Message: "Sesi masuk Anda berakhir. Silakan masuk kembali dengan surel dan kata sandi."}

// pendingUser loads the user a half-finished sign-in is for.
func pendingUser(ctx context.Context, tx pgx.Tx, userID, epoch int64) (store.User, error) {
	u, err := store.UserByID(ctx, tx, userID)
	if errors.Is(err, store.ErrNotFound) || err == nil && (!u.Active || u.SessionEpoch != epoch) {
		return store.User{}, ErrSignInEnded
	}
	return u, err
}

// VerifySecondFactor completes the sign-in of a user who passed the password step
// (under session epoch epoch) with a code from the app or a recovery code. Errors:
// CodeInvalid (no code), CodeUnauthorized (wrong, reused or the sign-in ended),
// CodeRateLimited.
func (a *App) VerifySecondFactor(ctx context.Context, userID, epoch int64, code, client string) (Principal, error) {
	if strings.TrimSpace(code) == "" {
		return Principal{}, Invalid("Isi kode verifikasi dari aplikasi autentikator Anda, atau salah satu kode pemulihan.", map[string]string{"code": "Isi kode verifikasi."})
	}
	var p Principal
	var check codeCheck
	err := a.DB.Tx(ctx, store.System(), func(tx pgx.Tx) error {
		u, err := pendingUser(ctx, tx, userID, epoch)
		if err != nil {
			return err
		}
		if check, err = a.checkCode(ctx, tx, u, code, client, true); err != nil || check.refuse != nil {
			return err
		}
		p = principalOf(u)
		return a.audit(ctx, tx, auditEntry{actor: &p, event: AuditSignIn, subject: userSubject(p.UserID), data: map[string]any{"dua_langkah": check.method}})
	})
	if err != nil {
		return Principal{}, err
	}
	if check.refuse != nil {
		return Principal{}, check.refuse
	}
	return p, nil
}

// Enrolment is a confirmed second factor: the recovery codes, shown once.
type Enrolment struct {
	Principal     Principal
	RecoveryCodes []string
}

// EnrolSecondFactor stores secret as the user's second factor once code shows the
// authenticator app has it, and draws the recovery codes. signingIn marks the
// enrolment forced at sign-in (the user passed the password under epoch), which
// then completes the sign-in; otherwise the user is signed in already. Errors:
// CodeInvalid (no or wrong code), CodeConflict (already enrolled),
// CodeUnauthorized (the sign-in ended).
func (a *App) EnrolSecondFactor(ctx context.Context, userID, epoch int64, secret, code string, signingIn bool) (Enrolment, error) {
	c := cleanCode(code)
	if !isTOTPCode(c) {
		return Enrolment{}, Invalid("Kode verifikasi belum benar.", map[string]string{"code": "Masukkan 6 angka yang tampil di aplikasi autentikator Anda."})
	}
	if !validSecret(secret) {
		if !signingIn { // a signed-in user's set-up page outlived its key (an old tab)
			msg := "Halaman aktivasi sudah kedaluwarsa. Muat ulang halaman lalu pindai kode QR yang baru."
			return Enrolment{}, Invalid(msg, map[string]string{"code": msg})
		}
		return Enrolment{}, ErrSignInEnded
	}
	codes, hashes, err := newRecoveryCodes(RecoveryCodeCount)
	if err != nil {
		return Enrolment{}, err
	}
	now := a.Clock.Now()
	var out Enrolment
	wrong := false
	err = a.DB.Tx(ctx, store.System(), func(tx pgx.Tx) error {
		u, err := pendingUser(ctx, tx, userID, epoch)
		if err != nil {
			return err
		}
		if u.TOTPEnrolled {
			return &Error{Code: CodeConflict, Message: "Autentikasi dua langkah akun ini sudah aktif."}
		}
		step, ok := matchTOTP(secret, c, a.TOTPClock.Now())
		if !ok {
			wrong = true
			return a.audit(ctx, tx, auditEntry{tenantID: u.TenantID, event: AuditSecondFactorFailed, subject: userSubject(u.ID),
				data: map[string]any{"alasan": "salah", "tahap": "aktivasi"}})
		}
		if err := store.EnrolSecondFactor(ctx, tx, u.ID, secret, step, hashes, now); err != nil {
			return err
		}
		u.TOTPEnrolled = true
		out = Enrolment{Principal: principalOf(u), RecoveryCodes: codes}
		if err := a.audit(ctx, tx, auditEntry{actor: &out.Principal, event: AuditSecondFactorEnrol, subject: userSubject(u.ID)}); err != nil {
			return err
		}
		if !signingIn {
			return nil
		}
		return a.audit(ctx, tx, auditEntry{actor: &out.Principal, event: AuditSignIn, subject: userSubject(u.ID), data: map[string]any{"dua_langkah": "aktivasi"}})
	})
	if err != nil {
		return Enrolment{}, err
	}
	if wrong {
		return Enrolment{}, Invalid("Kode verifikasi salah.", map[string]string{"code": "Kode tidak cocok. Pastikan jam ponsel Anda tepat, lalu masukkan kode yang sedang tampil."})
	}
	return out, nil
}

// SecondFactorStatus is what the account page shows.
type SecondFactorStatus struct {
	Enrolled     bool
	Mandatory    bool
	RecoveryLeft int
}

// SecondFactorOf reads p's own second-factor status.
func (a *App) SecondFactorOf(ctx context.Context, p Principal) (SecondFactorStatus, error) {
	st := SecondFactorStatus{Mandatory: SecondFactorMandatory(p.Role)}
	err := a.DB.ReadTx(ctx, store.System(), func(tx pgx.Tx) error {
		u, err := store.UserByID(ctx, tx, p.UserID)
		if err != nil {
			return err
		}
		st.Enrolled = u.TOTPEnrolled
		st.RecoveryLeft, err = store.RecoveryCodesLeft(ctx, tx, p.UserID)
		return err
	})
	if err != nil {
		return SecondFactorStatus{}, fmt.Errorf("second factor status: %w", err)
	}
	return st, nil
}

// ownCodeStep runs do after a current TOTP code of p's (throttled, counted once);
// a wrong code is recorded and returned.
func (a *App) ownCodeStep(ctx context.Context, p Principal, code, client string, do func(tx pgx.Tx, u store.User) error) error {
	if !isTOTPCode(cleanCode(code)) {
		return Invalid("Kode verifikasi belum benar.", map[string]string{"code": "Masukkan 6 angka yang tampil di aplikasi autentikator Anda."})
	}
	var refuse *Error
	err := a.DB.Tx(ctx, store.System(), func(tx pgx.Tx) error {
		u, err := store.UserByID(ctx, tx, p.UserID)
		if err != nil {
			return err
		}
		check, err := a.checkCode(ctx, tx, u, code, client, false)
		if err != nil {
			return err
		}
		if refuse = check.refuse; refuse != nil {
			return nil
		}
		return do(tx, u)
	})
	if err != nil {
		return err
	}
	if refuse != nil {
		return Invalid(refuse.Message, map[string]string{"code": refuse.Message})
	}
	return nil
}

// RegenerateRecoveryCodes replaces p's recovery codes after a current code.
func (a *App) RegenerateRecoveryCodes(ctx context.Context, p Principal, code, client string) ([]string, error) {
	codes, hashes, err := newRecoveryCodes(RecoveryCodeCount)
	if err != nil {
		return nil, err
	}
	err = a.ownCodeStep(ctx, p, code, client, func(tx pgx.Tx, u store.User) error {
		if err := store.ReplaceRecoveryCodes(ctx, tx, u.ID, hashes, a.Clock.Now()); err != nil {
			return err
		}
		return a.audit(ctx, tx, auditEntry{actor: &p, event: AuditRecoveryCodesRenewed, subject: userSubject(u.ID)})
	})
	if err != nil {
		return nil, err
	}
	return codes, nil
}

// DisableSecondFactor switches off p's optional second factor after a current
// code. Errors: CodeForbidden for a role that must keep it.
func (a *App) DisableSecondFactor(ctx context.Context, p Principal, code, client string) error {
	if SecondFactorMandatory(p.Role) {
		return Forbidden("Autentikasi dua langkah wajib untuk peran Anda dan tidak dapat dimatikan.")
	}
	return a.ownCodeStep(ctx, p, code, client, func(tx pgx.Tx, u store.User) error {
		if err := store.RemoveSecondFactor(ctx, tx, u.ID); err != nil {
			return err
		}
		return a.audit(ctx, tx, auditEntry{actor: &p, event: AuditSecondFactorOff, subject: userSubject(u.ID)})
	})
}
