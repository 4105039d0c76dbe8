package app

import (
	"context"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// Audit events: who did what to an account, a setting or the calendar.
const (
	AuditSignIn           = "masuk"
	AuditSignInFailed     = "gagal_masuk"
	AuditSignOut          = "keluar"
	AuditPasswordChange   = "ganti_kata_sandi"
	AuditPasswordReset    = "atur_ulang_kata_sandi"
	AuditAccountUnlock    = "buka_kunci_akun"
	AuditAccountActivate  = "aktivasi_akun"
	AuditAccountChange    = "ubah_akun"
	AuditSettingsChange   = "ubah_pengaturan"
	AuditHolidayChange    = "ubah_hari_libur"
	AuditTenantOnboard    = "pendaftaran_tenant"
	AuditDocumentDownload = "unduh_dokumen"

	AuditSecondFactorEnrol    = "aktivasi_dua_langkah"
	AuditSecondFactorReset    = "reset_dua_langkah"
	AuditSecondFactorOff      = "nonaktif_dua_langkah"
	AuditSecondFactorFailed   = "gagal_kode_verifikasi"
	AuditRecoveryCodeUsed     = "pakai_kode_pemulihan"
	AuditRecoveryCodesRenewed = "kode_pemulihan_baru"
)

// AuditEventNames are the events a filter may ask for, with their labels.
var AuditEventNames = []struct{ Event, Label string }{
	{AuditSignIn, "Masuk"}, {AuditSignInFailed, "Gagal masuk"}, {AuditSignOut, "Keluar"},
	{AuditPasswordChange, "Ganti kata sandi"}, {AuditPasswordReset, "Atur ulang kata sandi"},
	{AuditAccountUnlock, "Buka kunci akun"}, {AuditAccountActivate, "Aktivasi akun"}, {AuditAccountChange, "Ubah akun"},
	{AuditSettingsChange, "Ubah pengaturan"}, {AuditHolidayChange, "Ubah hari libur"}, {AuditTenantOnboard, "Pendaftaran tenant"},
	{AuditDocumentDownload, "Unduh dokumen"},
	{AuditSecondFactorEnrol, "Aktivasi autentikasi dua langkah"}, {AuditSecondFactorReset, "Reset autentikasi dua langkah"},
	{AuditSecondFactorOff, "Nonaktifkan autentikasi dua langkah"}, {AuditSecondFactorFailed, "Kode verifikasi salah"},
	{AuditRecoveryCodeUsed, "Pakai kode pemulihan"}, {AuditRecoveryCodesRenewed, "Kode pemulihan baru"},
}

// auditEntry is what an operation records.
type auditEntry struct {
	tenantID *int64
	actor    *Principal
	event    string
	subject  string
	data     map[string]any
}

// audit appends an entry in the operation's own transaction.
func (a *App) audit(ctx context.Context, tx pgx.Tx, e auditEntry) error {
	ev := store.AuditEvent{TenantID: e.tenantID, At: a.Clock.Now(), Event: e.event, Subject: e.subject, Client: clientOf(ctx)}
	if e.actor != nil {
		id := e.actor.UserID
		ev.ActorID, ev.ActorRole = &id, string(e.actor.Role)
		if ev.TenantID == nil && e.actor.TenantID != 0 {
			t := e.actor.TenantID
			ev.TenantID = &t
		}
	}
	return store.AppendAudit(ctx, tx, ev, e.data)
}

// auditAlone records an entry in a transaction of its own (events that change
// nothing else, such as a failed sign-in).
func (a *App) auditAlone(ctx context.Context, e auditEntry) error {
	return a.DB.Tx(ctx, store.System(), func(tx pgx.Tx) error { return a.audit(ctx, tx, e) })
}

func userSubject(id int64) string { return "user:" + strconv.FormatInt(id, 10) }

// RecordSignOut notes that p signed out.
func (a *App) RecordSignOut(ctx context.Context, p Principal) error {
	return a.auditAlone(ctx, auditEntry{actor: &p, event: AuditSignOut, subject: userSubject(p.UserID)})
}

// AuditPage is one page of the audit trail, newest first.
type AuditPage struct {
	Entries []AuditEntry
	Next    int64 // the Before of the next (older) page; 0 when none
}

// AuditTrail lists the audit trail a kepala (their tenant's) or the admin (all,
// or one tenant's) may read, filtered by event and paged by keyset.
// Errors: CodeForbidden for anyone else.
func (a *App) AuditTrail(ctx context.Context, p Principal, tenantID int64, event string, before int64) (AuditPage, error) {
	f := store.AuditFilter{Event: event, Before: before, Limit: 50}
	switch p.Role {
	case workflow.RoleKepala:
	case workflow.RoleAdmin:
		if tenantID > 0 {
			f.TenantID = &tenantID
		}
	default:
		return AuditPage{}, Forbidden("Hanya Kepala Disdukcapil dan admin platform yang dapat membaca jejak audit.")
	}
	var page AuditPage
	err := a.DB.ReadTx(ctx, p.Scope(), func(tx pgx.Tx) error {
		f.Limit++
		list, err := store.AuditEvents(ctx, tx, f)
		if err != nil {
			return err
		}
		if len(list) == f.Limit {
			list = list[:f.Limit-1]
			page.Next = list[len(list)-1].ID
		}
		page.Entries = auditEntriesOf(list)
		return nil
	})
	if err != nil {
		return AuditPage{}, fmt.Errorf("audit trail: %w", err)
	}
	return page, nil
}

// VerifyAudit checks the audit chain: the first bad entry (0 when it holds) and
// how many entries were checked.
func (a *App) VerifyAudit(ctx context.Context) (int64, string, int, error) {
	var seq int64
	var reason string
	var n int
	err := a.DB.ReadTx(ctx, store.System(), func(tx pgx.Tx) error {
		var err error
		seq, reason, n, err = store.VerifyAudit(ctx, tx)
		return err
	})
	return seq, reason, n, err
}
