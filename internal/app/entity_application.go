package app

import (
	"time"

	"github.com/hakakses/hakakses/internal/calendar"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// Application is an application as its page, the API and the action forms read
// it: the request (items 2b–2f), where it stands, and its agreement's term.
type Application struct {
	ID            int64
	TenantID      int64
	InstitutionID int64
	Number        string // the application's own number, e.g. "HA-1602-2026-00017"
	State         workflow.State
	Version       int   // the compare-and-set version a form posts back
	RenewalOf     int64 // the application this one renews; 0 for a first one

	Purpose       string                  // 2b
	AccessMethods []workflow.AccessMethod // 2d
	ReturnData    string                  // 2e
	TermMonths    int                     // 2f; 0 until chosen
	IPAddresses   []string                // the closed network's IP LAN addresses (item 4c)

	UpdatedAt   time.Time
	SubmittedAt *time.Time // the latest submission; nil for a draft never submitted
	SLADueAt    *time.Time // the running office clock's deadline; nil when none runs

	// The agreement's term, once signed: its first and last valid day.
	PKSStart, PKSEnd calendar.Date
	// ReceiptAcknowledgedAt is when the lembaga confirmed it received its User IDs.
	ReceiptAcknowledgedAt *time.Time
}

func applicationOf(r store.Application) Application {
	a := Application{ID: r.ID, TenantID: r.TenantID, InstitutionID: r.InstitutionID, Number: r.Number, State: r.State,
		Version: r.Version, Purpose: r.Purpose, ReturnData: r.ReturnData, TermMonths: deref(r.TermMonths),
		IPAddresses: r.IPAddresses, UpdatedAt: r.UpdatedAt, SubmittedAt: r.SubmittedAt, SLADueAt: r.SLADueAt,
		ReceiptAcknowledgedAt: r.ReceiptAcknowledgedAt}
	if r.RenewalOf != nil {
		a.RenewalOf = *r.RenewalOf
	}
	for _, m := range r.AccessMethods {
		a.AccessMethods = append(a.AccessMethods, workflow.AccessMethod(m))
	}
	if r.PKSStart != nil {
		a.PKSStart = calendar.DateOf(*r.PKSStart) // a date column: midnight UTC
	}
	if r.PKSEnd != nil {
		a.PKSEnd = calendar.DateOf(*r.PKSEnd)
	}
	return a
}
