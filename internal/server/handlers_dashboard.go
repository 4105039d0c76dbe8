package server

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/hakakses/hakakses/internal/workflow"
	"github.com/hakakses/hakakses/web"
)

// dashboard shows the tenant's figures to its staff, the national ones to the
// Dirjen and the platform admin.
func (s *Server) dashboard(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	d, err := s.app.Dashboard(r.Context(), p)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f := fmtOf(r)
	v := web.DashboardPage{Page: s.page(r, tr(r, "apps.dash.title")), National: d.National, Scope: tr(r, "apps.dash.scope_national"),
		IKMHref: strings.TrimSuffix(r.URL.Path, "dasbor") + "ikm"}
	if t, ok := tenantFrom(r.Context()); ok && !d.National {
		v.Scope = tr(r, "apps.dash.scope_tenant", "Name", t.Name)
		v.Export = "/" + t.Slug + "/kantor/ekspor/permohonan"
	} else if p.Role == workflow.RoleDirjen {
		v.Export = "/dirjen/ekspor/permohonan"
	}
	total, onTime, late := 0, 0, 0
	v.States = web.BarChart{ID: "states-chart", Title: tr(r, "apps.dash.by_state"), Desc: tr(r, "apps.dash.states_desc")}
	for _, sf := range d.ByState {
		total += sf.Count
		v.States.Bars = append(v.States.Bars, web.Bar{Label: stateLabel(r, sf.State), Value: float64(sf.Count), Text: strconv.Itoa(sf.Count)})
		v.States.Max = max(v.States.Max, float64(sf.Count))
	}
	v.Months = web.MonthChart{Title: tr(r, "apps.dash.months_title"), Desc: tr(r, "apps.dash.months_desc")}
	for _, m := range d.Months {
		onTime, late = onTime+m.OnTime, late+m.Late
		v.Months.Cols = append(v.Months.Cols, web.MonthCol{Label: tr(r, "apps.month_short."+strconv.Itoa(int(m.Month))) + " " + strconv.Itoa(m.Year%100), OnTime: m.OnTime, Late: m.Late})
		v.Months.Max = max(v.Months.Max, m.OnTime+m.Late)
	}
	share := "–"
	if onTime+late > 0 {
		share = f.Decimal(100*float64(onTime)/float64(onTime+late), 1) + "%"
	}
	v.Cards = []web.Card{
		{Title: tr(r, "apps.dash.card_applications"), Value: strconv.Itoa(total), Note: tr(r, "apps.dash.card_applications_note")},
		{Title: tr(r, "apps.dash.card_overdue"), Value: strconv.Itoa(d.Overdue), Note: tr(r, "apps.dash.card_overdue_note")},
		{Title: tr(r, "apps.dash.card_on_time"), Value: share, Note: tr(r, "apps.dash.card_on_time_note", "OnTime", onTime, "Total", onTime+late)},
		{Title: tr(r, "apps.dash.card_access"), Value: strconv.Itoa(len(d.Access)), Note: tr(r, "apps.dash.card_access_note")},
	}
	if idx, err := s.app.SatisfactionIndex(r.Context(), p); err == nil && len(idx) > 0 {
		v.Cards = append(v.Cards, web.Card{Title: "IKM", Value: f.Decimal(idx[0].Value, 2) + " (" + idx[0].Grade + ")",
			Note: tr(r, "apps.dash.card_ikm_note", "Semester", idx[0].Semester, "Year", idx[0].Year, "Respondents", idx[0].Respondents)})
	}
	for _, st := range d.Steps {
		row := web.StepRow{Step: translated(r, "clock."+string(st.Kind), st.Kind.Label()), Finished: strconv.Itoa(st.Finished), Average: "–", P90: "–"}
		if st.Finished > 0 {
			row.Average, row.P90 = f.Decimal(st.Average, 1), f.Decimal(st.P90, 1)
		}
		v.Steps = append(v.Steps, row)
	}
	for _, a := range d.Access {
		v.Access = append(v.Access, web.AccessRow{Institution: a.Institution, Number: a.Number, PKSEnd: a.PKSEnd.At(0, time.UTC).Format("02/01/2006")})
	}
	for _, pf := range d.Provinces {
		ot := "–"
		if pf.OnTime+pf.Late > 0 {
			ot = f.Decimal(100*float64(pf.OnTime)/float64(pf.OnTime+pf.Late), 1) + "%"
		}
		v.Provinces = append(v.Provinces, web.ProvinceRow{Province: pf.Province, Tenants: strconv.Itoa(pf.Tenants),
			Applications: strconv.Itoa(pf.Applications), Active: strconv.Itoa(pf.Active), Overdue: strconv.Itoa(pf.Overdue), OnTime: ot})
	}
	for i, tf := range d.Ranking {
		v.Ranking = append(v.Ranking, web.RankRow{Rank: i + 1, Tenant: tf.Tenant, Province: tf.Province,
			Steps: strconv.Itoa(tf.OnTime + tf.Late), Share: f.Decimal(100*tf.Share, 1) + "%"})
	}
	s.render(w, r, http.StatusOK, web.DashboardView(v))
}
