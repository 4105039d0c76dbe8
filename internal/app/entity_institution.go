package app

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// Institution is a lembaga pengguna of one tenant (docs/domain.md §2): a
// perangkat daerah or a badan hukum, with its head and contacts, and whether
// the tenant's staff verified it (InstitutionPending, …Verified, …Refused).
type Institution struct {
	ID                     int64
	TenantID               int64
	Type                   workflow.InstitutionType
	Name, Address          string
	HeadName, HeadPosition string
	Phone, Email           string
	Status                 string
	StatusReason           string // why it was refused
	VerifiedAt             *time.Time
	CreatedAt              time.Time
}

func institutionOf(r store.Institution) Institution {
	return Institution{ID: r.ID, TenantID: r.TenantID, Type: r.Type, Name: r.Name, Address: r.Address,
		HeadName: r.HeadName, HeadPosition: r.HeadPosition, Phone: r.Phone, Email: r.Email, Status: r.Status,
		StatusReason: r.StatusReason, VerifiedAt: r.VerifiedAt, CreatedAt: r.CreatedAt}
}

func institutionsOf(rows []store.Institution) []Institution {
	out := make([]Institution, len(rows))
	for i, r := range rows {
		out[i] = institutionOf(r)
	}
	return out
}

// institutionByID reads one of a tenant's institutions in tx.
func institutionByID(ctx context.Context, tx pgx.Tx, tenantID, id int64) (Institution, error) {
	r, err := store.InstitutionByID(ctx, tx, tenantID, id)
	return institutionOf(r), err
}
