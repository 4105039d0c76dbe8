package e2e

import (
	"net/http"
	"testing"

	"github.com/hakakses/hakakses/internal/workflow"
)

// TestPhoneEveryRoleWithoutSidewaysScrolling walks a clerk's and an applicant's
// screens on a 390×844 phone. Every screen is checked by the harness: it must
// fit the viewport's width (lists scroll inside their own container), pass
// axe-core, and answer a reload after each form submission with a page, never
// a 405. The header folds its navigation behind a Menu button, and on the
// detail page the action panel comes before the progress list.
func TestPhoneEveryRoleWithoutSidewaysScrolling(t *testing.T) {
	e := startPhone(t)
	f := newFixtures(t)

	e.visit("/")
	e.visit("/oki/")
	e.visit("/masuk")

	// The applicant: an empty draft submitted, refused onto the draft form with
	// its error summary; then completed and submitted.
	a := e.newDraft()
	if !e.visible(testID("menu-toggle")) || e.visible(".nav") {
		e.errorf("on a phone the navigation is not folded behind the Menu button")
	}
	if h := js[float64](e, `document.querySelector("header.top").getBoundingClientRect().height`); h > 844/6 {
		e.errorf("the header takes %.0f px of the 844 px screen", h)
	}
	e.click(`a[href="`+detailOf("lembaga", a.ID)+`"].button`, "draft-detail")
	e.fireExpect("submit", http.StatusOK)
	e.must(testID("form-error")+` a[href="#purpose"]`, "error summary on the phone")
	e.shot("draft-form-errors-phone")
	e.fillDraft(f)
	e.fire("submit")
	e.state(workflow.Submitted)

	// The clerk: the queue, the detail page (actions first), the other lists.
	e.open("petugas", a)
	actions := js[float64](e, `document.querySelector(".actions-panel").getBoundingClientRect().top`)
	timeline := js[float64](e, `document.querySelector('[data-testid="timeline"]').getBoundingClientRect().top`)
	if actions > timeline {
		e.errorf("on a phone the action panel (%.0f px) comes after the progress list (%.0f px)", actions, timeline)
	}
	for _, p := range []string{"/oki/kantor/", "/oki/kantor/lembaga", "/oki/kantor/staf", "/oki/kantor/libur", "/notifikasi"} {
		e.visit(p)
	}
	e.as("kepala")
	for _, p := range []string{"/oki/kantor/laporan", "/oki/kantor/pengaturan"} {
		e.visit(p)
	}
	e.as("admin")
	for _, p := range []string{"/admin/", "/admin/libur"} {
		e.visit(p)
	}
}
