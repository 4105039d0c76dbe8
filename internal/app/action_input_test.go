package app_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/letters"
	"github.com/hakakses/hakakses/internal/workflow"
)

func wantInvalidField(t *testing.T, err error, field string) *app.Error {
	t.Helper()
	var e *app.Error
	if !errors.As(err, &e) || e.Code != app.CodeInvalid {
		t.Fatalf("err = %v, want invalid", err)
	}
	if field != "" && e.Fields[field] == "" {
		t.Fatalf("no message for %s (message %q, fields %v)", field, e.Message, e.Fields)
	}
	return e
}

func TestUserActionWithoutTheFormVersionIsRefused(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id := f.completeDraft()
	before := f.version(id)
	for _, v := range []int{0, -1} {
		err := f.app.Fire(f.ctx, f.lembaga, id, app.Action{Event: workflow.Submit, Version: v})
		e := wantInvalidField(t, err, "")
		if !strings.Contains(e.Message, "Formulir tidak lengkap") {
			t.Errorf("version %d: message %q", v, e.Message)
		}
	}
	if f.state(id) != workflow.Draft || f.version(id) != before {
		t.Fatal("an action without a version changed the application")
	}
	// With the version the form carried, it goes through.
	if err := f.app.Fire(f.ctx, f.lembaga, id, app.Action{Event: workflow.Submit, Version: before}); err != nil {
		t.Fatal(err)
	}
}

// toDWHReturned walks an application to a DWH request the Dirjen sent back.
func (f *fixture) toDWHReturned(id int64) {
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
	f.fire(f.dirjen, id, app.Action{Event: workflow.ReturnDWH, Form: form("reason", "Jaringan tertutup belum memadai: masih melalui internet publik.")})
}

func TestUserIDRequestAfterDWHReturnNeedsANewClosedNetworkStatement(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id := f.completeDraft()
	f.toDWHReturned(id)
	if f.state(id) != workflow.Signed {
		t.Fatalf("state %s after return_dwh", f.state(id))
	}
	before := f.version(id)
	// The statement the Dirjen found wanting is still stored; it does not count again.
	err := f.app.Fire(f.ctx, f.lembaga, id, app.Action{Event: workflow.RequestUserID, Version: before, Form: form("ip_addresses", "10.20.30.0/24")})
	e := wantInvalidField(t, err, "closed_network_statement")
	if msg := e.Fields["closed_network_statement"]; !strings.Contains(msg, "dikembalikan") || !strings.Contains(msg, "baru") {
		t.Errorf("message %q does not say a new statement is needed because of the return", msg)
	}
	if e.Fields[app.DocClosedNetwork] == "" {
		t.Errorf("no message beside the upload (fields %v)", e.Fields)
	}
	if f.state(id) != workflow.Signed || f.version(id) != before {
		t.Fatal("the refused request changed the application")
	}
	// A newly uploaded statement does.
	f.fire(f.lembaga, id, app.Action{Event: workflow.RequestUserID, Form: form("ip_addresses", "10.20.30.0/24",
		"closed_network_statement_number", "045/95/DINKES/2026", "closed_network_statement_date", day(f.clock.Now())),
		Files: map[string]app.Upload{app.DocClosedNetwork: pdf("jaringan-baru.pdf")}})
	if f.state(id) != workflow.UserIDRequested {
		t.Fatalf("state %s after the new request", f.state(id))
	}
}

func TestOverlongFreeTextIsRefusedAndNothingStored(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id := f.completeDraft()
	long := func(n int) string { return strings.Repeat("a", n) }

	// The draft: purpose, return data, a justification.
	for _, c := range []struct {
		field string
		in    app.DraftInput
	}{
		{"purpose", app.DraftInput{Purpose: long(4001)}},
		{"return_data", app.DraftInput{ReturnData: long(4001)}},
		{"data_elements.cacat_fisik_mental.justification", app.DraftInput{Elements: map[string]string{"cacat_fisik_mental": long(2001)}}},
	} {
		v := f.version(id)
		err := f.app.SaveDraft(f.ctx, f.lembaga, id, v, c.in)
		wantInvalidField(t, err, c.field)
		if f.version(id) != v {
			t.Fatalf("%s: the refused draft was stored", c.field)
		}
	}
	d, _ := f.app.Application(f.ctx, f.lembaga, id)
	if !strings.HasPrefix(d.App.Purpose, "Verifikasi data") {
		t.Fatalf("purpose overwritten: %q", d.App.Purpose)
	}
	// At the limit it is accepted.
	if err := f.app.SaveDraft(f.ctx, f.lembaga, id, f.version(id), app.DraftInput{Purpose: strings.Repeat("é", 4000)}); err != nil {
		t.Fatalf("4000 characters refused: %v", err)
	}
	f.completeDraftOver(id)
	f.fire(f.lembaga, id, app.Action{Event: workflow.Submit})

	clauses := f.defaultAgreement(id)
	many := make([]letters.Clause, 61)
	for i := range many {
		many[i] = letters.Clause{Title: "Pasal", Body: "Isi"}
	}
	manySections := make([]letters.Section, 31)
	for i := range manySections {
		manySections[i] = letters.Section{Title: "Bab", Body: "Isi"}
	}
	ips := make([]string, 51)
	for i := range ips {
		ips[i] = "10.0.0.1"
	}
	ids := make([]workflow.IssuedUserID, 21)
	for i := range ids {
		ids[i] = workflow.IssuedUserID{UserID: "u"}
	}
	longBody := append([]letters.Clause(nil), clauses...)
	longBody[0].Body = long(20001)
	for _, c := range []struct {
		field string
		act   app.Action
	}{
		{"reason", app.Action{Event: workflow.Return, Form: form("reason", long(2001))}},
		{"signatory", app.Action{Event: workflow.Forward, Form: form("signatory", long(201))}},
		{"letter_number", app.Action{Event: workflow.Approve, Form: form("letter_number", long(201))}},
		{"signature.kepala_disdukcapil", app.Action{Event: workflow.Sign, Form: form("kepala_signer", long(201))}},
		{"signature.counterparty", app.Action{Event: workflow.Sign, Form: form("counterparty_signer", long(201))}},
		{"clauses", app.Action{Event: workflow.PrepareAgreement, Form: agreementForm(many, nil)}},
		{"clauses." + string(clauses[0].Key), app.Action{Event: workflow.PrepareAgreement, Form: agreementForm(longBody, nil)}},
		{"clauses." + string(clauses[0].Key), app.Action{Event: workflow.PrepareAgreement, Form: agreementForm([]letters.Clause{{Key: clauses[0].Key, Title: long(301), Body: "x"}}, nil)}},
		{"juknis", app.Action{Event: workflow.PrepareAgreement, Form: agreementForm(nil, manySections)}},
		{"juknis", app.Action{Event: workflow.PrepareAgreement, Form: agreementForm(nil, []letters.Section{{Title: "Bab", Body: long(20001)}})}},
		{"ip_addresses", app.Action{Event: workflow.RequestUserID, Form: form("ip_addresses", strings.Join(ips, "\n"))}},
		{"user_ids", app.Action{Event: workflow.ApproveDWH, Form: form("user_ids", userIDLines(ids))}},
		{"user_ids", app.Action{Event: workflow.ApproveDWH, Form: form("user_ids", userIDLines([]workflow.IssuedUserID{{UserID: "u", Category: long(101)}}))}},
	} {
		v := f.version(id)
		c.act.Version = v
		err := f.app.Fire(f.ctx, f.petugas, id, c.act)
		e := wantInvalidField(t, err, c.field)
		if !strings.Contains(e.Fields[c.field], "aksimal") && !strings.Contains(e.Fields[c.field], "Paling banyak") && !strings.Contains(e.Fields[c.field], "paling banyak") {
			t.Errorf("%s: message %q", c.field, e.Fields[c.field])
		}
		if f.version(id) != v || f.state(id) != workflow.Submitted {
			t.Fatalf("%s: the refused action changed the application", c.field)
		}
	}
}

// completeDraftOver fills draft id again so that it can be submitted.
func (f *fixture) completeDraftOver(id int64) {
	f.t.Helper()
	err := f.app.SaveDraft(f.ctx, f.lembaga, id, f.version(id), app.DraftInput{
		Purpose:             "Verifikasi data penerima layanan kesehatan daerah (Jamkesda) berbasis NIK.",
		AccessMethods:       []string{"web_service"},
		ReturnData:          "Status kepesertaan Jamkesda per NIK, dikirim setiap bulan.",
		TermMonths:          "24",
		Elements:            map[string]string{"nik": "", "nama_lengkap": ""},
		RequestLetterNumber: "045/77/DINKES/2026",
		RequestLetterDate:   "2026-03-09",
	})
	if err != nil {
		f.t.Fatal(err)
	}
}

func TestPKSIsValidThroughItsLastDayAndExpiresTheNextMorning(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id := f.completeDraft() // 24 months
	f.toActive(id)          // signed Tue 2026-03-10
	d, err := f.app.Application(f.ctx, f.lembaga, id)
	if err != nil {
		t.Fatal(err)
	}
	if got := d.App.PKSEnd.String(); got != "2028-03-09" {
		t.Fatalf("pks_end = %s, want 2028-03-09 (the last valid day)", got)
	}
	f.clock.Set(time.Date(2028, 3, 9, 23, 59, 0, 0, wib))
	if n, err := f.app.ExpireDue(f.ctx); n != 0 || err != nil {
		t.Fatalf("on its last day: expired %d, %v", n, err)
	}
	if f.state(id) != workflow.Active {
		t.Fatalf("state %s on the PKS's last day", f.state(id))
	}
	f.clock.Set(time.Date(2028, 3, 10, 0, 0, 0, 0, wib))
	if n, err := f.app.ExpireDue(f.ctx); n != 1 || err != nil {
		t.Fatalf("the morning after: expired %d, %v", n, err)
	}
	if f.state(id) != workflow.Expired {
		t.Fatalf("state %s the morning after the last day", f.state(id))
	}
}

func TestActionAddressedToAnotherTenantIsNotFound(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id := f.completeDraft()
	f.fire(f.lembaga, id, app.Action{Event: workflow.Submit})
	before := f.version(id)
	// The request named another tenant (its URL) than the application's: even a
	// principal whose scope reaches the application is told it does not exist.
	err := f.app.Fire(f.ctx, f.petugas, id, app.Action{Event: workflow.Forward, Version: before, TenantID: f.petugas.TenantID + 1})
	if app.ErrorCode(err) != app.CodeNotFound {
		t.Fatalf("err = %v, want not found", err)
	}
	if f.state(id) != workflow.Submitted || f.version(id) != before {
		t.Fatal("the misaddressed action changed the application")
	}
	f.fire(f.petugas, id, app.Action{Event: workflow.Forward, TenantID: f.petugas.TenantID})
}
