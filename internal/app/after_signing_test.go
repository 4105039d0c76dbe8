package app_test

import (
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// TestTheAgreementLivesOnAfterSigning runs a PKS for a year at the app level:
// two semester reports (one accepted, one returned and refiled late), a
// penghentian sementara for the late report with its letter and the
// reinstatement, a data balikan delivery, and an addendum adding an IP address.
func TestTheAgreementLivesOnAfterSigning(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id := f.completeDraft()
	f.toActive(id) // signed Tuesday 10 March 2026: semester I 2026 due 31 July 2026
	tenant := f.petugas.TenantID
	read := func(fn func(tx pgx.Tx) error) {
		t.Helper()
		if err := f.db.ReadTx(f.ctx, store.System(), fn); err != nil {
			t.Fatal(err)
		}
	}
	reports := func() []store.SemesterReport {
		var r []store.SemesterReport
		read(func(tx pgx.Tx) (err error) { r, err = store.SemesterReports(f.ctx, tx, tenant, id); return err })
		return r
	}

	// Semester I 2026, on time, accepted.
	f.clock.Set(time.Date(2026, 7, 20, 10, 0, 0, 0, wib))
	f.fire(f.lembaga, id, app.Action{Event: workflow.FileReport, Files: map[string]app.Upload{app.DocReport: pdf("laporan-2026-1.pdf")}})
	f.fire(f.petugas, id, app.Action{Event: workflow.AcceptReport})
	// Semester II 2026: filed on time, returned, refiled late.
	f.clock.Set(time.Date(2027, 1, 25, 10, 0, 0, 0, wib))
	f.fire(f.lembaga, id, app.Action{Event: workflow.FileReport, Files: map[string]app.Upload{app.DocReport: pdf("laporan-2026-2.pdf")}})
	f.fire(f.kepala, id, app.Action{Event: workflow.ReturnReport, Form: form("reason", "Jumlah akses per User ID belum dicantumkan.")})
	if err := f.app.Fire(f.ctx, f.petugas, id, app.Action{Event: workflow.AcceptReport, Version: f.version(id)}); app.ErrorCode(err) != app.CodeInvalid {
		t.Fatalf("accepting with nothing pending: %v, want invalid", err)
	}
	// 1 May 2027: three months late. The office suspends access.
	f.clock.Set(time.Date(2027, 5, 3, 10, 0, 0, 0, wib))
	f.fire(f.petugas, id, app.Action{Event: workflow.Suspend, Form: form("ground", "late_report", "ground_months", "3")})
	if f.state(id) != workflow.Suspended {
		t.Fatalf("state %s after suspend", f.state(id))
	}
	f.fire(f.lembaga, id, app.Action{Event: workflow.FileReport, Files: map[string]app.Upload{app.DocReport: pdf("laporan-2026-2-perbaikan.pdf")}})
	f.fire(f.petugas, id, app.Action{Event: workflow.AcceptReport})
	f.fire(f.kepala, id, app.Action{Event: workflow.Reinstate, Form: form("reason", "Laporan semester II 2026 telah disampaikan dan diterima.")})
	if f.state(id) != workflow.Active {
		t.Fatalf("state %s after reinstate", f.state(id))
	}
	rs := reports()
	if len(rs) != 3 || rs[0].Semester != "2026-1" || rs[0].Review != "accepted" || rs[1].Semester != "2026-2" ||
		rs[1].Review != "returned" || rs[2].Semester != "2026-2" || rs[2].Review != "accepted" {
		t.Fatalf("reports %+v", rs)
	}
	d, err := f.app.Application(f.ctx, f.petugas, id)
	if err != nil {
		t.Fatal(err)
	}
	if d.Reports == nil || d.Reports.Due != 2 || d.Reports.Filed != 2 || d.Reports.Overdue() {
		t.Fatalf("report status %+v: the late report should clear its own semester", d.Reports)
	}
	var sanctions []store.Sanction
	read(func(tx pgx.Tx) (err error) { sanctions, err = store.Sanctions(f.ctx, tx, tenant, id); return err })
	if len(sanctions) != 2 || sanctions[0].Kind != "penghentian_sementara" || *sanctions[0].Ground != "late_report" ||
		*sanctions[0].GroundMonths != 3 || sanctions[0].LetterNumber == "" || len(sanctions[0].UserIDs) != 1 ||
		sanctions[1].Kind != "pemulihan" || sanctions[1].UserIDs[0] != "dinkes.oki.ws01" {
		t.Fatalf("sanctions %+v", sanctions)
	}
	letter := f.docText(id, app.DocSanctionLetter, 1)
	for _, want := range []string{"Penghentian Sementara", "Laporan semester terlambat 3 bulan", "dinkes.oki.ws01"} {
		if !strings.Contains(letter, want) {
			t.Errorf("the suspension letter lacks %q", want)
		}
	}
	if reinstated := f.docText(id, app.DocSanctionLetter, 2); !strings.Contains(reinstated, "diaktifkan kembali") {
		t.Error("the reinstatement letter does not list the User IDs to reactivate")
	}

	// Data balikan for the first half of 2027.
	f.fire(f.lembaga, id, app.Action{Event: workflow.RecordDataBalikan, Form: form("period_start", "2027-01-01",
		"period_end", "2027-03-31", "channel", "aplikasi_data_balikan", "records", "4200")})

	// An addendum adding an IP address goes through the DWH steps only.
	f.fire(f.lembaga, id, app.Action{Event: workflow.RequestAddendum, Form: form("reason", "Loket baru di kantor kecamatan",
		"addendum_ips", "10.20.30.0/24\n10.20.31.5\n10.20.32.7"),
		Files: map[string]app.Upload{app.DocAddendumRequest: pdf("permohonan-adendum.pdf"), app.DocClosedNetwork: pdf("jaringan-baru.pdf")}})
	if err := f.app.Fire(f.ctx, f.petugas, id, app.Action{Event: workflow.ForwardAddendum, Version: f.version(id),
		Form: form("letter_number", "400/1/ADD", "signatory", "Kepala")}); app.ErrorCode(err) != app.CodeInvalid {
		t.Fatalf("forwarding an IP-only addendum to the Dirjen: %v, want invalid", err)
	}
	f.fire(f.petugas, id, app.Action{Event: workflow.RequestAddendumDWH})
	f.fire(f.dirjen, id, app.Action{Event: workflow.ApproveAddendumDWH})
	f.fire(f.kepala, id, app.Action{Event: workflow.SignAddendum, Form: form("kepala_signer", "Drs. H. Ahmad Syafei, M.Si",
		"counterparty_signer", "dr. H. Iwan Setiawan, M.Kes"), Files: map[string]app.Upload{app.DocSignedAddendum: pdf("adendum.pdf")}})
	if f.state(id) != workflow.Active {
		t.Fatalf("state %s after the addendum", f.state(id))
	}
	d, err = f.app.Application(f.ctx, f.petugas, id)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(d.App.IPAddresses, " "); got != "10.20.30.0/24 10.20.31.5 10.20.32.7" {
		t.Errorf("IP addresses after the addendum: %s", got)
	}
	if add := f.docText(id, app.DocAddendumDraft, 1); !strings.Contains(add, "ADENDUM KE-1") || !strings.Contains(add, "10.20.32.7") {
		t.Errorf("the addendum document reads %.300q", add)
	}
	var history []string
	for _, e := range d.Events {
		history = append(history, string(e.Event))
	}
	want := "file_report accept_report file_report return_report suspend file_report accept_report reinstate record_data_balikan " +
		"request_addendum request_addendum_dwh approve_addendum_dwh sign_addendum"
	if got := strings.Join(history, " "); !strings.HasSuffix(got, want) {
		t.Errorf("history ends %q, want %q", got, want)
	}
}

func TestTheDirjenSuspendsAndReinstatesWithoutAnOfficeLetter(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id := f.completeDraft()
	f.toActive(id)
	f.fire(f.dirjen, id, app.Action{Event: workflow.Suspend, Form: form("ground", "network_open")})
	f.fire(f.dirjen, id, app.Action{Event: workflow.Reinstate, Form: form("reason", "Jaringan tertutup telah dipulihkan dan diperiksa.")})
	if f.state(id) != workflow.Active {
		t.Fatalf("state %s", f.state(id))
	}
	var n int
	if err := f.db.ReadTx(f.ctx, store.System(), func(tx pgx.Tx) error {
		return tx.QueryRow(f.ctx, `SELECT count(*) FROM sanctions WHERE application_id = $1 AND imposed_role = 'dirjen' AND letter_number = ''`, id).Scan(&n)
	}); err != nil || n != 2 {
		t.Fatalf("%d Dirjen sanctions recorded (%v), want 2", n, err)
	}
}

func TestAChangeRequestNeedsACommentAndSigningAnAgreedVersion(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id := f.completeDraft()
	f.fire(f.lembaga, id, app.Action{Event: workflow.Submit})
	f.fire(f.petugas, id, app.Action{Event: workflow.Forward})
	f.fire(f.dirjen, id, app.Action{Event: workflow.Approve, Form: form("letter_number", "400.12/1234/Dukcapil", "letter_date", day(f.clock.Now())),
		Files: map[string]app.Upload{app.DocDirjenApproval: pdf("persetujuan.pdf")}})
	f.fire(f.petugas, id, f.agreementAction(id, workflow.PrepareAgreement))
	if err := f.app.Fire(f.ctx, f.lembaga, id, app.Action{Event: workflow.RequestChanges, Version: f.version(id)}); app.ErrorCode(err) != app.CodeInvalid {
		t.Fatalf("a change request saying nothing: %v, want invalid", err)
	}
	if err := f.app.AddComment(f.ctx, f.lembaga, id, "pks", 4, "Mohon kewajiban pelaporan disesuaikan dengan jadwal kami.", nil); err != nil {
		t.Fatal(err)
	}
	f.fire(f.lembaga, id, app.Action{Event: workflow.RequestChanges})
	f.fire(f.petugas, id, f.agreementAction(id, workflow.ReviseAgreement))
	f.fire(f.lembaga, id, app.Action{Event: workflow.AgreeAgreement})
	f.fire(f.petugas, id, f.agreementAction(id, workflow.ReviseAgreement)) // a revision after the agreement voids it
	sign := f.signAction()
	sign.Version = f.version(id)
	if err := f.app.Fire(f.ctx, f.kepala, id, sign); err == nil {
		t.Fatal("signed a version the lembaga has not agreed to")
	}
	f.fire(f.lembaga, id, app.Action{Event: workflow.AgreeAgreement})
	f.fire(f.kepala, id, f.signAction())
	var agreed int
	if err := f.db.ReadTx(f.ctx, store.System(), func(tx pgx.Tx) (err error) {
		agreed, err = store.AgreedVersion(f.ctx, tx, f.petugas.TenantID, id)
		return err
	}); err != nil || agreed != 3 {
		t.Fatalf("agreed version %d (%v), want 3", agreed, err)
	}
}

// docText reads back the n-th (1-based) document of kind on the application.
func (f *fixture) docText(id int64, kind string, n int) string {
	f.t.Helper()
	d, err := f.app.Application(f.ctx, f.petugas, id)
	if err != nil {
		f.t.Fatal(err)
	}
	seen := 0
	for i := len(d.Documents) - 1; i >= 0; i-- {
		doc := d.Documents[i]
		if doc.Kind != kind {
			continue
		}
		if seen++; seen == n {
			_, content, err := f.app.Document(f.ctx, f.petugas, id, doc.ID)
			if err != nil {
				f.t.Fatal(err)
			}
			return pdfText(f.t, content)
		}
	}
	f.t.Fatalf("no %d-th %s document", n, kind)
	return ""
}
