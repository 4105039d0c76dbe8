package server

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/calendar"
	"github.com/hakakses/hakakses/internal/idfmt"
	"github.com/hakakses/hakakses/web"
)

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte("ok\n"))
}

// readyz answers 200 only while the database answers (within its connect limit);
// otherwise 503 with Retry-After, so a load balancer sends traffic elsewhere.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err := s.app.DB.Ping(r.Context()); err != nil {
		s.log.WarnContext(r.Context(), "readyz: database unreachable", "err", err)
		w.Header().Set("Retry-After", retryAfterSeconds)
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("database unreachable\n"))
		return
	}
	w.Write([]byte("ready\n"))
}

func (s *Server) landing(w http.ResponseWriter, r *http.Request) {
	ts, err := s.app.ActiveTenants(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := web.Landing{Page: s.page(r, tr(r, "landing.title"))}
	for _, t := range ts {
		v.Tenants = append(v.Tenants, tenantView(t))
	}
	s.render(w, r, http.StatusOK, web.LandingView(v))
}

// serviceStandard is a tenant's public standar pelayanan, worded as the regencies publish it (docs/domain.md §6)
// word it, with the tenant's own names, time and complaint channels.
func (s *Server) serviceStandard(w http.ResponseWriter, r *http.Request) {
	t, _ := tenantFrom(r.Context())
	vt := tenantView(t)
	v := web.ServiceStandard{Page: s.page(r, tr(r, "standard.title")), T: vt, Steps: serviceSteps(r, vt), SLA: slaExplanation(r, t)}
	s.render(w, r, http.StatusOK, web.ServiceStandardView(v))
}

func tenantView(t app.Tenant) web.Tenant {
	short := strings.TrimPrefix(strings.TrimPrefix(t.Name, "Kabupaten "), "Kota ")
	zone := calendar.ZoneAbbr(t.TimeZone)
	return web.Tenant{
		Slug: t.Slug, Name: t.Name, Province: t.Province, Code: t.Code, TimeZoneLabel: zone,
		HeadTitle: t.HeadTitle, RegencyShort: short, ServiceSK: t.ServiceSK, ComplaintPhone: t.ComplaintPhone,
		LaporURL: t.LaporURL, Address: t.Address, Phone: t.Phone, Email: t.Email,
		OfficeHours: idfmt.Hours(t.OfficeOpen, t.OfficeClose, zone), SLATargetDays: t.SLATargetDays,
	}
}

// serviceSteps renders the published 11-item procedure (docs/domain.md §6) for
// one tenant, in the page's language; the Indonesian is the regulation's wording.
func serviceSteps(r *http.Request, t web.Tenant) []web.ServiceStep {
	args := []any{"Head", t.HeadTitle + " " + t.RegencyShort, "Name", t.Name}
	step := func(n, items int) web.ServiceStep {
		key := "procedure." + strconv.Itoa(n)
		st := web.ServiceStep{Number: n, Text: tr(r, key, args...)}
		for i := 1; i <= items; i++ {
			st.Items = append(st.Items, tr(r, key+"."+string(rune('a'-1+i)), args...))
		}
		return st
	}
	return []web.ServiceStep{step(1, 0), step(2, 6), step(3, 0), step(4, 4), step(5, 0), step(6, 0), step(7, 0), step(8, 0),
		step(9, 0), step(10, 0), step(11, 2)}
}
