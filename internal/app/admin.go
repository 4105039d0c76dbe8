package app

import (
	"context"
	"errors"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/auth"
	"github.com/hakakses/hakakses/internal/calendar"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// TenantPageSize is how many tenants the admin's list shows per page.
const TenantPageSize = 50

// TotalTenants is the number of kabupaten/kota in the reference data.
const TotalTenants = 514

var slugShape = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{1,39}$`)

// ReservedSlugs are first path segments the product uses itself; a tenant named so
// would be shadowed by (or shadow) a page.
var ReservedSlugs = []string{"masuk", "keluar", "beranda", "akun", "admin", "dirjen", "static", "healthz", "readyz",
	"notifikasi", "dev", "lacak", "daftar", "buka-kunci", "aktifkan", "lupa-kata-sandi", "atur-ulang-kata-sandi", "audit", "dua-langkah"}

func requireAdmin(p Principal) error {
	if p.Role != workflow.RoleAdmin {
		return Forbidden("Hanya admin platform yang dapat melakukan tindakan ini.")
	}
	return nil
}

// TenantOverview is the admin's home: platform counts and one page of tenants.
type TenantOverview struct {
	Onboarded    int
	Total        int
	Matching     int
	Institutions map[string]int // per status, across tenants
	Accounts     map[string]int // active accounts per role
	Tenants      []Tenant
	Page         int
	Pages        int
}

// Tenants lists tenants matching f for the admin, TenantPageSize a page.
func (a *App) Tenants(ctx context.Context, p Principal, f TenantFilter, page int) (TenantOverview, error) {
	if err := requireAdmin(p); err != nil {
		return TenantOverview{}, err
	}
	out := TenantOverview{Page: max(page, 1)}
	err := a.DB.ReadTx(ctx, store.System(), func(tx pgx.Tx) error {
		active := true
		var err error
		if out.Onboarded, err = store.CountTenants(ctx, tx, store.TenantFilter{Active: &active}); err != nil {
			return err
		}
		if out.Total, err = store.CountTenants(ctx, tx, store.TenantFilter{}); err != nil {
			return err
		}
		if out.Matching, err = store.CountTenants(ctx, tx, f.row()); err != nil {
			return err
		}
		if out.Institutions, err = store.CountInstitutionsByPlatformStatus(ctx, tx); err != nil {
			return err
		}
		if out.Accounts, err = store.CountUsersByRole(ctx, tx); err != nil {
			return err
		}
		out.Pages = max(1, (out.Matching+TenantPageSize-1)/TenantPageSize)
		out.Page = min(out.Page, out.Pages)
		rows, err := store.SearchTenants(ctx, tx, f.row(), TenantPageSize, (out.Page-1)*TenantPageSize)
		out.Tenants = tenantsOf(rows)
		return err
	})
	return out, err
}

// OnboardInput is the admin's form for bringing a kabupaten/kota on board.
type OnboardInput struct {
	Code        string // Kemendagri region code, e.g. 16.01
	Slug        string
	KepalaName  string
	KepalaEmail string
}

// Onboarded is the result of onboarding: the tenant and its first kepala account.
type Onboarded struct {
	Tenant Tenant
	Kepala OneTimePassword
}

// OnboardTenant activates a tenant that is not yet onboarded under a URL slug and
// creates its first kepala account with a one-time password; the kepala completes
// the letterhead and signatories in the tenant's settings. Errors: CodeForbidden,
// CodeInvalid (bad or reserved slug, slug or e-mail taken, tenant already active).
func (a *App) OnboardTenant(ctx context.Context, p Principal, in OnboardInput) (Onboarded, error) {
	if err := requireAdmin(p); err != nil {
		return Onboarded{}, err
	}
	f := form{}
	code := f.require("code", in.Code, "Kode wilayah wajib diisi, contoh: 16.01.")
	slug := strings.ToLower(strings.TrimSpace(in.Slug))
	switch {
	case slug == "":
		f.set("slug", "Alamat singkat wajib diisi, contoh: oku.")
	case !slugShape.MatchString(slug):
		f.set("slug", "Alamat singkat 2–40 karakter: huruf kecil, angka, atau tanda hubung, diawali huruf atau angka.")
	case slices.Contains(ReservedSlugs, slug):
		f.set("slug", "Alamat singkat \""+slug+"\" dipakai oleh sistem. Pilih yang lain.")
	}
	name := f.require("kepala_name", in.KepalaName, "Nama Kepala Disdukcapil wajib diisi.")
	f.max("kepala_name", name, plainFieldMaxLen)
	email := f.email("kepala_email", in.KepalaEmail)
	if email == "" {
		f.set("kepala_email", "E-mail Kepala Disdukcapil wajib diisi.")
	}
	if len(f) > 0 {
		return Onboarded{}, Invalid("Tenant belum dapat diaktifkan. Periksa isian yang ditandai.", f)
	}
	out := Onboarded{Kepala: OneTimePassword{Name: name, Email: email, Password: newPassword()}}
	hash, err := auth.Hash(out.Kepala.Password, a.HashParams)
	if err != nil {
		return Onboarded{}, err
	}
	now := a.Clock.Now()
	err = a.DB.Tx(ctx, p.Scope(), func(tx pgx.Tx) error {
		t, err := store.TenantByCode(ctx, tx, code)
		if errors.Is(err, store.ErrNotFound) {
			return Invalid("Tenant belum dapat diaktifkan.", map[string]string{"code": "Kode wilayah " + code + " tidak dikenal."})
		}
		if err != nil {
			return err
		}
		if err := store.LockTenant(ctx, tx, t.ID); err != nil {
			return err
		}
		if t, err = store.TenantByID(ctx, tx, t.ID); err != nil {
			return err
		}
		if t.Active {
			return Invalid("Tenant belum dapat diaktifkan.", map[string]string{"code": t.Name + " sudah aktif."})
		}
		taken, err := store.SlugTaken(ctx, tx, slug, t.ID)
		if err != nil {
			return err
		}
		if taken {
			return Invalid("Tenant belum dapat diaktifkan.", map[string]string{"slug": "Alamat singkat ini sudah dipakai tenant lain."})
		}
		s := store.TenantSettings{
			Slug: slug, OfficeOpen: t.OfficeOpen, OfficeClose: t.OfficeClose, SLATargetDays: t.SLATargetDays,
			City: t.City, Address: t.Address, Phone: t.Phone, Email: t.Email, Website: t.Website,
			HeadTitle: t.HeadTitle, HeadName: t.HeadName, KepalaName: name, KepalaNIP: t.KepalaNIP, KepalaRank: t.KepalaRank,
			LetterTemplate: t.LetterTemplate, LetterCode: t.LetterCode, UnitCode: t.UnitCode, ServiceSK: t.ServiceSK,
			ComplaintPhone: t.ComplaintPhone, LaporURL: t.LaporURL,
		}
		if s.UnitCode == "DUKCAPIL" {
			s.UnitCode = "DUKCAPIL." + strings.ToUpper(slug)
		}
		if err := store.UpdateTenantSettings(ctx, tx, t.ID, s, now); err != nil {
			return err
		}
		out.Kepala.UserID, err = store.CreateUser(ctx, tx, store.NewUser{TenantID: &t.ID, Email: email, Name: name,
			Role: string(workflow.RoleKepala), PasswordHash: hash}, now)
		if errors.Is(err, store.ErrConflict) {
			return takenEmail("Tenant belum dapat diaktifkan.", "kepala_email")
		}
		if err != nil {
			return err
		}
		out.Tenant, err = tenantByID(ctx, tx, t.ID)
		if err != nil {
			return err
		}
		return a.audit(ctx, tx, auditEntry{tenantID: &t.ID, actor: &p, event: AuditTenantOnboard, subject: "tenant:" + strconv.FormatInt(t.ID, 10),
			data: map[string]any{"kepala": userSubject(out.Kepala.UserID)}})
	})
	if store.IsUniqueViolation(err, "") {
		// Two admins racing for one slug: the loser is told as if it had been taken.
		return Onboarded{}, Invalid("Tenant belum dapat diaktifkan.", map[string]string{"slug": "Alamat singkat ini sudah dipakai tenant lain."})
	}
	if err != nil {
		return Onboarded{}, err
	}
	a.Log.Info("tenant onboarded", "tenant_id", out.Tenant.ID, "slug", slug, "kepala_id", out.Kepala.UserID, "by", p.UserID)
	a.forgetInboxFilters() // the new tenant belongs in the Dirjen's filter now
	a.forgetTenant(out.Tenant.ID)
	return out, nil
}

// NationalCalendar is one year of the national holiday calendar for the admin.
type NationalCalendar struct {
	Year      int
	Holidays  []calendar.Holiday
	Published *HolidayYear // nil while the year's SKB is not entered
	Years     []HolidayYear
}

// NationalHolidays shows a year of national holidays and cuti bersama.
func (a *App) NationalHolidays(ctx context.Context, p Principal, year int) (NationalCalendar, error) {
	if err := requireAdmin(p); err != nil {
		return NationalCalendar{}, err
	}
	out := NationalCalendar{Year: year}
	err := a.DB.ReadTx(ctx, p.Scope(), func(tx pgx.Tx) error {
		hs, err := store.NationalHolidays(ctx, tx, yearStart(year), yearStart(year+1).AddDate(0, 0, -1))
		if err != nil {
			return err
		}
		out.Holidays = holidaysOf(hs)
		years, err := store.HolidayYearRows(ctx, tx)
		if err != nil {
			return err
		}
		out.Years = holidayYearsOf(years)
		for i := range out.Years {
			if out.Years[i].Year == year {
				out.Published = &out.Years[i]
			}
		}
		return nil
	})
	return out, err
}

// NationalHolidayInput is one date of the national calendar as the admin types it.
type NationalHolidayInput struct {
	Date        string
	Kind        string // libur_nasional or cuti_bersama
	Description string
}

// SaveNationalHoliday adds a national holiday or cuti bersama, or corrects the
// kind and description of a date already listed, then recomputes every tenant's
// open deadlines. It reports whether the date is new.
func (a *App) SaveNationalHoliday(ctx context.Context, p Principal, in NationalHolidayInput) (bool, Recomputed, error) {
	if err := requireAdmin(p); err != nil {
		return false, Recomputed{}, err
	}
	f := form{}
	d := f.date("date", in.Date)
	kind := strings.TrimSpace(in.Kind)
	if kind != string(calendar.LiburNasional) && kind != string(calendar.CutiBersama) {
		f.set("kind", "Pilih libur nasional atau cuti bersama.")
	}
	desc := f.require("description", in.Description, "Keterangan wajib diisi, contoh: Hari Raya Idul Fitri 1448 Hijriah.")
	f.max("description", desc, 200)
	if len(f) > 0 {
		return false, Recomputed{}, Invalid("Hari libur belum dapat disimpan.", f)
	}
	var created bool
	err := a.DB.Tx(ctx, p.Scope(), func(tx pgx.Tx) error {
		var err error
		created, err = store.SaveNationalHoliday(ctx, tx, store.HolidayRow{Date: d, Kind: kind, Name: desc})
		return err
	})
	if err != nil {
		return false, Recomputed{}, err
	}
	a.Log.Info("national holiday saved", "date", d.Format(time.DateOnly), "kind", kind, "created", created, "by", p.UserID)
	return created, a.recompute(ctx, 0), nil
}

// DeleteNationalHoliday removes a date from the national calendar, then
// recomputes every tenant's open deadlines.
func (a *App) DeleteNationalHoliday(ctx context.Context, p Principal, date string) (Recomputed, error) {
	if err := requireAdmin(p); err != nil {
		return Recomputed{}, err
	}
	f := form{}
	d := f.date("date", date)
	if len(f) > 0 {
		return Recomputed{}, Invalid("Hari libur belum dapat dihapus.", f)
	}
	err := a.DB.Tx(ctx, p.Scope(), func(tx pgx.Tx) error {
		if err := store.DeleteNationalHoliday(ctx, tx, d); err != nil {
			return err
		}
		return a.audit(ctx, tx, auditEntry{actor: &p, event: AuditHolidayChange, subject: "libur_nasional:" + date, data: map[string]any{"action": "delete"}})
	})
	if err != nil {
		return Recomputed{}, mapStoreErr(err, "Hari libur")
	}
	a.Log.Info("national holiday deleted", "date", d.Format(time.DateOnly), "by", p.UserID)
	return a.recompute(ctx, 0), nil
}

// PublishHolidayYear marks a year's national calendar as entered from its SKB (or
// corrects the source), which ends the missing-data warning for that year.
func (a *App) PublishHolidayYear(ctx context.Context, p Principal, year, source string) (Recomputed, error) {
	if err := requireAdmin(p); err != nil {
		return Recomputed{}, err
	}
	f := form{}
	y, err := strconv.Atoi(strings.TrimSpace(year))
	if err != nil || y < 2000 || y > 2100 {
		f.set("year", "Tahun harus antara 2000 dan 2100.")
	}
	source = f.require("source", source, "Sumber wajib diisi, contoh: SKB 3 Menteri 2027 (nomor dan tanggal).")
	f.max("source", source, plainFieldMaxLen)
	if len(f) > 0 {
		return Recomputed{}, Invalid("Tahun belum dapat ditandai lengkap.", f)
	}
	err = a.DB.Tx(ctx, p.Scope(), func(tx pgx.Tx) error {
		if err := store.PublishHolidayYear(ctx, tx, y, source); err != nil {
			return err
		}
		return a.audit(ctx, tx, auditEntry{actor: &p, event: AuditHolidayChange, subject: "libur_nasional:" + year, data: map[string]any{"action": "publish", "source": source}})
	})
	if err != nil {
		return Recomputed{}, err
	}
	a.Log.Info("holiday year published", "year", y, "by", p.UserID)
	return a.recompute(ctx, 0), nil
}

// holidayWarningWindow is how close to the year's end next year's calendar is
// expected: the SKB is usually signed in September or October.
const holidayWarningWindow = 60 * 24 * time.Hour

// HolidayWarning returns a warning in Bahasa Indonesia when the national holiday
// calendar of the current year, or of next year within 60 days of year end, has
// not been entered; "" when all is well. Years follow WIB, where most tenants are.
// A failed look-up is logged and shows no warning: the banner is advice, and the
// page it sits on should not fail for it.
func (a *App) HolidayWarning(ctx context.Context, now time.Time) string {
	var years []int
	err := a.DB.ReadTx(ctx, store.Public(), func(tx pgx.Tx) error {
		var err error
		years, err = store.HolidayYears(ctx, tx)
		return err
	})
	if err != nil {
		a.Log.Error("holiday warning", "err", err)
		return ""
	}
	return missingHolidayYears(years, now)
}

func missingHolidayYears(years []int, now time.Time) string {
	local := now.In(calendar.WIB)
	y := local.Year()
	var missing []string
	if !slices.Contains(years, y) {
		missing = append(missing, strconv.Itoa(y))
	}
	nextYear := time.Date(y+1, 1, 1, 0, 0, 0, 0, local.Location())
	if nextYear.Sub(local) <= holidayWarningWindow && !slices.Contains(years, y+1) {
		missing = append(missing, strconv.Itoa(y+1))
	}
	if len(missing) == 0 {
		return ""
	}
	return "Data hari libur nasional tahun " + strings.Join(missing, " dan ") +
		" belum diisi: tenggat dihitung tanpa hari libur nasional (hanya akhir pekan)."
}
