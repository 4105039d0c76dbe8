package app_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"os/exec"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/auth"
	"github.com/hakakses/hakakses/internal/clock"
	"github.com/hakakses/hakakses/internal/letters"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/testdb"
	"github.com/hakakses/hakakses/internal/workflow"
)

// wib is the demo tenant's zone.
var wib = time.FixedZone("WIB", 7*3600)

type fixture struct {
	t       testing.TB
	ctx     context.Context
	app     *app.App
	db      *store.DB
	url     string
	clock   *clock.Manual
	lembaga app.Principal
	petugas app.Principal
	kepala  app.Principal
	dirjen  app.Principal
}

// newFixture is a fresh database with the demo seeded, standing on Tuesday
// 2026-03-10 10:00 WIB (the docs/domain.md §4 example).
func newFixture(t testing.TB) *fixture {
	t.Helper()
	db, u := testdb.Open(t)
	return fixtureOn(t, db, u)
}

// fixtureOn seeds the demo into a migrated database db (at URL u).
func fixtureOn(t testing.TB, db *store.DB, u string) *fixture {
	t.Helper()
	clk := clock.NewManual(time.Date(2026, 3, 10, 10, 0, 0, 0, wib))
	a := app.New(db, clk, slog.New(slog.NewTextHandler(io.Discard, nil)))
	a.HashParams = auth.Params{Memory: 1024, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}
	ctx := context.Background()
	if err := a.SeedDemo(ctx); err != nil {
		t.Fatal(err)
	}
	f := &fixture{t: t, ctx: ctx, app: a, db: db, url: u, clock: clk}
	for _, acc := range app.DemoAccounts {
		p, _, err := a.Authenticate(ctx, acc.Email, app.DemoPassword, "test")
		if err != nil {
			t.Fatalf("login %s: %v", acc.Email, err)
		}
		switch acc.Role {
		case "lembaga":
			f.lembaga = p
		case "petugas":
			f.petugas = p
		case "kepala":
			f.kepala = p
		case "dirjen":
			f.dirjen = p
		}
	}
	return f
}

// pdf is a small file that passes the content check (a real PDF header).
func pdf(name string) app.Upload {
	return app.Upload{Filename: name, Content: []byte("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")}
}

// completeDraft creates and fills a draft that passes the submit guard.
func (f *fixture) completeDraft() int64 {
	f.t.Helper()
	id, err := f.app.CreateDraft(f.ctx, f.lembaga, 0)
	if err != nil {
		f.t.Fatal(err)
	}
	err = f.app.SaveDraft(f.ctx, f.lembaga, id, f.version(id), app.DraftInput{
		Purpose:             "Verifikasi data penerima layanan kesehatan daerah (Jamkesda) berbasis NIK.",
		AccessMethods:       []string{"web_service"},
		ReturnData:          "Status kepesertaan Jamkesda per NIK, dikirim setiap bulan.",
		TermMonths:          "24",
		Elements:            map[string]string{"nik": "", "nama_lengkap": "", "tanggal_lahir": "", "cacat_fisik_mental": "Penentuan layanan bagi penyandang disabilitas."},
		Files:               map[string]app.Upload{app.DocRequestLetter: pdf("surat permohonan.pdf")},
		RequestLetterNumber: "045/77/DINKES/2026",
		RequestLetterDate:   "2026-03-09",
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return id
}

func (f *fixture) version(id int64) int {
	f.t.Helper()
	var v int
	err := f.db.ReadTx(f.ctx, store.System(), func(tx pgx.Tx) error {
		return tx.QueryRow(f.ctx, `SELECT version FROM applications WHERE id = $1`, id).Scan(&v)
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return v
}

func (f *fixture) state(id int64) workflow.State {
	f.t.Helper()
	var s string
	err := f.db.ReadTx(f.ctx, store.System(), func(tx pgx.Tx) error {
		return tx.QueryRow(f.ctx, `SELECT state FROM applications WHERE id = $1`, id).Scan(&s)
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return workflow.State(s)
}

// fire performs act and requires success; an Action without a Version is sent
// with the application's current one, as a freshly loaded form would.
func (f *fixture) fire(p app.Principal, id int64, act app.Action) {
	f.t.Helper()
	if act.Version == 0 {
		act.Version = f.version(id)
	}
	if err := f.app.Fire(f.ctx, p, id, act); err != nil {
		f.t.Fatalf("%s: %v", act.Event, err)
	}
}

// agreementAction drafts the PKS and Juknis from the defaults.
func (f *fixture) agreementAction(id int64, ev workflow.Event) app.Action {
	f.t.Helper()
	d, err := f.app.Application(f.ctx, f.petugas, id)
	if err != nil {
		f.t.Fatal(err)
	}
	la := d.LetterApplication()
	office := app.OfficeOf(d.Tenant)
	return app.Action{Event: ev, Form: agreementForm(letters.DefaultPKSClauses(office, la), letters.DefaultJuknisSections(office, la))}
}

// defaultAgreement is the PKS the editor starts from.
func (f *fixture) defaultAgreement(id int64) []letters.Clause {
	f.t.Helper()
	d, err := f.app.Application(f.ctx, f.petugas, id)
	if err != nil {
		f.t.Fatal(err)
	}
	return letters.DefaultPKSClauses(app.OfficeOf(d.Tenant), d.LetterApplication())
}

// toActive walks an application from draft to active.
func (f *fixture) toActive(id int64) {
	f.t.Helper()
	f.fire(f.lembaga, id, app.Action{Event: workflow.Submit})
	f.fire(f.petugas, id, app.Action{Event: workflow.Forward})
	f.fire(f.dirjen, id, app.Action{Event: workflow.Approve, Form: form("letter_number", "400.12/1234/Dukcapil", "letter_date", day(f.clock.Now())),
		Files: map[string]app.Upload{app.DocDirjenApproval: pdf("persetujuan.pdf")}})
	f.fire(f.petugas, id, f.agreementAction(id, workflow.PrepareAgreement))
	f.fire(f.lembaga, id, app.Action{Event: workflow.AgreeAgreement})
	f.fire(f.kepala, id, f.signAction())
	f.fire(f.lembaga, id, f.requestUserIDAction())
	f.fire(f.petugas, id, app.Action{Event: workflow.RequestDWH})
	f.fire(f.dirjen, id, f.approveDWHAction())
	f.fire(f.petugas, id, app.Action{Event: workflow.HandOver})
}

// signAction records the signing as on the paper: both PKS numbers, the
// Juknis numbers, today's date, the registered heads (the head with his NIP)
// and both scans.
func (f *fixture) signAction() app.Action {
	return app.Action{Event: workflow.Sign, Form: form("kepala_signer", "Drs. H. Ahmad Syafei, M.Si",
		"counterparty_signer", "dr. H. Iwan Setiawan, M.Kes", "counterparty_nip", app.DemoHeadNIP,
		"signing_date", day(f.clock.Now()),
		"pks_number_disdukcapil", "470/123/DUKCAPIL/2026", "pks_number_lembaga", "045/77/DINKES/2026",
		"juknis_number_disdukcapil", "470/124/DUKCAPIL/2026", "juknis_number_lembaga", "045/78/DINKES/2026"),
		Files: map[string]app.Upload{app.DocSignedPKS: pdf("pks.pdf"), app.DocSignedJuknis: pdf("juknis.pdf")}}
}

func (f *fixture) requestUserIDAction() app.Action {
	return app.Action{Event: workflow.RequestUserID, Form: form("ip_addresses", "10.20.30.0/24"+"\n"+"10.20.31.5",
		"closed_network_statement_number", "045/91/DINKES/2026", "closed_network_statement_date", day(f.clock.Now())),
		Files: map[string]app.Upload{app.DocUserIDRequest: pdf("user-id.pdf"), app.DocClosedNetwork: pdf("jaringan.pdf")}}
}

func (f *fixture) approveDWHAction() app.Action {
	return app.Action{Event: workflow.ApproveDWH, Form: form(
		"user_ids", userIDLines([]workflow.IssuedUserID{{UserID: "dinkes.oki.ws01", Category: "verifikasi"}}),
		"data_balikan_user_id", "dukcapil.oki.db01", "letter_number", "400.8/2000/Dukcapil", "letter_date", day(f.clock.Now())),
		Files: map[string]app.Upload{app.DocDWHApproval: pdf("persetujuan-dwh.pdf")}}
}

// pdfText extracts a PDF's text with poppler's pdftotext (installed by .ci/run),
// so tests read generated letters back the way a person's tools would.
func pdfText(t testing.TB, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Fatal("pdftotext not installed: apt-get install poppler-utils")
	}
	cmd := exec.Command(bin, "-layout", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}
