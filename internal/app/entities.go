package app

// The app's own records live in entity_*.go, one type (or a small family) a
// file with its mapper: what the app's operations return to the server, mapped
// from the store's rows there and nowhere else. A column renamed or retyped in
// internal/store changes one mapper, not the handlers; and the handlers see
// typed values (a workflow.State or Role, a calendar.Date, a catalogue entry
// joined to the request that cites it, decoded clauses) rather than the strings,
// nullable columns and JSON the rows carry. The app's own loaders and actions
// may keep a row where they hand it back to the store (Detail.row, fireCtx).
//
//	entity_tenant.go         Tenant, TenantFilter
//	entity_user.go           User (no password hash)
//	entity_institution.go    Institution
//	entity_application.go    Application (Detail.App)
//	entity_data_element.go   DataElement, Catalog, RequestedElement
//	entity_papers.go         Paper, Papers, Signing, IssuedUserID
//	entity_documents.go      Document, Event, AgreementVersion
//	entity_after_signing.go  Comment, StaffNote, FiledReport, Sanction, Addendum, Delivery
//	entity_holiday.go        holidays as calendar.Holiday, HolidayYear
//	entity_records.go        AuditEntry, APIToken, ActiveAccess, TenantName, BehindDataBalikan, ChainBreak
