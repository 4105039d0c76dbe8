package app

import (
	"github.com/alexedwards/scs/pgxstore"
	"github.com/alexedwards/scs/v2"

	"github.com/hakakses/hakakses/internal/store"
)

// Records the app's operations return as they are stored. They carry no SQL and
// no JSON to decode; naming them here keeps the server on the app's interface
// (internal/server imports no internal/store). Where a record has a state or a
// code, the app returns its typed form beside it (Detail.State, Row.State).
type (
	Tenant       = store.Tenant
	TenantFilter = store.TenantFilter
	User         = store.User
	HolidayRow   = store.HolidayRow
	DataElement  = store.DataElement
)

// SessionStore keeps the HTTP sessions in the app's database, so any number of
// instances serve the same users. It runs no cleanup goroutine of its own (that
// races with StopCleanup): expired sessions are deleted by Housekeeping.
func (a *App) SessionStore() scs.Store {
	return pgxstore.NewWithCleanupInterval(a.DB.Pool, 0)
}
