package app

import (
	"github.com/hakakses/hakakses/internal/store"
)

// The app's own records: what its operations return to the server, mapped from
// the store's rows here and nowhere else. A column renamed or retyped in
// internal/store changes one mapper below, not the handlers; and the handlers
// see typed values (a workflow.State, a calendar.Date) rather than the strings
// and nullable columns the rows carry. Each type lives in its own entity_*.go
// file with its mapper.
type (
	DataElement = store.DataElement
)
