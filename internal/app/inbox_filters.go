package app

import (
	"context"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/store"
)

// InboxFilterOptions are the choices of the national inbox's filters.
type InboxFilterOptions struct {
	Tenants   []TenantName
	Provinces []Province
}

// filterOptionsTTL is how long the inbox's filter choices are reused: they change
// only when the platform onboards a tenant (which clears them at once in the
// instance that did it), and reading 514 tenants for every inbox page was a
// quarter of its cost.
const filterOptionsTTL = time.Minute

type filterOptionsCache struct {
	mu   sync.Mutex
	opts InboxFilterOptions
	at   time.Time
}

// InboxFilters returns the inbox's filter choices: the onboarded tenants and
// their provinces, read in one transaction at most once a minute.
func (a *App) InboxFilters(ctx context.Context) (InboxFilterOptions, error) {
	now := a.Clock.Now()
	c := &a.inboxFilters
	c.mu.Lock()
	if !c.at.IsZero() && now.Sub(c.at) >= 0 && now.Sub(c.at) < filterOptionsTTL {
		defer c.mu.Unlock()
		return c.opts, nil
	}
	c.mu.Unlock()
	var opts InboxFilterOptions
	err := a.DB.ReadTx(ctx, store.Public(), func(tx pgx.Tx) error {
		names, err := store.ActiveTenantNames(ctx, tx)
		if err != nil {
			return err
		}
		for _, n := range names {
			opts.Tenants = append(opts.Tenants, TenantName{Slug: n.Slug, Name: n.Name})
		}
		rows, err := store.Provinces(ctx, tx)
		for _, r := range rows {
			opts.Provinces = append(opts.Provinces, Province{Code: r.Code, Name: r.Name})
		}
		return err
	})
	if err != nil {
		return InboxFilterOptions{}, err
	}
	c.mu.Lock()
	c.opts, c.at = opts, now
	c.mu.Unlock()
	return opts, nil
}

// forgetInboxFilters makes the next inbox page read the choices afresh.
func (a *App) forgetInboxFilters() {
	a.inboxFilters.mu.Lock()
	a.inboxFilters.at = time.Time{}
	a.inboxFilters.mu.Unlock()
}
