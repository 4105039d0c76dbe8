package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/calendar"
)

// Tenant is one Disdukcapil kabupaten/kota with its settings.
type Tenant struct {
	ID             int64      `db:"id"`
	Code           string     `db:"kode"`
	Name           string     `db:"nama"`
	Kind           string     `db:"jenis"`
	ProvinceCode   string     `db:"kode_provinsi"`
	Province       string     `db:"provinsi"`
	TimeZone       string     `db:"zona_waktu"`
	Slug           *string    `db:"slug"`
	Active         bool       `db:"active"`
	OfficeOpen     string     `db:"office_open"`
	OfficeClose    string     `db:"office_close"`
	SLATargetDays  int        `db:"sla_target_days"`
	City           string     `db:"city"`
	Address        string     `db:"address"`
	Phone          string     `db:"phone"`
	Email          string     `db:"email"`
	Website        string     `db:"website"`
	HeadTitle      string     `db:"head_title"`
	HeadName       string     `db:"head_name"`
	KepalaName     string     `db:"kepala_name"`
	KepalaNIP      string     `db:"kepala_nip"`
	KepalaRank     string     `db:"kepala_rank"`
	LetterTemplate string     `db:"letter_template"`
	LetterCode     string     `db:"letter_code"`
	UnitCode       string     `db:"unit_code"`
	ServiceSK      string     `db:"service_sk"`
	ComplaintPhone string     `db:"complaint_phone"`
	LaporURL       string     `db:"lapor_url"`
	OnboardedAt    *time.Time `db:"onboarded_at"`
}

// SlugOrEmpty returns the URL slug of an onboarded tenant.
func (t Tenant) SlugOrEmpty() string {
	if t.Slug == nil {
		return ""
	}
	return *t.Slug
}

// Location is the tenant's time zone; the zone names are checked by the schema.
func (t Tenant) Location() *time.Location {
	return calendar.Zone(t.TimeZone)
}

const tenantColumns = `id, kode, nama, jenis, kode_provinsi, provinsi, zona_waktu, slug, active,
	to_char(office_open, 'HH24:MI') AS office_open, to_char(office_close, 'HH24:MI') AS office_close,
	sla_target_days, city, address, phone, email, website, head_title, head_name, kepala_name,
	kepala_nip, kepala_rank, letter_template, letter_code, unit_code, service_sk, complaint_phone,
	lapor_url, onboarded_at`

// ActiveTenants lists the onboarded tenants by name.
func ActiveTenants(ctx context.Context, q pgx.Tx) ([]Tenant, error) {
	rows, err := q.Query(ctx, `SELECT `+tenantColumns+` FROM tenants WHERE active ORDER BY nama`)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[Tenant])
}

// TenantBySlug finds an active tenant by its URL slug.
func TenantBySlug(ctx context.Context, q pgx.Tx, slug string) (Tenant, error) {
	rows, err := q.Query(ctx, `SELECT `+tenantColumns+` FROM tenants WHERE slug = $1 AND active`, slug)
	if err != nil {
		return Tenant{}, err
	}
	t, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Tenant])
	return t, notFound(err)
}

// TenantByID finds a tenant, active or not.
func TenantByID(ctx context.Context, q pgx.Tx, id int64) (Tenant, error) {
	rows, err := q.Query(ctx, `SELECT `+tenantColumns+` FROM tenants WHERE id = $1`, id)
	if err != nil {
		return Tenant{}, err
	}
	t, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Tenant])
	return t, notFound(err)
}

// TenantByCode finds a tenant by its Kemendagri region code.
func TenantByCode(ctx context.Context, q pgx.Tx, code string) (Tenant, error) {
	rows, err := q.Query(ctx, `SELECT `+tenantColumns+` FROM tenants WHERE kode = $1`, code)
	if err != nil {
		return Tenant{}, err
	}
	t, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Tenant])
	return t, notFound(err)
}

// TenantSettings is what onboarding and the kepala's settings page may change.
type TenantSettings struct {
	Slug           string
	OfficeOpen     string
	OfficeClose    string
	SLATargetDays  int
	City           string
	Address        string
	Phone          string
	Email          string
	Website        string
	HeadTitle      string
	HeadName       string
	KepalaName     string
	KepalaNIP      string
	KepalaRank     string
	LetterTemplate string
	LetterCode     string
	UnitCode       string
	ServiceSK      string
	ComplaintPhone string
	LaporURL       string
}

// UpdateTenantSettings writes the settings and marks the tenant active (onboarded at
// the first call). Row-level security lets only the tenant itself or the system do it.
func UpdateTenantSettings(ctx context.Context, q pgx.Tx, id int64, s TenantSettings, now time.Time) error {
	tag, err := q.Exec(ctx, `UPDATE tenants SET slug = $2, office_open = $3::time, office_close = $4::time,
		sla_target_days = $5, city = $6, address = $7, phone = $8, email = $9, website = $10,
		head_title = $11, head_name = $12, kepala_name = $13, kepala_nip = $14, kepala_rank = $15,
		letter_template = $16, letter_code = $17, unit_code = $18, service_sk = $19,
		complaint_phone = $20, lapor_url = $21, active = true, onboarded_at = COALESCE(onboarded_at, $22)
		WHERE id = $1`,
		id, s.Slug, s.OfficeOpen, s.OfficeClose, s.SLATargetDays, s.City, s.Address, s.Phone, s.Email,
		s.Website, s.HeadTitle, s.HeadName, s.KepalaName, s.KepalaNIP, s.KepalaRank, s.LetterTemplate,
		s.LetterCode, s.UnitCode, s.ServiceSK, s.ComplaintPhone, s.LaporURL, now)
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
		return ErrNotFound
	}
	return nil
}

// TenantName is an onboarded tenant as a filter lists it.
type TenantName struct {
	Slug string
	Name string
}

// ActiveTenantNames lists the onboarded tenants' slugs and names, by name: the
// two columns a filter needs, not the thirty of a tenant's settings.
func ActiveTenantNames(ctx context.Context, q pgx.Tx) ([]TenantName, error) {
	rows, err := q.Query(ctx, `SELECT slug, nama FROM tenants WHERE active ORDER BY nama`)
	if err != nil {
		return nil, fmt.Errorf("store: tenant names: %w", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[TenantName])
	if err != nil {
		return nil, fmt.Errorf("store: tenant names: %w", err)
	}
	return out, nil
}
