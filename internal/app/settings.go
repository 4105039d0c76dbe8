package app

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/calendar"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// SettingsInput is the kepala's settings form, as typed.
type SettingsInput struct {
	HeadTitle      string
	HeadName       string
	KepalaName     string
	KepalaNIP      string
	KepalaRank     string
	City           string
	Address        string
	Phone          string
	Email          string
	Website        string
	LetterTemplate string
	LetterCode     string
	UnitCode       string
	OfficeOpen     string
	OfficeClose    string
	SLATargetDays  string
	ComplaintPhone string
	LaporURL       string
	ServiceSK      string
}

// SettingsInputOf is the form pre-filled from a tenant.
func SettingsInputOf(t Tenant) SettingsInput {
	return SettingsInput{
		HeadTitle: t.HeadTitle, HeadName: t.HeadName, KepalaName: t.KepalaName, KepalaNIP: t.KepalaNIP,
		KepalaRank: t.KepalaRank, City: t.City, Address: t.Address, Phone: t.Phone, Email: t.Email,
		Website: t.Website, LetterTemplate: t.LetterTemplate, LetterCode: t.LetterCode, UnitCode: t.UnitCode,
		OfficeOpen: t.OfficeOpen, OfficeClose: t.OfficeClose, SLATargetDays: strconv.Itoa(t.SLATargetDays),
		ComplaintPhone: t.ComplaintPhone, LaporURL: t.LaporURL, ServiceSK: t.ServiceSK,
	}
}

// Head titles a tenant's regional head may carry.
var HeadTitles = []string{"Bupati", "Wali Kota"}

var (
	nipDigits = regexp.MustCompile(`^[0-9]{18}$`)
	codeShape = regexp.MustCompile(`^[A-Za-z0-9.\-]{1,40}$`)
)

// LetterExample shows what a template yields for a forwarding letter at now: the
// number the settings page previews, computed the same way real numbers are.
func LetterExample(template, code, unit string, at time.Time) string {
	return FormatLetterNumber(template, code, unit, LetterForwarding, 20, at)
}

// validateSettings checks the form and returns the settings it describes (slug
// left empty: the caller keeps the tenant's own).
func validateSettings(in SettingsInput) (store.TenantSettings, form) {
	f := form{}
	s := store.TenantSettings{
		HeadTitle:  strings.TrimSpace(in.HeadTitle),
		HeadName:   f.require("head_name", in.HeadName, "Nama kepala daerah wajib diisi."),
		KepalaName: f.require("kepala_name", in.KepalaName, "Nama Kepala Dinas wajib diisi."),
		KepalaRank: f.require("kepala_rank", in.KepalaRank, "Pangkat/golongan Kepala Dinas wajib diisi, contoh: Pembina Utama Muda (IV/c)."),
		City:       f.require("city", in.City, "Kota tempat surat dibuat wajib diisi."),
		Address:    f.require("address", in.Address, "Alamat kantor wajib diisi untuk kop surat."),
		Phone:      strings.TrimSpace(in.Phone),
		Website:    strings.TrimSpace(in.Website),
		LetterCode: f.require("letter_code", in.LetterCode, "Kode klasifikasi wajib diisi, contoh: 400.12.4.4."),
		UnitCode:   f.require("unit_code", in.UnitCode, "Kode unit wajib diisi, contoh: DUKCAPIL.OKI."),
		ServiceSK:  strings.TrimSpace(in.ServiceSK),

		ComplaintPhone: strings.TrimSpace(in.ComplaintPhone),
		LetterTemplate: f.require("letter_template", in.LetterTemplate, "Format nomor surat wajib diisi."),
	}
	if s.HeadTitle != HeadTitles[0] && s.HeadTitle != HeadTitles[1] {
		f.set("head_title", "Pilih Bupati atau Wali Kota.")
	}
	nip := strings.ReplaceAll(strings.TrimSpace(in.KepalaNIP), " ", "")
	if nip == "" {
		f.set("kepala_nip", "NIP Kepala Dinas wajib diisi.")
	} else if !nipDigits.MatchString(nip) {
		f.set("kepala_nip", "NIP terdiri atas 18 angka, contoh: 19700512 199503 1 002.")
	} else {
		// Stored in the usual grouping 8-6-1-3, as letters print it.
		s.KepalaNIP = nip[:8] + " " + nip[8:14] + " " + nip[14:15] + " " + nip[15:]
	}
	s.Email = f.email("email", in.Email)
	s.LaporURL = f.webURL("lapor_url", in.LaporURL)
	if s.LaporURL == "" {
		s.LaporURL = "https://www.lapor.go.id"
	}
	if s.LetterCode != "" && !codeShape.MatchString(s.LetterCode) {
		f.set("letter_code", "Kode klasifikasi hanya berisi huruf, angka, titik, atau tanda hubung.")
	}
	if s.UnitCode != "" && !codeShape.MatchString(s.UnitCode) {
		f.set("unit_code", "Kode unit hanya berisi huruf, angka, titik, atau tanda hubung.")
	}
	if s.LetterTemplate != "" {
		switch {
		case !ValidLetterTemplate(s.LetterTemplate):
			f.set("letter_template", "Format nomor surat harus memuat {urut} dan {tahun}, agar setiap nomor unik.")
		case strings.ContainsAny(LetterExample(s.LetterTemplate, "x", "x", yearStart(2000)), "{}"):
			f.set("letter_template", "Format memuat token yang tidak dikenal. Token yang tersedia: {kode} {urut} {jenis} {unit} {bulan_romawi} {tahun}.")
		}
	}
	var open, closing calendar.TimeOfDay
	var errOpen, errClose error
	s.OfficeOpen, s.OfficeClose = strings.TrimSpace(in.OfficeOpen), strings.TrimSpace(in.OfficeClose)
	if open, errOpen = calendar.ParseTimeOfDay(s.OfficeOpen); errOpen != nil {
		f.set("office_open", "Jam buka ditulis JJ:MM, contoh 07:30.")
	}
	if closing, errClose = calendar.ParseTimeOfDay(s.OfficeClose); errClose != nil {
		f.set("office_close", "Jam tutup ditulis JJ:MM, contoh 16:00.")
	}
	if errOpen == nil && errClose == nil && open >= closing {
		f.set("office_close", "Jam tutup harus sesudah jam buka.")
	}
	s.SLATargetDays = 2
	if v := strings.TrimSpace(in.SLATargetDays); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 30 {
			f.set("sla_target_days", "Target layanan diisi 1 sampai 30 hari kerja.")
		} else {
			s.SLATargetDays = n
		}
	}
	for field, v := range map[string]string{"head_name": s.HeadName, "kepala_name": s.KepalaName, "kepala_rank": s.KepalaRank,
		"city": s.City, "address": s.Address, "phone": s.Phone, "website": s.Website, "service_sk": s.ServiceSK,
		"complaint_phone": s.ComplaintPhone, "letter_template": s.LetterTemplate, "lapor_url": s.LaporURL} {
		f.max(field, v, plainFieldMaxLen)
	}
	return s, f
}

// Recomputed says what a calendar change did to open deadlines.
type Recomputed struct {
	Count  int  // open deadlines recomputed
	Failed bool // the change was saved but recomputing failed (logged); the recompute job runs every 10 minutes
	Ran    bool // whether a recompute was needed at all
}

// recompute refreshes open deadlines after a committed calendar change. A failure
// here must not undo what was saved, so it is logged and reported, not returned.
func (a *App) recompute(ctx context.Context, tenantID int64) Recomputed {
	n, err := a.RecomputeDeadlines(ctx, tenantID)
	if err != nil {
		a.Log.Error("recompute deadlines", "tenant_id", tenantID, "err", err)
		return Recomputed{Count: n, Failed: true, Ran: true}
	}
	return Recomputed{Count: n, Ran: true}
}

func requireKepala(p Principal) error {
	if p.Role != workflow.RoleKepala {
		return Forbidden("Hanya Kepala Disdukcapil yang dapat mengubah pengaturan ini.")
	}
	return nil
}

// UpdateSettings saves the kepala's settings of their tenant; the slug stays as
// it is. Changing office hours or the SLA target recomputes open deadlines after
// the commit. Errors: CodeForbidden, CodeInvalid with field messages.
func (a *App) UpdateSettings(ctx context.Context, p Principal, in SettingsInput) (Recomputed, error) {
	if err := requireKepala(p); err != nil {
		return Recomputed{}, err
	}
	s, f := validateSettings(in)
	if len(f) > 0 {
		return Recomputed{}, Invalid("Pengaturan belum dapat disimpan. Periksa isian yang ditandai.", f)
	}
	var calendarChanged bool
	err := a.DB.Tx(ctx, p.Scope(), func(tx pgx.Tx) error {
		t, err := tenantByID(ctx, tx, p.TenantID)
		if err != nil {
			return err
		}
		s.Slug = t.Slug
		calendarChanged = t.OfficeOpen != s.OfficeOpen || t.OfficeClose != s.OfficeClose || t.SLATargetDays != s.SLATargetDays
		if err := store.UpdateTenantSettings(ctx, tx, p.TenantID, s, a.Clock.Now()); err != nil {
			return err
		}
		return a.audit(ctx, tx, auditEntry{actor: &p, event: AuditSettingsChange, subject: "tenant:" + fmt.Sprint(p.TenantID)})
	})
	if err != nil {
		return Recomputed{}, mapStoreErr(err, "Disdukcapil")
	}
	a.forgetTenant(p.TenantID)
	a.Log.Info("tenant settings updated", "tenant_id", p.TenantID, "user_id", p.UserID)
	if !calendarChanged {
		return Recomputed{}, nil
	}
	return a.recompute(ctx, p.TenantID), nil
}

// Staff lists the tenant's Disdukcapil accounts to its staff.
func (a *App) Staff(ctx context.Context, p Principal) ([]User, error) {
	if !p.IsStaff() {
		return nil, Forbidden("")
	}
	var out []User
	err := a.DB.ReadTx(ctx, p.Scope(), func(tx pgx.Tx) error {
		rows, err := store.StaffOfTenant(ctx, tx, p.TenantID)
		out = usersOf(rows)
		return err
	})
	return out, err
}

// AddPetugas creates a petugas account in the kepala's tenant with a one-time
// password. Errors: CodeForbidden, CodeInvalid (a taken e-mail among them).
func (a *App) AddPetugas(ctx context.Context, p Principal, name, email string) (OneTimePassword, error) {
	if err := requireKepala(p); err != nil {
		return OneTimePassword{}, err
	}
	otp, hash, err := a.newAccount("petugas", name, email)
	if err != nil {
		return OneTimePassword{}, err
	}
	name, email = otp.Name, otp.Email
	err = a.DB.Tx(ctx, p.Scope(), func(tx pgx.Tx) error {
		var err error
		otp.UserID, err = store.CreateUser(ctx, tx, store.NewUser{TenantID: &p.TenantID, Email: email, Name: name,
			Role: string(workflow.RolePetugas), PasswordHash: hash}, a.Clock.Now())
		return err
	})
	if errors.Is(err, store.ErrConflict) {
		return OneTimePassword{}, takenEmail("Akun petugas belum dapat dibuat.", "email")
	}
	if err != nil {
		return OneTimePassword{}, err
	}
	a.Log.Info("petugas added", "tenant_id", p.TenantID, "user_id", otp.UserID, "by", p.UserID)
	return otp, nil
}

// SetStaffActive deactivates or reactivates a staff account of the kepala's tenant;
// a deactivated account is logged out at its next request. Nobody switches off
// their own account. Errors: CodeForbidden, CodeInvalid, CodeNotFound.
func (a *App) SetStaffActive(ctx context.Context, p Principal, userID int64, active bool) error {
	if err := requireKepala(p); err != nil {
		return err
	}
	if userID == p.UserID {
		return Invalid("Anda tidak dapat menonaktifkan atau mengaktifkan akun Anda sendiri.", nil)
	}
	err := a.DB.Tx(ctx, p.Scope(), func(tx pgx.Tx) error {
		if err := store.SetStaffActive(ctx, tx, p.TenantID, userID, active); err != nil {
			return err
		}
		return a.audit(ctx, tx, auditEntry{actor: &p, event: AuditAccountChange, subject: userSubject(userID), data: map[string]any{"active": active}})
	})
	if err == nil {
		a.Log.Info("staff account switched", "tenant_id", p.TenantID, "user_id", userID, "active", active, "by", p.UserID)
	}
	return mapStoreErr(err, "Akun staf")
}

// LocalHolidays lists the tenant's local holidays of a year to its staff.
func (a *App) LocalHolidays(ctx context.Context, p Principal, year int) ([]calendar.Holiday, error) {
	if !p.IsStaff() {
		return nil, Forbidden("")
	}
	var out []calendar.Holiday
	err := a.DB.ReadTx(ctx, p.Scope(), func(tx pgx.Tx) error {
		rows, err := store.LocalHolidays(ctx, tx, p.TenantID, yearStart(year), yearStart(year+1).AddDate(0, 0, -1))
		out = holidaysOf(rows)
		return err
	})
	return out, err
}

// AddLocalHoliday adds a local holiday to the kepala's tenant and recomputes its
// open deadlines. Errors: CodeForbidden, CodeInvalid (bad or duplicate date).
func (a *App) AddLocalHoliday(ctx context.Context, p Principal, date, description string) (Recomputed, error) {
	if err := requireKepala(p); err != nil {
		return Recomputed{}, err
	}
	f := form{}
	d := f.date("date", date)
	description = f.require("description", description, "Keterangan hari libur wajib diisi, contoh: Hari Jadi Kabupaten.")
	f.max("description", description, 200)
	if len(f) > 0 {
		return Recomputed{}, Invalid("Hari libur lokal belum dapat ditambahkan.", f)
	}
	err := a.DB.Tx(ctx, p.Scope(), func(tx pgx.Tx) error {
		if err := store.AddLocalHoliday(ctx, tx, p.TenantID, d, description); err != nil {
			return err
		}
		return a.audit(ctx, tx, auditEntry{actor: &p, event: AuditHolidayChange, subject: "libur_lokal:" + date, data: map[string]any{"action": "add", "description": description}})
	})
	if errors.Is(err, store.ErrConflict) {
		return Recomputed{}, Invalid("Hari libur lokal belum dapat ditambahkan.", map[string]string{"date": "Tanggal ini sudah tercatat sebagai hari libur lokal."})
	}
	if err != nil {
		return Recomputed{}, err
	}
	a.Log.Info("local holiday added", "tenant_id", p.TenantID, "date", d.Format(time.DateOnly), "by", p.UserID)
	return a.recompute(ctx, p.TenantID), nil
}

// RemoveLocalHoliday deletes a local holiday of the kepala's tenant and recomputes
// its open deadlines. Errors: CodeForbidden, CodeInvalid, CodeNotFound.
func (a *App) RemoveLocalHoliday(ctx context.Context, p Principal, date string) (Recomputed, error) {
	if err := requireKepala(p); err != nil {
		return Recomputed{}, err
	}
	f := form{}
	d := f.date("date", date)
	if len(f) > 0 {
		return Recomputed{}, Invalid("Hari libur lokal belum dapat dihapus.", f)
	}
	err := a.DB.Tx(ctx, p.Scope(), func(tx pgx.Tx) error {
		return store.DeleteLocalHoliday(ctx, tx, p.TenantID, d)
	})
	if err != nil {
		return Recomputed{}, mapStoreErr(err, "Hari libur lokal")
	}
	a.Log.Info("local holiday removed", "tenant_id", p.TenantID, "date", d.Format(time.DateOnly), "by", p.UserID)
	return a.recompute(ctx, p.TenantID), nil
}

// date parses a required YYYY-MM-DD date within the calendar's range, as UTC
// midnight (a date column keeps the day only).
func (f form) date(field, value string) time.Time {
	v := strings.TrimSpace(value)
	if v == "" {
		f.set(field, "Tanggal wajib diisi.")
		return time.Time{}
	}
	d, err := time.Parse(time.DateOnly, v)
	if err != nil {
		f.set(field, "Tanggal ditulis TTTT-BB-HH, contoh 2026-08-17.")
		return time.Time{}
	}
	if d.Year() < 2000 || d.Year() > 2100 {
		f.set(field, "Tahun harus antara 2000 dan 2100.")
	}
	return d
}

func yearStart(y int) time.Time { return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC) }

// maxLambangBytes bounds the lambang daerah: an emblem, not a scan.
const maxLambangBytes = 1 << 20

// SetLambangDaerah stores the tenant's emblem, printed in every kop and above
// the PKS and Juknis titles. It must be a PNG of at most 1 MB. Errors:
// CodeForbidden (not the kepala), CodeInvalid.
func (a *App) SetLambangDaerah(ctx context.Context, p Principal, png []byte) error {
	if err := requireKepala(p); err != nil {
		return err
	}
	switch {
	case len(png) == 0:
		return Invalid("Pilih berkas lambang daerah.", map[string]string{"lambang_daerah": "Pilih berkas PNG lambang daerah."})
	case len(png) > maxLambangBytes:
		return Invalid("Lambang daerah terlalu besar.", map[string]string{"lambang_daerah": "Ukuran lambang paling besar 1 MB."})
	case http.DetectContentType(png) != "image/png":
		return Invalid("Lambang daerah harus berkas PNG.", map[string]string{"lambang_daerah": "Unggah lambang daerah dalam format PNG."})
	}
	err := a.DB.Tx(ctx, p.Scope(), func(tx pgx.Tx) error { return store.SetLambangDaerah(ctx, tx, p.TenantID, png) })
	if err != nil {
		return mapStoreErr(err, "Disdukcapil")
	}
	a.Log.Info("lambang daerah updated", "tenant_id", p.TenantID, "user_id", p.UserID)
	return nil
}
