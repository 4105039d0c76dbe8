package app

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/calendar"
	"github.com/hakakses/hakakses/internal/export"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// ApplicationColumns are the exported applications' column names.
var ApplicationColumns = []string{"Nomor permohonan", "Lembaga", "Kabupaten/Kota", "Provinsi", "Status", "Diajukan",
	"Tenggat Disdukcapil", "Melewati tenggat", "Mulai PKS", "Akhir PKS"}

// ExportApplications writes the submitted applications the caller may list (their
// tenant's for its staff, the forwarded ones of every tenant for the Dirjen) to w,
// row by row as the database returns them, with Indonesian column names and dates
// in each tenant's zone. It does not close w.
func (a *App) ExportApplications(ctx context.Context, p Principal, w export.Writer) error {
	var scope store.Scope
	var tenant int64
	switch {
	case p.IsStaff():
		scope, tenant = p.Scope(), p.TenantID
	case p.Role == workflow.RoleDirjen:
		scope = p.Scope() // row-level security: what was forwarded
	default:
		return Forbidden("")
	}
	if err := w.Header(ApplicationColumns); err != nil {
		return fmt.Errorf("export header: %w", err)
	}
	now := a.Clock.Now()
	zones := map[string]*time.Location{}
	cells := make([]any, len(ApplicationColumns))
	err := a.DB.ReadTx(ctx, scope, func(tx pgx.Tx) error {
		return store.EachApplicationForExport(ctx, tx, tenant, func(r store.ApplicationExportRow) error {
			loc, ok := zones[r.TimeZone]
			if !ok {
				loc = calendar.Zone(r.TimeZone)
				zones[r.TimeZone] = loc
			}
			late := ""
			if r.DueAt != nil && now.After(*r.DueAt) {
				late = "Ya"
			}
			cells[0], cells[1], cells[2], cells[3] = r.Number, r.Institution, r.Tenant, r.Province
			cells[4], cells[5], cells[6], cells[7] = workflow.State(r.State).Label(), stamp(r.SubmittedAt, loc), stamp(r.DueAt, loc), late
			cells[8], cells[9] = day(r.PKSStart), day(r.PKSEnd)
			return w.Row(cells)
		})
	})
	if err != nil {
		return fmt.Errorf("export applications: %w", err)
	}
	return nil
}

// stamp prints an instant as "10/03/2026 10.00 WIB" in loc; nil is empty.
func stamp(t *time.Time, loc *time.Location) string {
	if t == nil {
		return ""
	}
	return t.In(loc).Format("02/01/2006 15.04 MST")
}

// day prints a calendar date as "10/03/2026"; nil is empty.
func day(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format("02/01/2006")
}
