package e2e

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/hakakses/hakakses/internal/workflow"
)

// The lifecycle tests walk applications through the screens as the people who
// use them would: the lembaga's list and draft form, the office's work queue,
// the Dirjen's national inbox, and the action forms on each detail page.

// institution is the demo lembaga; every generated letter must name it.
const institution = "Dinas Kesehatan Kabupaten Ogan Komering Ilir"

// application is one application as the tests know it.
type application struct {
	ID     int64
	Number string // as the detail page shows it
}

// listOf is the list page a role starts from, and the list's data-testid.
var listOf = map[string][2]string{
	"lembaga": {"/oki/lembaga/", "lembaga"},
	"petugas": {"/oki/kantor/", "queue"},
	"kepala":  {"/oki/kantor/", "queue"},
	"dirjen":  {"/dirjen/", "inbox"},
}

// detailOf is the application's page for a role.
func detailOf(role string, id int64) string {
	switch role {
	case "lembaga":
		return fmt.Sprintf("/oki/lembaga/permohonan/%d", id)
	case "dirjen":
		return fmt.Sprintf("/dirjen/permohonan/%d", id)
	}
	return fmt.Sprintf("/oki/kantor/permohonan/%d", id)
}

// open switches to role's window and opens the application from the role's
// own list, reached through the header navigation, by clicking its row; the
// row must be there and lead to the detail page.
func (e *E) open(role string, a *application) {
	e.t.Helper()
	e.as(role)
	list := listOf[role]
	if e.location() != list[0] {
		nav := fmt.Sprintf(`nav a[href=%q]`, list[0])
		e.menu()
		if !e.has(nav) {
			e.fatalf("the header navigation has no link to %s's list %s", role, list[0])
		}
		e.click(nav, role+"-list")
	}
	row := fmt.Sprintf(`%s [data-testid="row-link"][href$="/permohonan/%d"]`, testID(list[1]), a.ID)
	if !e.has(row) {
		e.fatalf("%s's list (%s) has no row for application %d (%s)", role, list[0], a.ID, a.Number)
	}
	e.click(row, role+"-detail")
	if got, want := e.location(), detailOf(role, a.ID); got != want {
		e.fatalf("the row led %s to %s, want %s", role, got, want)
	}
	e.must(testID("timeline"), "detail page timeline")
	e.must(testID("history"), "detail page history")
}

// field is one named form control and what to put in it (for a file input,
// the file's path).
type field struct{ name, value string }

// fire fills the action form of event on the current detail page and presses
// its button; the action must succeed (303 back to the detail page, flash).
func (e *E) fire(event string, fields ...field) {
	e.t.Helper()
	e.fireExpect(event, 0, fields...)
	if got := e.text(testID("flash")); !strings.Contains(got, "berhasil dicatat") {
		e.fatalf("after %s the flash reads %q", event, got)
	}
}

// fireExpect is fire requiring the response's status (0: below 400).
func (e *E) fireExpect(event string, status int, fields ...field) {
	e.t.Helper()
	form := fmt.Sprintf(`form[data-testid="action-%s"]`, event)
	if !e.has(form) {
		offered := js[[]string](e, `Array.from(document.querySelectorAll('form[data-testid^="action-"]')).map(f => f.dataset.testid)`)
		e.fatalf("step %q: no form %s on this page; it offers %q", event, form, offered)
	}
	for _, f := range fields {
		e.fill(fmt.Sprintf(`%s [name=%q]`, form, f.name), f.value)
	}
	e.reveal(form) // forms of rarer actions sit in a closed <details>
	e.clickExpect(fmt.Sprintf(`%s [data-testid="fire-%s"]`, form, event), "after-"+event, status)
}

// state requires the detail page's state label.
func (e *E) state(s workflow.State) {
	e.t.Helper()
	if got := e.text(testID("state")); got != s.Label() {
		e.fatalf("state reads %q, want %q (%s)", got, s.Label(), s)
	}
}

// doc downloads a document of the current detail page by kind, and requires
// that its text names the institution (generated letters) or says want.
func (e *E) doc(kind, want string) string {
	e.t.Helper()
	e.must(testID("documents"), "documents list")
	text := e.download(testID("doc-"+kind), kind)
	if want != "" && !strings.Contains(strings.ToLower(text), strings.ToLower(want)) {
		e.errorf("%s.pdf does not contain %q; its text begins %.300q", kind, want, text)
	}
	return text
}

// The numbers the paper carries, as a clerk would type them; every generated
// letter must cite these, never the application's tracking number.
const (
	requestLetterNumber = "045/70/DINKES/2026"
	pksDisdukcapil      = "470/123/DUKCAPIL/2026"
	pksLembaga          = "045/77/DINKES/2026"
	juknisDisdukcapil   = "470/124/DUKCAPIL/2026"
	juknisLembaga       = "045/78/DINKES/2026"
	statementNumber     = "045/91/DINKES/2026"
)

// signFields are the sign form as the Kepala fills it from the signed paper;
// the signers and the signing date come pre-filled from the records.
func signFields(f fixtures) []field {
	return []field{
		{"pks_number_disdukcapil", pksDisdukcapil}, {"pks_number_lembaga", pksLembaga},
		{"juknis_number_disdukcapil", juknisDisdukcapil}, {"juknis_number_lembaga", juknisLembaga},
		{"pks_ditandatangani", f["pks_ditandatangani"]}, {"juknis_ditandatangani", f["juknis_ditandatangani"]},
	}
}

// cites downloads a generated document and requires each phrase in its text
// (white space collapsed), and no trace of the application's number.
func (e *E) cites(kind string, a *application, want ...string) string {
	e.t.Helper()
	text := strings.Join(strings.Fields(e.doc(kind, "")), " ")
	for _, w := range want {
		if !strings.Contains(text, w) {
			e.errorf("%s.pdf does not cite %q; its text: %.1500q", kind, w, text)
		}
	}
	if a.Number != "" && strings.Contains(text, a.Number) {
		e.errorf("%s.pdf prints the application number %s where a document number belongs", kind, a.Number)
	}
	return text
}

var appPath = regexp.MustCompile(`/permohonan/(\d+)(/|$)`)

// fixtures are the scans and letters people upload, one small PDF each.
type fixtures map[string]string

func newFixtures(t *testing.T) fixtures {
	f := fixtures{}
	for kind, title := range map[string]string{
		"surat_permohonan":             "Surat permohonan Kepala Dinas Kesehatan",
		"surat_persetujuan_dirjen":     "Surat persetujuan Dirjen Dukcapil",
		"surat_penolakan_dirjen":       "Surat penolakan Dirjen Dukcapil",
		"pks_ditandatangani":           "PKS yang telah ditandatangani",
		"juknis_ditandatangani":        "Juknis yang telah ditandatangani",
		"surat_permohonan_user_id":     "Surat permohonan User ID dan IP LAN",
		"pernyataan_jaringan_tertutup": "Surat Pernyataan Jaringan Tertutup",
		"surat_persetujuan_akses_dwh":  "Surat persetujuan akses DWH",
		"laporan_semester":             "Laporan penggunaan semester I",
	} {
		f[kind] = fixturePDF(t, strings.ReplaceAll(kind, "_", "-")+".pdf", title)
	}
	return f
}

// newDraft has the lembaga start an application from its list; it returns the
// application with the draft form open.
func (e *E) newDraft() *application {
	e.t.Helper()
	e.as("lembaga")
	if e.location() != "/oki/lembaga/" {
		e.visit("/oki/lembaga/")
	}
	e.click(testID("new-application"), "new-draft-form")
	m := appPath.FindStringSubmatch(e.location())
	if m == nil {
		e.fatalf("new application: %v (at %s)", errNoID, e.location())
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	if got, want := e.location(), detailOf("lembaga", id)+"/ubah"; got != want {
		e.fatalf("a new application opens %s, want its draft form %s", got, want)
	}
	e.must(testID("draft-form"), "draft form")
	return &application{ID: id}
}

// fillDraft completes the draft form (items 2b–f and the signed request
// letter) and saves it, landing on the detail page.
func (e *E) fillDraft(f fixtures) {
	e.t.Helper()
	form := testID("draft-form")
	e.fill(form+` [name="purpose"]`, "Verifikasi data penerima layanan kesehatan daerah (Jamkesda) berbasis NIK di puskesmas.")
	// A Pasal 84 element's justification field shows only once it is ticked.
	why := form + ` [name="justification_cacat_fisik_mental"]`
	e.must(why, "Pasal 84 justification")
	ticked := js[bool](e, `document.querySelector(`+q(form+` input[name="element"][value="cacat_fisik_mental"]`)+`).checked`)
	if !ticked && e.visible(why) {
		e.errorf("the justification for an unticked Pasal 84 element is shown (data-reveal should hide it)")
	}
	for _, code := range []string{"nik", "nama_lengkap", "tanggal_lahir", "cacat_fisik_mental"} {
		e.check(fmt.Sprintf(`%s input[name="element"][value=%q]`, form, code))
	}
	if !e.visible(why) {
		e.fatalf("ticking a Pasal 84 element does not show its justification field")
	}
	e.fill(why, "Penentuan layanan kesehatan bagi penyandang disabilitas.")
	e.check(fmt.Sprintf(`%s input[name="access_methods"][value=%q]`, form, workflow.WebService))
	e.fill(form+` [name="return_data"]`, "Status kepesertaan Jamkesda per NIK, dikirim setiap bulan.")
	e.fill(form+` [name="term_months"]`, "24")
	e.fill(form+` [name="request_letter_number"]`, requestLetterNumber)
	e.setValue(form+` [name="request_letter_date"]`, "2026-03-09")
	e.upload(form+` [name="surat_permohonan"]`, f["surat_permohonan"])
	e.click(testID("save-draft"), "draft-saved")
	e.assertText(testID("flash"), "Draf tersimpan")
}

// submitted creates, fills and submits an application as the lembaga.
func (e *E) submitted(f fixtures) *application {
	e.t.Helper()
	a := e.newDraft()
	e.fillDraft(f)
	a.Number = e.text(testID("app-number"))
	e.state(workflow.Draft)
	e.fire("submit")
	e.state(workflow.Submitted)
	return a
}

// today is the demo clock's date as a date input wants it.
func (e *E) today() string { return e.App.Clock.Now().Format("2006-01-02") }

// TestLifecycleFromDraftToActiveAsEveryRole is the happy path of the issue:
// draft → return → resubmit → forward → approve → PKS/Juknis (with a revision)
// → sign → User ID request → DWH request → DWH approval → handover →
// acknowledgement → semester report, downloading every generated PDF.
func TestLifecycleFromDraftToActiveAsEveryRole(t *testing.T) {
	e := start(t)
	f := newFixtures(t)

	// Lembaga: a new draft, first submitted empty — the guard says what is missing.
	a := e.newDraft()
	e.click(`a[href="`+detailOf("lembaga", a.ID)+`"].button`, "draft-detail")
	e.must(testID("checklist"), "completeness checklist before Ajukan")
	e.fireExpect("submit", http.StatusOK)
	// Refused: the browser is on the draft form (Post/Redirect/Get), whose error
	// summary links each problem to its field, the upload included.
	if loc := e.location(); loc != detailOf("lembaga", a.ID)+"/ubah" {
		e.fatalf("a refused submission left the browser on %s, want the draft form", loc)
	}
	e.must(testID("form-error")+` a[href="#purpose"]`, "summary link to the purpose")
	e.must(testID("form-error")+` a[href="#surat_permohonan"]`, "summary link to the request letter")
	e.must(testID("error-surat_permohonan"), "message under the request letter upload")
	e.fillDraft(f)
	a.Number = e.text(testID("app-number"))
	e.fire("submit")
	e.state(workflow.Submitted)

	// Petugas: the application waits in the queue with its SLA clock; it is
	// returned as incomplete.
	e.open("petugas", a)
	e.must(testID("sla"), "SLA panel")
	e.fire("return", field{"reason", "Surat permohonan belum dibubuhi stempel dinas; mohon unggah ulang."})
	e.state(workflow.Returned)

	// Lembaga: sees why, fixes the letter, resubmits.
	e.open("lembaga", a)
	e.assertText(testID("return-reason"), "belum dibubuhi stempel")
	e.click(testID("edit-draft"), "returned-draft-form")
	e.upload(testID("draft-form")+` [name="surat_permohonan"]`, f["surat_permohonan"])
	e.click(testID("save-draft"), "returned-draft-saved")
	e.fire("submit")
	e.state(workflow.Submitted)

	// Petugas: forwards to the Dirjen; the forwarding letter is generated.
	e.open("petugas", a)
	e.fire("forward")
	e.state(workflow.Forwarded)
	e.cites("surat_pengantar_dirjen", a, "Ogan Komering Ilir", "Nomor "+requestLetterNumber+" tanggal 9 Maret 2026")

	// Dirjen: the national inbox holds it; the approval letter is recorded.
	e.open("dirjen", a)
	e.fire("approve",
		field{"letter_number", "400.8/1234/Dukcapil"},
		field{"letter_date", e.today()},
		field{"surat_persetujuan_dirjen", f["surat_persetujuan_dirjen"]})
	e.state(workflow.Approved)

	// Petugas: drafts the PKS and Juknis from the application, then revises one
	// clause; the PKS diff shows the change.
	e.open("petugas", a)
	e.fire("prepare_agreement")
	e.state(workflow.Signing)
	e.cites("draf_pks", a, "Ogan Komering Ilir", "Data Balikan", "Pasal 38")
	e.cites("draf_juknis", a, "Ogan Komering Ilir")
	body := `form[data-testid="action-revise_agreement"] textarea[name="clause_body"]`
	e.must(body, "revise_agreement clause editor")
	e.reveal(body)
	old := js[string](e, `document.querySelector(`+q(body)+`).value`)
	e.setValue(body, old+"\nPara pihak sepakat meninjau pelaksanaan perjanjian ini setiap enam bulan.")
	e.fire("revise_agreement")
	e.state(workflow.Signing)
	if e.has(testID("pks-diff")) {
		e.click(testID("pks-diff"), "pks-diff")
		e.assertText(testID("diff-clause"), "setiap enam bulan")
		e.visit(detailOf("petugas", a.ID))
	} else {
		e.errorf("no PKS diff link after a revision")
	}

	// Lembaga: agrees to the revised version; only an agreed version is signed.
	e.open("lembaga", a)
	e.fire("agree_agreement")
	e.state(workflow.Agreed)

	// Kepala: records the signing as on the paper — both PKS numbers, the
	// Juknis numbers, the date — with the signed scans. The lembaga's number
	// typed as the Disdukcapil's is refused, naming the field, and nothing
	// changes.
	e.open("kepala", a)
	wrong := signFields(f)
	wrong[1] = field{"pks_number_lembaga", pksDisdukcapil}
	// Refused: Post/Redirect/Get back to the detail page, which shows the
	// message once (200), as every refused action does since issue 13.
	e.fireExpect("sign", http.StatusOK, wrong...)
	e.assertText(`form[data-testid="action-sign"]`, "Nomor PKS pihak lembaga pengguna sama dengan nomor pihak Disdukcapil")
	e.state(workflow.Agreed)
	e.fire("sign", signFields(f)...)
	e.state(workflow.Signed)

	// Lembaga: asks for User IDs for its closed network.
	e.open("lembaga", a)
	e.fire("request_user_id",
		field{"ip_addresses", "10.20.30.0/24\n10.20.31.5"},
		field{"closed_network_statement_number", statementNumber},
		field{"closed_network_statement_date", e.today()},
		field{"surat_permohonan_user_id", f["surat_permohonan_user_id"]},
		field{"pernyataan_jaringan_tertutup", f["pernyataan_jaringan_tertutup"]})
	e.state(workflow.UserIDRequested)
	e.assertText(testID("ip-addresses"), "10.20.31.5")

	// Petugas: asks the Dirjen for DWH access; the request letter is generated.
	e.open("petugas", a)
	e.fire("request_dwh")
	e.state(workflow.DWHRequested)
	e.cites("surat_permohonan_akses_dwh", a, "Ogan Komering Ilir",
		"Nomor "+pksDisdukcapil+" dan Nomor "+pksLembaga+" yang ditandatangani pada tanggal 10 Maret 2026",
		"Petunjuk Teknis Nomor "+juknisDisdukcapil+" dan Nomor "+juknisLembaga,
		"Jaringan Tertutup dari Lembaga Pengguna Nomor "+statementNumber+" tanggal 10 Maret 2026")

	// Dirjen: approves DWH access with its letter, the lembaga's User IDs with
	// their categories, and the Disdukcapil's own data balikan User ID.
	e.open("dirjen", a)
	e.fire("approve_dwh",
		field{"letter_number", "400.8/2000/Dukcapil"},
		field{"letter_date", e.today()},
		field{"user_ids", "dinkes.oki.ws01;verifikasi\ndinkes.oki.wp01;pemanfaatan"},
		field{"data_balikan_user_id", "dukcapil.oki.db01"},
		field{"surat_persetujuan_akses_dwh", f["surat_persetujuan_akses_dwh"]})
	e.state(workflow.DWHApproved)

	// Petugas: hands the User IDs over; the handover record lists only the
	// lembaga's, with their categories. The data balikan ID is the office's.
	e.open("petugas", a)
	e.assertText(testID("data-balikan-user-id"), "dukcapil.oki.db01")
	e.fire("hand_over")
	e.state(workflow.Active)
	handover := e.cites("berita_acara_serah_terima", a, "dinkes.oki.ws01", "verifikasi", "dinkes.oki.wp01", "pemanfaatan",
		"400.8/2000/Dukcapil", pksDisdukcapil)
	if strings.Contains(handover, "dukcapil.oki.db01") {
		e.errorf("the handover record lists the Disdukcapil's data balikan User ID")
	}

	// Lembaga: confirms receipt and files its first semester report; it never
	// sees the Disdukcapil's data balikan User ID.
	e.open("lembaga", a)
	e.assertText(testID("user-ids"), "dinkes.oki.ws01")
	if e.has(testID("data-balikan-user-id")) {
		e.errorf("the lembaga is shown the Disdukcapil's data balikan User ID")
	}
	e.assertText(testID("timeline"), "Aktif")
	e.fire("acknowledge_receipt")
	e.state(workflow.Active)
	e.fire("file_report", field{"laporan_semester", f["laporan_semester"]})
	e.state(workflow.Active)
	code := e.text(testID("tracking-code"))

	// Anyone holding the number and the tracking code sees the stage: the
	// lembaga signs out, and its window visits the public tracking page.
	e.logout()
	e.visit("/oki/lacak?" + url.Values{"nomor": {a.Number}, "kode": {code}}.Encode())
	e.assertText(testID("tracking-result")+" "+testID("state"), workflow.Active.Label())
	e.assertText(testID("tracking-stages"), "PKS & Juknis")
	e.assertText(testID("sla-explained"), "Tidak dihitung")
}

// TestDirjenRejectsAForwardedApplication is the rejection path: the Dirjen's
// rejection letter ends the application, and the lembaga sees it so.
func TestDirjenRejectsAForwardedApplication(t *testing.T) {
	e := start(t)
	f := newFixtures(t)
	a := e.submitted(f)

	e.open("petugas", a)
	e.fire("forward")
	e.state(workflow.Forwarded)
	e.cites("surat_pengantar_dirjen", a, "Ogan Komering Ilir", "Nomor "+requestLetterNumber)

	e.open("dirjen", a)
	asked := e.dialogCount()
	e.fire("reject",
		field{"letter_number", "400.8/987/Dukcapil"},
		field{"letter_date", e.today()},
		field{"surat_penolakan_dirjen", f["surat_penolakan_dirjen"]},
		field{"reason", "Tujuan pemanfaatan tidak sesuai kewenangan perangkat daerah."})
	e.state(workflow.Rejected)
	if d := e.dialogsSince(asked); len(d) != 1 || !strings.Contains(d[0], "penolakan") {
		e.errorf("rejecting asked for confirmation %q, want one question about the rejection", d)
	}
	e.doc("surat_penolakan_dirjen", "")

	// The lembaga sees the outcome, and nothing more can be done.
	e.open("lembaga", a)
	e.state(workflow.Rejected)
	e.assertText(testID("history"), "Tujuan pemanfaatan tidak sesuai")
	if e.has(`form[data-testid^="action-"]`) {
		e.errorf("a rejected application still offers actions to the lembaga")
	}
}

// TestLembagaWithdrawsADraft cancels a draft after confirming.
func TestLembagaWithdrawsADraft(t *testing.T) {
	e := start(t)
	a := e.newDraft()
	e.click(`a[href="`+detailOf("lembaga", a.ID)+`"].button`, "draft-detail")
	asked := e.dialogCount()
	e.fire("withdraw")
	e.state(workflow.Withdrawn)
	if d := e.dialogsSince(asked); len(d) != 1 {
		e.errorf("withdrawing asked %q, want exactly one confirmation", d)
	}
	if e.has(testID("edit-draft")) {
		e.errorf("a withdrawn application can still be edited")
	}
}

// TestDirjenReturnsTheDWHRequestThenAccessIsRevoked covers the other ways out:
// the Dirjen sends the DWH request back (the closed network is not ready), the
// lembaga asks again with a corrected network, access is granted, and the
// Kepala later revokes it.
func TestDirjenReturnsTheDWHRequestThenAccessIsRevoked(t *testing.T) {
	e := start(t)
	f := newFixtures(t)
	a := e.submitted(f)

	e.open("petugas", a)
	e.fire("forward")
	e.open("dirjen", a)
	e.fire("approve",
		field{"letter_number", "400.8/555/Dukcapil"},
		field{"letter_date", e.today()},
		field{"surat_persetujuan_dirjen", f["surat_persetujuan_dirjen"]})
	e.open("petugas", a)
	e.fire("prepare_agreement")
	e.open("lembaga", a)
	e.fire("agree_agreement")
	e.open("petugas", a)
	e.fire("sign", signFields(f)...)
	e.state(workflow.Signed)

	e.open("lembaga", a)
	e.fire("request_user_id",
		field{"ip_addresses", "192.168.10.7"},
		field{"closed_network_statement_number", statementNumber},
		field{"closed_network_statement_date", e.today()},
		field{"surat_permohonan_user_id", f["surat_permohonan_user_id"]},
		field{"pernyataan_jaringan_tertutup", f["pernyataan_jaringan_tertutup"]})
	e.open("petugas", a)
	e.fire("request_dwh")
	e.state(workflow.DWHRequested)

	// The Dirjen returns it; it goes back to the signed stage with the reason.
	e.open("dirjen", a)
	e.fire("return_dwh", field{"reason", "Alamat IP bukan jaringan tertutup instansi; gunakan IP LAN kantor dinas."})
	e.state(workflow.Signed)

	// The lembaga sees why and asks again with its office LAN. The request letter
	// on file is kept, but the closed-network statement must be a new one: the
	// old one described the network the Dirjen refused.
	e.open("lembaga", a)
	e.assertText(testID("history"), "bukan jaringan tertutup")
	e.fire("request_user_id", field{"ip_addresses", "10.20.30.0/24"},
		field{"closed_network_statement_number", "045/95/DINKES/2026"},
		field{"closed_network_statement_date", e.today()},
		field{"pernyataan_jaringan_tertutup", f["pernyataan_jaringan_tertutup"]})
	e.state(workflow.UserIDRequested)
	e.assertText(testID("ip-addresses"), "10.20.30.0/24")

	e.open("petugas", a)
	e.fire("request_dwh")
	e.cites("surat_permohonan_akses_dwh", a, "Nomor 045/95/DINKES/2026")
	e.open("dirjen", a)
	e.fire("approve_dwh", field{"user_ids", "dinkes.oki.ws01;verifikasi\ndinkes.oki.wp01;pencarian"},
		field{"letter_number", "400.8/2001/Dukcapil"}, field{"letter_date", e.today()},
		field{"data_balikan_user_id", "dukcapil.oki.db02"},
		field{"surat_persetujuan_akses_dwh", f["surat_persetujuan_akses_dwh"]})
	e.state(workflow.DWHApproved)
	e.open("petugas", a)
	e.fire("hand_over")
	e.state(workflow.Active)

	// The Kepala revokes access, after confirming.
	e.open("kepala", a)
	asked := e.dialogCount()
	e.fire("revoke", field{"reason", "Laporan semester tidak disampaikan dan data dipakai di luar PKS (butir 10)."})
	e.state(workflow.Revoked)
	if d := e.dialogsSince(asked); len(d) != 1 || !strings.Contains(d[0], "Cabut") {
		e.errorf("revoking asked %q, want one confirmation", d)
	}
	e.open("lembaga", a)
	e.state(workflow.Revoked)
	e.assertText(testID("history"), "di luar PKS")
}
