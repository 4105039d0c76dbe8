package server

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/calendar"
	"github.com/hakakses/hakakses/internal/idfmt"
	"github.com/hakakses/hakakses/internal/sla"
	"github.com/hakakses/hakakses/internal/workflow"
	"github.com/hakakses/hakakses/web"
)

// when prints an instant in the tenant's zone: "10 Maret 2026 10.00 WIB".
func when(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return idfmt.DateTime(t, loc, calendar.ZoneAbbr(loc.String()))
}

// workingSpan says an amount of office time in working days and hours, the way a
// clerk counts it: "1 hari kerja 3 jam", "45 menit" ("1 working day 3 hours").
func workingSpan(r *http.Request, d, day time.Duration) string {
	if d < 0 {
		d = -d
	}
	if day <= 0 {
		day = 8*time.Hour + 30*time.Minute
	}
	days := int(d / day)
	rest := d - time.Duration(days)*day
	h := int(rest / time.Hour)
	m := int((rest % time.Hour) / time.Minute)
	var parts []string
	if days > 0 {
		parts = append(parts, tr(r, "apps.span.days", "Count", days))
	}
	if h > 0 {
		parts = append(parts, tr(r, "apps.span.hours", "Count", h))
	}
	if m > 0 && days == 0 {
		parts = append(parts, tr(r, "apps.span.minutes", "Count", m))
	}
	if len(parts) == 0 {
		return tr(r, "apps.span.under_minute")
	}
	return strings.Join(parts, " ")
}

// clockText is a running clock as a list shows it.
func clockText(r *http.Request, remaining, day time.Duration, overdue bool) (string, string) {
	switch {
	case overdue:
		if remaining >= 0 {
			return tr(r, "apps.clock.overdue_after_hours"), "bad"
		}
		return tr(r, "apps.clock.overdue", "Span", workingSpan(r, remaining, day)), "bad"
	case remaining < day:
		return tr(r, "apps.clock.left", "Span", workingSpan(r, remaining, day)), "warn"
	}
	return tr(r, "apps.clock.left", "Span", workingSpan(r, remaining, day)), "ok"
}

func slaStatus(r *http.Request, s sla.Status) (string, string) {
	switch s {
	case sla.Running:
		return tr(r, "apps.sla.running"), "ok"
	case sla.DueSoon:
		return tr(r, "apps.sla.due_soon"), "warn"
	case sla.Overdue:
		return tr(r, "apps.sla.overdue"), "bad"
	case sla.Met:
		return tr(r, "apps.sla.met"), "ok"
	case sla.Missed:
		return tr(r, "apps.sla.missed"), "bad"
	}
	return string(s), ""
}

// stateClass colours a state pill: waiting on the office is the clerk's concern.
func stateClass(s workflow.State) string {
	switch {
	case s == workflow.Active:
		return "ok"
	case s == workflow.Rejected || s == workflow.Revoked:
		return "bad"
	case s.IsFinal():
		return ""
	case s.WaitingOn() == workflow.PartyDisdukcapil:
		return "warn"
	}
	return ""
}

func sizeText(n int) string { return idfmt.Bytes(int64(n)) }

// stageSteps shows an application's progress as the real stages: the current
// one, and the date each finished one finished (or how it ended).
func stageSteps(r *http.Request, stages []workflow.StageStatus) []web.TimelineStep {
	out := make([]web.TimelineStep, 0, len(stages))
	for i, st := range stages {
		f := fmtOf(r)
		label := progressLabel(r, st.Progress)
		if !st.Finished.IsZero() && st.Progress == workflow.ProgressDone {
			label += " " + f.Date(st.Finished)
		}
		if st.Outcome != "" {
			label = st.Outcome
			if !st.Finished.IsZero() {
				label += " " + f.Date(st.Finished)
			}
		}
		out = append(out, web.TimelineStep{Number: i + 1, Title: stageLabel(r, st.Stage), Status: string(st.Progress), StatusLabel: label})
	}
	return out
}

// slaExplanation is the service standard explained for a tenant, in the page's
// language. The Indonesian text is sla.Explain's, which letters also quote;
// TestSLAExplanationIndonesianMatchesLetters keeps the two equal.
func slaExplanation(r *http.Request, t app.Tenant) web.SLAExplanation {
	zone := calendar.ZoneAbbr(t.TimeZone)
	target := t.SLATargetDays
	if target <= 0 {
		target = sla.DefaultTarget
	}
	args := []any{"Count", target, "Days", target, "Open", t.OfficeOpen, "Close", t.OfficeClose, "Zone", zone}
	e := web.SLAExplanation{Headline: tr(r, "sla.headline", args...), Hours: tr(r, "sla.hours", args...)}
	for i := 1; i <= 7; i++ {
		e.Steps = append(e.Steps, tr(r, "sla.step."+strconv.Itoa(i)))
	}
	for i := 1; i <= 4; i++ {
		e.NotCount = append(e.NotCount, tr(r, "sla.not."+strconv.Itoa(i)))
	}
	return e
}
