package app

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/calendar"
	"github.com/hakakses/hakakses/internal/store"
)

// Tenant is one Disdukcapil (docs/domain.md §2): its region, public address,
// office hours, signatories and letter-number settings.
type Tenant struct {
	ID             int64
	Code           string // Kemendagri region code, e.g. "16.02"
	Name           string // "Kabupaten Ogan Komering Ilir"
	Kind           string // kabupaten or kota
	ProvinceCode   string
	Province       string
	TimeZone       string // IANA name of its WIB/WITA/WIT zone
	Slug           string // its URL path segment; empty until onboarded
	Active         bool
	OfficeOpen     string // "HH:MM", local time
	OfficeClose    string
	SLATargetDays  int
	City           string // where its letters are dated
	Address        string
	Phone          string
	Email          string
	Website        string
	HeadTitle      string // Bupati or Wali Kota
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
	OnboardedAt    *time.Time
}

// Location is the tenant's time zone.
func (t Tenant) Location() *time.Location { return calendar.Zone(t.TimeZone) }

func tenantOf(r store.Tenant) Tenant {
	return Tenant{
		ID: r.ID, Code: r.Code, Name: r.Name, Kind: r.Kind, ProvinceCode: r.ProvinceCode, Province: r.Province,
		TimeZone: r.TimeZone, Slug: r.SlugOrEmpty(), Active: r.Active, OfficeOpen: r.OfficeOpen,
		OfficeClose: r.OfficeClose, SLATargetDays: r.SLATargetDays, City: r.City, Address: r.Address,
		Phone: r.Phone, Email: r.Email, Website: r.Website, HeadTitle: r.HeadTitle, HeadName: r.HeadName,
		KepalaName: r.KepalaName, KepalaNIP: r.KepalaNIP, KepalaRank: r.KepalaRank,
		LetterTemplate: r.LetterTemplate, LetterCode: r.LetterCode, UnitCode: r.UnitCode,
		ServiceSK: r.ServiceSK, ComplaintPhone: r.ComplaintPhone, LaporURL: r.LaporURL, OnboardedAt: r.OnboardedAt,
	}
}

func tenantsOf(rows []store.Tenant) []Tenant {
	out := make([]Tenant, len(rows))
	for i, r := range rows {
		out[i] = tenantOf(r)
	}
	return out
}

// tenantByID loads a tenant, active or not, in tx.
func tenantByID(ctx context.Context, tx pgx.Tx, id int64) (Tenant, error) {
	r, err := store.TenantByID(ctx, tx, id)
	if err != nil {
		return Tenant{}, fmt.Errorf("tenant %d: %w", id, err)
	}
	return tenantOf(r), nil
}

// TenantFilter narrows the admin's tenant list.
type TenantFilter struct {
	Query  string // a name, province, region code prefix or slug
	Active *bool  // nil: onboarded or not
}

func (f TenantFilter) row() store.TenantFilter {
	return store.TenantFilter{Query: f.Query, Active: f.Active}
}
