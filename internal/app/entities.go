package app

// The app's own records live in entity_*.go, one type (or a small family) a
// file with its mapper: what the app's operations return to the server, mapped
// from the store's rows there and nowhere else. A column renamed or retyped in
// internal/store changes one mapper, not the handlers; and the handlers see
// typed values (a workflow.Role, a calendar.Date, a catalogue entry joined to
// the request that cites it) rather than the strings and nullable columns the
// rows carry.
//
//	entity_tenant.go        Tenant, TenantFilter
//	entity_user.go          User
//	entity_holiday.go       holidays as calendar.Holiday, HolidayYear
//	entity_data_element.go  DataElement, Catalog, RequestedElement
