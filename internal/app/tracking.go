package app

import (
	"context"
	"crypto/subtle"
	"errors"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// Tracked is what the public tracking page may show: the stage, nothing more.
type Tracked struct {
	Number     string
	State      workflow.State
	StateSince time.Time
	Timeline   []workflow.StepStatus
}

// Track finds an application of the tenant by number and tracking code. A wrong
// code and an unknown number give the same answer.
func (a *App) Track(ctx context.Context, tenantID int64, number, code string) (Tracked, error) {
	number, code = strings.TrimSpace(number), strings.ToUpper(strings.TrimSpace(code))
	notFound := &Error{Code: CodeNotFound, Message: "Nomor permohonan atau kode lacak tidak cocok."}
	if number == "" || code == "" {
		return Tracked{}, Invalid("Isi nomor permohonan dan kode lacak.", nil)
	}
	var tr Tracked
	// The tenant's scope, not the system's: row-level security keeps the lookup
	// inside the tenant whose page this is.
	err := a.DB.ReadTx(ctx, store.TenantScope(tenantID), func(tx pgx.Tx) error {
		ap, stored, err := store.ApplicationByTracking(ctx, tx, number)
		if err != nil {
			return err
		}
		if ap.TenantID != tenantID || subtle.ConstantTimeCompare([]byte(stored), []byte(code)) != 1 {
			return store.ErrNotFound
		}
		events, err := store.Events(ctx, tx, ap.TenantID, ap.ID)
		if err != nil {
			return err
		}
		reached := make([]workflow.State, 0, len(events))
		for _, e := range events {
			reached = append(reached, workflow.State(e.To))
		}
		tr = Tracked{Number: ap.Number, State: ap.State, StateSince: ap.StateSince,
			Timeline: workflow.Timeline(ap.State, reached)}
		return nil
	})
	if errors.Is(err, store.ErrNotFound) {
		return Tracked{}, notFound
	}
	return tr, err
}

// MyInstitution returns the lembaga user's institution.
func (a *App) MyInstitution(ctx context.Context, p Principal) (store.Institution, error) {
	var in store.Institution
	err := a.DB.ReadTx(ctx, scope(p), func(tx pgx.Tx) error {
		var err error
		in, err = store.InstitutionByID(ctx, tx, p.TenantID, p.InstitutionID)
		return err
	})
	return in, mapStoreErr(err, "Lembaga")
}
