package e2e

import (
	"strings"
	"testing"
)

// TestEnglishFromThePublicPageThroughSignIn switches OKI's public page to
// English with the footer link, checks the page and the layout speak it, signs
// in as the lembaga (the cookie carries the choice through the sign-in) and
// out again.
func TestEnglishFromThePublicPageThroughSignIn(t *testing.T) { englishWalk(start(t)) }

// TestEnglishFromThePublicPageThroughSignInOnAPhone is the same walk at 390 px.
func TestEnglishFromThePublicPageThroughSignInOnAPhone(t *testing.T) { englishWalk(startPhone(t)) }

func englishWalk(e *E) {
	e.t.Helper()
	e.visit("/oki")
	if got := js[string](e, `document.documentElement.lang`); got != "id" {
		e.fatalf("OKI's page starts in %q, want id", got)
	}
	e.assertText(testID("service-cost"), "Tidak dipungut biaya")
	e.scrollTo(testID("language-en"))
	e.click(testID("language-en"), "oki-english")
	if got := e.location(); got != "/oki" {
		e.fatalf("the language switch led to %s, want back to /oki", got)
	}
	if got := js[string](e, `document.documentElement.lang`); got != "en" {
		e.fatalf("after the switch the page is %q, want en", got)
	}
	e.assertText(testID("service-cost"), "Free of charge")
	e.assertText(testID("service-time"), "2 working days for each Disdukcapil step")
	e.assertText(testID("login-link"), "Sign in")
	e.must(testID("language-id"), "the way back to Bahasa Indonesia")
	for _, w := range []string{"Persyaratan", "Lacak permohonan", "Daftarkan lembaga", "hari kerja"} {
		if body := e.text("main"); strings.Contains(body, w) {
			e.errorf("the English page still says %q", w)
		}
	}

	e.login("lembaga")
	if got := js[string](e, `document.documentElement.lang`); got != "en" {
		e.fatalf("after signing in the page is %q, want en (the switch's choice)", got)
	}
	e.menu()
	e.assertText(testID("user-role"), "User institution")
	e.assertText("#menu-utama", "My applications")
	e.assertText(testID("logout"), "Sign out")
	e.logout()
	e.assertText(testID("login-link"), "Sign in")
}
