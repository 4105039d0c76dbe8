package server_test

// HTTP tests of the account, tenant and calendar administration screens.

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/store"
)

func registrationForm(email string) url.Values {
	return url.Values{
		"type": {"perangkat_daerah"}, "name": {"Dinas Sosial Kabupaten Ogan Komering Ilir"}, "address": {"Jl. Lintas Timur 5, Kayuagung"},
		"head_name": {"Drs. Hendra"}, "head_position": {"Kepala Dinas Sosial"}, "phone": {"0712-320000"}, "email": {"dinsos@oki.test"},
		"user_name": {"Sari Operator"}, "user_email": {email}, "password": {"kata-sandi-panjang"}, "confirm": {"kata-sandi-panjang"},
	}
}

// institutionByUser finds the institution of the account with email.
func (e *env) institutionByUser(email string) store.Institution {
	e.t.Helper()
	var in store.Institution
	err := e.DB.ReadTx(context.Background(), store.System(), func(tx pgx.Tx) error {
		u, err := store.UserByEmail(context.Background(), tx, email)
		if err != nil {
			return err
		}
		in, err = store.InstitutionByID(context.Background(), tx, *u.TenantID, *u.InstitutionID)
		return err
	})
	if err != nil {
		e.t.Fatalf("institution of %s: %v", email, err)
	}
	return in
}

func bodyHas(t *testing.T, res *response, testID string) string {
	t.Helper()
	n := byTestID(parseHTML(t, res.Body), testID)
	if n == nil {
		t.Fatalf("no data-testid=%q in %s", testID, res)
	}
	return text(n)
}

func TestRegistrationFormCreatesPendingInstitutionAndAnActivationLink(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.newClient(t)
	if res := c.get("/oki/daftar"); res.Status != http.StatusOK || !strings.Contains(res.Body, "badan hukum") {
		t.Fatalf("GET /oki/daftar: %s", res)
	}
	res := c.post("/oki/daftar", registrationForm("sari@dinsos.test"))
	if res.Status != http.StatusOK || !strings.Contains(res.Body, "Pendaftaran diterima") {
		t.Fatalf("POST /oki/daftar: want 200 with the notice, got %s", res)
	}
	if in := e.institutionByUser("sari@dinsos.test"); in.Status != "pending" || in.Type != "perangkat_daerah" {
		t.Fatalf("institution = %+v", in)
	}
	// Not signed in, and unable to sign in before the e-mailed link is used.
	if _, ok := res.sessionSet(); ok {
		t.Error("registration signed the user in")
	}
	if res := c.post("/masuk", url.Values{"email": {"sari@dinsos.test"}, "password": {"kata-sandi-panjang"}}); res.Status != http.StatusUnauthorized {
		t.Fatalf("login before activation: want 401, got %s", res)
	}
	link := regexp.MustCompile(`/aktifkan\?token=[A-Za-z0-9_-]+`).FindString(e.mailTo("sari@dinsos.test", "Aktifkan akun Hak Akses Anda"))
	if res := c.get(link); res.Status != http.StatusOK || link == "" {
		t.Fatalf("GET %q: %s", link, res)
	}
	if res := c.post("/aktifkan", url.Values{"token": {strings.TrimPrefix(link, "/aktifkan?token=")}}); res.Status != http.StatusOK {
		t.Fatalf("activate: %s", res)
	}
	e.Clock.Advance(app.PairDelay(app.FreeFailuresPerPair)) // past any throttle of the failed try above
	c.login("sari@dinsos.test", "kata-sandi-panjang")
	page, _ := c.follow("/beranda")
	if page.Status != http.StatusOK || userName(page.Body) != "Sari Operator" || !strings.Contains(page.Body, "menunggu verifikasi") {
		t.Fatalf("home after activation: %s", page)
	}
}

// Break 4 of issue 10: registering with an e-mail that has an account (anyone's:
// a lembaga, staff of another tenant, the Dirjen) answers exactly as a new one
// does; nothing is stored and the owner is told by e-mail.
func TestRegistrationDoesNotTellWhetherAnEmailHasAnAccount(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	fresh := e.newClient(t).post("/oki/daftar", registrationForm("baru@dinsos.test"))
	institutions, users := e.count(`SELECT count(*) FROM institutions`), e.count(`SELECT count(*) FROM users`)
	for _, role := range []string{"lembaga", "kepala", "dirjen", "admin"} {
		email := demo(t, role).Email
		res := e.newClient(t).post("/oki/daftar", registrationForm(strings.ToUpper(email)))
		if res.Status != fresh.Status || res.Body != fresh.Body {
			t.Errorf("%s's e-mail: the answer differs from a new e-mail's: %s", role, res)
		}
		if body := e.mailTo(email, "Percobaan pendaftaran dengan e-mail Anda"); !strings.Contains(body, "sudah memiliki akun") {
			t.Errorf("%s was not told: %q", role, body)
		}
	}
	if e.count(`SELECT count(*) FROM institutions`) != institutions || e.count(`SELECT count(*) FROM users`) != users {
		t.Error("a registration with a taken e-mail stored something")
	}
}

// mailTo is the body of the latest e-mail queued for an address with a subject.
func (e *env) mailTo(to, subject string) string {
	e.t.Helper()
	ctx := context.Background()
	var body string
	if err := e.DB.ReadTx(ctx, store.System(), func(tx pgx.Tx) error {
		return tx.QueryRow(ctx, `SELECT body FROM outbox WHERE to_address = $1 AND subject = $2 ORDER BY id DESC LIMIT 1`, to, subject).Scan(&body)
	}); err != nil {
		e.t.Fatalf("e-mail %q to %s: %v", subject, to, err)
	}
	return body
}

func TestStaffOfAnotherTenantGet404OnVerificationPages(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	oku := e.onboardOKU()
	e.newClient(t).post("/oki/daftar", registrationForm("sari@dinsos.test"))
	id := strconv.FormatInt(e.institutionByUser("sari@dinsos.test").ID, 10)

	okuStaff := e.newClient(t)
	okuStaff.login(oku.PetugasEmail, oku.Password)
	for _, path := range []string{"/oki/kantor/lembaga", "/oki/kantor/lembaga/" + id} {
		if res := okuStaff.get(path); res.Status != http.StatusNotFound {
			t.Errorf("OKU petugas GET %s: want 404, got %s", path, res)
		}
	}
	if res := okuStaff.post("/oki/kantor/lembaga/"+id+"/verifikasi", nil); res.Status != http.StatusNotFound {
		t.Errorf("OKU petugas verifies an OKI institution: want 404, got %s", res)
	}
	// Under their own tenant's URL, the ID of another tenant's institution is not found either.
	if res := okuStaff.get("/oku/kantor/lembaga/" + id); res.Status != http.StatusNotFound {
		t.Errorf("GET /oku/kantor/lembaga/%s: want 404, got %s", id, res)
	}
	if res := okuStaff.post("/oku/kantor/lembaga/"+id+"/verifikasi", nil); res.Status != http.StatusNotFound {
		t.Errorf("POST /oku/…/verifikasi of an OKI institution: want 404, got %s", res)
	}
	if in := e.institutionByUser("sari@dinsos.test"); in.Status != "pending" {
		t.Fatalf("status changed to %s", in.Status)
	}
}

func TestPetugasVerifiesAPendingInstitution(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.newClient(t).post("/oki/daftar", registrationForm("sari@dinsos.test"))
	id := strconv.FormatInt(e.institutionByUser("sari@dinsos.test").ID, 10)
	c := e.loginAs(t, "petugas")
	list := c.get("/oki/kantor/lembaga?status=menunggu")
	if list.Status != http.StatusOK || !strings.Contains(bodyHas(t, list, "institution-table"), "Dinas Sosial") {
		t.Fatalf("pending list: %s", list)
	}
	if res := c.post("/oki/kantor/lembaga/"+id+"/tolak", url.Values{"reason": {""}}); res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("refusal without reason: want 422, got %s", res)
	}
	res := c.post("/oki/kantor/lembaga/"+id+"/verifikasi", nil)
	if res.Status != http.StatusSeeOther || res.Location() != "/oki/kantor/lembaga/"+id {
		t.Fatalf("verify: %s", res)
	}
	page := c.get(res.Location())
	if got := bodyHas(t, page, "institution-status"); got != "Terverifikasi" {
		t.Fatalf("status shown = %q", got)
	}
	if res := c.post("/oki/kantor/lembaga/"+id+"/verifikasi", nil); res.Status != http.StatusConflict {
		t.Fatalf("verify twice: want 409, got %s", res)
	}
}

func TestSettingsAreTheKepalasAndShowALetterNumberExample(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	if res := e.loginAs(t, "petugas").get("/oki/kantor/pengaturan"); res.Status != http.StatusNotFound {
		t.Fatalf("petugas GET settings: want 404, got %s", res)
	}
	c := e.loginAs(t, "kepala")
	page := c.get("/oki/kantor/pengaturan")
	if page.Status != http.StatusOK {
		t.Fatalf("kepala GET settings: %s", page)
	}
	if got := bodyHas(t, page, "letter-example"); !strings.Contains(got, "400.12.4.4/20/PENG/DUKCAPIL.OKI/2025") {
		t.Errorf("example = %q", got)
	}
	form := url.Values{}
	for k, v := range map[string]string{"head_title": "Bupati", "head_name": "H. Muchendi", "kepala_name": "Drs. H. Ahmad Syafei, M.Si",
		"kepala_nip": "19700512 199503 1 002", "kepala_rank": "Pembina Utama Muda (IV/c)", "city": "Kayuagung", "address": "Jl. Letnan Muchtar Saleh No. 1",
		"letter_template": "{kode}/{jenis}/{tahun}", "letter_code": "400.12.4.4", "unit_code": "DUKCAPIL.OKI", "office_open": "07:30",
		"office_close": "16:00", "sla_target_days": "2"} {
		form.Set(k, v)
	}
	res := c.post("/oki/kantor/pengaturan", form)
	if res.Status != http.StatusUnprocessableEntity || !strings.Contains(bodyHas(t, res, "error-letter_template"), "{urut}") {
		t.Fatalf("template without {urut}: %s", res)
	}
	form.Set("letter_template", "{kode}/{urut}/{bulan_romawi}/{tahun}")
	form.Set("preview", "1")
	res = c.post("/oki/kantor/pengaturan", form)
	if res.Status != http.StatusOK || !strings.Contains(bodyHas(t, res, "letter-example"), "400.12.4.4/20/III/2025") {
		t.Fatalf("preview: %s", res)
	}
	form.Del("preview")
	if res = c.post("/oki/kantor/pengaturan", form); res.Status != http.StatusSeeOther {
		t.Fatalf("save: %s", res)
	}
	page = c.get("/oki/kantor/pengaturan")
	if !strings.Contains(bodyHas(t, page, "flash"), "tersimpan") {
		t.Errorf("no flash after saving")
	}
}

func TestLocalHolidayPageSaysHowManyDeadlinesWereRecomputed(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	if res := e.loginAs(t, "petugas").post("/oki/kantor/libur", url.Values{"action": {"add"}, "date": {"2025-03-12"}, "description": {"x"}}); res.Status != http.StatusNotFound {
		t.Fatalf("petugas adds a holiday: want 404, got %s", res)
	}
	c := e.loginAs(t, "kepala")
	res := c.post("/oki/kantor/libur", url.Values{"action": {"add"}, "date": {"2025-03-12"}, "description": {"Hari Jadi Kabupaten"}})
	if res.Status != http.StatusSeeOther || res.Location() != "/oki/kantor/libur?tahun=2025" {
		t.Fatalf("add: %s", res)
	}
	page := c.get(res.Location())
	if flash := bodyHas(t, page, "flash"); !strings.Contains(flash, "dihitung ulang") {
		t.Errorf("flash = %q", flash)
	}
	if byTestID(parseHTML(t, page.Body), "holiday-2025-03-12") == nil {
		t.Errorf("new holiday not listed")
	}
	res = c.post("/oki/kantor/libur", url.Values{"action": {"add"}, "date": {"2025-03-12"}, "description": {"Lagi"}})
	if res.Status != http.StatusUnprocessableEntity || bodyHas(t, res, "error-date") == "" {
		t.Fatalf("duplicate date: %s", res)
	}
}

func TestAdminOnboardsATenantWithAOneTimePassword(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.loginAs(t, "admin")
	home := c.get("/admin/?q=ogan")
	if home.Status != http.StatusOK || byTestID(parseHTML(t, home.Body), "tenant-16.01") == nil {
		t.Fatalf("admin home search: %s", home)
	}
	if byTestID(parseHTML(t, home.Body), "holiday-warning") != nil {
		t.Errorf("warning shown although %d has holiday data", demoNow.Year())
	}
	form := url.Values{"code": {"16.01"}, "slug": {"daftar"}, "kepala_name": {"Kepala OKU"}, "kepala_email": {"kepala@oku.test"}}
	res := c.post("/admin/tenant", form)
	if res.Status != http.StatusUnprocessableEntity || bodyHas(t, res, "error-slug") == "" {
		t.Fatalf("reserved slug: %s", res)
	}
	form.Set("slug", "oku")
	res = c.post("/admin/tenant", form)
	if res.Status != http.StatusOK {
		t.Fatalf("onboard: %s", res)
	}
	password := bodyHas(t, res, "one-time-password")
	kepala := e.newClient(t)
	kepala.login("kepala@oku.test", password)
	if page, visited := kepala.follow("/beranda"); page.Status != http.StatusOK || visited[len(visited)-1] != "/oku/kantor/" {
		t.Fatalf("new kepala lands on %v: %s", visited, page)
	}
	if res := e.newClient(t).get("/oku/"); res.Status != http.StatusOK {
		t.Fatalf("public page of the new tenant: %s", res)
	}
}

func TestAdminHolidayChangesRedirectWithARecomputeNote(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.loginAs(t, "admin")
	res := c.post("/admin/libur", url.Values{"action": {"save"}, "date": {"2027-01-01"}, "kind": {"libur_nasional"}, "description": {"Tahun Baru 2027 Masehi"}})
	if res.Status != http.StatusSeeOther || res.Location() != "/admin/libur?tahun=2027" {
		t.Fatalf("save: %s", res)
	}
	page := c.get(res.Location())
	if !strings.Contains(bodyHas(t, page, "flash"), "ditambahkan") || byTestID(parseHTML(t, page.Body), "year-unpublished") == nil {
		t.Fatalf("2027 page: %s", page)
	}
	res = c.post("/admin/libur", url.Values{"action": {"publish"}, "year": {"2027"}, "source": {"SKB 3 Menteri 2027"}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("publish: %s", res)
	}
	page = c.get(res.Location())
	if byTestID(parseHTML(t, page.Body), "year-published") == nil {
		t.Fatalf("2027 not shown as published: %s", page)
	}
	if res := e.loginAs(t, "kepala").get("/admin/libur"); res.Status != http.StatusNotFound {
		t.Fatalf("kepala GET /admin/libur: want 404, got %s", res)
	}
}
