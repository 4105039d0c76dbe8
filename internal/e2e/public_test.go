package e2e

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/hakakses/hakakses/internal/workflow"
)

// TestPublicPagesShowTheServiceStandard walks the pages anyone can open: the
// landing page lists OKI, and OKI's page shows its service standard.
func TestPublicPagesShowTheServiceStandard(t *testing.T) {
	e := start(t)
	e.visit("/")
	e.assertText(testID("tenant-list"), "Ogan Komering Ilir")

	e.click(testID("tenant-list")+` a[href="/oki"]`, "oki")
	e.must(testID("service-standard"), "service standard")
	e.assertText(testID("service-time"), "2 Hari kerja")
	e.assertText(testID("service-cost"), "Tidak dipungut biaya")
	e.assertText(testID("service-sk"), "470/20/KEP/DUKCAPIL.OKI/2021")
	e.assertText(testID("complaint-phone"), "0859-2888-9124")
	e.must(testID("procedure")+" li", "procedure steps")

	e.visitExpect("/tidak-ada", http.StatusNotFound)
	e.must(testID("error-page"), "404 page")
}

// TestEveryRoleLogsInToItsHomeAndOut signs each demo account in through the
// form, lands on its role's home page with its name in the header, and signs
// out again.
func TestEveryRoleLogsInToItsHomeAndOut(t *testing.T) {
	e := start(t)
	// What each home shows at once, on a fresh database: the lembaga can start
	// an application, the office and the Dirjen see their (empty) lists.
	landmarks := map[string]string{
		"lembaga": testID("new-application"),
		"petugas": testID("queue") + ", " + testID("empty"),
		"kepala":  testID("queue") + ", " + testID("empty"),
		"dirjen":  testID("inbox") + ", " + testID("empty"),
		"admin":   "main h1",
	}
	for _, role := range []string{"lembaga", "petugas", "kepala", "dirjen", "admin"} {
		t.Run(role, func(t *testing.T) {
			outer := e.t
			e.t = t
			defer func() { e.t = outer }()
			e.login(role)
			e.must(landmarks[role], role+"'s home")
			if got, want := e.text(testID("user-role")), workflow.Role(role).Label(); !strings.Contains(strings.ToLower(got), strings.ToLower(want)) {
				e.fatalf("header shows role %q, want %q", got, want)
			}
			e.logout()
			if got := e.location(); got != "/" {
				e.fatalf("after logout: at %s, want /", got)
			}
			// Signed out means signed out: the home page asks to log in again.
			e.visit(homes[role])
			if got := e.location(); got != "/masuk?next="+url.QueryEscape(homes[role]) {
				e.fatalf("after logout, %s led to %s, want the login form", homes[role], got)
			}
		})
	}
}

// TestWrongPasswordIsRefusedInIndonesian shows the login error and keeps the
// visitor signed out.
func TestWrongPasswordIsRefusedInIndonesian(t *testing.T) {
	e := start(t)
	e.visit("/masuk")
	e.fill("#email", demo(t, "petugas").Email)
	e.fill("#password", "bukan-kata-sandinya")
	e.clickExpect(testID("login-submit"), "login-wrong-password", http.StatusUnauthorized)
	e.assertText(testID("login-error"), "Surel atau kata sandi salah.")
	if e.has(testID("user-name")) {
		e.fatalf("a wrong password signed the visitor in")
	}
	// The e-mail stays filled in, so only the password needs retyping.
	if got := js[string](e, `document.querySelector("#email").value`); got != demo(t, "petugas").Email {
		e.fatalf("e-mail field holds %q after the refusal", got)
	}
}
