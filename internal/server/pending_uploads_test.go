package server_test

import (
	"context"
	"crypto/sha256"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// pendingRows counts the kept files of an application, as the system sees them.
func (e *env) pendingRows(id int64) int {
	e.t.Helper()
	ctx := context.Background()
	var n int
	if err := e.DB.ReadTx(ctx, store.System(), func(tx pgx.Tx) error {
		return tx.QueryRow(ctx, `SELECT count(*) FROM pending_uploads WHERE application_id = $1`, id).Scan(&n)
	}); err != nil {
		e.t.Fatal(err)
	}
	return n
}

// requestLetters lists the SHA-256 of every stored request letter version.
func (e *env) requestLetters(id int64) [][]byte {
	e.t.Helper()
	ctx := context.Background()
	var out [][]byte
	if err := e.DB.ReadTx(ctx, store.System(), func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT sha256 FROM documents WHERE application_id = $1 AND kind = $2 ORDER BY version`, id, app.DocRequestLetter)
		if err != nil {
			return err
		}
		out, err = pgx.CollectRows(rows, pgx.RowTo[[]byte])
		return err
	}); err != nil {
		e.t.Fatal(err)
	}
	return out
}

// letterPDF is a distinct, valid-looking PDF.
func letterPDF(tag string) []byte {
	return []byte("%PDF-1.4\n% " + tag + "\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
}

// A file chosen in a draft save that is refused for another field is kept: the
// form shows it attached with a "Hapus" button, the next save without a file
// stores it as the request letter, and nothing of it is visible to anyone else.
func TestRefusedDraftSaveKeepsTheChosenFile(t *testing.T) {
	t.Parallel()
	e := newEnv(t, withMaxUpload(1<<20))
	oku := e.onboardOKU()
	ctx := context.Background()
	owner := e.notifPrincipal("lembaga")
	id, err := e.App.CreateDraft(ctx, owner, 0)
	if err != nil {
		t.Fatal(err)
	}
	lembaga := e.loginAs(t, "lembaga")
	base := fmt.Sprintf("/oki/lembaga/permohonan/%d", id)
	form := base + "/ubah"
	const purpose = "Verifikasi NIK penerima bantuan sosial daerah kami."
	letter := letterPDF("surat pertama")

	// 1. A valid PDF with a term that is not a number: refused, the file kept.
	res := lembaga.postMultipart(form, [][2]string{{"version", strconv.Itoa(e.appVersion(id))}, {"purpose", purpose}, {"term_months", "dua belas"}},
		map[string][]byte{app.DocRequestLetter: letter})
	page := lembaga.refusedAt(res, form)
	doc := parseHTML(t, page.Body)
	kept := byTestID(doc, "pending-"+app.DocRequestLetter)
	if kept == nil || !strings.Contains(text(kept), "Terlampir: "+app.DocRequestLetter+".pdf") {
		t.Fatalf("the chosen file is not shown as attached:\n%s", page.Body)
	}
	if !strings.Contains(text(byTestID(doc, "form-error")), "tetap terlampir") {
		t.Errorf("the refusal does not say the file stays attached: %q", text(byTestID(doc, "form-error")))
	}
	if byTestID(doc, "error-term_months") == nil {
		t.Errorf("no message under the term")
	}
	if e.pendingRows(id) != 1 || len(e.requestLetters(id)) != 0 {
		t.Fatalf("after the refusal: %d kept, %d stored letters; want 1 kept, none stored", e.pendingRows(id), len(e.requestLetters(id)))
	}
	// Its "Hapus" button sends the draft form itself (what was typed comes back),
	// and is not the form's default button: Enter saves.
	remove := findAll(doc, func(n nodeT) bool { return attr(n, "data-testid") == "remove-"+app.DocRequestLetter })
	if len(remove) != 1 || attr(remove[0], "name") != "hapus_lampiran" || attr(remove[0], "value") != app.DocRequestLetter {
		t.Fatalf("no Hapus button sending the draft form")
	}
	draftForm := byTestID(doc, "draft-form")
	if first := findAll(draftForm, func(n nodeT) bool { return n.Data == "button" }); len(first) == 0 || attr(first[0], "name") != "" {
		t.Fatalf("the draft form's first (default) button is not a plain save")
	}

	// 2. Nobody else sees it: a colleague of the same institution, the office's
	// staff, and the database itself under their scopes (row-level security).
	colleague := e.colleague(t, "rekan@dinkes.test")
	if p, err := e.App.PendingUploads(ctx, colleague, id); err != nil || len(p) != 0 {
		t.Fatalf("a colleague sees the kept file: %v %v", p, err)
	}
	for _, p := range []app.Principal{colleague, e.notifPrincipal("petugas")} {
		var n int
		if err := e.DB.ReadTx(ctx, p.Scope(), func(tx pgx.Tx) error {
			return tx.QueryRow(ctx, `SELECT count(*) FROM pending_uploads`).Scan(&n)
		}); err != nil || n != 0 {
			t.Fatalf("%s reads %d kept files directly (%v); want 0", p.Email, n, err)
		}
	}
	// Nor remove it: the colleague's "Hapus" (the same draft form) finds nothing
	// of its own; a user of another tenant does not find the application at all.
	rekan := e.newClient(t)
	rekan.login("rekan@dinkes.test", "kata-sandi-rekan-77")
	res = rekan.postMultipart(form, [][2]string{{"version", strconv.Itoa(e.appVersion(id))}, {"hapus_lampiran", app.DocRequestLetter}}, nil)
	if res.Status != 303 || e.pendingRows(id) != 1 || !strings.Contains(rekan.get(form).Body, "tidak ada yang dihapus") {
		t.Fatalf("a colleague's removal: %s, %d kept", res, e.pendingRows(id))
	}
	other := e.newClient(t)
	other.login(oku.LembagaEmail, oku.Password)
	for _, path := range []string{base + "/lampiran/hapus", fmt.Sprintf("/oku/lembaga/permohonan/%d/lampiran/hapus", id)} {
		if res := other.post(path, url.Values{"jenis": {app.DocRequestLetter}}); res.Status != 404 {
			t.Errorf("another tenant's lembaga removing at %s: %s, want 404", path, res)
		}
	}
	if e.pendingRows(id) != 1 {
		t.Fatalf("the kept file went away")
	}

	// 3. The next save without a file uses it, and the kept copy goes.
	page = lembaga.get(form)
	res = lembaga.postMultipart(form, [][2]string{{"version", strconv.Itoa(e.appVersion(id))}, {"purpose", purpose}, {"term_months", "12"}}, nil)
	if res.Status != 303 || res.Location() != base {
		t.Fatalf("the corrected save: %s", res)
	}
	sum := sha256.Sum256(letter)
	if got := e.requestLetters(id); len(got) != 1 || string(got[0]) != string(sum[:]) {
		t.Fatalf("stored request letters %x, want exactly the kept file", got)
	}
	if e.pendingRows(id) != 0 {
		t.Fatalf("the kept file outlived the save that used it")
	}
	if strings.Contains(lembaga.get(form).Body, "Terlampir:") {
		t.Fatalf("the form still shows a kept file")
	}

	// 4. A new file chosen after a refusal replaces the kept one.
	second, third := letterPDF("surat kedua"), letterPDF("surat ketiga")
	lembaga.refusedAt(lembaga.postMultipart(form, [][2]string{{"version", strconv.Itoa(e.appVersion(id))}, {"term_months", "999"}},
		map[string][]byte{app.DocRequestLetter: second}), form)
	res = lembaga.postMultipart(form, [][2]string{{"version", strconv.Itoa(e.appVersion(id))}, {"purpose", purpose}, {"term_months", "12"}},
		map[string][]byte{app.DocRequestLetter: third})
	if res.Status != 303 {
		t.Fatalf("save with a new file: %s", res)
	}
	sum3 := sha256.Sum256(third)
	if got := e.requestLetters(id); len(got) != 2 || string(got[1]) != string(sum3[:]) || e.pendingRows(id) != 0 {
		t.Fatalf("want the new file as version 2 and nothing kept; got %d versions, %d kept", len(got), e.pendingRows(id))
	}

	// 5. "Hapus" by its owner removes it without saving the draft; the form
	// comes back with what was typed, and a file chosen meanwhile is kept.
	lembaga.refusedAt(lembaga.postMultipart(form, [][2]string{{"version", strconv.Itoa(e.appVersion(id))}, {"term_months", "0"}},
		map[string][]byte{app.DocRequestLetter: second}), form)
	version := e.appVersion(id)
	res = lembaga.postMultipart(form, [][2]string{{"version", strconv.Itoa(version)}, {"purpose", "Diketik setelah penolakan, belum disimpan."},
		{"hapus_lampiran", app.DocRequestLetter}}, nil)
	if res.Status != 303 || res.Location() != form {
		t.Fatalf("remove: %s, want 303 to the form", res)
	}
	page = lembaga.get(form)
	doc = parseHTML(t, page.Body)
	if e.pendingRows(id) != 0 || byTestID(doc, "pending-"+app.DocRequestLetter) != nil || !strings.Contains(page.Body, app.DocRequestLetter+".pdf dihapus") {
		t.Fatalf("after Hapus: %d kept; page:\n%s", e.pendingRows(id), page.Body)
	}
	if byTestID(doc, "form-error") != nil || !strings.Contains(page.Body, "Diketik setelah penolakan, belum disimpan.") {
		t.Fatalf("after Hapus the typed purpose is gone or an error shows")
	}
	if _, v, p := e.appRow(id); v != version || p != purpose {
		t.Fatalf("Hapus saved the draft: version %d→%d, purpose %q", version, v, p)
	}
	// The action forms' route for Hapus answers "nothing removed" here.
	if res := lembaga.post(base+"/lampiran/hapus", url.Values{"jenis": {app.DocRequestLetter}}); res.Status != 303 || res.Location() != base {
		t.Fatalf("remove through the action forms' route: %s", res)
	}
	// A file that fails its own check is never kept.
	lembaga.refusedAt(lembaga.postMultipart(form, [][2]string{{"version", strconv.Itoa(e.appVersion(id))}, {"term_months", "0"}},
		map[string][]byte{app.DocRequestLetter: []byte("bukan pdf")}), form)
	if e.pendingRows(id) != 0 {
		t.Fatalf("a file that is no PDF was kept")
	}
}

// A refused action keeps its checked files too: the User ID request refused for
// lack of IP addresses shows both papers attached, and the next attempt with the
// addresses only goes through with them.
func TestRefusedActionKeepsItsFiles(t *testing.T) {
	t.Parallel()
	e := newEnv(t, withMaxUpload(1<<20))
	id := e.signedDemo()
	lembaga := e.loginAs(t, "lembaga")
	base := fmt.Sprintf("/oki/lembaga/permohonan/%d", id)
	fields := [][2]string{{"version", strconv.Itoa(e.appVersion(id))}, {"closed_network_statement_number", "555/9/DINKES/2025"},
		{"closed_network_statement_date", e.Clock.Now().Format("2006-01-02")}}
	res := lembaga.postMultipart(base+"/aksi/request_user_id", fields,
		map[string][]byte{app.DocUserIDRequest: letterPDF("permohonan user id"), app.DocClosedNetwork: letterPDF("jaringan tertutup")})
	page := lembaga.refusedAt(res, base)
	doc := parseHTML(t, page.Body)
	for _, kind := range []string{app.DocUserIDRequest, app.DocClosedNetwork} {
		if byTestID(doc, "pending-"+kind) == nil {
			t.Errorf("%s is not shown as attached after the refusal", kind)
		}
	}
	if e.pendingRows(id) != 2 {
		t.Fatalf("%d files kept, want 2", e.pendingRows(id))
	}
	// "Hapus" on the statement: its own small form, posted to /lampiran/hapus.
	formID := "hapus-request_user_id-" + app.DocClosedNetwork
	if b := byTestID(doc, "remove-"+app.DocClosedNetwork); b == nil || attr(b, "form") != formID {
		t.Fatalf("the statement's Hapus is not tied to its own form")
	}
	if f := findAll(doc, func(n nodeT) bool { return n.Data == "form" && attr(n, "id") == formID }); len(f) != 1 || attr(f[0], "action") != base+"/lampiran/hapus" {
		t.Fatalf("no remove form %s", formID)
	}
	res = lembaga.post(base+"/lampiran/hapus", url.Values{"jenis": {app.DocClosedNetwork}})
	if res.Status != 303 || res.Location() != base || e.pendingRows(id) != 1 {
		t.Fatalf("remove the statement: %s, %d kept", res, e.pendingRows(id))
	}
	// The second attempt adds the addresses and a new statement; the request
	// letter comes from the kept file.
	fields = append(fields, [2]string{"ip_addresses", "10.20.30.40"})
	fields[0][1] = strconv.Itoa(e.appVersion(id))
	res = lembaga.postMultipart(base+"/aksi/request_user_id", fields, map[string][]byte{app.DocClosedNetwork: letterPDF("pernyataan baru")})
	if res.Status != 303 || res.Location() != base {
		t.Fatalf("the second attempt: %s", res)
	}
	if st, _, _ := e.appRow(id); st != string(workflow.UserIDRequested) || e.pendingRows(id) != 0 {
		t.Fatalf("after the second attempt: state %s, %d kept", st, e.pendingRows(id))
	}
	sum := sha256.Sum256(letterPDF("permohonan user id"))
	if n := e.count(`SELECT count(*) FROM documents WHERE application_id = $1 AND kind = $2 AND sha256 = $3`, id, app.DocUserIDRequest, sum[:]); n != 1 {
		t.Fatalf("the kept User ID request was not stored (%d)", n)
	}
}

// The housekeeping job drops kept files nobody came back to use.
func TestHousekeepingDropsOldPendingUploads(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	owner := e.notifPrincipal("lembaga")
	id, err := e.App.CreateDraft(ctx, owner, 0)
	if err != nil {
		t.Fatal(err)
	}
	err = e.App.SaveDraft(ctx, owner, id, e.appVersion(id), app.DraftInput{TermMonths: "x",
		Files: map[string]app.Upload{app.DocRequestLetter: {Filename: "surat.pdf", Content: letterPDF("lama")}}})
	if err == nil || e.pendingRows(id) != 1 {
		t.Fatalf("refused save: %v, %d kept", err, e.pendingRows(id))
	}
	e.Clock.Advance(app.PendingUploadTTL - time.Minute)
	if err := e.App.Housekeeping(ctx); err != nil || e.pendingRows(id) != 1 {
		t.Fatalf("housekeeping before the limit: %v, %d kept", err, e.pendingRows(id))
	}
	e.Clock.Advance(2 * time.Minute)
	if err := e.App.Housekeeping(ctx); err != nil || e.pendingRows(id) != 0 {
		t.Fatalf("housekeeping after the limit: %v, %d kept", err, e.pendingRows(id))
	}
}
