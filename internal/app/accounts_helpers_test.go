package app_test

import (
	"errors"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/store"
)

// Helpers for the account, settings and calendar administration tests.

// admin logs in the demo platform admin.
func (f *fixture) admin() app.Principal {
	f.t.Helper()
	for _, acc := range app.DemoAccounts {
		if acc.Role == "admin" {
			p, _, err := f.app.Authenticate(f.ctx, acc.Email, app.DemoPassword, "test")
			if err != nil {
				f.t.Fatal(err)
			}
			return p
		}
	}
	f.t.Fatal("no demo admin")
	return app.Principal{}
}

// okiID is the demo tenant's ID.
func (f *fixture) okiID() int64 { return f.lembaga.TenantID }

// registration is a complete, valid registration form.
func registration(email string) app.Registration {
	return app.Registration{
		Type: app.InstitutionBadanHukum, Name: "RSU Kayuagung Sehat", Address: "Jl. Merdeka 10, Kayuagung",
		HeadName: "dr. Sri Wahyuni", HeadPosition: "Direktur Utama", Phone: "0712-330000", Email: "rsu@kayuagung.test",
		UserName: "Budi Operator", UserEmail: email, Password: "kata-sandi-rahasia", Confirm: "kata-sandi-rahasia",
		ClientAddr: "192.0.2.10",
	}
}

// wantInvalid fails unless err is a validation error with a message for field.
func wantInvalid(t *testing.T, err error, field string) *app.Error {
	t.Helper()
	var e *app.Error
	if !errors.As(err, &e) || e.Code != app.CodeInvalid {
		t.Fatalf("err = %v, want invalid", err)
	}
	if field != "" && e.Fields[field] == "" {
		t.Fatalf("no message for %q; fields = %v", field, e.Fields)
	}
	return e
}

func wantCode(t *testing.T, err error, code app.Code) {
	t.Helper()
	if got := app.ErrorCode(err); got != code {
		t.Fatalf("err = %v (code %q), want %q", err, got, code)
	}
}

// count runs a count(*) query in the system scope.
func (f *fixture) count(sql string, args ...any) int {
	f.t.Helper()
	var n int
	err := f.db.ReadTx(f.ctx, store.System(), func(tx pgx.Tx) error {
		return tx.QueryRow(f.ctx, sql, args...).Scan(&n)
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return n
}

// tenant reads a tenant as it is stored.
func (f *fixture) tenant(id int64) app.Tenant {
	f.t.Helper()
	t, err := f.app.TenantByID(f.ctx, id)
	if err != nil {
		f.t.Fatal(err)
	}
	return t
}

// due is an application's cached deadline in WIB.
func (f *fixture) due(id int64) time.Time {
	f.t.Helper()
	var due *time.Time
	err := f.db.ReadTx(f.ctx, store.System(), func(tx pgx.Tx) error {
		return tx.QueryRow(f.ctx, `SELECT sla_due_at FROM applications WHERE id = $1`, id).Scan(&due)
	})
	if err != nil {
		f.t.Fatal(err)
	}
	if due == nil {
		f.t.Fatalf("application %d has no running deadline", id)
	}
	return due.In(wib)
}

// submitted is an application submitted on Tuesday 2026-03-10 at 10:00 WIB: due
// Wednesday 2026-03-11 at 16:00 WIB (docs/domain.md §4).
func (f *fixture) submitted() int64 {
	f.t.Helper()
	id := f.completeDraft()
	f.fire(f.lembaga, id, app.Action{Event: "submit"})
	if got, want := f.due(id), time.Date(2026, 3, 11, 16, 0, 0, 0, wib); !got.Equal(want) {
		f.t.Fatalf("due after submit = %v, want %v", got, want)
	}
	return id
}

// onboardOKU onboards Kabupaten Ogan Komering Ulu (16.01) as "oku" and logs in its
// first kepala.
func (f *fixture) onboardOKU() (app.Tenant, app.Principal) {
	f.t.Helper()
	res, err := f.app.OnboardTenant(f.ctx, f.admin(), app.OnboardInput{Code: "16.01", Slug: "oku",
		KepalaName: "Kepala OKU", KepalaEmail: "kepala@oku.test"})
	if err != nil {
		f.t.Fatal(err)
	}
	p, _, err := f.app.Authenticate(f.ctx, res.Kepala.Email, res.Kepala.Password, "test")
	if err != nil {
		f.t.Fatalf("first kepala cannot log in with the one-time password: %v", err)
	}
	return res.Tenant, p
}
