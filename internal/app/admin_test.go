package app_test

import (
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/store"
)

func TestOnboardingRefusesBadOrReservedSlugsAndChangesNothing(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	admin := f.admin()
	users := f.count(`SELECT count(*) FROM users`)
	valid := app.OnboardInput{Code: "16.01", Slug: "oku", KepalaName: "Kepala OKU", KepalaEmail: "kepala@oku.test"}
	tests := []struct {
		name, field string
		mutate      func(*app.OnboardInput)
	}{
		{"one character", "slug", func(in *app.OnboardInput) { in.Slug = "o" }},
		{"leading hyphen", "slug", func(in *app.OnboardInput) { in.Slug = "-oku" }},
		{"space", "slug", func(in *app.OnboardInput) { in.Slug = "ogan ulu" }},
		{"too long", "slug", func(in *app.OnboardInput) { in.Slug = "a123456789012345678901234567890123456789x" }},
		{"reserved admin", "slug", func(in *app.OnboardInput) { in.Slug = "admin" }},
		{"reserved daftar", "slug", func(in *app.OnboardInput) { in.Slug = "daftar" }},
		{"reserved lacak", "slug", func(in *app.OnboardInput) { in.Slug = "Lacak" }},
		{"taken by OKI", "slug", func(in *app.OnboardInput) { in.Slug = "oki" }},
		{"already active", "code", func(in *app.OnboardInput) { in.Code = "16.02" }},
		{"unknown code", "code", func(in *app.OnboardInput) { in.Code = "99.99" }},
		{"taken e-mail", "kepala_email", func(in *app.OnboardInput) { in.KepalaEmail = "petugas@oki.demo.hakakses.id" }},
		{"no kepala", "kepala_name", func(in *app.OnboardInput) { in.KepalaName = "" }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := valid
			tc.mutate(&in)
			_, err := f.app.OnboardTenant(f.ctx, admin, in)
			wantInvalid(t, err, tc.field)
		})
	}
	var oku store.Tenant // as stored: the slug column is still NULL
	f.db.ReadTx(f.ctx, store.System(), func(tx pgx.Tx) error {
		var err error
		oku, err = store.TenantByCode(f.ctx, tx, "16.01")
		return err
	})
	if oku.Active || oku.Slug != nil {
		t.Fatalf("16.01 changed: active %v slug %v", oku.Active, oku.Slug)
	}
	if n := f.count(`SELECT count(*) FROM users`); n != users {
		t.Fatalf("users %d → %d", users, n)
	}
	_, err := f.app.OnboardTenant(f.ctx, f.kepala, valid)
	wantCode(t, err, app.CodeForbidden)
}

func TestOnboardingActivatesTheTenantWithItsFirstKepala(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	oku, kepala := f.onboardOKU()
	if !oku.Active || oku.Slug != "oku" || oku.KepalaName != "Kepala OKU" || oku.UnitCode != "DUKCAPIL.OKU" || oku.OnboardedAt == nil {
		t.Fatalf("tenant = %+v", oku)
	}
	if kepala.Role != "kepala" || kepala.TenantID != oku.ID {
		t.Fatalf("kepala = %+v", kepala)
	}
	if _, err := f.app.TenantBySlug(f.ctx, "oku"); err != nil {
		t.Fatalf("public page: %v", err)
	}
	ov, err := f.app.Tenants(f.ctx, f.admin(), app.TenantFilter{Query: "ogan komering"}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if ov.Onboarded != 2 || ov.Total != app.TotalTenants || ov.Matching != 4 {
		t.Fatalf("overview: onboarded %d, total %d, matching %d", ov.Onboarded, ov.Total, ov.Matching)
	}
	yes := true
	ov, err = f.app.Tenants(f.ctx, f.admin(), app.TenantFilter{Query: "16.0", Active: &yes}, 1)
	if err != nil || ov.Matching != 2 {
		t.Fatalf("active in 16.0x: %d, %v", ov.Matching, err)
	}
	ov, err = f.app.Tenants(f.ctx, f.admin(), app.TenantFilter{}, 3)
	if err != nil || len(ov.Tenants) != app.TenantPageSize || ov.Pages != 11 {
		t.Fatalf("page 3: %d rows of %d pages, %v", len(ov.Tenants), ov.Pages, err)
	}
}

func TestNationalHolidayChangesRecomputeOpenDeadlines(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id := f.submitted()
	admin := f.admin()

	created, rc, err := f.app.SaveNationalHoliday(f.ctx, admin, app.NationalHolidayInput{Date: "2026-03-11", Kind: "cuti_bersama", Description: "Cuti bersama tambahan"})
	if err != nil {
		t.Fatal(err)
	}
	if !created || rc.Count != 1 {
		t.Fatalf("created %v, recomputed %+v", created, rc)
	}
	if got, want := f.due(id), time.Date(2026, 3, 12, 16, 0, 0, 0, wib); !got.Equal(want) {
		t.Fatalf("due = %v, want %v", got, want)
	}
	// Correcting a date keeps it and updates it.
	created, _, err = f.app.SaveNationalHoliday(f.ctx, admin, app.NationalHolidayInput{Date: "2026-03-11", Kind: "libur_nasional", Description: "Koreksi"})
	if err != nil || created {
		t.Fatalf("correction: created %v, %v", created, err)
	}
	cal, err := f.app.NationalHolidays(f.ctx, admin, 2026)
	if err != nil || cal.Published == nil {
		t.Fatalf("calendar: %+v, %v", cal, err)
	}
	found := false
	for _, h := range cal.Holidays {
		if h.Date.String() == "2026-03-11" {
			found = h.Kind == "libur_nasional" && h.Name == "Koreksi"
		}
	}
	if !found {
		t.Fatal("corrected date not listed as corrected")
	}
	if _, err := f.app.DeleteNationalHoliday(f.ctx, admin, "2026-03-11"); err != nil {
		t.Fatal(err)
	}
	if got, want := f.due(id), time.Date(2026, 3, 11, 16, 0, 0, 0, wib); !got.Equal(want) {
		t.Fatalf("due after delete = %v, want %v", got, want)
	}
	_, err = f.app.DeleteNationalHoliday(f.ctx, admin, "2026-03-11")
	wantCode(t, err, app.CodeNotFound)
	_, _, err = f.app.SaveNationalHoliday(f.ctx, admin, app.NationalHolidayInput{Date: "2026-03-11", Kind: "lokal", Description: "x"})
	wantInvalid(t, err, "kind")
	_, _, err = f.app.SaveNationalHoliday(f.ctx, f.kepala, app.NationalHolidayInput{Date: "2026-03-11", Kind: "libur_nasional", Description: "x"})
	wantCode(t, err, app.CodeForbidden)
}

func TestHolidayWarningNamesTheYearsWithoutData(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tests := []struct {
		now  time.Time
		want string
	}{
		{time.Date(2026, 3, 10, 10, 0, 0, 0, wib), ""},
		{time.Date(2026, 10, 31, 10, 0, 0, 0, wib), ""}, // more than 60 days before year end
		{time.Date(2026, 11, 15, 10, 0, 0, 0, wib), "Data hari libur nasional tahun 2027 belum diisi: tenggat dihitung tanpa hari libur nasional (hanya akhir pekan)."},
		{time.Date(2027, 2, 1, 10, 0, 0, 0, wib), "Data hari libur nasional tahun 2027 belum diisi: tenggat dihitung tanpa hari libur nasional (hanya akhir pekan)."},
		{time.Date(2027, 12, 1, 10, 0, 0, 0, wib), "Data hari libur nasional tahun 2027 dan 2028 belum diisi: tenggat dihitung tanpa hari libur nasional (hanya akhir pekan)."},
		// 31 December 17:30 UTC is already 1 January in WIB.
		{time.Date(2026, 12, 31, 17, 30, 0, 0, time.UTC), "Data hari libur nasional tahun 2027 belum diisi: tenggat dihitung tanpa hari libur nasional (hanya akhir pekan)."},
	}
	for _, tc := range tests {
		if got := f.app.HolidayWarning(f.ctx, tc.now); got != tc.want {
			t.Errorf("at %v: %q\nwant %q", tc.now, got, tc.want)
		}
	}
	_, err := f.app.PublishHolidayYear(f.ctx, f.admin(), "2027", "SKB 3 Menteri 2027")
	if err != nil {
		t.Fatal(err)
	}
	if got := f.app.HolidayWarning(f.ctx, time.Date(2027, 2, 1, 10, 0, 0, 0, wib)); got != "" {
		t.Fatalf("after publishing 2027: %q", got)
	}
	_, err = f.app.PublishHolidayYear(f.ctx, f.admin(), "1999", "")
	e := wantInvalid(t, err, "year")
	if e.Fields["source"] == "" {
		t.Errorf("no message for the missing source: %v", e.Fields)
	}
}
