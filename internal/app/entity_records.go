package app

import (
	"time"

	"github.com/hakakses/hakakses/internal/calendar"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// The smaller records the app's lists and checks return: audit entries, API
// tokens, the dashboard's active agreements, the inbox's tenant choices, the
// data balikan laggards and history chain breaks.

// AuditEntry is one entry of the audit trail.
type AuditEntry struct {
	ID        int64
	At        time.Time
	TenantID  int64 // 0: a national event
	ActorID   int64 // 0: nobody signed in (a failed sign-in, the system)
	ActorRole workflow.Role
	Event     string // one of AuditEventNames
	Subject   string // e.g. "user:17", "dokumen:42"
	Client    string // the client address
}

func auditEntriesOf(rows []store.AuditEvent) []AuditEntry {
	out := make([]AuditEntry, len(rows))
	for i, r := range rows {
		e := AuditEntry{ID: r.ID, At: r.At, ActorRole: workflow.Role(r.ActorRole), Event: r.Event, Subject: r.Subject, Client: r.Client}
		if r.TenantID != nil {
			e.TenantID = *r.TenantID
		}
		if r.ActorID != nil {
			e.ActorID = *r.ActorID
		}
		out[i] = e
	}
	return out
}

// APIToken is a personal API token as listed: its secret is shown once, at
// creation, and never stored.
type APIToken struct {
	ID        int64
	Name      string
	CreatedAt time.Time
	RevokedAt *time.Time // nil while it works
}

func apiTokenOf(r store.APIToken) APIToken {
	return APIToken{ID: r.ID, Name: r.Name, CreatedAt: r.CreatedAt, RevokedAt: r.RevokedAt}
}

// ActiveAccess is an agreement in force, for the dashboard.
type ActiveAccess struct {
	TenantID    int64
	Institution string
	Number      string
	PKSEnd      calendar.Date // its last valid day
}

func activeAccessOf(rows []store.ActiveAccess) []ActiveAccess {
	out := make([]ActiveAccess, len(rows))
	for i, r := range rows {
		out[i] = ActiveAccess{TenantID: r.TenantID, Institution: r.Institution, Number: r.Number, PKSEnd: calendar.DateOf(r.PKSEnd)}
	}
	return out
}

// TenantName is an onboarded tenant as a filter offers it.
type TenantName struct {
	Slug string
	Name string
}

// BehindDataBalikan is an agreement in force whose data balikan lags.
type BehindDataBalikan struct {
	ApplicationID int64
	Number        string
	Institution   string
	LastPeriodEnd *time.Time // the last delivery covered up to; nil: never delivered
}

// ChainBreak is an application whose history chain does not verify.
type ChainBreak struct {
	TenantID      int64
	ApplicationID int64
	Seq           int    // the first entry that fails
	Reason        string // what failed, for the operator
}
