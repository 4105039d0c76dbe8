package app

import (
	"context"
	"errors"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// InstitutionPageSize is how many institutions the verification list shows per page.
const InstitutionPageSize = 20

// InstitutionList is one page of a tenant's institutions in one status.
type InstitutionList struct {
	Status       string
	Counts       map[string]int // per status, for the tabs
	Institutions []Institution
	Page         int
	Pages        int
}

// Institutions lists the tenant's institutions in status (pending, verified or
// refused), newest first, for its staff.
func (a *App) Institutions(ctx context.Context, p Principal, status string, page int) (InstitutionList, error) {
	if !p.IsStaff() {
		return InstitutionList{}, Forbidden("")
	}
	switch status {
	case InstitutionPending, InstitutionVerified, InstitutionRefused:
	default:
		status = InstitutionPending
	}
	out := InstitutionList{Status: status, Page: max(page, 1)}
	err := a.DB.ReadTx(ctx, p.Scope(), func(tx pgx.Tx) error {
		var err error
		if out.Counts, err = store.CountInstitutionsByStatus(ctx, tx, p.TenantID); err != nil {
			return err
		}
		out.Pages = max(1, (out.Counts[status]+InstitutionPageSize-1)/InstitutionPageSize)
		out.Page = min(out.Page, out.Pages)
		rows, err := store.InstitutionsByStatus(ctx, tx, p.TenantID, status, InstitutionPageSize, (out.Page-1)*InstitutionPageSize)
		out.Institutions = institutionsOf(rows)
		return err
	})
	return out, err
}

// InstitutionDetail is an institution with its accounts.
type InstitutionDetail struct {
	Institution Institution
	Users       []User
}

// Institution shows one of the tenant's institutions to its staff; another
// tenant's is not found.
func (a *App) Institution(ctx context.Context, p Principal, id int64) (InstitutionDetail, error) {
	if !p.IsStaff() {
		return InstitutionDetail{}, Forbidden("")
	}
	return a.institutionDetail(ctx, p, id)
}

// institutionDetail reads an institution of p's tenant with its accounts, in p's
// scope (a lembaga's reaches only its own).
func (a *App) institutionDetail(ctx context.Context, p Principal, id int64) (InstitutionDetail, error) {
	var d InstitutionDetail
	err := a.DB.ReadTx(ctx, scope(p), func(tx pgx.Tx) error {
		var err error
		if d.Institution, err = institutionByID(ctx, tx, p.TenantID, id); err != nil {
			return err
		}
		rows, err := store.UsersOfInstitution(ctx, tx, p.TenantID, id)
		d.Users = usersOf(rows)
		return err
	})
	return d, mapStoreErr(err, "Lembaga")
}

// VerifyInstitution lets a pending (or earlier refused) institution submit
// applications. Errors: CodeNotFound, CodeConflict when it is already verified.
func (a *App) VerifyInstitution(ctx context.Context, p Principal, id int64) error {
	if !p.IsStaff() {
		return Forbidden("Hanya petugas atau kepala Disdukcapil yang dapat memverifikasi lembaga.")
	}
	err := a.DB.Tx(ctx, p.Scope(), func(tx pgx.Tx) error {
		if err := store.ChangeInstitutionStatus(ctx, tx, p.TenantID, id, []string{InstitutionPending, InstitutionRefused},
			InstitutionVerified, "", a.Clock.Now()); err != nil {
			return err
		}
		return a.notifyInstitution(ctx, tx, p, id, "mail.inst_verified")
	})
	if errors.Is(err, store.ErrConflict) {
		return Conflict("Lembaga ini sudah terverifikasi.")
	}
	if err == nil {
		a.Log.Info("institution verified", "tenant_id", p.TenantID, "institution_id", id, "user_id", p.UserID)
	}
	return mapStoreErr(err, "Lembaga")
}

// RefuseInstitution refuses a pending institution's registration, with the reason
// its users will read. Errors: CodeInvalid without a reason, CodeNotFound,
// CodeConflict when it was decided meanwhile.
func (a *App) RefuseInstitution(ctx context.Context, p Principal, id int64, reason string) error {
	if !p.IsStaff() {
		return Forbidden("Hanya petugas atau kepala Disdukcapil yang dapat menolak pendaftaran lembaga.")
	}
	f := form{}
	reason = f.require("reason", reason, "Tuliskan alasan penolakan; lembaga akan membacanya.")
	f.max("reason", reason, 1000)
	if len(f) > 0 {
		return Invalid("Pendaftaran belum dapat ditolak.", f)
	}
	err := a.DB.Tx(ctx, p.Scope(), func(tx pgx.Tx) error {
		if err := store.ChangeInstitutionStatus(ctx, tx, p.TenantID, id, []string{InstitutionPending},
			InstitutionRefused, reason, a.Clock.Now()); err != nil {
			return err
		}
		return a.notifyInstitution(ctx, tx, p, id, "mail.inst_refused", "Reason", reason)
	})
	if errors.Is(err, store.ErrConflict) {
		return Conflict("Pendaftaran lembaga ini sudah diputuskan. Muat ulang halaman untuk melihat statusnya.")
	}
	if err == nil {
		a.Log.Info("institution refused", "tenant_id", p.TenantID, "institution_id", id, "user_id", p.UserID)
	}
	return mapStoreErr(err, "Lembaga")
}

// Colleagues lists the accounts of the lembaga user's own institution.
func (a *App) Colleagues(ctx context.Context, p Principal) (InstitutionDetail, error) {
	if p.Role != workflow.RoleLembaga {
		return InstitutionDetail{}, Forbidden("")
	}
	return a.institutionDetail(ctx, p, p.InstitutionID)
}

// InviteColleague creates an account for a colleague at the lembaga user's own,
// verified institution, with a one-time password for the inviter to pass on.
// Errors: CodeForbidden while the institution is not verified, CodeInvalid.
func (a *App) InviteColleague(ctx context.Context, p Principal, name, email string) (OneTimePassword, error) {
	if p.Role != workflow.RoleLembaga {
		return OneTimePassword{}, Forbidden("")
	}
	otp, hash, err := a.newAccount("rekan", name, email)
	if err != nil {
		return OneTimePassword{}, err
	}
	name, email = otp.Name, otp.Email
	err = a.DB.Tx(ctx, scope(p), func(tx pgx.Tx) error {
		in, err := institutionByID(ctx, tx, p.TenantID, p.InstitutionID)
		if err != nil {
			return err
		}
		if in.Status != InstitutionVerified {
			return Forbidden("Rekan dapat diundang setelah lembaga Anda diverifikasi oleh Disdukcapil.")
		}
		otp.UserID, err = store.CreateUser(ctx, tx, store.NewUser{TenantID: &p.TenantID, InstitutionID: &p.InstitutionID,
			Email: email, Name: name, Role: string(workflow.RoleLembaga), PasswordHash: hash}, a.Clock.Now())
		return err
	})
	if errors.Is(err, store.ErrConflict) {
		return OneTimePassword{}, takenEmail("Akun rekan belum dapat dibuat.", "email")
	}
	if err != nil {
		return OneTimePassword{}, mapStoreErr(err, "Lembaga")
	}
	a.Log.Info("colleague invited", "tenant_id", p.TenantID, "institution_id", p.InstitutionID, "user_id", otp.UserID, "by", p.UserID)
	return otp, nil
}

func takenEmail(message, field string) *Error {
	return Invalid(message, map[string]string{field: "E-mail ini sudah dipakai akun lain."})
}

// InstitutionStatusLabel names an institution status in Bahasa Indonesia.
func InstitutionStatusLabel(s string) string {
	switch s {
	case InstitutionPending:
		return "Menunggu verifikasi"
	case InstitutionVerified:
		return "Terverifikasi"
	case InstitutionRefused:
		return "Ditolak"
	}
	return strings.TrimSpace(s)
}

// notifyInstitution tells an institution's users (in the app and by e-mail, in the
// caller's transaction) that staff decided on its registration. Each user reads it
// in their own language (users.language, loaded with the users): the catalogue's
// <key>.title and <key>.body, with args.
func (a *App) notifyInstitution(ctx context.Context, tx pgx.Tx, p Principal, institutionID int64, key string, args ...any) error {
	t, err := tenantByID(ctx, tx, p.TenantID)
	if err != nil {
		return err
	}
	users, err := store.UsersOfInstitution(ctx, tx, p.TenantID, institutionID)
	if err != nil {
		return err
	}
	now := a.Clock.Now()
	link := "/" + t.Slug + "/lembaga/"
	var notes []store.NewNotification
	var mails []store.NewMail
	for _, u := range users {
		if !u.Active {
			continue
		}
		tid := p.TenantID
		loc := userLocalizer(u.Language)
		title, body := loc.T(key+".title"), loc.T(key+".body", args...)
		notes = append(notes, store.NewNotification{TenantID: &tid, UserID: u.ID, Title: title, Body: body, Link: link})
		mails = append(mails, store.NewMail{TenantID: &tid, To: u.Email, Subject: "[Hak Akses] " + title,
			Body: loc.T("mail.inst.body", "Name", u.Name, "Body", body, "URL", a.BaseURL+link, "Tenant", t.Name)})
	}
	if err := store.InsertNotifications(ctx, tx, notes, now); err != nil {
		return err
	}
	return a.queueMail(ctx, tx, mails, now)
}
