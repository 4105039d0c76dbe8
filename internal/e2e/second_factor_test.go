package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/store"
)

// TestPhoneKepalaEnrolsTwoFactorSignIn: on a 390 px phone, a kepala whose second
// factor the admin reset signs in, is led to the enrolment (QR code and the
// secret to type), confirms with the app's code, sees the ten recovery codes
// once, goes on to the office pages, and finds the count on /akun; the admin's
// list of accounts to reset fits the phone as well. Every
// screen fits the width and passes axe-core (the harness checks each).
func TestPhoneKepalaEnrolsTwoFactorSignIn(t *testing.T) {
	e := startPhone(t)
	ctx := context.Background()
	admin, _, err := e.App.Authenticate(ctx, demo(t, "admin").Email, app.DemoPassword, "e2e-setup-admin")
	if err != nil {
		t.Fatal(err)
	}
	acc := demo(t, "kepala")
	var kepalaID int64
	if err := e.App.DB.ReadTx(ctx, store.System(), func(tx pgx.Tx) error {
		return tx.QueryRow(ctx, `SELECT id FROM users WHERE email = $1`, acc.Email).Scan(&kepalaID)
	}); err != nil {
		t.Fatal(err)
	}
	if err := e.App.ResetSecondFactor(ctx, admin, kepalaID); err != nil {
		t.Fatal(err)
	}

	e.visit("/masuk")
	e.fill("#email", acc.Email)
	e.fill("#password", app.DemoPassword)
	e.click(testID("login-submit"), "enrol-kepala")
	if got := e.location(); got != "/masuk/aktivasi-dua-langkah" {
		e.fatalf("kepala without a second factor landed on %s, want the enrolment", got)
	}
	if w := js[float64](e, `document.querySelector('[data-testid="enrol-qr"]').naturalWidth`); w < 200 {
		e.errorf("the QR code image did not load (natural width %.0f)", w)
	}
	secret := strings.ReplaceAll(e.text(testID("enrol-secret")), " ", "")
	e.fill("#code", e.totpCode(secret))
	e.click(testID("enrol-submit"), "recovery-codes")
	if n := js[int](e, `document.querySelectorAll('[data-testid="recovery-code-list"] li').length`); n != app.RecoveryCodeCount {
		e.errorf("%d recovery codes shown, want %d", n, app.RecoveryCodeCount)
	}
	e.click(testID("recovery-continue"), "kepala-home")
	if got := e.location(); got != "/oki/kantor/" {
		e.fatalf("after enrolment the kepala landed on %s", got)
	}
	e.user = &acc
	e.menu()
	e.click(testID("account-link"), "account")
	e.assertText(testID("recovery-left"), "10 dari 10")

	// The admin's list of kepala and Dirjen accounts to reset, on the phone too.
	e.as("admin")
	e.visit("/admin/akun?q=" + "kepala%40oki")
	e.assertText(testID("second-factor-account-table"), acc.Email)
}
