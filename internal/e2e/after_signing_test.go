package e2e

import (
	"context"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/clock"
	"github.com/hakakses/hakakses/internal/letters"
	"github.com/hakakses/hakakses/internal/workflow"
)

var wib = demoStart.Location()

// jump moves the product's clock to a later date (the server keeps running).
func (e *E) jump(t time.Time) {
	e.t.Helper()
	c, ok := e.App.Clock.(*clock.Offset)
	if !ok {
		e.fatalf("the app clock (%T) cannot be moved", e.App.Clock)
	}
	c.Jump(t)
}

// setup drives the steps a test is not about through the app layer, as the
// demo accounts, so each browser test stays within its time budget.
type setup struct {
	e   *E
	ctx context.Context
	f   fixtures
	id  int64
}

func (e *E) setup(f fixtures) *setup {
	return &setup{e: e, ctx: context.Background(), f: f}
}

func (s *setup) as(role string) app.Principal {
	s.e.t.Helper()
	acc := demo(s.e.t, role)
	p, _, err := s.e.App.Authenticate(s.ctx, acc.Email, app.DemoPassword, "e2e-setup-"+role)
	if err != nil {
		s.e.t.Fatalf("setup: sign in %s: %v", role, err)
	}
	return p
}

func (s *setup) file(kind string) app.Upload {
	s.e.t.Helper()
	b, err := os.ReadFile(s.f[kind])
	if err != nil {
		s.e.t.Fatal(err)
	}
	return app.Upload{Filename: kind + ".pdf", Content: b}
}

func (s *setup) fire(role string, act app.Action) {
	s.e.t.Helper()
	d, err := s.e.App.Application(s.ctx, s.as(role), s.id)
	if err != nil {
		s.e.t.Fatal(err)
	}
	act.Version = d.App.Version
	if err := s.e.App.Fire(s.ctx, s.as(role), s.id, act); err != nil {
		s.e.t.Fatalf("setup: %s by %s: %v", act.Event, role, err)
	}
}

// approved creates a complete request (24 months) and takes it to the Dirjen's approval.
func (s *setup) approved() *application {
	s.e.t.Helper()
	lembaga := s.as("lembaga")
	id, err := s.e.App.CreateDraft(s.ctx, lembaga, 0)
	if err != nil {
		s.e.t.Fatal(err)
	}
	s.id = id
	d, _ := s.e.App.Application(s.ctx, lembaga, id)
	if err := s.e.App.SaveDraft(s.ctx, lembaga, id, d.App.Version, app.DraftInput{
		Purpose:       "Verifikasi data penerima layanan kesehatan daerah (Jamkesda) berbasis NIK di puskesmas.",
		AccessMethods: []string{string(workflow.WebService)}, ReturnData: "Status kepesertaan Jamkesda per NIK.", TermMonths: "24",
		Elements:            map[string]string{"nik": "", "nama_lengkap": ""},
		Files:               map[string]app.Upload{app.DocRequestLetter: s.file("surat_permohonan")},
		RequestLetterNumber: "045/70/DINKES/2026", RequestLetterDate: s.e.App.Clock.Now().Format("2006-01-02"),
	}); err != nil {
		s.e.t.Fatalf("setup: save draft: %v", err)
	}
	s.fire("lembaga", app.Action{Event: workflow.Submit})
	s.fire("petugas", app.Action{Event: workflow.Forward})
	s.fire("dirjen", app.Action{Event: workflow.Approve, Form: url.Values{"letter_number": {"400.8/555/Dukcapil"},
		"letter_date": {s.e.App.Clock.Now().Format("2006-01-02")}},
		Files: map[string]app.Upload{app.DocDirjenApproval: s.file("surat_persetujuan_dirjen")}})
	d, _ = s.e.App.Application(s.ctx, lembaga, id)
	return &application{ID: id, Number: d.App.Number}
}

// active takes a fresh request to an active PKS signed today.
func (s *setup) active() *application {
	s.e.t.Helper()
	a := s.approved()
	d, _ := s.e.App.Application(s.ctx, s.as("petugas"), s.id)
	la := d.LetterApplication()
	office := app.OfficeOf(d.Tenant)
	form := url.Values{}
	for _, c := range letters.DefaultPKSClauses(office, la) {
		form.Add("clause_key", string(c.Key))
		form.Add("clause_title", c.Title)
		form.Add("clause_body", c.Body)
	}
	for _, j := range letters.DefaultJuknisSections(office, la) {
		form.Add("juknis_title", j.Title)
		form.Add("juknis_body", j.Body)
	}
	s.fire("petugas", app.Action{Event: workflow.PrepareAgreement, Form: form})
	s.fire("lembaga", app.Action{Event: workflow.AgreeAgreement})
	today := s.e.App.Clock.Now().Format("2006-01-02")
	s.fire("kepala", app.Action{Event: workflow.Sign, Form: url.Values{"kepala_signer": {d.Tenant.KepalaName},
		"counterparty_signer": {d.Institution.HeadName}, "counterparty_nip": {app.DemoHeadNIP}, "signing_date": {today},
		"pks_number_disdukcapil": {pksDisdukcapil}, "pks_number_lembaga": {pksLembaga},
		"juknis_number_disdukcapil": {juknisDisdukcapil}, "juknis_number_lembaga": {juknisLembaga}},
		Files: map[string]app.Upload{app.DocSignedPKS: s.file("pks_ditandatangani"), app.DocSignedJuknis: s.file("juknis_ditandatangani")}})
	s.fire("lembaga", app.Action{Event: workflow.RequestUserID, Form: url.Values{"ip_addresses": {"10.20.30.0/24"},
		"closed_network_statement_number": {"045/91/DINKES/2026"}, "closed_network_statement_date": {today}},
		Files: map[string]app.Upload{app.DocUserIDRequest: s.file("surat_permohonan_user_id"), app.DocClosedNetwork: s.file("pernyataan_jaringan_tertutup")}})
	s.fire("petugas", app.Action{Event: workflow.RequestDWH})
	s.fire("dirjen", app.Action{Event: workflow.ApproveDWH, Form: url.Values{"user_ids": {"dinkes.oki.ws01;verifikasi"},
		"data_balikan_user_id": {"dukcapil.oki.db01"}, "letter_number": {"400.8/2000/Dukcapil"}, "letter_date": {today}},
		Files: map[string]app.Upload{app.DocDWHApproval: s.file("surat_persetujuan_dirjen")}})
	s.fire("petugas", app.Action{Event: workflow.HandOver})
	return a
}

// TestNegotiationWithACommentAndARevisionBeforeSigning: the lembaga comments on
// a pasal and asks for a change, the office revises, the lembaga agrees, and
// only the agreed version is signed. A staff note on the way is never shown to
// the lembaga.
func TestNegotiationWithACommentAndARevisionBeforeSigning(t *testing.T) {
	e := start(t)
	f := newFixtures(t)
	a := e.setup(f).approved()

	e.open("petugas", a)
	e.fire("prepare_agreement")
	e.state(workflow.Signing)
	e.fill(`#staff-note`, "Narahubung lembaga sulit dihubungi; kirim surat resmi bila laporan terlambat.")
	e.click(testID("add-staff-note"), "staff-note-added")
	e.assertText(testID("staff-notes"), "sulit dihubungi")

	e.open("lembaga", a)
	if e.has(`form[data-testid="action-sign"]`) {
		e.errorf("signing is offered before the lembaga agreed")
	}
	if e.has(testID("staff-notes")) || strings.Contains(e.text("body"), "sulit dihubungi") {
		e.errorf("the lembaga sees the office's internal notes")
	}
	e.selectOption(`#comment-pasal`, "5")
	e.fill(`#comment-body`, "Mohon kewajiban PIHAK KEDUA huruf e memuat format laporan yang kami pakai.")
	e.click(testID("add-comment"), "comment-added")
	e.assertText(testID("comments"), "Pasal 5")
	e.fire("request_changes")
	e.state(workflow.ChangesRequested)

	e.open("petugas", a)
	e.assertText(testID("comments"), "format laporan")
	body := `form[data-testid="action-revise_agreement"] textarea[name="clause_body"]`
	e.reveal(body)
	old := js[string](e, `document.querySelector(`+q(body)+`).value`)
	e.setValue(body, old+"\nFormat laporan mengikuti lampiran Petunjuk Teknis.")
	e.fire("revise_agreement")
	e.state(workflow.Signing)

	e.open("lembaga", a)
	e.fire("agree_agreement")
	e.state(workflow.Agreed)
	e.assertText(testID("agreed-version"), "Versi 2")

	// The petugas records both signatures (staff record the Kepala's signing).
	e.open("petugas", a)
	e.fire("sign", signFields(f)...)
	e.state(workflow.Signed)
}

// TestTwoSemesterReportsOneAcceptedOneReturned: semester I filed on time and
// accepted; semester II filed and returned with a reason, then overdue once its
// due day (31 January) has passed, by the dates the PKS prints.
func TestTwoSemesterReportsOneAcceptedOneReturned(t *testing.T) {
	e := start(t)
	f := newFixtures(t)
	a := e.setup(f).active() // signed 10 March 2026

	e.jump(time.Date(2026, 7, 20, 9, 0, 0, 0, wib))
	e.open("lembaga", a)
	e.fire("file_report", field{"semester", "2026-1"}, field{"laporan_semester", f["laporan_semester"]})
	e.open("petugas", a)
	e.fire("accept_report")
	e.assertText(testID("report-Semester I 2026"), "Diterima")

	e.jump(time.Date(2027, 1, 25, 9, 0, 0, 0, wib))
	e.open("lembaga", a)
	e.fire("file_report", field{"semester", "2026-2"}, field{"laporan_semester", f["laporan_semester"]})
	e.open("petugas", a)
	e.fire("return_report", field{"reason", "Jumlah akses per User ID belum dicantumkan."})
	e.assertText(testID("report-Semester II 2026"), "Dikembalikan")

	e.jump(time.Date(2027, 2, 1, 9, 0, 0, 0, wib))
	e.visit(detailOf("petugas", a.ID))
	e.assertText(testID("report-Semester II 2026"), "Terlambat")
	e.assertText(testID("report-Semester I 2026"), "Diterima")
}

// TestSuspensionForALateReportAndReinstatement: three months after semester
// II's due day, with its report returned and not refiled, the office suspends
// access (letter with the User IDs to deactivate); the lembaga refiles late,
// which clears its own semester; the report is accepted and access reinstated.
func TestSuspensionForALateReportAndReinstatement(t *testing.T) {
	e := start(t)
	f := newFixtures(t)
	s := e.setup(f)
	a := s.active()
	e.jump(time.Date(2026, 7, 20, 9, 0, 0, 0, wib))
	s.fire("lembaga", app.Action{Event: workflow.FileReport, Form: url.Values{"semester": {"2026-1"}},
		Files: map[string]app.Upload{app.DocReport: s.file("laporan_semester")}})
	s.fire("petugas", app.Action{Event: workflow.AcceptReport})
	e.jump(time.Date(2027, 1, 25, 9, 0, 0, 0, wib))
	s.fire("lembaga", app.Action{Event: workflow.FileReport, Form: url.Values{"semester": {"2026-2"}},
		Files: map[string]app.Upload{app.DocReport: s.file("laporan_semester")}})
	s.fire("petugas", app.Action{Event: workflow.ReturnReport, Form: url.Values{"reason": {"Jumlah akses per User ID belum dicantumkan."}}})

	e.jump(time.Date(2027, 5, 3, 9, 0, 0, 0, wib))
	e.open("petugas", a)
	e.assertText(testID("report-Semester II 2026"), "Terlambat")
	asked := e.dialogCount()
	e.fire("suspend", field{"ground", "late_report"}, field{"ground_months", "3"})
	e.state(workflow.Suspended)
	if d := e.dialogsSince(asked); len(d) != 1 {
		e.errorf("suspending asked %q, want one confirmation", d)
	}
	e.assertText(testID("sanctions"), "Laporan semester terlambat 3 bulan")
	e.assertText(testID("sanctions"), "dinkes.oki.ws01")
	e.doc("surat_sanksi", "dinonaktifkan")

	e.open("lembaga", a)
	e.assertText(testID("sanctions"), "Penghentian sementara")
	e.fire("file_report", field{"semester", "2026-2"}, field{"laporan_semester", f["laporan_semester"]})
	e.open("petugas", a)
	e.fire("accept_report")
	e.assertText(testID("report-Semester II 2026"), "disampaikan terlambat")
	e.fire("reinstate", field{"reason", "Laporan semester II 2026 telah disampaikan dan diterima."})
	e.state(workflow.Active)
	e.assertText(testID("sanctions"), "Pemulihan hak akses")
}

// TestAnAddendumAddsAnIPAndRenewalOpensThreeMonthsBeforeTheEnd: an addendum
// adding an IP address goes through the DWH steps and is signed as a numbered
// document; renewal is not offered a year ahead, and is from 10 December 2027
// (three months before the last day, 9 March 2028).
func TestAnAddendumAddsAnIPAndRenewalOpensThreeMonthsBeforeTheEnd(t *testing.T) {
	e := start(t)
	f := newFixtures(t)
	a := e.setup(f).active()

	e.open("lembaga", a)
	if e.has(testID("renew")) {
		e.errorf("renewal is offered two years before the end")
	}
	e.fire("request_addendum",
		field{"addendum_ips", "10.20.30.0/24\n10.20.40.7"},
		field{"reason", "Loket layanan baru di RSUD Kayuagung."},
		field{"surat_permohonan_adendum", f["surat_permohonan"]},
		field{"pernyataan_jaringan_tertutup", f["pernyataan_jaringan_tertutup"]})
	e.state(workflow.AddendumRequested)
	e.open("petugas", a)
	e.fire("request_addendum_dwh")
	e.state(workflow.AddendumDWHRequested)
	e.open("dirjen", a)
	e.fire("approve_addendum_dwh")
	e.state(workflow.AddendumApproved)
	e.open("kepala", a)
	e.fire("sign_addendum", field{"adendum_ditandatangani", f["pks_ditandatangani"]})
	e.state(workflow.Active)
	e.assertText(testID("ip-addresses"), "10.20.40.7")
	e.assertText(testID("addenda"), "Adendum ke-1")
	e.doc("adendum_pks", "ADENDUM KE-1")

	e.jump(time.Date(2027, 12, 10, 9, 0, 0, 0, wib))
	e.open("lembaga", a)
	e.assertText(testID("renewal-prompt"), "3 bulan sebelum")
	e.click(testID("renew"), "renewal-draft")
	e.must(testID("draft-form"), "renewal draft form")
}
