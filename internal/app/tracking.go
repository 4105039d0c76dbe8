package app

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
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
	Stages     []workflow.StageStatus
	TargetDays int    // the tenant's service standard per Disdukcapil step
	Open       string // office hours, e.g. "07:30"
	Close      string
	Zone       string // "WIB", "WITA" or "WIT"
}

// Tracking guess limit: wrong look-ups per client address within the window.
const (
	TrackingWindow      = time.Hour
	MaxTrackingFailures = 20
)

type clientKey struct{}

// WithClient records the client address a request comes from, for the limits of
// operations that do not take it as an argument (tracking look-ups).
func WithClient(ctx context.Context, addr string) context.Context {
	return context.WithValue(ctx, clientKey{}, addr)
}

func clientOf(ctx context.Context) string {
	addr, _ := ctx.Value(clientKey{}).(string)
	return addr
}

// Track finds an application of the tenant by number and tracking code. A wrong
// code and an unknown number give the same answer. After MaxTrackingFailures
// wrong look-ups from one client address within TrackingWindow, further look-ups
// from it are refused (CodeRateLimited), so codes cannot be guessed.
func (a *App) Track(ctx context.Context, tenantID int64, number, code string) (Tracked, error) {
	number, code = strings.TrimSpace(number), strings.ToUpper(strings.TrimSpace(code))
	if number == "" || code == "" {
		return Tracked{}, Invalid("Isi nomor permohonan dan kode lacak.", nil)
	}
	key := "track:" + digest(clientOf(ctx))
	now := a.Clock.Now()
	err := a.DB.ReadTx(ctx, store.TenantScope(tenantID), func(tx pgx.Tx) error {
		n, _, err := store.FailureStreak(ctx, tx, key, now.Add(-TrackingWindow))
		if err != nil {
			return err
		}
		if n >= MaxTrackingFailures {
			return &Error{Code: CodeRateLimited, Message: "Terlalu banyak pencarian yang tidak cocok dari alamat jaringan Anda. Coba lagi dalam satu jam."}
		}
		return nil
	})
	if err != nil {
		return Tracked{}, err
	}
	tr, err := a.track(ctx, tenantID, number, code)
	if ErrorCode(err) == CodeNotFound {
		if err := a.DB.Tx(ctx, store.TenantScope(tenantID), func(tx pgx.Tx) error {
			return store.RecordLoginAttempt(ctx, tx, []string{key}, false, now)
		}); err != nil {
			return Tracked{}, fmt.Errorf("record a wrong tracking look-up: %w", err)
		}
	}
	return tr, err
}

func (a *App) track(ctx context.Context, tenantID int64, number, code string) (Tracked, error) {
	notFound := &Error{Code: CodeNotFound, Message: "Nomor permohonan atau kode lacak tidak cocok."}
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
		t, err := tenantByID(ctx, tx, ap.TenantID)
		if err != nil {
			return err
		}
		tr.Stages = workflow.StageProgress(tr.State, reachedAt(events, t.Location()))
		tr.TargetDays, tr.Open, tr.Close, tr.Zone = t.SLATargetDays, t.OfficeOpen, t.OfficeClose, zoneAbbrev(t)
		return nil
	})
	if errors.Is(err, store.ErrNotFound) {
		return Tracked{}, notFound
	}
	return tr, err
}

// MyInstitution returns the lembaga user's institution.
func (a *App) MyInstitution(ctx context.Context, p Principal) (Institution, error) {
	var in Institution
	err := a.DB.ReadTx(ctx, scope(p), func(tx pgx.Tx) error {
		var err error
		in, err = institutionByID(ctx, tx, p.TenantID, p.InstitutionID)
		return err
	})
	return in, mapStoreErr(err, "Lembaga")
}
