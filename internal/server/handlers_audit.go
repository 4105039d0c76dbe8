package server

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/calendar"
	"github.com/hakakses/hakakses/web"
)

// auditTrail lists the audit trail: a kepala sees their tenant's, the admin all
// (or one tenant's with ?tenant=ID), filtered by ?peristiwa= and paged back by
// ?sebelum= (keyset).
func (s *Server) auditTrail(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	q := r.URL.Query()
	before, _ := strconv.ParseInt(q.Get("sebelum"), 10, 64)
	tenantID, _ := strconv.ParseInt(q.Get("tenant"), 10, 64)
	event := q.Get("peristiwa")
	page, err := s.app.AuditTrail(r.Context(), p, tenantID, event, before)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	loc := calendar.WIB
	if t, ok := tenantFrom(r.Context()); ok {
		loc = t.Location()
	}
	labels := map[string]string{}
	v := web.AuditPage{Page: s.page(r, tr(r, "audit.title")), Action: r.URL.Path}
	for _, e := range app.AuditEventNames {
		// By key audit_event.<event>; the catalogue's Indonesian is the app's label.
		labels[e.Event] = tr(r, "audit_event."+e.Event)
		v.Events = append(v.Events, web.Choice{Value: e.Event, Label: labels[e.Event], Selected: e.Event == event})
	}
	for _, e := range page.Entries {
		row := web.AuditRow{At: e.At.In(loc).Format(time.DateTime), Event: labels[e.Event], Subject: e.Subject, Client: e.Client}
		if row.Event == "" {
			row.Event = e.Event
		}
		if e.ActorID != 0 {
			row.Actor = roleLabel(r, e.ActorRole) + " #" + strconv.FormatInt(e.ActorID, 10)
		}
		if e.TenantID != 0 {
			row.Tenant = strconv.FormatInt(e.TenantID, 10)
		}
		v.Rows = append(v.Rows, row)
	}
	if page.Next != 0 {
		nq := url.Values{"sebelum": {strconv.FormatInt(page.Next, 10)}}
		if event != "" {
			nq.Set("peristiwa", event)
		}
		if tenantID > 0 {
			nq.Set("tenant", strconv.FormatInt(tenantID, 10))
		}
		v.NextURL = r.URL.Path + "?" + nq.Encode()
	}
	s.render(w, r, http.StatusOK, web.AuditView(v))
}
