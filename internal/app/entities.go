package app

import (
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
