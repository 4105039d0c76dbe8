package app_test

import (
	"testing"
	"time"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/workflow"
)

func TestStaffNotesAreWrittenAndReadByStaffOnly(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id := f.completeDraft()
	f.fire(f.lembaga, id, app.Action{Event: workflow.Submit})
	if err := f.app.AddStaffNote(f.ctx, f.petugas, id, "Surat permohonan ditandatangani Sekretaris, bukan Kepala Dinas."); err != nil {
		t.Fatal(err)
	}
	if err := f.app.AddStaffNote(f.ctx, f.lembaga, id, "Saya juga ingin menulis"); app.ErrorCode(err) != app.CodeForbidden {
		t.Errorf("a lembaga writing a staff note: %v, want forbidden", err)
	}
	if err := f.app.AddStaffNote(f.ctx, f.kepala, id, "   "); app.ErrorCode(err) != app.CodeInvalid {
		t.Errorf("an empty note: %v, want invalid", err)
	}
	notes, err := f.app.StaffNotes(f.ctx, f.kepala, id)
	if err != nil || len(notes) != 1 || notes[0].AuthorName == "" {
		t.Fatalf("kepala reads %+v, %v", notes, err)
	}
	if notes, err := f.app.StaffNotes(f.ctx, f.lembaga, id); err != nil || len(notes) != 0 {
		t.Errorf("the lembaga reads %d notes (%v)", len(notes), err)
	}
}

func TestCommentsOnlyWhileTheDraftsAreNegotiated(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id := f.completeDraft()
	if err := f.app.AddComment(f.ctx, f.lembaga, id, "pks", 3, "Pasal 3 terlalu luas", nil); app.ErrorCode(err) != app.CodeConflict {
		t.Errorf("a comment on a draft application: %v, want conflict", err)
	}
	f.fire(f.lembaga, id, app.Action{Event: workflow.Submit})
	f.fire(f.petugas, id, app.Action{Event: workflow.Forward})
	f.fire(f.dirjen, id, app.Action{Event: workflow.Approve, Form: form("letter_number", "400.12/1234/Dukcapil", "letter_date", day(f.clock.Now())),
		Files: map[string]app.Upload{app.DocDirjenApproval: pdf("persetujuan.pdf")}})
	f.fire(f.petugas, id, f.agreementAction(id, workflow.PrepareAgreement))
	if err := f.app.AddComment(f.ctx, f.lembaga, id, "pks", 5, "Mohon hak PIHAK KEDUA ditambah pendampingan teknis tahunan.", nil); err != nil {
		t.Fatal(err)
	}
	if err := f.app.AddComment(f.ctx, f.lembaga, id, "surat", 1, "", nil); app.ErrorCode(err) != app.CodeInvalid {
		t.Errorf("a comment on no document: %v, want invalid", err)
	}
	if err := f.app.AddComment(f.ctx, f.dirjen, id, "pks", 1, "Dirjen", nil); app.ErrorCode(err) != app.CodeForbidden {
		t.Errorf("a Dirjen comment: %v, want forbidden", err)
	}
}

func TestRenewalOpensThreeMonthsBeforeTheEndAndRejectedRequestsAreCopied(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id := f.completeDraft()
	f.toActive(id) // 24 months from 10 March 2026: the last day is 9 March 2028
	if _, err := f.app.CreateDraft(f.ctx, f.lembaga, id); app.ErrorCode(err) != app.CodeInvalid {
		t.Fatalf("renewal a year early: %v, want invalid", err)
	}
	f.clock.Set(time.Date(2027, 12, 10, 9, 0, 0, 0, wib))
	renewal, err := f.app.CreateDraft(f.ctx, f.lembaga, id)
	if err != nil {
		t.Fatalf("renewal three months before the end: %v", err)
	}
	d, err := f.app.Application(f.ctx, f.lembaga, renewal)
	if err != nil || d.App.RenewalOf != id || d.App.Purpose == "" {
		t.Fatalf("renewal draft %+v (%v): want pre-filled and linked", d.App, err)
	}

	rejected := f.completeDraft()
	f.fire(f.lembaga, rejected, app.Action{Event: workflow.Submit})
	f.fire(f.petugas, rejected, app.Action{Event: workflow.Forward})
	f.fire(f.dirjen, rejected, app.Action{Event: workflow.Reject, Form: form("reason", "Tujuan tidak jelas.", "letter_number", "400.8/9/Dukcapil",
		"letter_date", day(f.clock.Now())), Files: map[string]app.Upload{app.DocDirjenRejection: pdf("tolak.pdf")}})
	copyID, err := f.app.CreateDraft(f.ctx, f.lembaga, rejected)
	if err != nil {
		t.Fatalf("copy of a rejected request: %v", err)
	}
	c, err := f.app.Application(f.ctx, f.lembaga, copyID)
	if err != nil || c.App.RenewalOf != 0 || c.App.Purpose == "" || c.App.State != workflow.Draft {
		t.Fatalf("copy %+v (%v): want a pre-filled draft that is not a renewal", c.App, err)
	}
}
