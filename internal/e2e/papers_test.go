package e2e

import (
	"context"
	"encoding/base64"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/workflow"
)

// Issue 13's papers and kept uploads, at both screen sizes: every screen is
// width-checked (390 px), axe-checked and reloaded after each POST by the
// harness.

// TestKeptUploadReceiptFormatAndPreview runs the walk on a clerk's laptop.
func TestKeptUploadReceiptFormatAndPreview(t *testing.T) { papersWalk(start(t)) }

// TestKeptUploadReceiptFormatAndPreviewOnAPhone runs it on a 390×844 phone.
func TestKeptUploadReceiptFormatAndPreviewOnAPhone(t *testing.T) { papersWalk(startPhone(t)) }

// papersWalk: the lembaga downloads the request letter's format from the draft
// form; a save refused for a too-long letter number keeps the chosen letter
// ("Terlampir", with "Hapus", which removes it); chosen again and refused
// again, the letter is used by the next save without choosing it a third time.
// After submitting, the confirmation offers the bukti pengajuan, which carries
// the number, tracking code and deadline. The clerk's "Pratinjau PDF" of an
// edited pasal shows the edit and saves nothing.
func papersWalk(e *E) {
	f := newFixtures(e.t)
	a := e.newDraft()
	form := testID("draft-form")
	letter := form + ` [name="surat_permohonan"]`
	tooLong := strings.Repeat("045/77/DINKES/2026 ", 12)

	format := e.download(testID("template-surat_permohonan"), "format-surat-permohonan")
	for _, want := range []string{"FORMAT — lengkapi bagian bertitik", strings.ToUpper(institution), "Bupati Ogan Komering Ilir"} {
		if !strings.Contains(format, want) {
			e.errorf("the request letter's format lacks %q: %.600q", want, format)
		}
	}

	refuseKeeping := func(shot string) {
		e.t.Helper()
		e.upload(letter, f["surat_permohonan"])
		e.setValue(form+` [name="request_letter_number"]`, tooLong)
		e.click(testID("save-draft"), shot)
		e.must(testID("form-error")+` a[href="#request_letter_number"]`, "the summary's link to the letter number")
		e.assertText(testID("pending-surat_permohonan"), "Terlampir: surat-permohonan.pdf")
	}
	e.fill(form+` [name="purpose"]`, "Verifikasi data penerima layanan kesehatan daerah (Jamkesda) berbasis NIK di puskesmas.")
	refuseKeeping("draft-refused-file-kept")
	e.click(testID("remove-surat_permohonan"), "draft-kept-file-removed")
	e.assertText(testID("flash"), "surat-permohonan.pdf dihapus")
	if e.has(testID("pending-surat_permohonan")) {
		e.errorf("the removed file is still shown as attached")
	}
	refuseKeeping("draft-refused-again")
	e.check(form + ` input[name="element"][value="nik"]`)
	e.check(form + ` input[name="access_methods"][value="web_service"]`)
	e.fill(form+` [name="return_data"]`, "Status kepesertaan Jamkesda per NIK, dikirim setiap bulan.")
	e.fill(form+` [name="term_months"]`, "24")
	e.setValue(form+` [name="request_letter_number"]`, requestLetterNumber)
	e.setValue(form+` [name="request_letter_date"]`, "2026-03-09")
	if n := js[int](e, `document.querySelector(`+q(letter)+`).files.length`); n != 0 {
		e.fatalf("the file input was not empty after the refusal (%d files)", n)
	}
	// Enter in a field sends the form with its default button: a save, not
	// the "Hapus" that stands before the save buttons.
	e.enter(form+` [name="request_letter_number"]`, "draft-saved-with-kept-file")
	e.assertText(testID("flash"), "Draf tersimpan")
	e.doc("surat_permohonan", "Surat permohonan Kepala Dinas Kesehatan")

	a.Number = e.text(testID("app-number"))
	e.fire("submit")
	e.state(workflow.Submitted)
	e.must(testID("submitted-confirmation"), "the confirmation after submitting")
	code := e.text(testID("tracking-code"))
	receipt := e.download(testID("receipt-confirmation"), "bukti-pengajuan")
	for _, want := range []string{"BUKTI PENGAJUAN PERMOHONAN", a.Number, code, institution, "Selasa, 10 Maret 2026 pukul",
		"paling lambat Rabu, 11 Maret 2026 pukul 16.00 WIB"} {
		if !strings.Contains(receipt, want) {
			e.errorf("the bukti pengajuan lacks %q: %.1500q", want, receipt)
		}
	}
	e.must(testID("receipt"), "the bukti pengajuan link on the detail page")

	// The office's steps up to the editor go through the app layer.
	s := e.setup(f)
	s.id = a.ID
	s.fire("petugas", app.Action{Event: workflow.Forward})
	s.fire("dirjen", app.Action{Event: workflow.Approve, Form: url.Values{"letter_number": {"400.8/555/Dukcapil"},
		"letter_date": {e.today()}}, Files: map[string]app.Upload{app.DocDirjenApproval: s.file("surat_persetujuan_dirjen")}})
	e.as("petugas")
	e.visit(detailOf("petugas", a.ID) + "/")
	const edit = "Kalimat uji pratinjau dari peramban."
	body := "#clause_body_1"
	e.reveal(body)
	e.setValue(body, js[string](e, `document.querySelector(`+q(body)+`).value`)+"\n"+edit)
	preview := e.previewPDF(testID("preview-pks"), "pratinjau-pks")
	for _, want := range []string{edit, "PRATINJAU — belum disimpan (calon draf versi 1)"} {
		if !strings.Contains(preview, want) {
			e.errorf("the preview lacks %q: %.800q", want, preview)
		}
	}
	d, err := e.App.Application(context.Background(), s.as("petugas"), a.ID)
	if err != nil {
		e.t.Fatal(err)
	}
	if len(d.Agreements) != 0 || d.State != workflow.Approved {
		e.errorf("the preview saved something: %d agreement versions, state %s", len(d.Agreements), d.State)
	}
	e.screen("pks-editor-after-preview")
}

// previewPDF presses a "Pratinjau PDF" button the way the browser would send
// it (its form's current values, the button's own name and value, to its
// formaction) and returns the PDF's text; the button must open a new tab.
func (e *E) previewPDF(sel, name string) string {
	e.t.Helper()
	e.must(sel, "preview button")
	if target := js[string](e, `document.querySelector(`+q(sel)+`).formTarget`); target != "_blank" {
		e.errorf("%s opens in %q, not a new tab", sel, target)
	}
	b64 := js[string](e, `(async () => {
		const b = document.querySelector(`+q(sel)+`);
		const r = await fetch(b.formAction, {method: "POST", body: new FormData(b.form, b), credentials: "same-origin"});
		if (!r.ok || r.headers.get("Content-Type") !== "application/pdf") return "HTTP " + r.status + " " + r.headers.get("Content-Type");
		const bytes = new Uint8Array(await r.arrayBuffer());
		let s = "";
		for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
		return btoa(s);
	})()`)
	pdf, err := base64.StdEncoding.DecodeString(b64)
	if err != nil || !strings.HasPrefix(string(pdf), "%PDF-") {
		e.fatalf("preview %s: %.200s", name, b64)
	}
	p := e.artifact(name, "pdf")
	if err := os.WriteFile(p, pdf, 0o644); err != nil {
		e.t.Fatal(err)
	}
	return pdfText(e.t, p)
}

// enter presses Enter in the field sel (implicit submission), waits for the
// page it leads to, and checks that screen and its reload.
func (e *E) enter(sel, name string) {
	e.t.Helper()
	e.must(sel, "press Enter in")
	e.scrollTo(sel)
	ctx, cancel := context.WithTimeout(e.ctx, stepTimeout)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, chromedp.SendKeys(chromedp.CSS(sel), kb.Enter))
	if err != nil {
		e.fatalf("Enter in %s: no page followed: %v", sel, err)
	}
	e.checkStatus("Enter in "+sel, resp, 0)
	e.screen(name)
	e.checkReload("Enter in " + sel)
}
