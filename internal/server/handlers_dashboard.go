package server

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/hakakses/hakakses/internal/workflow"
	"github.com/hakakses/hakakses/web"
)

var shortMonths = [...]string{"Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"}

// dashboard shows the tenant's figures to its staff, the national ones to the
// Dirjen and the platform admin.
func (s *Server) dashboard(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	d, err := s.app.Dashboard(r.Context(), p)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := web.DashboardPage{Page: s.page(r, "Dasbor"), National: d.National, Scope: "Nasional, seluruh Disdukcapil",
		IKMHref: strings.TrimSuffix(r.URL.Path, "dasbor") + "ikm"}
	if t, ok := tenantFrom(r.Context()); ok && !d.National {
		v.Scope = "Disdukcapil " + t.Name
		v.Export = "/" + t.Slug + "/kantor/ekspor/permohonan"
	} else if p.Role == workflow.RoleDirjen {
		v.Export = "/dirjen/ekspor/permohonan"
	}
	total, onTime, late := 0, 0, 0
	v.States = web.BarChart{ID: "states-chart", Title: "Permohonan per tahap",
		Desc: "Satu batang per tahap, dengan jumlah permohonan di ujungnya."}
	for _, sf := range d.ByState {
		total += sf.Count
		v.States.Bars = append(v.States.Bars, web.Bar{Label: sf.State.Label(), Value: float64(sf.Count), Text: strconv.Itoa(sf.Count)})
		v.States.Max = max(v.States.Max, float64(sf.Count))
	}
	v.Months = web.MonthChart{Title: "Langkah Disdukcapil per bulan mulai", Desc: "Kolom per bulan: tepat waktu di bawah, terlambat di atas."}
	for _, m := range d.Months {
		onTime, late = onTime+m.OnTime, late+m.Late
		v.Months.Cols = append(v.Months.Cols, web.MonthCol{Label: shortMonths[m.Month-1] + " " + strconv.Itoa(m.Year%100), OnTime: m.OnTime, Late: m.Late})
		v.Months.Max = max(v.Months.Max, m.OnTime+m.Late)
	}
	share := "–"
	if onTime+late > 0 {
		share = decimal(100*float64(onTime)/float64(onTime+late), 1) + "%"
	}
	v.Cards = []web.Card{
		{Title: "Permohonan", Value: strconv.Itoa(total), Note: "selain draf"},
		{Title: "Lewat tenggat sekarang", Value: strconv.Itoa(d.Overdue), Note: "langkah Disdukcapil"},
		{Title: "Tepat waktu", Value: share, Note: fmt.Sprintf("%d dari %d langkah, 12 bulan", onTime, onTime+late)},
		{Title: "Akses aktif", Value: strconv.Itoa(len(d.Access)), Note: "PKS berlaku"},
	}
	if idx, err := s.app.SatisfactionIndex(r.Context(), p); err == nil && len(idx) > 0 {
		v.Cards = append(v.Cards, web.Card{Title: "IKM", Value: decimal(idx[0].Value, 2) + " (" + idx[0].Grade + ")",
			Note: fmt.Sprintf("semester %d %d, %d responden", idx[0].Semester, idx[0].Year, idx[0].Respondents)})
	}
	for _, st := range d.Steps {
		row := web.StepRow{Step: st.Kind.Label(), Finished: strconv.Itoa(st.Finished), Average: "–", P90: "–"}
		if st.Finished > 0 {
			row.Average, row.P90 = decimal(st.Average, 1), decimal(st.P90, 1)
		}
		v.Steps = append(v.Steps, row)
	}
	for _, a := range d.Access {
		v.Access = append(v.Access, web.AccessRow{Institution: a.Institution, Number: a.Number, PKSEnd: fmt.Sprintf("%02d/%02d/%04d", a.PKSEnd.Day, int(a.PKSEnd.Month), a.PKSEnd.Year)})
	}
	for _, pf := range d.Provinces {
		ot := "–"
		if pf.OnTime+pf.Late > 0 {
			ot = decimal(100*float64(pf.OnTime)/float64(pf.OnTime+pf.Late), 1) + "%"
		}
		v.Provinces = append(v.Provinces, web.ProvinceRow{Province: pf.Province, Tenants: strconv.Itoa(pf.Tenants),
			Applications: strconv.Itoa(pf.Applications), Active: strconv.Itoa(pf.Active), Overdue: strconv.Itoa(pf.Overdue), OnTime: ot})
	}
	for i, tf := range d.Ranking {
		v.Ranking = append(v.Ranking, web.RankRow{Rank: i + 1, Tenant: tf.Tenant, Province: tf.Province,
			Steps: strconv.Itoa(tf.OnTime + tf.Late), Share: decimal(100*tf.Share, 1) + "%"})
	}
	s.render(w, r, http.StatusOK, web.DashboardView(v))
}
