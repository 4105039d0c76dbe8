package app

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/store"
)

// ActiveTenants lists the onboarded tenants for the landing page.
func (a *App) ActiveTenants(ctx context.Context) ([]store.Tenant, error) {
	var out []store.Tenant
	err := a.DB.ReadTx(ctx, store.Public(), func(tx pgx.Tx) error {
		var err error
		out, err = store.ActiveTenants(ctx, tx)
		return err
	})
	return out, err
}

// TenantBySlug finds an onboarded tenant for its public pages (reused for a
// few seconds: see tenant_cache.go).
func (a *App) TenantBySlug(ctx context.Context, slug string) (store.Tenant, error) {
	e, gen, ok := a.tenants.lookup(0, slug)
	if ok {
		return e.t, nil
	}
	var t store.Tenant
	err := a.DB.ReadTx(ctx, store.Public(), func(tx pgx.Tx) error {
		var err error
		t, err = store.TenantBySlug(ctx, tx, slug)
		return err
	})
	if errors.Is(err, store.ErrNotFound) {
		return t, NotFound("Disdukcapil")
	}
	if err == nil {
		a.tenants.keep(gen, t, nil)
	}
	return t, err
}

// TenantByID finds a tenant by ID (reused for a few seconds: see tenant_cache.go).
func (a *App) TenantByID(ctx context.Context, id int64) (store.Tenant, error) {
	e, gen, ok := a.tenants.lookup(id, "")
	if ok {
		return e.t, nil
	}
	var t store.Tenant
	err := a.DB.ReadTx(ctx, store.Public(), func(tx pgx.Tx) error {
		var err error
		t, err = store.TenantByID(ctx, tx, id)
		return err
	})
	if errors.Is(err, store.ErrNotFound) {
		return t, NotFound("Disdukcapil")
	}
	if err == nil {
		a.tenants.keep(gen, t, nil)
	}
	return t, err
}
