package server_test

// The authorisation matrix of issue 10: every route of the router (walked from
// chi's tree, so a new route without a row fails), for every principal (anonymous,
// the lembaga owning the application, a lembaga of another institution, petugas,
// kepala, dirjen, admin) and for the principal's own tenant and a foreign one, is
// answered as the table says. Nothing answers 500.

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/go-chi/chi/v5"
	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/auth"
	"github.com/hakakses/hakakses/internal/server"
	"github.com/hakakses/hakakses/internal/store"
)

// Outcomes: pass (the handler ran: not 401, 404 or a redirect to the login page),
// deny (404: the page does not exist for this principal), login (anonymous: sent
// to sign in, or 401 for a POST), any (only: not a 500, never a login demand of a
// signed-in user).
const (
	pass  = "pass"
	deny  = "deny"
	login = "login"
	anyOK = "any"
)

// who is a principal of the matrix.
type who struct {
	name string
	role string // "" for anonymous
}

var matrixPrincipals = []who{{"anonymous", ""}, {"lembaga", "lembaga"}, {"lembaga-other", "lembaga"},
	{"petugas", "petugas"}, {"kepala", "kepala"}, {"dirjen", "dirjen"}, {"admin", "admin"}}

// rule says the outcome for a principal on its own tenant's URL (own) or a
// foreign one; routes without {tenant} are asked with own = true only.
type rule func(w who, own bool) string

func public(who, bool) string { return pass }
func anyone(who, bool) string { return anyOK }
func signedIn(w who, _ bool) string {
	if w.role == "" {
		return login
	}
	return pass
}

// only lets the named principals through, on their own tenant when tenant-scoped.
func only(names ...string) rule {
	return func(w who, own bool) string {
		if w.role == "" {
			return login
		}
		for _, n := range names {
			if n == w.name && own {
				return pass
			}
		}
		return deny
	}
}

// onlyAny is only, where the page itself may not exist yet for the allowed
// principals (the agreement diff of an application without agreement drafts).
func onlyAny(names ...string) rule {
	inner := only(names...)
	return func(w who, own bool) string {
		if o := inner(w, own); o != pass {
			return o
		}
		return anyOK
	}
}

// signedInAny: anonymous must sign in; the rest is the handler's business
// (another user's notification is simply not found).
func signedInAny(w who, _ bool) string {
	if w.role == "" {
		return login
	}
	return anyOK
}

// tokenOnly: the JSON API takes personal tokens, not sessions, so every
// principal of the matrix (none carries a token) is asked to authenticate.
func tokenOnly(who, bool) string { return login }

// area lets the named principals reach a page whose handler then decides (a
// note or a comment the page refuses in Bahasa Indonesia); everyone else does
// not find it, and a foreign tenant's URL is found by no one.
func area(names ...string) rule {
	return func(w who, own bool) string {
		if w.role == "" {
			return login
		}
		for _, n := range names {
			if n == w.name && own {
				return anyOK
			}
		}
		return deny
	}
}

// platform lets the admin through on every tenant's URL (the admin's pages for
// a tenant); nobody else finds them.
func platform(w who, _ bool) string {
	switch {
	case w.role == "":
		return login
	case w.name == "admin":
		return pass
	}
	return deny
}

var matrix = map[string]rule{
	"GET /{tenant}/kantor/pengaturan/webhook":                    only("kepala"), // a reload after the form: back to the settings page
	"POST /{tenant}/kantor/pengaturan/webhook":                   only("kepala"), // no action: refused in Bahasa (422)
	"GET /admin/tenant/{tenant}/webhook":                         platform,
	"POST /admin/tenant/{tenant}/webhook":                        platform,
	"GET /akun/token":                                            signedIn,
	"POST /akun/token":                                           signedIn,
	"POST /akun/token/{id}/cabut":                                signedInAny, // another user's token is not found
	"GET /api/v1/openapi.json":                                   public,
	"GET /api/v1/applications":                                   tokenOnly,
	"POST /api/v1/applications":                                  tokenOnly,
	"GET /api/v1/applications/{id}":                              tokenOnly,
	"PUT /api/v1/applications/{id}/draft":                        anyone, // the matrix client POSTs forms (405); the API tests refuse a PUT without a token
	"POST /api/v1/applications/{id}/events/{event}":              tokenOnly,
	"POST /{tenant}/kantor/pengaturan/lambang":                   only("kepala"),
	"GET /{tenant}/lembaga/permohonan/{id}/surat-pernyataan.pdf": onlyAny("lembaga"),
	"POST /dirjen/permohonan/{id}/catatan":                       area("dirjen"),
	"POST /dirjen/permohonan/{id}/komentar":                      area("dirjen"),
	"POST /{tenant}/kantor/permohonan/{id}/catatan":              area("petugas", "kepala"),
	"POST /{tenant}/kantor/permohonan/{id}/komentar":             area("petugas", "kepala"),
	"POST /{tenant}/lembaga/permohonan/{id}/catatan":             area("lembaga", "lembaga-other"),
	"POST /{tenant}/lembaga/permohonan/{id}/komentar":            area("lembaga", "lembaga-other"),

	"GET /":                                              public,
	"GET /healthz":                                       public,
	"GET /readyz":                                        public,
	"GET /static/*":                                      anyone,
	"GET /masuk":                                         public,
	"POST /masuk":                                        anyone, // 422 empty form
	"POST /keluar":                                       public,
	"GET /lupa-kata-sandi":                               public,
	"POST /lupa-kata-sandi":                              anyone,
	"GET /aktifkan":                                      anyone, // no token: "link not valid"
	"POST /aktifkan":                                     anyone,
	"GET /buka-kunci":                                    anyone,
	"POST /buka-kunci":                                   anyone,
	"GET /atur-ulang-kata-sandi":                         anyone,
	"POST /atur-ulang-kata-sandi":                        anyone,
	"GET /masuk/verifikasi":                              anyone, // no sign-in pending: back to /masuk
	"POST /masuk/verifikasi":                             anyone, // no sign-in pending: 401 with the login form
	"GET /masuk/aktivasi-dua-langkah":                    anyone,
	"POST /masuk/aktivasi-dua-langkah":                   anyone,
	"GET /akun":                                          signedIn,
	"GET /akun/dua-langkah":                              signedIn, // enrolled already: back to /akun
	"POST /akun/dua-langkah":                             signedIn, // no code: 422
	"POST /akun/dua-langkah/kode-pemulihan":              signedIn,
	"POST /akun/dua-langkah/nonaktifkan":                 signedIn, // a mandatory role: 403
	"GET /admin/akun":                                    only("admin"),
	"POST /admin/akun/{id}/atur-ulang-dua-langkah":       onlyAny("admin"), // no such account: not found
	"GET /beranda":                                       signedIn,
	"GET /akun/kata-sandi":                               signedIn,
	"POST /akun/kata-sandi":                              signedIn,
	"GET /notifikasi":                                    signedIn,
	"GET /akun/pengingat":                                signedIn,
	"POST /akun/bahasa":                                  signedIn, // no language chosen: 422 on the account page
	"GET /bahasa":                                        public,   // no language: 400 on the page; never a login demand
	"POST /akun/pengingat":                               signedIn,
	"GET /admin/tugas":                                   only("admin"),
	"POST /admin/tugas/{id}/ulang":                       onlyAny("admin"), // no such job: not found
	"GET /admin/dasbor":                                  only("admin"),
	"GET /admin/ikm":                                     only("admin"),
	"GET /admin/ikm/ekspor":                              only("admin"),
	"GET /dirjen/ikm":                                    only("dirjen"),
	"GET /dirjen/ikm/ekspor":                             only("dirjen"),
	"GET /dirjen/ekspor/permohonan":                      only("dirjen"),
	"GET /dirjen/dasbor":                                 only("dirjen"),
	"GET /{tenant}/kantor/ikm":                           only("petugas", "kepala"),
	"GET /{tenant}/kantor/ikm/ekspor":                    only("petugas", "kepala"),
	"GET /{tenant}/kantor/dasbor":                        only("petugas", "kepala"),
	"GET /{tenant}/kantor/ekspor/permohonan":             only("petugas", "kepala"),
	"GET /{tenant}/lembaga/survei/{id}":                  onlyAny("lembaga", "lembaga-other"), // the id is no survey's
	"POST /{tenant}/lembaga/survei/{id}":                 onlyAny("lembaga", "lembaga-other"),
	"POST /notifikasi/baca-semua":                        signedIn,
	"POST /notifikasi/{id}/baca":                         signedInAny,
	"GET /dev/surel":                                     only("admin"),
	"GET /admin/":                                        only("admin"),
	"GET /admin/libur":                                   only("admin"),
	"GET /admin/audit":                                   only("admin"),
	"GET /{tenant}/kantor/audit":                         only("kepala"),
	"POST /admin/libur":                                  only("admin"),
	"POST /admin/tenant":                                 only("admin"),
	"GET /dirjen/":                                       only("dirjen"),
	"GET /dirjen/permohonan/{id}/":                       only("dirjen"),
	"POST /dirjen/permohonan/{id}/aksi/{event}":          only("dirjen"),
	"GET /dirjen/permohonan/{id}/dokumen/{doc}":          only("dirjen"),
	"GET /dirjen/permohonan/{id}/pks/banding":            onlyAny("dirjen"),
	"GET /{tenant}/":                                     public,
	"GET /{tenant}/lacak":                                public,
	"GET /{tenant}/daftar":                               public,
	"POST /{tenant}/daftar":                              anyone,
	"GET /{tenant}/kantor/":                              only("petugas", "kepala"),
	"GET /{tenant}/kantor/laporan":                       only("petugas", "kepala"),
	"GET /{tenant}/kantor/lembaga":                       only("petugas", "kepala"),
	"GET /{tenant}/kantor/lembaga/{id}":                  only("petugas", "kepala"),
	"POST /{tenant}/kantor/lembaga/{id}/tolak":           only("petugas", "kepala"),
	"POST /{tenant}/kantor/lembaga/{id}/verifikasi":      only("petugas", "kepala"),
	"GET /{tenant}/kantor/libur":                         only("petugas", "kepala"),
	"POST /{tenant}/kantor/libur":                        only("kepala"),
	"GET /{tenant}/kantor/pengaturan":                    only("kepala"),
	"POST /{tenant}/kantor/pengaturan":                   only("kepala"),
	"GET /{tenant}/kantor/staf":                          only("petugas", "kepala"),
	"POST /{tenant}/kantor/staf":                         only("kepala"),
	"GET /{tenant}/kantor/permohonan/{id}/":              only("petugas", "kepala"),
	"POST /{tenant}/kantor/permohonan/{id}/aksi/{event}": only("petugas", "kepala"),
	"GET /{tenant}/kantor/permohonan/{id}/dokumen/{doc}": only("petugas", "kepala"),
	"GET /{tenant}/kantor/permohonan/{id}/pks/banding":   onlyAny("petugas", "kepala"),
	"GET /{tenant}/lembaga/":                             only("lembaga", "lembaga-other"),
	"GET /{tenant}/lembaga/pengguna":                     only("lembaga", "lembaga-other"),
	"POST /{tenant}/lembaga/pengguna":                    only("lembaga", "lembaga-other"),
	"POST /{tenant}/lembaga/permohonan":                  only("lembaga", "lembaga-other"),
	// An application is its own institution's: another institution's user of
	// the same tenant does not find it.
	"GET /{tenant}/lembaga/permohonan/{id}/":              only("lembaga"),
	"POST /{tenant}/lembaga/permohonan/{id}/aksi/{event}": only("lembaga"),
	"GET /{tenant}/lembaga/permohonan/{id}/dokumen/{doc}": only("lembaga"),
	"POST /{tenant}/lembaga/permohonan/{id}/perpanjang":   only("lembaga"),
	"GET /{tenant}/lembaga/permohonan/{id}/pks/banding":   onlyAny("lembaga"),
	"GET /{tenant}/lembaga/permohonan/{id}/ubah":          only("lembaga"),
	"POST /{tenant}/lembaga/permohonan/{id}/ubah":         only("lembaga"),
	// Removing a kept file: only the user who kept it finds it (the handler
	// answers "nothing removed" for a kind it has none of).
	"POST /{tenant}/lembaga/permohonan/{id}/lampiran/hapus":     only("lembaga"),
	"POST /{tenant}/kantor/permohonan/{id}/lampiran/hapus":      only("petugas", "kepala"),
	"POST /dirjen/permohonan/{id}/lampiran/hapus":               only("dirjen"),
	"GET /{tenant}/lembaga/permohonan/{id}/bukti-pengajuan.pdf": only("lembaga"),
	"GET /{tenant}/lembaga/permohonan/{id}/format/{kind}":       onlyAny("lembaga"),           // "{kind}" names no format: not found
	"POST /{tenant}/kantor/permohonan/{id}/pks/pratinjau":       onlyAny("petugas", "kepala"), // no ?aksi=: not found
}

func TestAuthorisationMatrixCoversEveryRoute(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.onboardOKU()
	appID := e.forwarded()
	ctx := context.Background()
	var instID, docID, notifID int64
	hash, err := auth.Hash("kata-sandi-lain-77", testHashParams)
	if err != nil {
		t.Fatal(err)
	}
	err = e.DB.Tx(ctx, store.System(), func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, `SELECT institution_id FROM applications WHERE id = $1`, appID).Scan(&instID); err != nil {
			return err
		}
		if err := tx.QueryRow(ctx, `SELECT id FROM documents WHERE application_id = $1 ORDER BY id LIMIT 1`, appID).Scan(&docID); err != nil {
			return err
		}
		if err := tx.QueryRow(ctx, `SELECT id FROM notifications ORDER BY id LIMIT 1`).Scan(&notifID); err != nil {
			return err
		}
		var oki int64
		if err := tx.QueryRow(ctx, `SELECT id FROM tenants WHERE slug = 'oki'`).Scan(&oki); err != nil {
			return err
		}
		other, err := store.CreateInstitution(ctx, tx, store.NewInstitution{TenantID: oki, Type: "badan_hukum", Name: "RSU Lain"}, e.Clock.Now())
		if err != nil {
			return err
		}
		if err := store.SetInstitutionStatus(ctx, tx, oki, other, "verified", "", e.Clock.Now()); err != nil {
			return err
		}
		_, err = store.CreateUser(ctx, tx, store.NewUser{TenantID: &oki, InstitutionID: &other, Email: "lain@rsu.test", Name: "Operator Lain",
			Role: "lembaga", PasswordHash: hash}, e.Clock.Now())
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	clients := map[string]*client{}
	signIn := func(w who) *client {
		c := e.newClient(t)
		switch w.name {
		case "anonymous":
		case "lembaga-other":
			c.login("lain@rsu.test", "kata-sandi-lain-77")
		default:
			c.login(demo(t, w.role).Email, app.DemoPassword)
		}
		return c
	}
	for _, w := range matrixPrincipals {
		clients[w.name] = signIn(w)
	}

	var routes []string
	s := server.New(e.App, e.Cfg, e.App.Log)
	if err := chi.Walk(server.RoutesOf(s), func(method, route string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		if route == "/static/*" && method != http.MethodGet {
			return nil // the file server's other methods: one row for the folder
		}
		routes = append(routes, method+" "+route)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	fill := func(route, tenant string) string {
		r := strings.NewReplacer("{tenant}", tenant, "{doc}", strconv.FormatInt(docID, 10), "{event}", "forward", "*", "app.css")
		path := r.Replace(route)
		id := appID
		switch {
		case strings.Contains(route, "/kantor/lembaga/{id}"):
			id = instID
		case strings.Contains(route, "/notifikasi/{id}"):
			id = notifID
		case strings.Contains(route, "/admin/akun/{id}"):
			id = 1 << 40 // no account: a reset must not end a session the matrix still uses
		}
		path = strings.ReplaceAll(path, "{id}", strconv.FormatInt(id, 10))
		if strings.Contains(route, "/ekspor") {
			path += "?format=csv" // an export asks for its format
		}
		return path
	}
	cells := 0
	for _, rt := range routes {
		rule, ok := matrix[rt]
		if !ok {
			t.Errorf("route %s has no row in the authorisation matrix", rt)
			continue
		}
		method, route, _ := strings.Cut(rt, " ")
		tenants := []bool{true}
		if strings.Contains(route, "{tenant}") {
			tenants = []bool{true, false}
		}
		for _, w := range matrixPrincipals {
			for _, own := range tenants {
				slug := "oki"
				if !own {
					slug = "oku"
				}
				path := fill(route, slug)
				c := clients[w.name]
				if rt == "POST /keluar" {
					c = signIn(w) // signing out ends the session: use a throwaway one
				}
				var res *response
				if method == http.MethodGet {
					res = c.get(path)
				} else {
					res = c.post(path, url.Values{"version": {fmt.Sprint(e.appVersion(appID))}})
				}
				cells++
				got := classify(res, w.role != "")
				want := rule(w, own)
				if res.Status >= 500 || !matches(got, want, w.role != "") {
					t.Errorf("%s %s as %s (own tenant %v): got %d (%s), want %s", method, path, w.name, own, res.Status, got, want)
				}
			}
		}
	}
	for rt := range matrix {
		found := false
		for _, r := range routes {
			found = found || r == rt
		}
		if !found {
			t.Errorf("matrix row %s names no route", rt)
		}
	}
	t.Logf("authorisation matrix: %d routes × %d principals × own/foreign tenant = %d cells", len(routes), len(matrixPrincipals), cells)
}

// classify names what a response is.
func classify(res *response, signedIn bool) string {
	switch {
	case res.Status == http.StatusUnauthorized, isRedirect(res.Status) && strings.HasPrefix(res.Location(), "/masuk"):
		return login
	case res.Status == http.StatusNotFound:
		return deny
	}
	return pass
}

func matches(got, want string, signedIn bool) bool {
	if want == anyOK {
		return !(signedIn && got == login)
	}
	return got == want
}
