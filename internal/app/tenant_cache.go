package app

import (
	"context"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/calendar"
)

// A tenant's row and its working-day calendar are read by almost every page
// (the URL's tenant, the header, every deadline shown) and change only when
// the kepala saves settings or someone changes a holiday. Each instance reuses
// them for tenantTTL: a change made through this instance clears them at once
// (forgetTenant), one made through another instance shows here within the TTL.
// Write paths (transitions, settings) keep reading the row in their own
// transaction, so a letter never carries a stale template. A list page read
// from a lagging replica may keep what the replica had (at most its lag, 5 s
// by default, on top of the TTL).

// tenantTTL is how long a tenant row and its calendar are reused.
const tenantTTL = 10 * time.Second

type tenantCache struct {
	mu     sync.Mutex
	byID   map[int64]*tenantEntry
	bySlug map[string]int64
	// gen counts forgets: a load that began before one is not kept, so a
	// change is never overwritten by what was read just before it.
	gen uint64
}

type tenantEntry struct {
	t   Tenant
	cal *calendar.Calendar // nil until a page needed it
	at  time.Time          // wall clock: staleness is real time, whatever the app's clock says
}

func (c *tenantCache) fresh(e *tenantEntry) bool {
	return e != nil && time.Since(e.at) < tenantTTL
}

// lookup returns a fresh entry by ID, or by slug when id is 0.
func (c *tenantCache) lookup(id int64, slug string) (tenantEntry, uint64, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if id == 0 {
		id = c.bySlug[slug]
	}
	e := c.byID[id]
	if !c.fresh(e) || (slug != "" && (e.t.Slug != slug || !e.t.Active)) {
		return tenantEntry{}, c.gen, false
	}
	return *e, c.gen, true
}

// keep stores what a load found, unless a forget happened since it began (gen).
// A calendar already cached for the same row is kept when cal is nil.
func (c *tenantCache) keep(gen uint64, t Tenant, cal *calendar.Calendar) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return
	}
	if c.byID == nil {
		c.byID, c.bySlug = map[int64]*tenantEntry{}, map[string]int64{}
	}
	if old := c.byID[t.ID]; cal == nil && c.fresh(old) {
		cal = old.cal
	}
	c.byID[t.ID] = &tenantEntry{t: t, cal: cal, at: time.Now()}
	if t.Slug != "" {
		c.bySlug[t.Slug] = t.ID
	}
}

// forget drops one tenant (or all, id 0) so the next read goes to the database.
func (c *tenantCache) forget(id int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	if id == 0 {
		c.byID, c.bySlug = nil, nil
		return
	}
	delete(c.byID, id)
}

// forgetTenant makes the next read of the tenant (0: every tenant) and its
// calendar go to the database: call it after changing either.
func (a *App) forgetTenant(id int64) { a.tenants.forget(id) }

// cachedTenantCalendar is tenantCalendar for read-only pages: the tenant and its
// calendar from the cache, or read in tx and kept.
func (a *App) cachedTenantCalendar(ctx context.Context, tx pgx.Tx, id int64) (Tenant, *calendar.Calendar, error) {
	e, gen, ok := a.tenants.lookup(id, "")
	if ok && e.cal != nil {
		return e.t, e.cal, nil
	}
	t, cal, err := tenantCalendar(ctx, tx, id)
	if err != nil {
		return t, nil, err
	}
	a.tenants.keep(gen, t, cal)
	return t, cal, nil
}
