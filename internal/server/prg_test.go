package server_test

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"

	"github.com/hakakses/hakakses/internal/app"
)

// A refused submission lands on the draft form (303, then GET): the summary links
// each problem to its field there, the message also stands under the field, the
// upload's included; a reload is a plain page without the refusal, never a 405.
func TestRefusedSubmitLinksToTheDraftFormFields(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	lembagaP := e.notifPrincipal("lembaga")
	id, err := e.App.CreateDraft(ctx, lembagaP, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.App.SaveDraft(ctx, lembagaP, id, e.appVersion(id), app.DraftInput{Purpose: "Singkat", TermMonths: "12"}); err != nil {
		t.Fatal(err)
	}
	lembaga := e.loginAs(t, "lembaga")
	detail := fmt.Sprintf("/oki/lembaga/permohonan/%d", id)

	// Before "Ajukan", the checklist says what is missing, with links to the form.
	page := lembaga.get(detail)
	doc := parseHTML(t, page.Body)
	if byTestID(doc, "checklist") == nil {
		t.Fatalf("no completeness checklist on the draft's page")
	}
	todo := findAll(doc, func(n *xhtml.Node) bool { return attr(n, "data-testid") == "check-todo" })
	done := findAll(doc, func(n *xhtml.Node) bool { return attr(n, "data-testid") == "check-done" })
	if len(todo) < 4 || len(done) < 1 { // purpose too short, elements, methods, return data, letter missing; term done
		t.Fatalf("checklist: %d missing, %d done", len(todo), len(done))
	}
	if !strings.Contains(page.Body, `href="`+detail+`/ubah#purpose"`) {
		t.Errorf("the checklist does not link the purpose to the draft form")
	}

	res := lembaga.post(detail+"/aksi/submit", map[string][]string{"version": {strconv.Itoa(e.appVersion(id))}})
	form := lembaga.refusedAt(res, detail+"/ubah")
	doc = parseHTML(t, form.Body)
	sum := byTestID(doc, "form-error")
	if sum == nil {
		t.Fatal("no error summary on the draft form")
	}
	links := map[string]string{}
	for _, a := range findAll(sum, func(n *xhtml.Node) bool { return n.Data == "a" }) {
		links[attr(a, "href")] = text(a)
	}
	for _, want := range []string{"#purpose", "#data_elements", "#access_methods", "#return_data", "#" + app.DocRequestLetter} {
		if links[want] == "" {
			t.Errorf("summary has no link to %s: %v", want, links)
		}
		if findAll(doc, func(n *xhtml.Node) bool { return attr(n, "id") == want[1:] }) == nil {
			t.Errorf("the link %s points at no element", want)
		}
	}
	if n := byTestID(doc, "error-"+app.DocRequestLetter); n == nil || !strings.Contains(text(n), "Surat permohonan") {
		t.Errorf("no message under the request letter's upload field")
	}
	if items := findAll(sum, func(n *xhtml.Node) bool { return n.Data == "li" }); len(items) != 5 {
		t.Errorf("want one list item per problem (5), got %d: %s", len(items), text(sum))
	}
	// A reload: the form again, without the refusal.
	again := lembaga.get(detail + "/ubah")
	if again.Status != http.StatusOK || strings.Contains(again.Body, "data-error-summary") {
		t.Fatalf("reload after the refusal: %s", again)
	}
}

// A refused draft save redirects to the form, which keeps what was typed.
func TestRefusedDraftSaveKeepsTheTypedValues(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	id, err := e.App.CreateDraft(ctx, e.notifPrincipal("lembaga"), 0)
	if err != nil {
		t.Fatal(err)
	}
	lembaga := e.loginAs(t, "lembaga")
	path := fmt.Sprintf("/oki/lembaga/permohonan/%d/ubah", id)
	const typed = "Verifikasi NIK penerima bantuan sosial daerah kami."
	res := lembaga.postMultipart(path, [][2]string{{"version", strconv.Itoa(e.appVersion(id))}, {"purpose", typed},
		{"access_methods", "bukan-metode"}, {"term_months", "12"}}, nil)
	page := lembaga.refusedAt(res, path)
	doc := parseHTML(t, page.Body)
	purpose := findAll(doc, func(n *xhtml.Node) bool { return n.Data == "textarea" && attr(n, "name") == "purpose" })
	if len(purpose) != 1 || purpose[0].FirstChild == nil || purpose[0].FirstChild.Data != typed {
		t.Fatalf("the typed purpose is not shown again")
	}
	sum := byTestID(doc, "form-error")
	if sum == nil || len(findAll(sum, func(n *xhtml.Node) bool { return n.Data == "a" && attr(n, "href") == "#access_methods" })) != 1 {
		t.Fatalf("the summary does not link the access methods")
	}
}

// "Simpan dan ajukan" saves and submits in one press when the draft is complete,
// and otherwise comes back to the form with what the submission lacks.
func TestSaveAndSubmitFromTheDraftForm(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	id, err := e.App.CreateDraft(ctx, e.notifPrincipal("lembaga"), 0)
	if err != nil {
		t.Fatal(err)
	}
	lembaga := e.loginAs(t, "lembaga")
	path := fmt.Sprintf("/oki/lembaga/permohonan/%d/ubah", id)
	res := lembaga.postMultipart(path, [][2]string{{"version", strconv.Itoa(e.appVersion(id))},
		{"purpose", "Verifikasi NIK penerima bantuan sosial daerah kami."}, {"ajukan", "1"}}, nil)
	page := lembaga.refusedAt(res, path)
	if !strings.Contains(page.Body, "Draf tersimpan, tetapi permohonan belum dapat diajukan") {
		t.Fatalf("no message that the draft was saved but not submitted")
	}
	if _, _, p := e.appRow(id); p != "Verifikasi NIK penerima bantuan sosial daerah kami." {
		t.Fatalf("the draft was not saved: purpose %q", p)
	}
}
