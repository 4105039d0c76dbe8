package app

import (
	"context"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// maxNoteLen bounds a staff note or a comment, as the tables do.
const maxNoteLen = 4000

func isStaff(r workflow.Role) bool { return r == workflow.RolePetugas || r == workflow.RoleKepala }

// AddStaffNote writes an office-internal note on an application. Only the
// tenant's staff may; the database refuses the lembaga and the Dirjen too.
func (a *App) AddStaffNote(ctx context.Context, p Principal, appID int64, body string) error {
	if !isStaff(p.Role) {
		return Forbidden("Catatan internal hanya untuk petugas Disdukcapil.")
	}
	body = strings.TrimSpace(body)
	switch {
	case body == "":
		return Invalid("Catatan belum diisi.", map[string]string{"note": "Tulis catatan internal."})
	case utf8.RuneCountInString(body) > maxNoteLen:
		return Invalid("Catatan terlalu panjang.", map[string]string{"note": "Paling banyak 4000 karakter."})
	}
	now := a.Clock.Now()
	return a.DB.Tx(ctx, scope(p), func(tx pgx.Tx) error {
		ap, err := ownApplication(ctx, tx, p, appID)
		if err != nil {
			return err
		}
		return store.AddStaffNote(ctx, tx, ap.TenantID, ap.ID, p.UserID, p.Name, body, now)
	})
}

// ownApplication reads an application of p's own tenant in p's scope; another
// tenant's (the Dirjen reaches every forwarded one) is "not found".
func ownApplication(ctx context.Context, tx pgx.Tx, p Principal, appID int64) (store.Application, error) {
	ap, err := store.ApplicationByID(ctx, tx, scope(p), appID)
	if err != nil {
		return ap, mapStoreErr(err, "Permohonan")
	}
	if ap.TenantID != p.TenantID {
		return store.Application{}, NotFound("Permohonan")
	}
	return ap, nil
}

// StaffNotes lists an application's internal notes for staff (none for others).
func (a *App) StaffNotes(ctx context.Context, p Principal, appID int64) ([]StaffNote, error) {
	if !isStaff(p.Role) {
		return nil, nil
	}
	var out []StaffNote
	err := a.DB.ReadTx(ctx, scope(p), func(tx pgx.Tx) error {
		rows, err := store.StaffNotes(ctx, tx, p.TenantID, appID)
		out = staffNotesOf(rows)
		return err
	})
	return out, err
}

// AddComment writes a comment on one pasal (0: the whole document) of the
// latest draft version, by the lembaga or staff, while the drafts are negotiated.
func (a *App) AddComment(ctx context.Context, p Principal, appID int64, document string, pasal int, body string, replyTo *int64) error {
	if p.Role != workflow.RoleLembaga && !isStaff(p.Role) {
		return Forbidden("Komentar draf hanya untuk lembaga pengguna dan petugas Disdukcapil.")
	}
	body = strings.TrimSpace(body)
	fields := map[string]string{}
	if document != "pks" && document != "juknis" {
		fields["document"] = "Pilih PKS atau Juknis."
	}
	if pasal < 0 || pasal > 60 {
		fields["pasal"] = "Nomor pasal tidak sah."
	}
	if body == "" {
		fields["comment"] = "Tulis komentar."
	} else if utf8.RuneCountInString(body) > maxNoteLen {
		fields["comment"] = "Paling banyak 4000 karakter."
	}
	if len(fields) > 0 {
		return Invalid("Komentar belum dapat disimpan.", fields)
	}
	now := a.Clock.Now()
	return a.DB.Tx(ctx, scope(p), func(tx pgx.Tx) error {
		ap, err := ownApplication(ctx, tx, p, appID)
		if err != nil {
			return err
		}
		if !ap.State.InNegotiation() {
			return Conflict("Draf PKS dan Juknis tidak sedang dibahas; komentar tidak dapat ditambahkan.")
		}
		next, err := store.NextAgreementVersion(ctx, tx, ap.TenantID, ap.ID)
		if err != nil {
			return err
		}
		if next <= 1 {
			return Conflict("Belum ada draf PKS dan Juknis yang dapat dikomentari.")
		}
		_, err = store.AddComment(ctx, tx, store.NewComment{TenantID: ap.TenantID, ApplicationID: ap.ID, Version: next - 1,
			Document: document, Pasal: pasal, Body: body, ReplyTo: replyTo, AuthorID: p.UserID, AuthorRole: string(p.Role),
			AuthorName: p.Name}, now)
		return err
	})
}

// DataBalikanBehind lists the tenant's agreements in force that have not
// recorded data balikan up to covered (first page of at most limit).
func (a *App) DataBalikanBehind(ctx context.Context, p Principal, covered time.Time, limit int) ([]BehindDataBalikan, error) {
	if !isStaff(p.Role) {
		return nil, Forbidden("Daftar data balikan hanya untuk petugas Disdukcapil.")
	}
	var out []BehindDataBalikan
	err := a.DB.ReadTx(ctx, scope(p), func(tx pgx.Tx) error {
		rows, err := store.DataBalikanBehind(ctx, tx, p.TenantID, covered, limit)
		for _, r := range rows {
			out = append(out, BehindDataBalikan{ApplicationID: r.ApplicationID, Number: r.Number, Institution: r.Institution,
				LastPeriodEnd: r.LastPeriodEnd})
		}
		return err
	})
	return out, err
}

var bulanID = [...]string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
	"Oktober", "November", "Desember"}

// tanggalID writes a date the Indonesian way, e.g. "10 Desember 2026".
func tanggalID(t time.Time) string {
	return strconv.Itoa(t.Day()) + " " + bulanID[t.Month()-1] + " " + strconv.Itoa(t.Year())
}

// AfterSigningDetail is what an application's page shows of its life after
// signing. Staff notes are loaded for staff only (and the database would
// return none to anyone else).
type AfterSigningDetail struct {
	Comments   []Comment
	Agreed     int // the version the lembaga agreed to, 0 when none
	StaffNotes []StaffNote
	Reports    []FiledReport
	Sanctions  []Sanction
	Addenda    []Addendum
	Deliveries []Delivery
}

// afterSigningOf types what store.ApplicationDetail read of the agreement's
// life after signing; staff notes only for staff (the database returns none to
// anyone else either).
func afterSigningOf(rows store.DetailRows, staff bool) AfterSigningDetail {
	d := AfterSigningDetail{Comments: commentsOf(rows.Comments), Agreed: rows.Agreed, Reports: filedReportsOf(rows.Reports),
		Sanctions: sanctionsOf(rows.Sanctions), Addenda: addendaOf(rows.Addenda), Deliveries: deliveriesOf(rows.Deliveries)}
	if staff {
		d.StaffNotes = staffNotesOf(rows.StaffNotes)
	}
	return d
}
