package app_test

import (
	"bytes"
	"image"
	"image/png"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// badanHukum registers and verifies a badan hukum and returns its lembaga.
func (f *fixture) badanHukum() app.Principal {
	f.t.Helper()
	p, err := f.app.RegisterInstitution(f.ctx, f.okiID(), registration("operator@rsu.test"))
	if err != nil {
		f.t.Fatal(err)
	}
	if err := f.app.VerifyInstitution(f.ctx, f.petugas, p.InstitutionID); err != nil {
		f.t.Fatal(err)
	}
	return p
}

func TestBadanHukumCannotSubmitWithoutItsStatementAndRecommendationAndNothingIsStored(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	p := f.badanHukum()
	id, err := f.app.CreateDraft(f.ctx, p, 0)
	if err != nil {
		t.Fatal(err)
	}
	in := app.DraftInput{
		Purpose:       "Verifikasi identitas pasien rumah sakit berbasis NIK pada pendaftaran.",
		AccessMethods: []string{"web_service"}, ReturnData: "Status pasien per NIK", TermMonths: "12",
		Elements:            map[string]string{"nik": "", "nama_lengkap": ""},
		RequestLetterNumber: "12/RSU-KS/III/2026", RequestLetterDate: "2026-03-09",
		Files: map[string]app.Upload{app.DocRequestLetter: pdf("permohonan.pdf"), app.DocAktaPendirian: pdf("akta.pdf"),
			app.DocSKKemenkumham: pdf("sk.pdf"), app.DocIzinUsaha: pdf("izin.pdf"), app.DocSuratDomisili: pdf("domisili.pdf")},
	}
	if err := f.app.SaveDraft(f.ctx, p, id, f.version(id), in); err != nil {
		t.Fatal(err)
	}
	before := f.version(id)
	err = f.app.Fire(f.ctx, p, id, app.Action{Event: workflow.Submit, Version: before})
	e := wantInvalidField(t, err, "eligibility_statement")
	for field, words := range map[string][]string{
		"eligibility_statement": {"Surat pernyataan badan hukum", "belum diunggah"},
		"recommendation":        {"rekomendasi", "belum diunggah"},
		"recommended_by":        {"instansi pemberi rekomendasi"},
	} {
		for _, w := range words {
			if !strings.Contains(e.Fields[field], w) {
				t.Errorf("message for %s = %q, lacks %q", field, e.Fields[field], w)
			}
		}
	}
	if f.state(id) != workflow.Draft || f.version(id) != before {
		t.Fatal("the refused submission changed the application")
	}
	if n := f.count(`SELECT count(*) FROM application_events WHERE application_id = $1 AND event = 'submit'`, id); n != 0 {
		t.Fatalf("%d submit events stored", n)
	}

	// With both documents and the authority named it goes through.
	in.Files = map[string]app.Upload{app.DocEligibility: pdf("pernyataan.pdf"), app.DocRecommendation: pdf("rekomendasi.pdf")}
	in.RecommendedBy, in.RecommendationNumber, in.RecommendationDate = "Dinas Kesehatan Provinsi Sumatera Selatan", "445/210/DINKES-PROV/2026", "2026-03-05"
	if err := f.app.SaveDraft(f.ctx, p, id, f.version(id), in); err != nil {
		t.Fatal(err)
	}
	f.fire(p, id, app.Action{Event: workflow.Submit})
	f.fire(f.petugas, id, app.Action{Event: workflow.Forward})
	d, err := f.app.Application(f.ctx, f.petugas, id)
	if err != nil {
		t.Fatal(err)
	}
	_, b, err := f.app.Document(f.ctx, f.petugas, id, d.Latest[app.DocForwarding].ID)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(pdfText(t, b)), " ")
	for _, want := range []string{"Nomor 12/RSU-KS/III/2026 tanggal 9 Maret 2026", "surat pernyataan",
		"rekomendasi Dinas Kesehatan Provinsi Sumatera Selatan Nomor 445/210/DINKES-PROV/2026 tanggal 5 Maret 2026", "yang terlampir"} {
		if !strings.Contains(text, want) {
			t.Errorf("forwarding letter lacks %q:\n%s", want, text)
		}
	}
}

func TestSigningIsRefusedWithoutBothPKSNumbersAndTheDateAndNothingIsStored(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id := f.completeDraft()
	f.fire(f.lembaga, id, app.Action{Event: workflow.Submit})
	f.fire(f.petugas, id, app.Action{Event: workflow.Forward})
	f.fire(f.dirjen, id, app.Action{Event: workflow.Approve, Form: form("letter_number", "400.12/1234/Dukcapil", "letter_date", day(f.clock.Now())),
		Files: map[string]app.Upload{app.DocDirjenApproval: pdf("persetujuan.pdf")}})
	f.fire(f.petugas, id, f.agreementAction(id, workflow.PrepareAgreement))
	f.fire(f.lembaga, id, app.Action{Event: workflow.AgreeAgreement})

	before := f.version(id)
	act := f.signAction()
	act.Version = before
	act.Form.Set("pks_number_lembaga", "")
	act.Form.Set("signing_date", day(f.clock.Now().AddDate(0, 0, 1)))
	err := f.app.Fire(f.ctx, f.kepala, id, act)
	e := wantInvalidField(t, err, "pks_number_lembaga")
	if !strings.Contains(e.Fields["pks_number_lembaga"], "Nomor PKS pihak lembaga pengguna belum diisi") {
		t.Errorf("pks_number_lembaga: %q", e.Fields["pks_number_lembaga"])
	}
	if !strings.Contains(e.Fields["signing_date"], "masa depan") {
		t.Errorf("signing_date: %q", e.Fields["signing_date"])
	}
	act = f.signAction()
	act.Version = before
	act.Form.Set("pks_number_disdukcapil", "")
	act.Form.Set("signing_date", day(f.clock.Now().AddDate(0, 0, -1)))
	e = wantInvalidField(t, f.app.Fire(f.ctx, f.kepala, id, act), "pks_number_disdukcapil")
	if !strings.Contains(e.Fields["signing_date"], "mendahului persetujuan Dirjen") {
		t.Errorf("signing_date before the approval: %q", e.Fields["signing_date"])
	}
	if f.state(id) != workflow.Agreed || f.version(id) != before {
		t.Fatal("a refused signing changed the application")
	}
	if n := f.count(`SELECT count(*) FROM agreement_signings WHERE application_id = $1`, id) +
		f.count(`SELECT count(*) FROM documents WHERE application_id = $1 AND kind = $2`, id, app.DocSignedPKS); n != 0 {
		t.Fatalf("a refused signing stored %d rows", n)
	}
}

// TestGeneratedLettersCiteThePapersOwnNumbers reads every generated letter of a
// whole lifecycle back with pdftotext.
func TestGeneratedLettersCiteThePapersOwnNumbers(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id := f.completeDraft()
	f.toActive(id)
	d, err := f.app.Application(f.ctx, f.petugas, id)
	if err != nil {
		t.Fatal(err)
	}
	read := func(kind string) string {
		t.Helper()
		_, b, err := f.app.Document(f.ctx, f.petugas, id, d.Latest[kind].ID)
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		return strings.Join(strings.Fields(pdfText(t, b)), " ")
	}
	for kind, wants := range map[string][]string{
		app.DocForwarding: {"Nomor 045/77/DINKES/2026 tanggal 9 Maret 2026"},
		app.DocDWHRequest: {"Nomor 470/123/DUKCAPIL/2026 dan Nomor 045/77/DINKES/2026 yang ditandatangani pada tanggal 10 Maret 2026",
			"Nomor 470/124/DUKCAPIL/2026 dan Nomor 045/78/DINKES/2026", "Nomor 045/91/DINKES/2026 tanggal 10 Maret 2026"},
		app.DocHandover: {"dinkes.oki.ws01", "verifikasi", "NIP 19720615 200003 1 003", "400.8/2000/Dukcapil"},
	} {
		text := read(kind)
		for _, w := range wants {
			if !strings.Contains(text, w) {
				t.Errorf("%s lacks %q:\n%s", kind, w, text)
			}
		}
		if strings.Contains(text, d.App.Number) {
			t.Errorf("%s prints the application number %s", kind, d.App.Number)
		}
	}
	if text := read(app.DocHandover); strings.Contains(text, "dukcapil.oki.db01") {
		t.Error("the handover record lists the Disdukcapil's data balikan User ID")
	}
	if d.Signing == nil || d.Signing.SignedOn.Format("2006-01-02") != "2026-03-10" || d.App.PKSStart.String() != "2026-03-10" {
		t.Errorf("signing = %+v, PKS start %v: the term runs from the signing date", d.Signing, d.App.PKSStart)
	}
	if d.DataBalikanUser == nil || d.DataBalikanUser.ID != "dukcapil.oki.db01" {
		t.Errorf("staff do not see the data balikan User ID: %+v", d.DataBalikanUser)
	}
	ld, err := f.app.Application(f.ctx, f.lembaga, id)
	if err != nil {
		t.Fatal(err)
	}
	if ld.DataBalikanUser != nil {
		t.Error("the lembaga sees the Disdukcapil's data balikan User ID")
	}
	cur, ok := workflow.CurrentStage(ld.Stages)
	if !ok || cur.Stage != workflow.StageAktif {
		t.Errorf("current stage = %+v, %v; want aktif", cur, ok)
	}
}

// TestApplicationsFromBeforeAreAskedForTheMissingNumbersBeforeTheNextStep
// stands an application as migration 000010 leaves an old one — no request
// letter number, a signing without numbers, no statement number — and checks
// that forward and the DWH request ask for them, then cite them.
func TestApplicationsFromBeforeAreAskedForTheMissingNumbersBeforeTheNextStep(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id := f.completeDraft()
	f.fire(f.lembaga, id, app.Action{Event: workflow.Submit})
	f.exec(`UPDATE applications SET request_letter_number = NULL, request_letter_date = NULL WHERE id = $1`, id)

	before := f.version(id)
	e := wantInvalidField(t, f.app.Fire(f.ctx, f.petugas, id, app.Action{Event: workflow.Forward, Version: before}), "request_letter_number")
	if e.Fields["request_letter_date"] == "" {
		t.Errorf("the missing date is not named: %v", e.Fields)
	}
	if f.state(id) != workflow.Submitted || f.version(id) != before {
		t.Fatal("a refused forward changed the application")
	}
	f.fire(f.petugas, id, app.Action{Event: workflow.Forward, Form: form("request_letter_number", "045/60/DINKES/2026", "request_letter_date", "2026-03-07")})
	f.fire(f.dirjen, id, app.Action{Event: workflow.Approve, Form: form("letter_number", "400.12/1234/Dukcapil", "letter_date", day(f.clock.Now())),
		Files: map[string]app.Upload{app.DocDirjenApproval: pdf("persetujuan.pdf")}})
	f.fire(f.petugas, id, f.agreementAction(id, workflow.PrepareAgreement))
	f.fire(f.lembaga, id, app.Action{Event: workflow.AgreeAgreement})
	f.fire(f.kepala, id, f.signAction())
	f.fire(f.lembaga, id, f.requestUserIDAction())
	f.exec(`UPDATE agreement_signings SET pks_number_lembaga = NULL, juknis_number_disdukcapil = NULL, juknis_number_lembaga = NULL WHERE application_id = $1`, id)
	f.exec(`UPDATE applications SET closed_network_statement_number = NULL, closed_network_statement_date = NULL WHERE id = $1`, id)

	before = f.version(id)
	e = wantInvalidField(t, f.app.Fire(f.ctx, f.petugas, id, app.Action{Event: workflow.RequestDWH, Version: before}), "pks_number_lembaga")
	for _, field := range []string{"juknis_numbers", "closed_network_statement_number", "closed_network_statement_date"} {
		if e.Fields[field] == "" {
			t.Errorf("%s is not asked for: %v", field, e.Fields)
		}
	}
	if f.state(id) != workflow.UserIDRequested || f.version(id) != before {
		t.Fatal("a refused DWH request changed the application")
	}
	f.fire(f.petugas, id, app.Action{Event: workflow.RequestDWH, Form: form("pks_number_disdukcapil", "999/IGNORED/2026", "pks_number_lembaga", "045/77/DINKES/2026",
		"juknis_number_disdukcapil", "470/124/DUKCAPIL/2026", "closed_network_statement_number", "045/91/DINKES/2026",
		"closed_network_statement_date", day(f.clock.Now()))})
	d, err := f.app.Application(f.ctx, f.petugas, id)
	if err != nil {
		t.Fatal(err)
	}
	for kind, wants := range map[string][]string{
		app.DocForwarding: {"Nomor 045/60/DINKES/2026 tanggal 7 Maret 2026"},
		app.DocDWHRequest: {"Nomor 470/123/DUKCAPIL/2026 dan Nomor 045/77/DINKES/2026", "Nomor 470/124/DUKCAPIL/2026",
			"Nomor 045/91/DINKES/2026"},
	} {
		_, b, err := f.app.Document(f.ctx, f.petugas, id, d.Latest[kind].ID)
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Join(strings.Fields(pdfText(t, b)), " ")
		for _, w := range wants {
			if !strings.Contains(text, w) {
				t.Errorf("%s lacks %q:\n%s", kind, w, text)
			}
		}
		if strings.Contains(text, "999/IGNORED/2026") {
			t.Errorf("%s: a recorded PKS number was overwritten", kind)
		}
	}
}

// exec changes rows as a migration would, in the system scope.
func (f *fixture) exec(sql string, args ...any) {
	f.t.Helper()
	err := f.db.Tx(f.ctx, store.System(), func(tx pgx.Tx) error {
		_, err := tx.Exec(f.ctx, sql, args...)
		return err
	})
	if err != nil {
		f.t.Fatal(err)
	}
}

func TestTheKepalasLambangDaerahIsPrintedInTheKop(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	var b bytes.Buffer
	png.Encode(&b, image.NewRGBA(image.Rect(0, 0, 40, 48)))
	wantCode(t, f.app.SetLambangDaerah(f.ctx, f.petugas, b.Bytes()), app.CodeForbidden)
	wantInvalid(t, f.app.SetLambangDaerah(f.ctx, f.kepala, []byte("GIF89a not a png")), "lambang_daerah")
	if err := f.app.SetLambangDaerah(f.ctx, f.kepala, b.Bytes()); err != nil {
		t.Fatal(err)
	}
	id := f.completeDraft()
	f.fire(f.lembaga, id, app.Action{Event: workflow.Submit})
	f.fire(f.petugas, id, app.Action{Event: workflow.Forward})
	d, err := f.app.Application(f.ctx, f.petugas, id)
	if err != nil {
		t.Fatal(err)
	}
	_, letter, err := f.app.Document(f.ctx, f.petugas, id, d.Latest[app.DocForwarding].ID)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(letter, []byte("/Subtype /Image")) {
		t.Error("the forwarding letter's kop has no lambang daerah")
	}
}

func TestAPerangkatDaerahRegistersItsHeadsNIP(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	r := registration("operator@dinsos.test")
	r.Type, r.Name, r.HeadPosition = app.InstitutionPerangkatDaerah, "Dinas Sosial Kabupaten Ogan Komering Ilir", "Kepala Dinas Sosial"
	r.HeadNIP = "1975"
	wantInvalid(t, f.nope(f.app.RegisterInstitution(f.ctx, f.okiID(), r)), "head_nip")
	r.HeadNIP = "19750505 200003 2 002"
	p, err := f.app.RegisterInstitution(f.ctx, f.okiID(), r)
	if err != nil {
		t.Fatal(err)
	}
	if n := f.count(`SELECT count(*) FROM institutions WHERE id = $1 AND head_nip = '197505052000032002'`, p.InstitutionID); n != 1 {
		t.Error("the head's NIP was not stored")
	}
}

// nope drops a principal, keeping the error.
func (f *fixture) nope(_ app.Principal, err error) error { return err }
