package app_test

import (
	"testing"
	"time"

	"github.com/hakakses/hakakses/internal/app"
)

func TestInvalidSettingsGiveFieldMessagesAndChangeNothing(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	before := f.tenant(f.okiID())
	tests := []struct {
		name, field string
		mutate      func(*app.SettingsInput)
	}{
		{"template without {urut}", "letter_template", func(s *app.SettingsInput) { s.LetterTemplate = "{kode}/{jenis}/{unit}/{tahun}" }},
		{"template without {tahun}", "letter_template", func(s *app.SettingsInput) { s.LetterTemplate = "{kode}/{urut}/{jenis}" }},
		{"unknown token", "letter_template", func(s *app.SettingsInput) { s.LetterTemplate = "{kode}/{urut}/{bulan}/{tahun}" }},
		{"opening at closing", "office_close", func(s *app.SettingsInput) { s.OfficeOpen, s.OfficeClose = "16:00", "16:00" }},
		{"opening after closing", "office_close", func(s *app.SettingsInput) { s.OfficeOpen, s.OfficeClose = "17:00", "08:00" }},
		{"hours not HH:MM", "office_open", func(s *app.SettingsInput) { s.OfficeOpen = "7.30" }},
		{"SLA zero", "sla_target_days", func(s *app.SettingsInput) { s.SLATargetDays = "0" }},
		{"SLA 31", "sla_target_days", func(s *app.SettingsInput) { s.SLATargetDays = "31" }},
		{"head title", "head_title", func(s *app.SettingsInput) { s.HeadTitle = "Gubernur" }},
		{"NIP too short", "kepala_nip", func(s *app.SettingsInput) { s.KepalaNIP = "1970 0512" }},
		{"LAPOR! not a URL", "lapor_url", func(s *app.SettingsInput) { s.LaporURL = "lapor.go.id" }},
		{"e-mail", "email", func(s *app.SettingsInput) { s.Email = "disdukcapil@" }},
		{"kepala name", "kepala_name", func(s *app.SettingsInput) { s.KepalaName = " " }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := app.SettingsInputOf(before)
			in.City = "Kota Lain" // would change if anything were saved
			tc.mutate(&in)
			_, err := f.app.UpdateSettings(f.ctx, f.kepala, in)
			wantInvalid(t, err, tc.field)
		})
	}
	if after := f.tenant(f.okiID()); after.City != before.City || after.LetterTemplate != before.LetterTemplate || after.OfficeClose != before.OfficeClose {
		t.Fatalf("tenant changed after invalid forms: %+v", after)
	}
}

func TestOnlyTheKepalaChangesSettingsAndTheSlugStays(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	in := app.SettingsInputOf(f.tenant(f.okiID()))
	in.City, in.KepalaNIP, in.LetterTemplate = "Kayu Agung", "197005121995031002", "{kode}/{urut}/{bulan_romawi}/{tahun}"
	_, err := f.app.UpdateSettings(f.ctx, f.petugas, in)
	wantCode(t, err, app.CodeForbidden)
	rc, err := f.app.UpdateSettings(f.ctx, f.kepala, in)
	if err != nil {
		t.Fatal(err)
	}
	if rc.Ran {
		t.Errorf("recomputed %+v although hours and SLA target did not change", rc)
	}
	got := f.tenant(f.okiID())
	if got.City != "Kayu Agung" || got.Slug != "oki" || got.KepalaNIP != "19700512 199503 1 002" {
		t.Fatalf("tenant = city %q slug %q NIP %q", got.City, got.Slug, got.KepalaNIP)
	}
	example := app.LetterExample(got.LetterTemplate, got.LetterCode, got.UnitCode, time.Date(2026, 3, 10, 10, 0, 0, 0, wib))
	if example != "400.12.4.4/20/III/2026" {
		t.Fatalf("example = %q", example)
	}
}

func TestEarlierClosingTimeRecomputesOpenDeadlines(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id := f.submitted()
	in := app.SettingsInputOf(f.tenant(f.okiID()))
	in.OfficeClose = "15:00"
	rc, err := f.app.UpdateSettings(f.ctx, f.kepala, in)
	if err != nil {
		t.Fatal(err)
	}
	if !rc.Ran || rc.Failed || rc.Count != 1 {
		t.Fatalf("recomputed = %+v, want 1", rc)
	}
	if got, want := f.due(id), time.Date(2026, 3, 11, 15, 0, 0, 0, wib); !got.Equal(want) {
		t.Fatalf("due = %v, want %v", got, want)
	}
	in.SLATargetDays = "3"
	if _, err := f.app.UpdateSettings(f.ctx, f.kepala, in); err != nil {
		t.Fatal(err)
	}
	if got, want := f.due(id), time.Date(2026, 3, 12, 15, 0, 0, 0, wib); !got.Equal(want) {
		t.Fatalf("due with a 3-day target = %v, want %v", got, want)
	}
}

func TestLocalHolidayMovesAnOpenDeadlineAndBack(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id := f.submitted()

	_, err := f.app.AddLocalHoliday(f.ctx, f.petugas, "2026-03-11", "Hari Jadi")
	wantCode(t, err, app.CodeForbidden)
	rc, err := f.app.AddLocalHoliday(f.ctx, f.kepala, "2026-03-11", "Hari Jadi Kabupaten Ogan Komering Ilir")
	if err != nil {
		t.Fatal(err)
	}
	if rc.Count != 1 || rc.Failed {
		t.Fatalf("recomputed = %+v, want 1", rc)
	}
	if got, want := f.due(id), time.Date(2026, 3, 12, 16, 0, 0, 0, wib); !got.Equal(want) {
		t.Fatalf("due with Wednesday a local holiday = %v, want %v", got, want)
	}
	_, err = f.app.AddLocalHoliday(f.ctx, f.kepala, "2026-03-11", "lagi")
	wantInvalid(t, err, "date")
	_, err = f.app.AddLocalHoliday(f.ctx, f.kepala, "11/03/2026", "format salah")
	wantInvalid(t, err, "date")

	hs, err := f.app.LocalHolidays(f.ctx, f.petugas, 2026)
	if err != nil || len(hs) != 1 {
		t.Fatalf("local holidays = %v, %v", hs, err)
	}
	if _, err := f.app.RemoveLocalHoliday(f.ctx, f.kepala, "2026-03-11"); err != nil {
		t.Fatal(err)
	}
	if got, want := f.due(id), time.Date(2026, 3, 11, 16, 0, 0, 0, wib); !got.Equal(want) {
		t.Fatalf("due after removing the holiday = %v, want %v", got, want)
	}
	_, err = f.app.RemoveLocalHoliday(f.ctx, f.kepala, "2026-03-11")
	wantCode(t, err, app.CodeNotFound)
}

func TestLocalHolidayOfAnotherTenantLeavesDeadlinesAlone(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id := f.submitted()
	_, okuKepala := f.onboardOKU()
	rc, err := f.app.AddLocalHoliday(f.ctx, okuKepala, "2026-03-11", "Hari Jadi OKU")
	if err != nil {
		t.Fatal(err)
	}
	if rc.Count != 0 {
		t.Errorf("recomputed %d deadlines of another tenant", rc.Count)
	}
	if got, want := f.due(id), time.Date(2026, 3, 11, 16, 0, 0, 0, wib); !got.Equal(want) {
		t.Fatalf("OKI due = %v after an OKU holiday", got)
	}
	hs, err := f.app.LocalHolidays(f.ctx, f.kepala, 2026)
	if err != nil || len(hs) != 0 {
		t.Fatalf("OKI sees OKU's local holidays: %v, %v", hs, err)
	}
}

func TestKepalaManagesStaffButNotTheirOwnAccount(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	_, err := f.app.AddPetugas(f.ctx, f.petugas, "Petugas Baru", "baru@oki.test")
	wantCode(t, err, app.CodeForbidden)
	_, err = f.app.AddPetugas(f.ctx, f.kepala, "Petugas Baru", "kepala@oki.demo.hakakses.id")
	wantInvalid(t, err, "email")
	otp, err := f.app.AddPetugas(f.ctx, f.kepala, "Petugas Baru", "baru@oki.test")
	if err != nil {
		t.Fatal(err)
	}
	p, _, err := f.app.Authenticate(f.ctx, otp.Email, otp.Password, "test")
	if err != nil || p.Role != "petugas" || p.TenantID != f.okiID() {
		t.Fatalf("new petugas = %+v, %v", p, err)
	}
	wantInvalid(t, f.app.SetStaffActive(f.ctx, f.kepala, f.kepala.UserID, false), "")
	wantCode(t, f.app.SetStaffActive(f.ctx, f.kepala, f.lembaga.UserID, false), app.CodeNotFound)
	if err := f.app.SetStaffActive(f.ctx, f.kepala, p.UserID, false); err != nil {
		t.Fatal(err)
	}
	if _, err := f.app.PrincipalByID(f.ctx, p.UserID); app.ErrorCode(err) != app.CodeUnauthorized {
		t.Fatalf("deactivated petugas still has a session: %v", err)
	}
	if err := f.app.SetStaffActive(f.ctx, f.kepala, p.UserID, true); err != nil {
		t.Fatal(err)
	}
	staff, err := f.app.Staff(f.ctx, f.petugas)
	if err != nil || len(staff) != 3 {
		t.Fatalf("staff = %d, %v", len(staff), err)
	}
	_, okuKepala := f.onboardOKU()
	wantCode(t, f.app.SetStaffActive(f.ctx, okuKepala, p.UserID, false), app.CodeNotFound)
}
