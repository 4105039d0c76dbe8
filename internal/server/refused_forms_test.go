package server_test

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	xhtml "golang.org/x/net/html"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/config"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// withMaxUpload sets the per-file upload limit (the request limits derive from it).
func withMaxUpload(n int64) envOption { return func(c *config.Config) { c.MaxUploadBytes = n } }

var testPDF = []byte("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")

// appVersion reads an application's version.
func (e *env) appVersion(id int64) int {
	e.t.Helper()
	ctx := context.Background()
	var v int
	if err := e.DB.ReadTx(ctx, store.System(), func(tx pgx.Tx) error {
		return tx.QueryRow(ctx, `SELECT version FROM applications WHERE id = $1`, id).Scan(&v)
	}); err != nil {
		e.t.Fatal(err)
	}
	return v
}

// appRow reads what a refused action must leave alone.
func (e *env) appRow(id int64) (state string, version int, purpose string) {
	e.t.Helper()
	ctx := context.Background()
	if err := e.DB.ReadTx(ctx, store.System(), func(tx pgx.Tx) error {
		return tx.QueryRow(ctx, `SELECT state, version, purpose FROM applications WHERE id = $1`, id).Scan(&state, &version, &purpose)
	}); err != nil {
		e.t.Fatal(err)
	}
	return state, version, purpose
}

// fireAs performs an action at the app level with the current version.
func (e *env) fireAs(role string, id int64, act app.Action) {
	e.t.Helper()
	act.Version = e.appVersion(id)
	if err := e.App.Fire(context.Background(), e.notifPrincipal(role), id, act); err != nil {
		e.t.Fatalf("%s: %v", act.Event, err)
	}
}

// forwarded is a demo application forwarded to the Dirjen.
func (e *env) forwarded() int64 {
	e.t.Helper()
	id := e.notifSubmitted()
	e.fireAs("petugas", id, app.Action{Event: workflow.Forward})
	return id
}

// approved is a demo application the Dirjen approved.
func (e *env) approved() int64 {
	e.t.Helper()
	id := e.forwarded()
	e.fireAs("dirjen", id, app.Action{Event: workflow.Approve, Form: url.Values{"letter_number": {"400.12/1111/Dukcapil"}, "letter_date": {e.Clock.Now().Format("2006-01-02")}},
		Files: map[string]app.Upload{app.DocDirjenApproval: {Filename: "persetujuan.pdf", Content: testPDF}}})
	return id
}

// postMultipart sends a multipart form the way a browser does: fields in order,
// then files.
func (c *client) postMultipart(path string, fields [][2]string, files map[string][]byte) *response {
	c.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for _, f := range fields {
		mw.WriteField(f[0], f[1])
	}
	for name, content := range files {
		w, err := mw.CreateFormFile(name, name+".pdf")
		if err != nil {
			c.t.Fatal(err)
		}
		w.Write(content)
	}
	mw.Close()
	req := c.newRequest(http.MethodPost, path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return c.do(req)
}

// findAll lists the elements under n that match.
func findAll(n *xhtml.Node, match func(*xhtml.Node) bool) []*xhtml.Node {
	var out []*xhtml.Node
	var walk func(*xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode && match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func attr(n *xhtml.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// formFields lists a rendered form's named inputs and textareas in document order
// with their values, as a browser would send them (files left out).
func formFields(form *xhtml.Node) [][2]string {
	var out [][2]string
	for _, n := range findAll(form, func(n *xhtml.Node) bool { return n.Data == "input" || n.Data == "textarea" }) {
		name := attr(n, "name")
		if name == "" || attr(n, "type") == "file" {
			continue
		}
		val := attr(n, "value")
		if n.Data == "textarea" {
			val = ""
			if n.FirstChild != nil {
				val = n.FirstChild.Data
			}
		}
		out = append(out, [2]string{name, val})
	}
	return out
}

// actionFormNode is the form of event on a detail page.
func actionFormNode(t *testing.T, body, event string) *xhtml.Node {
	t.Helper()
	n := byTestID(parseHTML(t, body), "action-"+event)
	if n == nil {
		t.Fatalf("no %s form on the page", event)
	}
	return n
}

// fieldValue is the value of the named input or textarea in form, or "".
func fieldValue(form *xhtml.Node, name string) (string, bool) {
	for _, f := range formFields(form) {
		if f[0] == name {
			return f[1], true
		}
	}
	return "", false
}

func TestRefusedDirjenApprovalKeepsTheTypedLetter(t *testing.T) {
	t.Parallel()
	e := newEnv(t, withMaxUpload(1<<20))
	id := e.forwarded()
	dirjen := e.loginAs(t, "dirjen")
	path := fmt.Sprintf("/dirjen/permohonan/%d/aksi/approve", id)
	form := url.Values{"version": {strconv.Itoa(e.appVersion(id))}, "letter_number": {"400.12/7777/Dukcapil"}, "letter_date": {"2025-03-10"}}
	res := dirjen.refusedAt(dirjen.post(path, form), fmt.Sprintf("/dirjen/permohonan/%d", id)) // the scan is missing
	approve := actionFormNode(t, res.Body, "approve")
	if v, _ := fieldValue(approve, "letter_number"); v != "400.12/7777/Dukcapil" {
		t.Errorf("letter number shown again as %q", v)
	}
	if v, _ := fieldValue(approve, "letter_date"); v != "2025-03-10" {
		t.Errorf("letter date shown again as %q", v)
	}
	// The reject form beside it keeps its own (empty) fields.
	if v, _ := fieldValue(actionFormNode(t, res.Body, "reject"), "letter_number"); v != "" {
		t.Errorf("the reject form was filled with the approve form's number %q", v)
	}
	if state, _, _ := e.appRow(id); state != string(workflow.Forwarded) {
		t.Fatalf("state %s after a refused approval", state)
	}

	// A refused rejection keeps its reason too, sent as a browser sends it.
	res = dirjen.postMultipart(fmt.Sprintf("/dirjen/permohonan/%d/aksi/reject", id), [][2]string{
		{"version", strconv.Itoa(e.appVersion(id))}, {"letter_number", "400.12/8888/Dukcapil"}, {"letter_date", "2025-03-10"},
		{"reason", "Tujuan pemanfaatan tidak sesuai kewenangan."}}, nil)
	res = dirjen.refusedAt(res, fmt.Sprintf("/dirjen/permohonan/%d", id))
	reject := actionFormNode(t, res.Body, "reject")
	if v, _ := fieldValue(reject, "reason"); v != "Tujuan pemanfaatan tidak sesuai kewenangan." {
		t.Errorf("reason shown again as %q", v)
	}
	if v, _ := fieldValue(reject, "letter_number"); v != "400.12/8888/Dukcapil" {
		t.Errorf("rejection number shown again as %q", v)
	}
}

func TestRefusedAgreementKeepsTheEditedClauses(t *testing.T) {
	t.Parallel()
	const max = 256 << 10
	e := newEnv(t, withMaxUpload(max))
	id := e.approved()
	petugas := e.loginAs(t, "petugas")
	page := fmt.Sprintf("/oki/kantor/permohonan/%d", id)
	res := petugas.get(page)
	if res.Status != http.StatusOK {
		t.Fatalf("detail: %s", res)
	}
	const edited = "Para pihak sepakat: PASAL UJI YANG DIUBAH PETUGAS 4242."
	fields := formFields(actionFormNode(t, res.Body, "prepare_agreement"))
	clauseEdited := false
	for i, f := range fields {
		switch {
		case f[0] == "clause_body" && !clauseEdited:
			fields[i][1], clauseEdited = edited, true
		case f[0] == "juknis_title" || f[0] == "juknis_body":
			fields[i][1] = "" // the Juknis emptied
		}
	}
	if !clauseEdited {
		t.Fatal("no clause on the form")
	}
	before := e.appVersion(id)
	res = petugas.refusedAt(petugas.postMultipart(page+"/aksi/prepare_agreement", fields, nil), page)
	form := actionFormNode(t, res.Body, "prepare_agreement")
	if v, _ := fieldValue(form, "clause_body"); v != edited {
		t.Errorf("first clause shown again as %q, want the edited text", v)
	}
	if _, ok := fieldValue(form, "juknis_body"); !ok {
		t.Error("the emptied Juknis left nothing to fill in")
	}
	if e.appVersion(id) != before {
		t.Fatal("the refused agreement changed the application")
	}

	// A body over the request limit (4 files + 2 MB): the text before the file
	// still comes back.
	for i, f := range fields {
		if f[0] == "juknis_title" || f[0] == "juknis_body" {
			fields[i][1] = "Bab Juknis"
		}
	}
	huge := bytes.Repeat([]byte("x"), 4*max+(2<<20)+(64<<10))
	res = petugas.refusedAt(petugas.postMultipart(page+"/aksi/prepare_agreement", fields, map[string][]byte{"lampiran": huge}), page)
	form = actionFormNode(t, res.Body, "prepare_agreement")
	if v, _ := fieldValue(form, "clause_body"); v != edited {
		t.Errorf("after an oversized upload the first clause is %q, want the edited text", v)
	}
	if n := byTestID(parseHTML(t, res.Body), "action-error"); n == nil || !strings.Contains(text(n), "ditampilkan kembali") {
		t.Errorf("message does not say the form was kept: %v", n)
	}
	if e.appVersion(id) != before {
		t.Fatal("the oversized form changed the application")
	}
}

func TestActionFormWithoutVersionIsRefused(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.notifSubmitted()
	petugas := e.loginAs(t, "petugas")
	_, before, _ := e.appRow(id)
	for _, v := range []string{"", "abc"} {
		page := fmt.Sprintf("/oki/kantor/permohonan/%d", id)
		res := petugas.refusedAt(petugas.post(page+"/aksi/forward", url.Values{"version": {v}}), page)
		if !strings.Contains(res.Body, "Formulir tidak lengkap") {
			t.Fatalf("version %q: %s", v, res)
		}
	}
	if state, version, _ := e.appRow(id); state != string(workflow.Submitted) || version != before {
		t.Fatalf("state %s version %d after forms without a version", state, version)
	}
}

func TestOversizedDraftUploadShowsTheStoredDraft(t *testing.T) {
	t.Parallel()
	const max = 256 << 10
	e := newEnv(t, withMaxUpload(max))
	ctx := context.Background()
	lembagaP := e.notifPrincipal("lembaga")
	id, err := e.App.CreateDraft(ctx, lembagaP, 0)
	if err != nil {
		t.Fatal(err)
	}
	const stored = "Tujuan tersimpan: verifikasi NIK penerima bantuan sosial daerah."
	if err := e.App.SaveDraft(ctx, lembagaP, id, e.appVersion(id), app.DraftInput{Purpose: stored, ReturnData: "Status per NIK.", TermMonths: "12"}); err != nil {
		t.Fatal(err)
	}
	_, before, _ := e.appRow(id)
	lembaga := e.loginAs(t, "lembaga")
	path := fmt.Sprintf("/oki/lembaga/permohonan/%d/ubah", id)
	huge := bytes.Repeat([]byte("%"), 6*max+(2<<20)+(64<<10)) // over the draft's request limit
	res := lembaga.postMultipart(path, [][2]string{{"version", strconv.Itoa(before)}, {"purpose", "Tujuan baru yang tidak boleh tersimpan."}},
		map[string][]byte{app.DocRequestLetter: huge})
	res = lembaga.refusedAt(res, path)
	doc := parseHTML(t, res.Body)
	purpose := findAll(doc, func(n *xhtml.Node) bool { return n.Data == "textarea" && attr(n, "name") == "purpose" })
	if len(purpose) != 1 || purpose[0].FirstChild == nil || purpose[0].FirstChild.Data != stored {
		t.Fatalf("the form does not show the stored purpose:\n%s", res)
	}
	if term := findAll(doc, func(n *xhtml.Node) bool { return attr(n, "name") == "term_months" }); len(term) != 1 || attr(term[0], "value") != "12" {
		t.Errorf("the stored term is not shown")
	}
	if n := byTestID(doc, "form-error"); n == nil || !strings.Contains(text(n), "Tidak ada yang disimpan") {
		t.Errorf("no message saying nothing was saved")
	}
	if _, version, p := e.appRow(id); version != before || p != stored {
		t.Fatalf("the oversized form changed the draft: version %d, purpose %q", version, p)
	}
}

func TestActionOnAnotherTenantsApplicationIsNotFound(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	oku := e.onboardOKU()
	id := e.notifSubmitted() // an OKI application
	state, before, _ := e.appRow(id)
	petugasOKU := e.newClient(t)
	petugasOKU.login(oku.PetugasEmail, oku.Password)
	res := petugasOKU.post(fmt.Sprintf("/oku/kantor/permohonan/%d/aksi/forward", id), url.Values{"version": {strconv.Itoa(before)}})
	if res.Status != http.StatusNotFound {
		t.Fatalf("OKU petugas forwarding an OKI application: %s", res)
	}
	res = petugasOKU.get(fmt.Sprintf("/oku/kantor/permohonan/%d/pks/banding?dari=1&ke=2", id))
	if res.Status != http.StatusNotFound {
		t.Fatalf("OKU petugas comparing an OKI agreement: %s", res)
	}
	if s, v, _ := e.appRow(id); s != state || v != before {
		t.Fatalf("state %s version %d after another tenant's request", s, v)
	}
	// The application's own office still can.
	petugas := e.loginAs(t, "petugas")
	res = petugas.post(fmt.Sprintf("/oki/kantor/permohonan/%d/aksi/forward", id), url.Values{"version": {strconv.Itoa(before)}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("OKI petugas forwarding: %s", res)
	}
}
