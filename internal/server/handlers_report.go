package server

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/hakakses/hakakses/internal/letters"
	"github.com/hakakses/hakakses/internal/workflow"
	"github.com/hakakses/hakakses/web"
)

// complianceReport shows the share of the office's steps finished within the
// service standard, per month and per clock.
func (s *Server) complianceReport(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	t, _ := tenantFrom(r.Context())
	year, err := strconv.Atoi(r.URL.Query().Get("tahun"))
	now := s.app.Clock.Now().In(t.Location())
	if err != nil || year < 2000 || year > 2100 {
		year = now.Year()
	}
	months, err := s.app.Compliance(r.Context(), p, year)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := web.Report{Page: s.page(r, tr(r, "apps.report.title")), Year: year, Target: t.SLATargetDays,
		PrevHref: fmt.Sprintf("?tahun=%d", year-1), NextHref: fmt.Sprintf("?tahun=%d", year+1)}
	for _, c := range workflow.Clocks {
		v.Clocks = append(v.Clocks, translated(r, "clock."+string(c), c.Label()))
	}
	onTime, total := 0, 0
	for _, m := range months {
		row := web.ReportRow{Month: monthName(r, m.Month), Running: m.Running, Share: share(m.OnTime, m.Total)}
		for _, c := range workflow.Clocks {
			pair := m.ByClock[c]
			row.Cells = append(row.Cells, cell(pair[0], pair[1]))
		}
		row.All = cell(m.OnTime, m.Total)
		onTime, total = onTime+m.OnTime, total+m.Total
		v.Rows = append(v.Rows, row)
	}
	v.Total = cell(onTime, total) + " (" + share(onTime, total) + ")"
	s.render(w, r, http.StatusOK, web.ReportView(v))
}

func cell(on, total int) string {
	if total == 0 {
		return "—"
	}
	return fmt.Sprintf("%d/%d", on, total)
}

func share(on, total int) string {
	if total == 0 {
		return "—"
	}
	return strconv.FormatFloat(100*float64(on)/float64(total), 'f', 0, 64) + "%"
}

// monthName is a month's full name in the request's language.
func monthName(r *http.Request, m time.Month) string {
	if web.Lang(r.Context()) == "en" {
		return m.String()
	}
	return letters.MonthName(m)
}
