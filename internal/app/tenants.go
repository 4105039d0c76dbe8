package app

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/store"
)

// ActiveTenants lists the onboarded tenants for the landing page.
func (a *App) ActiveTenants(ctx context.Context) ([]Tenant, error) {
	var out []Tenant
	err := a.DB.ReadTx(ctx, store.Public(), func(tx pgx.Tx) error {
		rows, err := store.ActiveTenants(ctx, tx)
		out = tenantsOf(rows)
		return err
	})
	return out, err
}

// TenantBySlug finds an onboarded tenant for its public pages (reused for a
// few seconds: see tenant_cache.go).
func (a *App) TenantBySlug(ctx context.Context, slug string) (Tenant, error) {
	e, gen, ok := a.tenants.lookup(0, slug)
	if ok {
		return e.t, nil
	}
	return a.publicTenant(ctx, gen, func(tx pgx.Tx) (store.Tenant, error) { return store.TenantBySlug(ctx, tx, slug) })
}

// TenantByID finds a tenant by ID (reused for a few seconds: see tenant_cache.go).
func (a *App) TenantByID(ctx context.Context, id int64) (Tenant, error) {
	e, gen, ok := a.tenants.lookup(id, "")
	if ok {
		return e.t, nil
	}
	return a.publicTenant(ctx, gen, func(tx pgx.Tx) (store.Tenant, error) { return store.TenantByID(ctx, tx, id) })
}

// publicTenant reads one tenant in the public scope and keeps it (unless the
// cache was cleared since gen); a missing one is "not found".
func (a *App) publicTenant(ctx context.Context, gen uint64, read func(pgx.Tx) (store.Tenant, error)) (Tenant, error) {
	var t Tenant
	err := a.DB.ReadTx(ctx, store.Public(), func(tx pgx.Tx) error {
		r, err := read(tx)
		t = tenantOf(r)
		return err
	})
	if errors.Is(err, store.ErrNotFound) {
		return Tenant{}, NotFound("Disdukcapil")
	}
	if err == nil {
		a.tenants.keep(gen, t, nil)
	}
	return t, err
}
