package app_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

func TestRegistrationCreatesPendingInstitutionWithItsFirstUser(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	p, err := f.app.RegisterInstitution(f.ctx, f.okiID(), registration("Budi@RSU.test"))
	if err != nil {
		t.Fatal(err)
	}
	if p.Role != workflow.RoleLembaga || p.TenantID != f.okiID() || p.InstitutionID == 0 || p.Email != "budi@rsu.test" {
		t.Fatalf("principal = %+v", p)
	}
	in, err := f.app.MyInstitution(f.ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	if in.Status != app.InstitutionPending || in.Type != workflow.BadanHukum || in.Name != "RSU Kayuagung Sehat" {
		t.Fatalf("institution = %+v", in)
	}
	// The new user signs in only after using the e-mailed activation link.
	if _, _, err := f.app.Authenticate(f.ctx, "budi@rsu.test", "kata-sandi-rahasia", "test"); app.ErrorCode(err) != app.CodeUnauthorized {
		t.Fatalf("login before activation: %v, want unauthorized", err)
	}
	var body string
	if err := f.db.ReadTx(f.ctx, store.System(), func(tx pgx.Tx) error {
		return tx.QueryRow(f.ctx, `SELECT body FROM outbox WHERE to_address = 'budi@rsu.test'`).Scan(&body)
	}); err != nil {
		t.Fatal(err)
	}
	_, token, ok := strings.Cut(body, "/aktifkan?token=")
	token, _, _ = strings.Cut(token, "\n")
	if !ok || f.app.ActivateAccount(f.ctx, token) != nil {
		t.Fatalf("activation link in %q", body)
	}
	if _, _, err := f.app.Authenticate(f.ctx, "budi@rsu.test", "kata-sandi-rahasia", "test2"); err != nil {
		t.Fatalf("login after activation: %v", err)
	}
	if err := f.app.ActivateAccount(f.ctx, token); app.ErrorCode(err) != app.CodeNotFound {
		t.Errorf("second use of the activation token: %v", err)
	}
}

func TestRegistrationWithTakenEmailTellsTheOwnerAndChangesNothing(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	institutions := f.count(`SELECT count(*) FROM institutions`)
	users := f.count(`SELECT count(*) FROM users`)
	// The demo lembaga's address is taken, whatever its case; the caller is not told.
	p, err := f.app.RegisterInstitution(f.ctx, f.okiID(), registration("LEMBAGA@oki.demo.hakakses.id"))
	if err != nil || p.UserID != 0 {
		t.Fatalf("taken e-mail: principal %+v, err %v; want neither", p, err)
	}
	if n := f.count(`SELECT count(*) FROM outbox WHERE to_address = 'lembaga@oki.demo.hakakses.id' AND subject = 'Percobaan pendaftaran dengan e-mail Anda'`); n != 1 {
		t.Errorf("owner e-mails = %d, want 1", n)
	}
	if n := f.count(`SELECT count(*) FROM institutions`); n != institutions {
		t.Errorf("institutions %d → %d: the institution outlived its user's failed insert", institutions, n)
	}
	if n := f.count(`SELECT count(*) FROM users`); n != users {
		t.Errorf("users %d → %d", users, n)
	}
}

func TestRegistrationValidatesEveryField(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tests := []struct {
		field  string
		mutate func(*app.Registration)
	}{
		{"type", func(r *app.Registration) { r.Type = "koperasi" }},
		{"name", func(r *app.Registration) { r.Name = "  " }},
		{"head_name", func(r *app.Registration) { r.HeadName = "" }},
		{"email", func(r *app.Registration) { r.Email = "bukan-email" }},
		{"user_email", func(r *app.Registration) { r.UserEmail = "" }},
		{"password", func(r *app.Registration) { r.Password, r.Confirm = "pendek", "pendek" }},
		{"confirm", func(r *app.Registration) { r.Confirm = "lain-sekali-123" }},
	}
	for _, tc := range tests {
		t.Run(tc.field, func(t *testing.T) {
			in := registration("baru-" + tc.field + "@rsu.test")
			tc.mutate(&in)
			_, err := f.app.RegisterInstitution(f.ctx, f.okiID(), in)
			wantInvalid(t, err, tc.field)
		})
	}
	if n := f.count(`SELECT count(*) FROM institutions WHERE status = 'pending'`); n != 0 {
		t.Fatalf("%d pending institutions after only invalid forms", n)
	}
}

func TestRegistrationIsRateLimitedPerClientAddress(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for i := range app.MaxRegisterPerClient {
		if _, err := f.app.RegisterInstitution(f.ctx, f.okiID(), registration(fmt.Sprintf("u%d@rsu.test", i))); err != nil {
			t.Fatalf("attempt %d: %v", i+1, err)
		}
	}
	_, err := f.app.RegisterInstitution(f.ctx, f.okiID(), registration("satu-lagi@rsu.test"))
	wantCode(t, err, app.CodeRateLimited)
	// Another address is not held back.
	other := registration("dari-tempat-lain@rsu.test")
	other.ClientAddr = "198.51.100.7"
	if _, err := f.app.RegisterInstitution(f.ctx, f.okiID(), other); err != nil {
		t.Fatalf("other client: %v", err)
	}
}

func TestUnverifiedInstitutionCannotSubmitUntilStaffVerifyIt(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	p, err := f.app.RegisterInstitution(f.ctx, f.okiID(), registration("operator@dinsos.test"))
	if err != nil {
		t.Fatal(err)
	}
	// A complete draft of the new, pending institution.
	f.lembaga = p
	id := f.completeDraft()
	err = f.app.Fire(f.ctx, p, id, app.Action{Event: workflow.Submit, Version: f.version(id)})
	wantInvalid(t, err, "institution_verified")
	if got := f.state(id); got != workflow.Draft {
		t.Fatalf("state = %s after a refused submit", got)
	}

	if err := f.app.VerifyInstitution(f.ctx, f.petugas, p.InstitutionID); err != nil {
		t.Fatal(err)
	}
	wantCode(t, f.app.VerifyInstitution(f.ctx, f.petugas, p.InstitutionID), app.CodeConflict)
	// A badan hukum also needs its legal documents; the verification guard is gone.
	err = f.app.Fire(f.ctx, p, id, app.Action{Event: workflow.Submit, Version: f.version(id)})
	if e := wantInvalid(t, err, ""); e.Fields["institution_verified"] != "" {
		t.Fatalf("still refused as unverified after verification: %v", e.Fields)
	}
}

func TestRefusalNeedsAReasonAndIsShownToTheInstitution(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	p, err := f.app.RegisterInstitution(f.ctx, f.okiID(), registration("operator@rsu.test"))
	if err != nil {
		t.Fatal(err)
	}
	wantInvalid(t, f.app.RefuseInstitution(f.ctx, f.kepala, p.InstitutionID, "  "), "reason")
	wantCode(t, f.app.RefuseInstitution(f.ctx, f.lembaga, p.InstitutionID, "bukan haknya"), app.CodeForbidden)
	if err := f.app.RefuseInstitution(f.ctx, f.kepala, p.InstitutionID, "Tidak melayani publik di kabupaten ini."); err != nil {
		t.Fatal(err)
	}
	d, err := f.app.Colleagues(f.ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	if d.Institution.Status != app.InstitutionRefused || d.Institution.StatusReason != "Tidak melayani publik di kabupaten ini." {
		t.Fatalf("institution = %+v", d.Institution)
	}
	list, err := f.app.Institutions(f.ctx, f.petugas, app.InstitutionRefused, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(list.Institutions) != 1 || list.Counts[app.InstitutionVerified] != 1 || list.Counts[app.InstitutionRefused] != 1 {
		t.Fatalf("refused list = %d rows, counts %v", len(list.Institutions), list.Counts)
	}
}

func TestStaffOfAnotherTenantCannotSeeOrVerifyAnInstitution(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	p, err := f.app.RegisterInstitution(f.ctx, f.okiID(), registration("operator@rsu.test"))
	if err != nil {
		t.Fatal(err)
	}
	_, okuKepala := f.onboardOKU()
	wantCode(t, f.app.VerifyInstitution(f.ctx, okuKepala, p.InstitutionID), app.CodeNotFound)
	wantCode(t, f.app.RefuseInstitution(f.ctx, okuKepala, p.InstitutionID, "coba"), app.CodeNotFound)
	_, err = f.app.Institution(f.ctx, okuKepala, p.InstitutionID)
	wantCode(t, err, app.CodeNotFound)
	list, err := f.app.Institutions(f.ctx, okuKepala, app.InstitutionPending, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(list.Institutions) != 0 {
		t.Fatalf("OKU staff see %d pending institutions of OKI", len(list.Institutions))
	}
	if n := f.count(`SELECT count(*) FROM institutions WHERE id = $1 AND status = 'pending'`, p.InstitutionID); n != 1 {
		t.Fatal("the institution's status changed")
	}
}

func TestInstitutionListPagesByTwenty(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for i := range 23 {
		in := registration(fmt.Sprintf("op%d@rsu.test", i))
		in.ClientAddr = fmt.Sprintf("192.0.2.%d", i) // each its own client, below the rate limit
		if _, err := f.app.RegisterInstitution(f.ctx, f.okiID(), in); err != nil {
			t.Fatal(err)
		}
	}
	first, err := f.app.Institutions(f.ctx, f.petugas, app.InstitutionPending, 1)
	if err != nil {
		t.Fatal(err)
	}
	second, err := f.app.Institutions(f.ctx, f.petugas, app.InstitutionPending, 2)
	if err != nil {
		t.Fatal(err)
	}
	if first.Pages != 2 || len(first.Institutions) != 20 || len(second.Institutions) != 3 || first.Counts[app.InstitutionPending] != 23 {
		t.Fatalf("pages %d, first %d, second %d, counts %v", first.Pages, len(first.Institutions), len(second.Institutions), first.Counts)
	}
}

func TestColleaguesAreInvitedOnlyByAVerifiedInstitution(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	p, err := f.app.RegisterInstitution(f.ctx, f.okiID(), registration("operator@rsu.test"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.app.InviteColleague(f.ctx, p, "Rekan", "rekan@rsu.test")
	wantCode(t, err, app.CodeForbidden)
	if err := f.app.VerifyInstitution(f.ctx, f.petugas, p.InstitutionID); err != nil {
		t.Fatal(err)
	}
	_, err = f.app.InviteColleague(f.ctx, p, "Rekan", "petugas@oki.demo.hakakses.id")
	wantInvalid(t, err, "email")
	otp, err := f.app.InviteColleague(f.ctx, p, "Rekan Kerja", "Rekan@RSU.test")
	if err != nil {
		t.Fatal(err)
	}
	if len(otp.Password) < 14 || otp.Email != "rekan@rsu.test" {
		t.Fatalf("one-time password %q for %q", otp.Password, otp.Email)
	}
	colleague, _, err := f.app.Authenticate(f.ctx, otp.Email, otp.Password, "test")
	if err != nil {
		t.Fatalf("colleague cannot log in: %v", err)
	}
	if colleague.InstitutionID != p.InstitutionID || colleague.Role != workflow.RoleLembaga {
		t.Fatalf("colleague = %+v", colleague)
	}
	d, err := f.app.Colleagues(f.ctx, colleague)
	if err != nil || len(d.Users) != 2 {
		t.Fatalf("colleagues = %d, err %v", len(d.Users), err)
	}
}
