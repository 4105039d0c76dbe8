package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/auth"
	"github.com/hakakses/hakakses/internal/store"
)

// Two-factor sign-in (issue 10): TOTP after the password, mandatory for kepala,
// dirjen and admin, optional for the others, with recovery codes and resets.

var recoveryCodeRE = regexp.MustCompile(`<code>([2-9a-z]{5}-[2-9a-z]{5})</code>`)

// userID finds an account's ID (system scope).
func (e *env) userID(email string) int64 {
	e.t.Helper()
	var id int64
	ctx := context.Background()
	if err := e.DB.ReadTx(ctx, store.System(), func(tx pgx.Tx) error {
		return tx.QueryRow(ctx, `SELECT id FROM users WHERE email = $1`, email).Scan(&id)
	}); err != nil {
		e.t.Fatalf("user %s: %v", email, err)
	}
	return id
}

// auditCount counts the audit entries of an event about a user, whose data
// contains the JSON given ('{}' for any).
func (e *env) auditCount(event string, userID int64, data string) int {
	e.t.Helper()
	var n int
	ctx := context.Background()
	if err := e.DB.ReadTx(ctx, store.System(), func(tx pgx.Tx) error {
		return tx.QueryRow(ctx, `SELECT count(*) FROM audit_events WHERE event = $1 AND subject = $2 AND data @> $3::jsonb`,
			event, fmt.Sprintf("user:%d", userID), data).Scan(&n)
	}); err != nil {
		e.t.Fatal(err)
	}
	return n
}

// signedOut asserts that c reaches none of path's pages: it is sent to sign in.
func signedOut(t *testing.T, c *client, path string) {
	t.Helper()
	if res := c.get(path); res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Location(), "/masuk") {
		t.Errorf("GET %s: want a redirect to /masuk (not signed in), got %s", path, res)
	}
}

// enrolFromAccount enrols c's user (signed in) from /akun and returns the
// recovery codes shown.
func enrolFromAccount(t *testing.T, e *env, c *client, email string) []string {
	t.Helper()
	if res := c.get("/akun"); res.Status != http.StatusOK || !strings.Contains(res.Body, "Belum aktif") || !strings.Contains(res.Body, `href="/akun/dua-langkah"`) {
		t.Fatalf("/akun before enrolment: %s", res)
	}
	page := c.get("/akun/dua-langkah")
	m := enrolSecretRE.FindStringSubmatch(page.Body)
	if page.Status != http.StatusOK || m == nil || !strings.Contains(page.Body, `src="data:image/png;base64,iVBORw0KGgo`) {
		t.Fatalf("enrolment page lacks the secret or the QR image: %s", page)
	}
	e.TOTP.remember(email, strings.ReplaceAll(m[1], " ", ""))
	unlock := e.TOTP.hold()
	res := c.post("/akun/dua-langkah", url.Values{"code": {e.TOTP.nextCode(t, email)}})
	unlock()
	codes := recoveryCodeRE.FindAllStringSubmatch(res.Body, -1)
	if res.Status != http.StatusOK || len(codes) != app.RecoveryCodeCount {
		t.Fatalf("enrolment: want 200 with %d recovery codes, got %d codes in %s", app.RecoveryCodeCount, len(codes), res)
	}
	if res.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("the recovery codes page may be cached: Cache-Control %q", res.Header.Get("Cache-Control"))
	}
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = c[1]
	}
	return out
}

// passwordStep posts the password and requires the code page.
func passwordStep(t *testing.T, c *client, email, password string) {
	t.Helper()
	if res := c.post("/masuk", url.Values{"email": {email}, "password": {password}}); res.Status != http.StatusSeeOther || res.Location() != "/masuk/verifikasi" {
		t.Fatalf("password of an enrolled user: want 303 to /masuk/verifikasi, got %s", res)
	}
}

func TestKepalaMustEnrolBeforeReachingAnyPageAndTheAdminResetsOnlyKepalaOrDirjen(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	kepala := demo(t, "kepala")
	kepalaID := e.userID(kepala.Email)
	before := e.loginAs(t, "kepala")
	admin := e.loginAs(t, "admin")

	// The admin finds the kepala and resets the second factor (a lost phone).
	list := admin.get("/admin/akun?q=" + url.QueryEscape("kepala@oki"))
	if list.Status != http.StatusOK || !strings.Contains(list.Body, kepala.Email) || strings.Contains(list.Body, demo(t, "petugas").Email) {
		t.Fatalf("admin's account list for %q: %s", "kepala@oki", list)
	}
	res := admin.post(fmt.Sprintf("/admin/akun/%d/atur-ulang-dua-langkah", kepalaID), nil)
	if res.Status != http.StatusSeeOther || res.Location() != "/admin/akun" {
		t.Fatalf("admin reset: %s", res)
	}
	if n := e.auditCount(app.AuditSecondFactorReset, kepalaID, "{}"); n != 1 {
		t.Errorf("%d reset audit entries for the kepala, want 1", n)
	}
	signedOut(t, before, "/oki/kantor/") // the reset ended the kepala's sessions
	// Not a petugas, nor the admin's own account.
	for _, email := range []string{demo(t, "petugas").Email, demo(t, "admin").Email} {
		if res := admin.post(fmt.Sprintf("/admin/akun/%d/atur-ulang-dua-langkah", e.userID(email)), nil); res.Status != http.StatusNotFound {
			t.Errorf("admin resets %s: want 404, got %s", email, res)
		}
	}

	// The password alone leads to the enrolment, and to nothing else.
	c := e.newClient(t)
	res = c.post("/masuk", url.Values{"email": {kepala.Email}, "password": {app.DemoPassword}, "next": {"/oki/kantor/staf"}})
	if res.Status != http.StatusSeeOther || res.Location() != "/masuk/aktivasi-dua-langkah" {
		t.Fatalf("password of a kepala without a second factor: want 303 to the enrolment, got %s", res)
	}
	for _, path := range []string{"/oki/kantor/", "/oki/kantor/pengaturan", "/beranda", "/akun"} {
		signedOut(t, c, path)
	}
	page := c.get("/masuk/aktivasi-dua-langkah")
	m := enrolSecretRE.FindStringSubmatch(page.Body)
	if page.Status != http.StatusOK || m == nil || !strings.Contains(page.Body, `src="data:image/png;base64,iVBORw0KGgo`) ||
		!strings.Contains(page.Body, `autocomplete="one-time-code"`) || !strings.Contains(page.Body, `inputmode="numeric"`) {
		t.Fatalf("enrolment page: %s", page)
	}
	secret := strings.ReplaceAll(m[1], " ", "")
	if secret == app.DemoTOTPSecret {
		t.Fatalf("the enrolment reuses the old secret")
	}
	if again := c.get("/masuk/aktivasi-dua-langkah"); !strings.Contains(again.Body, m[1]) {
		t.Errorf("a reload of the enrolment page shows another secret than the one being set up")
	}
	res = c.post("/masuk/aktivasi-dua-langkah", url.Values{"code": {"12345"}})
	if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "Masukkan 6 angka") {
		t.Errorf("a five-digit code: want 422 in Bahasa Indonesia, got %s", res)
	}
	e.TOTP.remember(kepala.Email, secret)
	unlock := e.TOTP.hold()
	wrong := wrongCode(t, e, kepala.Email)
	res = c.post("/masuk/aktivasi-dua-langkah", url.Values{"code": {wrong}})
	if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "Kode tidak cocok") {
		t.Errorf("a wrong code at enrolment: want 422, got %s", res)
	}
	signedOut(t, c, "/oki/kantor/")
	res = c.post("/masuk/aktivasi-dua-langkah", url.Values{"code": {e.TOTP.nextCode(t, kepala.Email)}})
	unlock()
	codes := recoveryCodeRE.FindAllStringSubmatch(res.Body, -1)
	if res.Status != http.StatusOK || len(codes) != app.RecoveryCodeCount || !strings.Contains(res.Body, `href="/oki/kantor/staf" data-testid="recovery-continue"`) {
		t.Fatalf("enrolment: want the 10 recovery codes and a link on to where the kepala was going, got %s", res)
	}
	if res := c.get("/oki/kantor/staf"); res.Status != http.StatusOK {
		t.Fatalf("after enrolment: %s", res)
	}
	if n := e.auditCount(app.AuditSecondFactorEnrol, kepalaID, "{}"); n != 1 {
		t.Errorf("%d enrolment audit entries, want 1", n)
	}
	if n := e.auditCount(app.AuditSecondFactorFailed, kepalaID, `{"tahap": "aktivasi"}`); n != 1 {
		t.Errorf("%d failed-code audit entries at enrolment, want 1", n)
	}
	if n := e.auditCount(app.AuditSignIn, kepalaID, `{"dua_langkah": "aktivasi"}`); n != 1 {
		t.Errorf("%d sign-ins completed by the enrolment, want 1", n)
	}
	// A role that must have a second factor cannot switch it off.
	if res := c.post("/akun/dua-langkah/nonaktifkan", url.Values{"code": {"123456"}}); res.Status != http.StatusForbidden {
		t.Errorf("kepala switching the second factor off: want 403, got %s", res)
	}
	// From now on the kepala signs in with the new secret (the harness's login).
	c2 := e.newClient(t)
	c2.login(kepala.Email, app.DemoPassword)
	if res := c2.get("/oki/kantor/"); res.Status != http.StatusOK {
		t.Errorf("sign-in with the new secret: %s", res)
	}
	// The admin resets the Dirjen liaison too.
	if res := admin.post(fmt.Sprintf("/admin/akun/%d/atur-ulang-dua-langkah", e.userID(demo(t, "dirjen").Email)), nil); res.Status != http.StatusSeeOther {
		t.Errorf("admin resets the Dirjen liaison: %s", res)
	}
}

// wrongCode is a six-digit code that is none of the codes around now (the
// caller holds the authenticator).
func wrongCode(t *testing.T, e *env, email string) string {
	t.Helper()
	now := e.TOTP.clock.Now()
	valid := map[string]bool{}
	for _, d := range []time.Duration{-60 * time.Second, -30 * time.Second, 0, 30 * time.Second, 60 * time.Second} {
		e.TOTP.clock.Set(now.Add(d))
		valid[e.TOTP.codeNow(t, email)] = true
	}
	e.TOTP.clock.Set(now)
	for _, c := range []string{"000000", "111111", "222222", "333333"} {
		if !valid[c] {
			return c
		}
	}
	t.Fatal("no wrong code found")
	return ""
}

func TestSecondFactorRefusesWrongAndReplayedCodesAndTakesEachRecoveryCodeOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	acc := demo(t, "lembaga") // optional for a lembaga: signs in with the password alone until enrolled
	id := e.userID(acc.Email)
	c := e.loginAs(t, "lembaga")
	codes := enrolFromAccount(t, e, c, acc.Email)
	if res := c.get("/akun"); !strings.Contains(bodyHas(t, res, "recovery-left"), "10 dari 10") {
		t.Errorf("/akun after enrolment: %s", bodyHas(t, res, "recovery-left"))
	}
	c.post("/keluar", nil)

	// A wrong code: refused in Bahasa Indonesia, nothing signed in.
	c = e.newClient(t)
	passwordStep(t, c, acc.Email, app.DemoPassword)
	signedOut(t, c, "/oki/lembaga/")
	if res := c.get("/masuk/verifikasi"); res.Status != http.StatusOK || !strings.Contains(res.Body, `autocomplete="one-time-code"`) ||
		!strings.Contains(res.Body, `inputmode="numeric"`) || !strings.Contains(res.Body, `<label for="code">Kode verifikasi</label>`) {
		t.Fatalf("code page: %s", res)
	}
	unlock := e.TOTP.hold()
	res := c.post("/masuk/verifikasi", url.Values{"code": {wrongCode(t, e, acc.Email)}})
	if res.Status != http.StatusUnauthorized || !strings.Contains(res.Body, "Kode verifikasi salah.") || userName(res.Body) != "" {
		t.Errorf("wrong code: want 401 saying so, got %s", res)
	}
	signedOut(t, c, "/oki/lembaga/")

	// The right code signs in; the same code again, in its step, does not.
	code := e.TOTP.nextCode(t, acc.Email)
	if res := c.post("/masuk/verifikasi", url.Values{"code": {code[:3] + " " + code[3:]}}); res.Status != http.StatusSeeOther || res.Location() != "/beranda" {
		t.Fatalf("right code (typed with a space): want 303 to /beranda, got %s", res)
	}
	if res := c.get("/oki/lembaga/"); res.Status != http.StatusOK {
		t.Fatalf("signed in: %s", res)
	}
	replay := e.newClient(t)
	passwordStep(t, replay, acc.Email, app.DemoPassword)
	res = replay.post("/masuk/verifikasi", url.Values{"code": {code}})
	unlock()
	if res.Status != http.StatusUnauthorized || !strings.Contains(res.Body, "Kode verifikasi ini sudah dipakai.") {
		t.Errorf("replayed code: want 401 saying it was used, got %s", res)
	}
	signedOut(t, replay, "/oki/lembaga/")
	if n := e.auditCount(app.AuditSecondFactorFailed, id, `{"alasan": "dipakai_ulang"}`); n != 1 {
		t.Errorf("%d audit entries of a reused code, want 1", n)
	}
	if n := e.auditCount(app.AuditSecondFactorFailed, id, `{"alasan": "salah"}`); n != 1 {
		t.Errorf("%d audit entries of a wrong code, want 1", n)
	}

	// A recovery code works once.
	res = replay.post("/masuk/verifikasi", url.Values{"recovery": {strings.ToUpper(codes[3])}})
	if res.Status != http.StatusSeeOther || res.Location() != "/beranda" {
		t.Fatalf("recovery code: want 303 to /beranda, got %s", res)
	}
	if n := e.auditCount(app.AuditRecoveryCodeUsed, id, `{"sisa": 9}`); n != 1 {
		t.Errorf("%d audit entries of a used recovery code with 9 left, want 1", n)
	}
	if res := replay.get("/akun"); !strings.Contains(bodyHas(t, res, "recovery-left"), "9 dari 10") {
		t.Errorf("/akun after using a recovery code: %s", bodyHas(t, res, "recovery-left"))
	}
	again := e.newClient(t)
	passwordStep(t, again, acc.Email, app.DemoPassword)
	if res := again.post("/masuk/verifikasi", url.Values{"recovery": {codes[3]}}); res.Status != http.StatusUnauthorized ||
		!strings.Contains(res.Body, "Kode pemulihan salah atau sudah pernah dipakai.") {
		t.Errorf("a used recovery code: want 401, got %s", res)
	}
	signedOut(t, again, "/oki/lembaga/")

	// New recovery codes need a current code; the old ones stop working.
	if res := replay.post("/akun/dua-langkah/kode-pemulihan", url.Values{"code": {"12"}}); res.Status != http.StatusUnprocessableEntity {
		t.Errorf("regenerate without a code: want 422, got %s", res)
	}
	unlock = e.TOTP.hold()
	res = replay.post("/akun/dua-langkah/kode-pemulihan", url.Values{"code": {e.TOTP.nextCode(t, acc.Email)}})
	unlock()
	if fresh := recoveryCodeRE.FindAllStringSubmatch(res.Body, -1); res.Status != http.StatusOK || len(fresh) != app.RecoveryCodeCount {
		t.Fatalf("regenerate: %s", res)
	}
	if n := e.auditCount(app.AuditRecoveryCodesRenewed, id, "{}"); n != 1 {
		t.Errorf("%d audit entries of renewed recovery codes, want 1", n)
	}
	if res := again.post("/masuk/verifikasi", url.Values{"recovery": {codes[5]}}); res.Status != http.StatusUnauthorized {
		t.Errorf("an old recovery code after regenerating: want 401, got %s", res)
	}

	// An optional second factor can be switched off with a current code.
	unlock = e.TOTP.hold()
	res = replay.post("/akun/dua-langkah/nonaktifkan", url.Values{"code": {e.TOTP.nextCode(t, acc.Email)}})
	unlock()
	if res.Status != http.StatusSeeOther || res.Location() != "/akun" {
		t.Fatalf("switch off: %s", res)
	}
	e.newClient(t).login(acc.Email, app.DemoPassword) // the password alone again
}

func TestSecondStepExpiresAndIsThrottledLikePasswords(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	acc := demo(t, "dirjen")

	// The pending state lasts a few minutes.
	c := e.newClient(t)
	passwordStep(t, c, acc.Email, app.DemoPassword)
	e.Clock.Advance(6 * time.Minute)
	unlock := e.TOTP.hold()
	res := c.post("/masuk/verifikasi", url.Values{"code": {e.TOTP.nextCode(t, acc.Email)}})
	unlock()
	if res.Status != http.StatusUnauthorized || !strings.Contains(res.Body, "Waktu untuk langkah kedua sudah habis") {
		t.Errorf("a code after 6 minutes: want 401, got %s", res)
	}
	signedOut(t, c, "/dirjen/")
	if res := c.get("/masuk/verifikasi"); res.Status != http.StatusSeeOther || res.Location() != "/masuk" {
		t.Errorf("the code page after expiry: want 303 to /masuk, got %s", res)
	}

	// Wrong codes: the first FreeFailuresPerPair are answered, then a wait, even
	// for the right code; the right password does not clear the run.
	c = e.newClient(t)
	passwordStep(t, c, acc.Email, app.DemoPassword)
	unlock = e.TOTP.hold()
	defer unlock()
	wrong := wrongCode(t, e, acc.Email)
	for i := range app.FreeFailuresPerPair {
		if res := c.post("/masuk/verifikasi", url.Values{"code": {wrong}}); res.Status != http.StatusUnauthorized {
			t.Fatalf("wrong code %d: want 401, got %s", i+1, res)
		}
	}
	passwordStep(t, c, acc.Email, app.DemoPassword)
	res = c.post("/masuk/verifikasi", url.Values{"code": {e.TOTP.nextCode(t, acc.Email)}})
	if res.Status != http.StatusTooManyRequests || !strings.Contains(res.Body, "Terlalu banyak percobaan kode verifikasi yang gagal. Coba lagi dalam 30 detik.") {
		t.Fatalf("right code after %d wrong ones: want 429 with the wait, got %s", app.FreeFailuresPerPair, res)
	}
	signedOut(t, c, "/dirjen/")
	e.Clock.Advance(31 * time.Second)
	if res := c.post("/masuk/verifikasi", url.Values{"code": {e.TOTP.nextCode(t, acc.Email)}}); res.Status != http.StatusSeeOther || res.Location() != "/beranda" {
		t.Fatalf("right code after the wait: %s", res)
	}
}

func TestKepalaResetsOnlyTheirOwnTenantsPetugas(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	oku := e.onboardOKU()
	petugas := demo(t, "petugas")
	petugasID := e.userID(petugas.Email)
	p := e.loginAs(t, "petugas") // optional for a petugas
	enrolFromAccount(t, e, p, petugas.Email)

	// OKU's petugas has a second factor too.
	okuPetugas := e.newClient(t)
	okuPetugas.login(oku.PetugasEmail, oku.Password)
	enrolFromAccount(t, e, okuPetugas, oku.PetugasEmail)
	okuID := e.userID(oku.PetugasEmail)

	kepala := e.loginAs(t, "kepala")
	staff := kepala.get("/oki/kantor/staf")
	row := bodyHas(t, staff, "account-"+petugas.Email)
	if !strings.Contains(row, "Dua langkah aktif") || !strings.Contains(staff.Body, `data-testid="reset-second-factor"`) {
		t.Fatalf("staff page lacks the petugas's second factor or its reset: %s", row)
	}
	// Another tenant's staff, the kepala's own account, the Dirjen: not found.
	for _, id := range []int64{okuID, e.userID(demo(t, "kepala").Email), e.userID(demo(t, "dirjen").Email), e.userID(demo(t, "lembaga").Email)} {
		res := kepala.post("/oki/kantor/staf", url.Values{"action": {"reset_2fa"}, "user_id": {fmt.Sprint(id)}})
		if res.Status != http.StatusNotFound {
			t.Errorf("kepala resets user %d: want 404, got %s", id, res)
		}
	}
	if n := e.auditCount(app.AuditSecondFactorReset, okuID, "{}"); n != 0 {
		t.Errorf("a refused reset was audited")
	}
	// A petugas may not reset anyone.
	if res := p.post("/oki/kantor/staf", url.Values{"action": {"reset_2fa"}, "user_id": {fmt.Sprint(petugasID)}}); res.Status != http.StatusNotFound {
		t.Errorf("petugas resets: want 404, got %s", res)
	}
	res := kepala.post("/oki/kantor/staf", url.Values{"action": {"reset_2fa"}, "user_id": {fmt.Sprint(petugasID)}})
	if res.Status != http.StatusSeeOther || res.Location() != "/oki/kantor/staf" {
		t.Fatalf("kepala resets the petugas: %s", res)
	}
	if n := e.auditCount(app.AuditSecondFactorReset, petugasID, "{}"); n != 1 {
		t.Errorf("%d reset audit entries, want 1", n)
	}
	signedOut(t, p, "/oki/kantor/")
	e.newClient(t).login(petugas.Email, app.DemoPassword) // the password alone again: optional for a petugas

	// OKU's petugas still has theirs.
	c := e.newClient(t)
	passwordStep(t, c, oku.PetugasEmail, oku.Password)
	var enrolled bool
	ctx := context.Background()
	if err := e.DB.ReadTx(ctx, store.System(), func(tx pgx.Tx) error {
		return tx.QueryRow(ctx, `SELECT totp_secret IS NOT NULL FROM users WHERE id = $1`, okuID).Scan(&enrolled)
	}); err != nil || !enrolled {
		t.Errorf("OKU's petugas lost the second factor: %v", err)
	}
}

// A session that signed in before a role had to have two factors ends.
func TestASessionOfAMandatoryRoleWithoutSecondFactorEnds(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	hash, err := auth.Hash("kata-sandi-dirjen-dua", testHashParams)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := e.DB.Tx(ctx, store.System(), func(tx pgx.Tx) error {
		_, err := store.CreateUser(ctx, tx, store.NewUser{Email: "dirjen2@demo.test", Name: "Dirjen Dua", Role: "dirjen", PasswordHash: hash}, e.Clock.Now())
		return err
	}); err != nil {
		t.Fatal(err)
	}
	c := e.newClient(t)
	c.login("dirjen2@demo.test", "kata-sandi-dirjen-dua") // enrols
	if res := c.get("/dirjen/"); res.Status != http.StatusOK {
		t.Fatalf("after enrolment: %s", res)
	}
	// The secret is removed behind the app's back (as before migration 21).
	conn, err := pgx.Connect(ctx, e.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `UPDATE users SET totp_secret = NULL WHERE email = 'dirjen2@demo.test'`); err != nil {
		t.Fatal(err)
	}
	signedOut(t, c, "/dirjen/")
}

// A signed-in user's set-up form posted without its key in the session (an old
// tab, the session's key gone) is refused at the field and keeps the session,
// not answered as an ended sign-in.
func TestAStaleSetUpPageIsRefusedAtTheField(t *testing.T) {
	e := newEnv(t)
	c := e.loginAs(t, "lembaga")
	res := c.post("/akun/dua-langkah", url.Values{"code": {"123456"}})
	if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "Halaman aktivasi sudah kedaluwarsa") {
		t.Fatalf("set-up posted without its key: want 422 with the expiry message, got %s", res)
	}
	if res := c.get("/akun"); res.Status != http.StatusOK {
		t.Fatalf("the user is still signed in afterwards: got %s", res)
	}
}
