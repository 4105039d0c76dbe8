package server_test

// Regression tests for the breaks of issue 10 that the HTTP edge refuses.

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/config"
	"github.com/hakakses/hakakses/internal/store"
)

// count runs a count(*) query in the system scope.
func (e *env) count(query string, args ...any) int {
	e.t.Helper()
	ctx := context.Background()
	var n int
	if err := e.DB.ReadTx(ctx, store.System(), func(tx pgx.Tx) error {
		return tx.QueryRow(ctx, query, args...).Scan(&n)
	}); err != nil {
		e.t.Fatal(err)
	}
	return n
}

// Break 1: bytes PostgreSQL cannot store (invalid UTF-8, NUL) in any query or
// form value, anonymous or signed in, get a 400 page in Bahasa Indonesia, and
// nothing is stored.
func TestInvalidUTF8OrNULInAnyTextInputIsRefusedWith400(t *testing.T) {
	t.Parallel()
	e := newEnv(t, withMaxUpload(1<<20))
	anon := e.newClient(t)
	petugas, kepala := e.loginAs(t, "petugas"), e.loginAs(t, "kepala")
	admin, dirjen, lembaga := e.loginAs(t, "admin"), e.loginAs(t, "dirjen"), e.loginAs(t, "lembaga")
	draft := e.App.CreateDraft
	lp := e.notifPrincipal("lembaga")
	id, err := draft(context.Background(), lp, 0)
	if err != nil {
		t.Fatal(err)
	}
	draftPath := "/oki/lembaga/permohonan/" + strconv.FormatInt(id, 10) + "/ubah"
	version := strconv.Itoa(e.appVersion(id))
	institutions, users, holidays := e.count(`SELECT count(*) FROM institutions`), e.count(`SELECT count(*) FROM users`), e.count(`SELECT count(*) FROM local_holidays`)

	gets := []struct {
		c    *client
		path string
	}{
		{anon, "/oki/lacak?nomor=%FF&kode=%FF"},
		{anon, "/oki/lacak?nomor=%00"},
		{anon, "/%FF/"},
		{anon, "/masuk?next=%00"},
		{petugas, "/oki/kantor/?q=%00"},
		{admin, "/admin/?q=%FF"},
		{dirjen, "/dirjen/?tenant=%00"},
		{dirjen, "/dirjen/?provinsi=%00"},
		{dirjen, "/dirjen/?%FF=1"},
	}
	for _, g := range gets {
		res := g.c.get(g.path)
		if res.Status != http.StatusBadRequest || !strings.Contains(res.Body, "karakter yang tidak sah") {
			t.Errorf("GET %s: want 400 with the Indonesian message, got %s", g.path, res)
		}
	}
	posts := []struct {
		c    *client
		path string
		form url.Values
	}{
		{anon, "/masuk", url.Values{"email": {"a\xff@x.id"}, "password": {"x"}}},
		{anon, "/oki/daftar", url.Values{"type": {"badan_hukum"}, "name": {"Lembaga \xff"}, "address": {"Jl. 1"}, "head_name": {"A"},
			"head_position": {"Direktur"}, "phone": {"0711"}, "email": {"l@x.id"}, "user_name": {"B"}, "user_email": {"b@x.id"},
			"password": {"kata-sandi-panjang-1"}, "confirm": {"kata-sandi-panjang-1"}}},
		{kepala, "/oki/kantor/staf", url.Values{"action": {"add"}, "name": {"Petugas\x00Baru"}, "email": {"pb@x.id"}}},
		{kepala, "/oki/kantor/libur", url.Values{"action": {"add"}, "date": {"2025-03-12"}, "description": {"Hari \xc3"}}},
		{lembaga, "/oki/lembaga/pengguna", url.Values{"name": {"Rekan \xff"}, "email": {"rekan@x.id"}}},
	}
	for _, p := range posts {
		res := p.c.post(p.path, p.form)
		if res.Status != http.StatusBadRequest || !strings.Contains(res.Body, "Tidak ada yang disimpan") {
			t.Errorf("POST %s: want 400 with the Indonesian message, got %s", p.path, res)
		}
	}
	res := lembaga.postMultipart(draftPath, [][2]string{{"version", version}, {"purpose", "Tujuan\x00"}}, map[string][]byte{app.DocRequestLetter: testPDF})
	if res.Status != http.StatusBadRequest {
		t.Errorf("multipart draft with NUL: want 400, got %s", res)
	}
	// A clean multipart form still reaches the handler whole, file included.
	res = lembaga.postMultipart(draftPath, [][2]string{{"version", version}, {"purpose", "Tujuan yang sah ✓"}}, map[string][]byte{app.DocRequestLetter: testPDF})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("clean multipart draft: want 303, got %d: %s", res.Status, regexp.MustCompile(`class="(error|field-error)[^"]*"[^>]*>[^<]*`).FindAllString(res.Body, -1))
	}
	if _, _, purpose := e.appRow(id); purpose != "Tujuan yang sah ✓" {
		t.Errorf("purpose = %q after the clean save", purpose)
	}
	if n := e.count(`SELECT count(*) FROM documents WHERE application_id = $1`, id); n != 1 {
		t.Errorf("documents after the clean save = %d, want 1 (the file passed through the check)", n)
	}
	if e.count(`SELECT count(*) FROM institutions`) != institutions || e.count(`SELECT count(*) FROM users`) != users ||
		e.count(`SELECT count(*) FROM local_holidays`) != holidays {
		t.Error("a refused request stored something")
	}
}

// Break 3: changing the password ends every other session of the user; the
// session that changed it goes on.
func TestPasswordChangeEndsTheUsersOtherSessions(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	first, second := e.loginAs(t, "petugas"), e.loginAs(t, "petugas")
	res := first.post("/akun/kata-sandi", url.Values{"current": {app.DemoPassword}, "new": {"Gunung-Dempo-1741"}, "confirm": {"Gunung-Dempo-1741"}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("change password: %s", res)
	}
	if res := first.get("/beranda"); res.Status != http.StatusSeeOther || res.Location() != "/oki/kantor/" {
		t.Errorf("the changing session: want its home, got %s", res)
	}
	if res := second.get("/beranda"); res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Location(), "/masuk") {
		t.Errorf("the other session: want a redirect to /masuk, got %s", res)
	}
	e.newClient(t).login(demo(t, "petugas").Email, "Gunung-Dempo-1741")
}

// Deactivation ends every session of the account for good: reactivating it does
// not bring an old session back.
func TestDeactivationEndsSessionsEvenAfterReactivation(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	petugas, kepala := e.loginAs(t, "petugas"), e.loginAs(t, "kepala")
	id := strconv.FormatInt(e.notifPrincipal("petugas").UserID, 10)
	for _, action := range []string{"deactivate", "reactivate"} {
		if res := kepala.post("/oki/kantor/staf", url.Values{"action": {action}, "user_id": {id}}); res.Status != http.StatusSeeOther {
			t.Fatalf("%s: %s", action, res)
		}
	}
	if res := petugas.get("/beranda"); res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Location(), "/masuk") {
		t.Errorf("old session after deactivation and reactivation: want a redirect to /masuk, got %s", res)
	}
}

// HSTS is sent when cookies are secure (the site is on HTTPS), not otherwise.
func TestHSTSOnlyWithSecureCookies(t *testing.T) {
	t.Parallel()
	secure := newEnv(t)
	if h := secure.newClient(t).get("/").Header.Get("Strict-Transport-Security"); !strings.Contains(h, "max-age=") {
		t.Errorf("secure: Strict-Transport-Security = %q", h)
	}
	plain := newEnv(t, func(c *config.Config) { c.CookieSecure = false })
	if h := plain.newClient(t).get("/").Header.Get("Strict-Transport-Security"); h != "" {
		t.Errorf("plain http: Strict-Transport-Security = %q, want none", h)
	}
}

// Tracking codes have a guess limit per client address: after
// MaxTrackingFailures wrong look-ups the address is refused, even with the right
// code; another address is not.
func TestTrackingLookupsHaveAGuessLimitPerAddress(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.notifSubmitted()
	var number, code string
	ctx := context.Background()
	if err := e.DB.ReadTx(ctx, store.System(), func(tx pgx.Tx) error {
		return tx.QueryRow(ctx, `SELECT number, tracking_code FROM applications WHERE id = $1`, id).Scan(&number, &code)
	}); err != nil {
		t.Fatal(err)
	}
	lookup := func(c *client, kode string) *response {
		return c.get("/oki/lacak?" + url.Values{"nomor": {number}, "kode": {kode}}.Encode())
	}
	guesser := e.newClientFrom(t, "127.0.0.7")
	for i := range app.MaxTrackingFailures {
		if res := lookup(guesser, fmt.Sprintf("SALAH%05d", i)); res.Status != http.StatusNotFound {
			t.Fatalf("guess %d: want 404, got %s", i+1, res)
		}
	}
	if res := lookup(guesser, code); res.Status != http.StatusTooManyRequests {
		t.Fatalf("right code after %d wrong ones: want 429, got %s", app.MaxTrackingFailures, res)
	}
	if res := lookup(e.newClientFrom(t, "127.0.0.8"), code); res.Status != http.StatusOK {
		t.Fatalf("another address with the right code: want 200, got %s", res)
	}
	e.Clock.Advance(app.TrackingWindow + time.Second)
	if res := lookup(guesser, code); res.Status != http.StatusOK {
		t.Fatalf("after the window: want 200, got %s", res)
	}
}

// Password reset by e-mail: the request answers the same for any address, the
// link works once, the new password must pass the policy, and every session of
// the account ends.
func TestPasswordResetByEmailWorksOnceAndEndsSessions(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	email := demo(t, "petugas").Email
	old := e.loginAs(t, "petugas")
	c := e.newClient(t)
	known := c.post("/lupa-kata-sandi", url.Values{"email": {email}})
	unknown := c.post("/lupa-kata-sandi", url.Values{"email": {"tidak-ada@x.id"}})
	if known.Status != http.StatusOK || known.Body != unknown.Body {
		t.Fatalf("known and unknown addresses are answered differently: %s / %s", known, unknown)
	}
	link := regexp.MustCompile(`/atur-ulang-kata-sandi\?token=[A-Za-z0-9_-]+`).FindString(e.mailTo(email, "Atur ulang kata sandi Hak Akses"))
	if res := c.get(link); res.Status != http.StatusOK || link == "" {
		t.Fatalf("GET %q: %s", link, res)
	}
	token := strings.TrimPrefix(link, "/atur-ulang-kata-sandi?token=")
	if res := c.post("/atur-ulang-kata-sandi", url.Values{"token": {token}, "new": {"passwordpassword"}, "confirm": {"passwordpassword"}}); res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("common password: want 422, got %s", res)
	}
	if res := c.post("/atur-ulang-kata-sandi", url.Values{"token": {token}, "new": {"Sungai-Komering-88"}, "confirm": {"Sungai-Komering-88"}}); res.Status != http.StatusOK {
		t.Fatalf("reset: %s", res)
	}
	if res := old.get("/beranda"); res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Location(), "/masuk") {
		t.Errorf("a session from before the reset: want a redirect to /masuk, got %s", res)
	}
	e.newClient(t).login(email, "Sungai-Komering-88")
	if res := c.post("/atur-ulang-kata-sandi", url.Values{"token": {token}, "new": {"Sungai-Komering-99"}, "confirm": {"Sungai-Komering-99"}}); res.Status != http.StatusNotFound {
		t.Errorf("second use of the token: want 404, got %s", res)
	}
	var stored int
	ctx := context.Background()
	if err := e.DB.ReadTx(ctx, store.System(), func(tx pgx.Tx) error {
		return tx.QueryRow(ctx, `SELECT count(*) FROM account_tokens WHERE token_hash = convert_to($1, 'UTF8')`, token).Scan(&stored)
	}); err != nil {
		t.Fatal(err)
	}
	if stored != 0 {
		t.Error("the token is stored in the clear")
	}
}
