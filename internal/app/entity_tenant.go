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
	ID                     int64
	Code                   string // Kemendagri region code, e.g. "16.02"
	Name, Kind             string // "Kabupaten Ogan Komering Ilir", kabupaten or kota
	ProvinceCode, Province string
	TimeZone               string // IANA name of its WIB/WITA/WIT zone
	Slug                   string // its URL path segment; empty until onboarded
	Active                 bool
	OnboardedAt            *time.Time

	// The service standard it publishes: office hours ("HH:MM", local time), the
	// SLA in working days, the decree that sets it, the complaint channels.
	OfficeOpen, OfficeClose  string
	SLATargetDays            int
	ServiceSK                string
	ComplaintPhone, LaporURL string

	// Its letters: the letterhead (City is where they are dated), the regional
	// head (Bupati or Wali Kota) and the Kepala Disdukcapil who sign, and the
	// letter-number template with its codes.
	City, Address, Phone, Email, Website string
	HeadTitle, HeadName                  string
	KepalaName, KepalaNIP, KepalaRank    string
	LetterTemplate, LetterCode, UnitCode string
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
