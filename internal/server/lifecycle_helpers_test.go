package server_test

import (
	"bytes"
	"context"
	"net/url"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	xhtml "golang.org/x/net/html"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/auth"
	"github.com/hakakses/hakakses/internal/letters"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// nodeT is a parsed HTML element, for findAll's predicates.
type nodeT = *xhtml.Node

// agreementValues is the PKS/Juknis editor's form for the given text.
func agreementValues(clauses []letters.Clause, sections []letters.Section) url.Values {
	v := url.Values{}
	for _, c := range clauses {
		v.Add("clause_key", string(c.Key))
		v.Add("clause_title", c.Title)
		v.Add("clause_body", c.Body)
	}
	for _, s := range sections {
		v.Add("juknis_title", s.Title)
		v.Add("juknis_body", s.Body)
	}
	return v
}

// defaultAgreement is the text the editor starts from for an application.
func (e *env) defaultAgreement(id int64) ([]letters.Clause, []letters.Section) {
	e.t.Helper()
	d, err := e.App.Application(context.Background(), e.notifPrincipal("petugas"), id)
	if err != nil {
		e.t.Fatal(err)
	}
	la := d.LetterApplication()
	office := app.OfficeOf(d.Tenant)
	return letters.DefaultPKSClauses(office, la), letters.DefaultJuknisSections(office, la)
}

// signedDemo is a demo application whose PKS is signed: next, the lembaga
// requests its User ID.
func (e *env) signedDemo() int64 {
	e.t.Helper()
	id := e.approved()
	clauses, sections := e.defaultAgreement(id)
	e.fireAs("petugas", id, app.Action{Event: workflow.PrepareAgreement, Form: agreementValues(clauses, sections)})
	e.fireAs("lembaga", id, app.Action{Event: workflow.AgreeAgreement})
	today := e.Clock.Now().Format("2006-01-02")
	e.fireAs("kepala", id, app.Action{Event: workflow.Sign, Form: url.Values{"kepala_signer": {"Drs. H. Ahmad Syafei, M.Si"},
		"counterparty_signer": {"dr. H. Iwan Setiawan, M.Kes"}, "counterparty_nip": {app.DemoHeadNIP}, "signing_date": {today},
		"pks_number_disdukcapil": {"470/123/DUKCAPIL/2025"}, "pks_number_lembaga": {"045/77/DINKES/2025"},
		"juknis_number_disdukcapil": {"470/124/DUKCAPIL/2025"}, "juknis_number_lembaga": {"045/78/DINKES/2025"}},
		Files: map[string]app.Upload{app.DocSignedPKS: {Filename: "pks.pdf", Content: testPDF}, app.DocSignedJuknis: {Filename: "juknis.pdf", Content: testPDF}}})
	return id
}

// colleague adds a second lembaga user to the demo institution (password
// "kata-sandi-rekan-77") and returns it as a principal.
func (e *env) colleague(t *testing.T, email string) app.Principal {
	t.Helper()
	ctx := context.Background()
	hash, err := auth.Hash("kata-sandi-rekan-77", testHashParams)
	if err != nil {
		t.Fatal(err)
	}
	owner := e.notifPrincipal("lembaga")
	err = e.DB.Tx(ctx, store.System(), func(tx pgx.Tx) error {
		_, err := store.CreateUser(ctx, tx, store.NewUser{TenantID: &owner.TenantID, InstitutionID: &owner.InstitutionID, Email: email,
			Name: "Rekan Operator", Role: "lembaga", PasswordHash: hash}, e.Clock.Now())
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	p, _, err := e.App.Authenticate(ctx, email, "kata-sandi-rekan-77", "colleague-test")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// completeDraft is a demo draft the submit guard accepts.
func (e *env) completeDraft() int64 {
	e.t.Helper()
	ctx := context.Background()
	lembaga := e.notifPrincipal("lembaga")
	id, err := e.App.CreateDraft(ctx, lembaga, 0)
	if err != nil {
		e.t.Fatal(err)
	}
	if err := e.App.SaveDraft(ctx, lembaga, id, e.appVersion(id), app.DraftInput{
		Purpose:             "Verifikasi data penerima layanan kesehatan daerah berbasis NIK.",
		AccessMethods:       []string{"web_service"},
		ReturnData:          "Status kepesertaan per NIK, dikirim setiap bulan.",
		TermMonths:          "24",
		Elements:            map[string]string{"nik": "", "nama_lengkap": ""},
		Files:               map[string]app.Upload{app.DocRequestLetter: {Filename: "surat.pdf", Content: testPDF}},
		RequestLetterNumber: "045/77/DINKES/2025",
		RequestLetterDate:   "2025-03-03",
	}); err != nil {
		e.t.Fatal(err)
	}
	return id
}

// pdftotext reads a PDF back with poppler, as a reviewer's viewer would, with
// white space collapsed.
func pdftotext(t *testing.T, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Fatal("pdftotext not installed: apt-get install poppler-utils (.ci/run does)")
	}
	cmd := exec.Command(bin, "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// pdfPages counts the pages of a PDF, with poppler's pdfinfo.
func pdfPages(t *testing.T, pdf []byte) int {
	t.Helper()
	bin, err := exec.LookPath("pdfinfo")
	if err != nil {
		t.Fatal("pdfinfo not installed: apt-get install poppler-utils (.ci/run does)")
	}
	cmd := exec.Command(bin, "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if rest, ok := strings.CutPrefix(line, "Pages:"); ok {
			n, _ := strconv.Atoi(strings.TrimSpace(rest))
			return n
		}
	}
	t.Fatalf("pdfinfo printed no page count:\n%s", out)
	return 0
}
