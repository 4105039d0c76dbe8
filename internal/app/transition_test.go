package app_test

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/sla"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

func TestLifecycleFromDraftToActiveRecordsEveryStepAndDocument(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id := f.completeDraft()
	f.toActive(id)
	f.fire(f.lembaga, id, app.Action{Event: workflow.AcknowledgeReceipt})

	d, err := f.app.Application(f.ctx, f.lembaga, id)
	if err != nil {
		t.Fatal(err)
	}
	if d.App.State != workflow.Active || d.App.ReceiptAcknowledgedAt == nil {
		t.Fatalf("state %s, acknowledged %v", d.App.State, d.App.ReceiptAcknowledgedAt)
	}
	for _, ev := range d.Available {
		if ev == workflow.AcknowledgeReceipt {
			t.Error("receipt already acknowledged, yet offered again")
		}
	}
	var events []string
	for _, e := range d.Events {
		events = append(events, string(e.Event))
	}
	want := "create submit forward approve prepare_agreement agree_agreement sign request_user_id request_dwh approve_dwh hand_over acknowledge_receipt"
	if got := strings.Join(events, " "); got != want {
		t.Fatalf("history = %s\nwant      %s", got, want)
	}
	for _, kind := range []string{app.DocRequestLetter, app.DocForwarding, app.DocDirjenApproval, app.DocPKSDraft, app.DocJuknisDraft,
		app.DocSignedPKS, app.DocUserIDRequest, app.DocClosedNetwork, app.DocDWHRequest, app.DocHandover} {
		if _, ok := d.Latest[kind]; !ok {
			t.Errorf("document %s missing", kind)
		}
	}
	if len(d.UserIDs) != 1 || d.UserIDs[0].ID != "dinkes.oki.ws01" || d.UserIDs[0].Category != "verifikasi" {
		t.Errorf("the lembaga's user IDs = %+v", d.UserIDs)
	}
	// Signed 2026-03-10 for 24 months: valid through 2028-03-09, its last day.
	// (This asserted 2028-03-10 before, which encoded an off-by-one: that day is
	// already outside the term.)
	if d.App.PKSEnd.String() != "2028-03-09" {
		t.Errorf("PKS end = %v, want the last day of the 24 months after signing", d.App.PKSEnd)
	}
	// Three generated letters, numbered 1..3 in the tenant's year without gaps.
	var seqs []int
	f.db.ReadTx(f.ctx, store.System(), func(tx pgx.Tx) error {
		seqs, err = store.LetterSeqs(f.ctx, tx, d.Tenant.ID, 2026)
		return err
	})
	if len(seqs) != 3 || seqs[0] != 1 || seqs[2] != 3 {
		t.Fatalf("letter sequence = %v, want [1 2 3]", seqs)
	}
	brk, n, err := f.app.VerifyHistory(f.ctx)
	if err != nil || len(brk) != 0 || n != len(d.Events) {
		t.Fatalf("verify: break=%+v n=%d err=%v", brk, n, err)
	}
}

func TestRefusedTransitionSaysWhatIsMissingAndChangesNothing(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id, err := f.app.CreateDraft(f.ctx, f.lembaga, 0)
	if err != nil {
		t.Fatal(err)
	}
	before := f.version(id)
	err = f.app.Fire(f.ctx, f.lembaga, id, app.Action{Event: workflow.Submit, Version: before})
	var e *app.Error
	if !errors.As(err, &e) || e.Code != app.CodeInvalid {
		t.Fatalf("err = %v, want invalid", err)
	}
	for _, field := range []string{"purpose", "data_elements", "access_methods", "return_data", "term_months", "request_letter"} {
		if e.Fields[field] == "" {
			t.Errorf("no message for %s (fields %v)", field, e.Fields)
		}
	}
	if f.state(id) != workflow.Draft || f.version(id) != before {
		t.Fatal("refused submit changed the application")
	}
	// Wrong role: the petugas cannot submit for the lembaga; the Dirjen cannot see a draft at all.
	if err := f.app.Fire(f.ctx, f.petugas, id, app.Action{Event: workflow.Submit, Version: before}); app.ErrorCode(err) != app.CodeForbidden {
		t.Errorf("petugas submit: %v, want forbidden", err)
	}
	if err := f.app.Fire(f.ctx, f.dirjen, id, app.Action{Event: workflow.Approve, Version: before}); app.ErrorCode(err) != app.CodeNotFound {
		t.Errorf("dirjen on a draft: %v, want not found", err)
	}
}

func TestBadUploadIsRefusedByContentNotName(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id, _ := f.app.CreateDraft(f.ctx, f.lembaga, 0)
	err := f.app.SaveDraft(f.ctx, f.lembaga, id, f.version(id), app.DraftInput{
		Files: map[string]app.Upload{app.DocRequestLetter: {Filename: "surat.pdf", Content: []byte("MZ\x90\x00 not a pdf")}},
	})
	var e *app.Error
	if !errors.As(err, &e) || e.Code != app.CodeInvalid || !strings.Contains(e.Fields[app.DocRequestLetter], "PDF") {
		t.Fatalf("err = %v, want an Indonesian message on the request letter", err)
	}
	d, _ := f.app.Application(f.ctx, f.lembaga, id)
	if len(d.Documents) != 0 {
		t.Fatal("a refused upload was stored")
	}
}

func TestReturnAndResubmitRestartTheVerifyClock(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id := f.completeDraft()
	f.fire(f.lembaga, id, app.Action{Event: workflow.Submit}) // Tue 10:00 → due Wed 16:00
	f.clock.Advance(3 * time.Hour)
	f.fire(f.petugas, id, app.Action{Event: workflow.Return, Form: form("reason", "Surat permohonan belum ditandatangani pimpinan.")})
	f.clock.Set(time.Date(2026, 3, 12, 17, 0, 0, 0, wib)) // Thu after closing → day 1 is Fri, due Mon 16:00
	f.fire(f.lembaga, id, app.Action{Event: workflow.Submit})
	d, err := f.app.Application(f.ctx, f.petugas, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Clocks) != 2 || d.Clocks[0].Status != sla.Met || d.Clocks[0].StoppedBy != workflow.Return {
		t.Fatalf("clocks = %+v", d.Clocks)
	}
	want := time.Date(2026, 3, 16, 16, 0, 0, 0, wib)
	if !d.Clocks[1].Due.Equal(want) || d.App.SLADueAt == nil || !d.App.SLADueAt.Equal(want) {
		t.Fatalf("fresh clock due %v, stored %v; want %v", d.Clocks[1].Due, d.App.SLADueAt, want)
	}
}

func TestFiftyConcurrentTransitionsOneWinsFortyNineConflict(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id := f.completeDraft()
	f.fire(f.lembaga, id, app.Action{Event: workflow.Submit})
	before := eventCount(t, f, id)
	seen := f.version(id) // every clerk loaded the same page

	var wg sync.WaitGroup
	results := make(chan error, 50)
	start := make(chan struct{})
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			<-start
			p := f.petugas
			if i%2 == 1 {
				p = f.kepala
			}
			results <- f.app.Fire(f.ctx, p, id, app.Action{Event: workflow.Forward, Version: seen})
		}(i)
	}
	close(start)
	wg.Wait()
	close(results)
	ok, conflicts := 0, 0
	for err := range results {
		switch {
		case err == nil:
			ok++
		case app.ErrorCode(err) == app.CodeConflict:
			conflicts++
		default:
			t.Errorf("unexpected error: %v", err)
		}
	}
	if ok != 1 || conflicts != 49 {
		t.Fatalf("successes %d, conflicts %d; want 1 and 49", ok, conflicts)
	}
	if got := eventCount(t, f, id) - before; got != 1 {
		t.Fatalf("%d history rows added, want 1", got)
	}
	var letters int
	f.db.ReadTx(f.ctx, store.System(), func(tx pgx.Tx) error {
		return tx.QueryRow(f.ctx, `SELECT count(*) FROM letters WHERE application_id = $1`, id).Scan(&letters)
	})
	if letters != 1 {
		t.Fatalf("%d letter numbers issued, want 1", letters)
	}
}

func TestStaleVersionIsToldTheApplicationMovedOn(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id := f.completeDraft()
	f.fire(f.lembaga, id, app.Action{Event: workflow.Submit})
	seen := f.version(id)
	f.fire(f.petugas, id, app.Action{Event: workflow.Return, Form: form("reason", "Lengkapi lampiran."), Version: seen})
	err := f.app.Fire(f.ctx, f.kepala, id, app.Action{Event: workflow.Forward, Version: seen})
	var e *app.Error
	if !errors.As(err, &e) || e.Code != app.CodeConflict || !strings.Contains(e.Message, "sudah berpindah tahap") {
		t.Fatalf("err = %v, want the moved-on conflict", err)
	}
}

func TestTamperedHistoryIsFoundAtTheFirstBadEntry(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id := f.completeDraft()
	f.fire(f.lembaga, id, app.Action{Event: workflow.Submit})
	f.fire(f.petugas, id, app.Action{Event: workflow.Return, Form: form("reason", "Lengkapi lampiran.")})

	// The runtime role cannot rewrite history at all.
	err := f.db.Tx(f.ctx, store.System(), func(tx pgx.Tx) error {
		_, err := tx.Exec(f.ctx, `UPDATE application_events SET data = '{"reason":"x"}' WHERE application_id = $1`, id)
		return err
	})
	if err == nil {
		t.Fatal("runtime role rewrote history")
	}
	// An owner who bypasses the trigger is caught by the chain.
	conn, err := pgx.Connect(f.ctx, f.url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(f.ctx)
	if _, err := conn.Exec(f.ctx, `SET session_replication_role = replica`); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(f.ctx, `UPDATE application_events SET data = '{"reason":"Disetujui saja."}' WHERE application_id = $1 AND seq = 3`, id); err != nil {
		t.Fatal(err)
	}
	brk, _, err := f.app.VerifyHistory(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(brk) != 1 || brk[0].ApplicationID != id || brk[0].Seq != 3 {
		t.Fatalf("breaks = %+v, want application %d entry 3", brk, id)
	}
	// Deleting an entry is caught too.
	conn.Exec(f.ctx, `UPDATE application_events SET data = '{"reason":"Lengkapi lampiran."}' WHERE application_id = $1 AND seq = 3`, id)
	if _, err := conn.Exec(f.ctx, `DELETE FROM application_events WHERE application_id = $1 AND seq = 2`, id); err != nil {
		t.Fatal(err)
	}
	brk, _, _ = f.app.VerifyHistory(f.ctx)
	if len(brk) != 1 || brk[0].Seq != 3 {
		t.Fatalf("after deletion breaks = %+v, want entry 3 (its predecessor is gone)", brk)
	}
}

// Break 5 of issue 10: a deleted last entry leaves a chain that verifies on its
// own, and a state changed on the row leaves the chain untouched; both are caught
// by the head stored on the row, and every bad application is named.
func TestVerifyHistoryCatchesATruncatedChainAndAStateThatDisagrees(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	truncated, drifted, intact := f.completeDraft(), f.completeDraft(), f.completeDraft()
	for _, id := range []int64{truncated, drifted, intact} {
		f.fire(f.lembaga, id, app.Action{Event: workflow.Submit})
		f.fire(f.petugas, id, app.Action{Event: workflow.Return, Form: form("reason", "Lengkapi lampiran.")})
	}
	if brk, _, err := f.app.VerifyHistory(f.ctx); err != nil || len(brk) != 0 {
		t.Fatalf("before tampering: breaks %+v, err %v", brk, err)
	}
	conn, err := pgx.Connect(f.ctx, f.url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(f.ctx)
	if _, err := conn.Exec(f.ctx, `SET session_replication_role = replica`); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(f.ctx, `DELETE FROM application_events WHERE application_id = $1 AND seq = (SELECT max(seq) FROM application_events WHERE application_id = $1)`, truncated); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(f.ctx, `UPDATE applications SET state = 'forwarded' WHERE id = $1`, drifted); err != nil {
		t.Fatal(err)
	}
	brk, _, err := f.app.VerifyHistory(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(brk) != 2 || brk[0].ApplicationID != truncated || brk[1].ApplicationID != drifted {
		t.Fatalf("breaks = %+v, want applications %d (truncated) and %d (state drift)", brk, truncated, drifted)
	}
	if !strings.Contains(brk[0].Reason, "hilang") || !strings.Contains(brk[1].Reason, "status") {
		t.Errorf("reasons = %q, %q", brk[0].Reason, brk[1].Reason)
	}
}

func TestCorrectedHolidayMovesStoredDeadlineToTheRecomputedOne(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id := f.completeDraft()
	f.fire(f.lembaga, id, app.Action{Event: workflow.Submit}) // due Wed 2026-03-11 16:00
	d, _ := f.app.Application(f.ctx, f.petugas, id)
	if want := time.Date(2026, 3, 11, 16, 0, 0, 0, wib); !d.App.SLADueAt.Equal(want) {
		t.Fatalf("due %v, want %v", d.App.SLADueAt, want)
	}
	// The kepala declares Wednesday a local holiday: the deadline moves to Thursday.
	err := f.db.Tx(f.ctx, store.TenantScope(d.Tenant.ID), func(tx pgx.Tx) error {
		_, err := tx.Exec(f.ctx, `INSERT INTO local_holidays (tenant_id, tanggal, keterangan) VALUES ($1, '2026-03-11', 'Hari jadi kabupaten')`, d.Tenant.ID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	n, err := f.app.RecomputeDeadlines(f.ctx, d.Tenant.ID)
	if err != nil || n != 1 {
		t.Fatalf("recomputed %d, err %v", n, err)
	}
	d, _ = f.app.Application(f.ctx, f.petugas, id)
	cur, ok := sla.Current(d.Clocks)
	want := time.Date(2026, 3, 12, 16, 0, 0, 0, wib)
	if !ok || !cur.Due.Equal(want) || !d.App.SLADueAt.Equal(cur.Due) {
		t.Fatalf("stored %v, recomputed %v; want both %v", d.App.SLADueAt, cur.Due, want)
	}
}

func TestDirjenSeesOnlyForwardedAndLembagaOnlyItsOwn(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	draft := f.completeDraft()
	sent := f.completeDraft()
	f.fire(f.lembaga, sent, app.Action{Event: workflow.Submit})
	if _, err := f.app.Application(f.ctx, f.dirjen, sent); app.ErrorCode(err) != app.CodeNotFound {
		t.Fatalf("dirjen sees a submitted, unforwarded application: %v", err)
	}
	f.fire(f.petugas, sent, app.Action{Event: workflow.Forward})
	if _, err := f.app.Application(f.ctx, f.dirjen, sent); err != nil {
		t.Fatalf("dirjen cannot see a forwarded application: %v", err)
	}
	if _, err := f.app.Application(f.ctx, f.dirjen, draft); app.ErrorCode(err) != app.CodeNotFound {
		t.Fatalf("dirjen sees a draft: %v", err)
	}
	// A second institution of the same tenant cannot see the first one's application.
	other := f.lembaga
	other.InstitutionID = f.otherInstitution()
	if _, err := f.app.Application(f.ctx, other, draft); app.ErrorCode(err) != app.CodeNotFound {
		t.Fatalf("another institution sees the draft: %v", err)
	}
}

func (f *fixture) otherInstitution() int64 {
	f.t.Helper()
	var id int64
	err := f.db.Tx(f.ctx, store.TenantScope(f.lembaga.TenantID), func(tx pgx.Tx) error {
		var err error
		id, err = store.CreateInstitution(f.ctx, tx, store.NewInstitution{TenantID: f.lembaga.TenantID, Type: "perangkat_daerah", Name: "Dinas Sosial"}, f.clock.Now())
		return err
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return id
}

func eventCount(t *testing.T, f *fixture, id int64) int {
	t.Helper()
	var n int
	f.db.ReadTx(f.ctx, store.System(), func(tx pgx.Tx) error {
		return tx.QueryRow(f.ctx, `SELECT count(*) FROM application_events WHERE application_id = $1`, id).Scan(&n)
	})
	return n
}

func TestForwardSignedByAnActingHeadNeedsPltOrPlhAndNIP(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id := f.completeDraft()
	f.fire(f.lembaga, id, app.Action{Event: workflow.Submit})
	err := f.app.Fire(f.ctx, f.petugas, id, app.Action{Event: workflow.Forward, Version: f.version(id), Form: form("signatory", "Hj. Siti Aminah, S.H.")})
	var e *app.Error
	if !errors.As(err, &e) || e.Fields["signatory_acting"] == "" || e.Fields["signatory_nip"] == "" {
		t.Fatalf("err = %v, want messages on acting and NIP", err)
	}
	if f.state(id) != workflow.Submitted {
		t.Fatal("a refused forward changed the application")
	}
	f.fire(f.petugas, id, app.Action{Event: workflow.Forward, Form: form("signatory", "Hj. Siti Aminah, S.H.", "signatory_acting", "Plt.", "signatory_nip", "19750101 200003 2 004")})
	d, _ := f.app.Application(f.ctx, f.petugas, id)
	doc, content, err := f.app.Document(f.ctx, f.petugas, id, d.Latest[app.DocForwarding].ID)
	if err != nil || doc.ContentType != "application/pdf" {
		t.Fatal(err)
	}
	text := pdfText(t, content)
	for _, want := range []string{"PLT. KEPALA DINAS", "HJ. SITI AMINAH", "19750101 200003 2 004"} {
		if !strings.Contains(strings.ToUpper(text), want) {
			t.Errorf("forwarding letter lacks %q", want)
		}
	}
}
