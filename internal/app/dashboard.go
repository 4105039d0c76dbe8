package app

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/calendar"
	"github.com/hakakses/hakakses/internal/sla"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// DashboardMonths is how many months (the current one included) the dashboard's
// step figures cover.
const DashboardMonths = 12

// Dashboard is a tenant's figures, or the country's.
type Dashboard struct {
	National bool
	ByState  []StateFigure // lifecycle order, drafts excluded
	Overdue  int           // Disdukcapil clocks past due now
	Months   []MonthFigure // oldest first
	Steps    []StepFigure  // the four Disdukcapil clocks
	Access   []ActiveAccess
	// National only.
	Provinces []ProvinceFigure // by name
	Ranking   []TenantFigure   // by SLA compliance, best first (tenants with judged steps)
}

// StateFigure is how many applications are in one state.
type StateFigure struct {
	State workflow.State
	Count int
}

// MonthFigure is how many steps started in a month finished on time and late.
type MonthFigure struct {
	Year   int
	Month  time.Month
	OnTime int
	Late   int
}

// StepFigure is the working days the finished runs of one clock took.
type StepFigure struct {
	Kind     workflow.ClockKind
	Finished int
	Average  float64 // working days
	P90      float64 // 90th percentile (nearest rank)
}

// ProvinceFigure sums a province's tenants.
type ProvinceFigure struct {
	Province     string
	Tenants      int // with any application
	Applications int
	Active       int
	Overdue      int
	OnTime, Late int
}

// TenantFigure is one tenant's SLA record over the dashboard's months.
type TenantFigure struct {
	Tenant, Province string
	OnTime, Late     int
	Share            float64 // on time / judged, 0–1
}

// Dashboard computes the figures in a fixed number of queries whatever the number
// of tenants and applications: the tenant's for its staff; nationally for the Dirjen
// and the platform admin (aggregates only, read in the system scope).
func (a *App) Dashboard(ctx context.Context, p Principal) (Dashboard, error) {
	var d Dashboard
	scope, tenant := p.Scope(), p.TenantID
	switch {
	case p.IsStaff():
	case p.Role == workflow.RoleDirjen || p.Role == workflow.RoleAdmin:
		scope, tenant, d.National = store.System(), 0, true
	default:
		return d, Forbidden("")
	}
	now := a.Clock.Now()
	err := a.DB.ReadTx(ctx, scope, func(tx pgx.Tx) error {
		counts, err := store.StateCounts(ctx, tx, tenant, now)
		if err != nil {
			return fmt.Errorf("state counts: %w", err)
		}
		access, err := store.ActiveAccessList(ctx, tx, tenant, 200)
		if err != nil {
			return fmt.Errorf("active access: %w", err)
		}
		d.Access = activeAccessOf(access)
		tenants, cals, err := dashboardCalendars(ctx, tx, tenant)
		if err != nil {
			return err
		}
		d.tally(counts, tenants)
		return d.steps(ctx, tx, tenant, tenants, cals, now)
	})
	if err != nil {
		return Dashboard{}, fmt.Errorf("dashboard: %w", err)
	}
	return d, nil
}

// dashboardCalendars builds every concerned tenant's calendar from four queries.
func dashboardCalendars(ctx context.Context, tx pgx.Tx, tenant int64) (map[int64]Tenant, map[int64]*calendar.Calendar, error) {
	tenants := map[int64]Tenant{}
	if tenant != 0 {
		t, err := tenantByID(ctx, tx, tenant)
		if err != nil {
			return nil, nil, fmt.Errorf("tenant: %w", err)
		}
		tenants[t.ID] = t
	} else {
		list, err := store.ActiveTenants(ctx, tx)
		if err != nil {
			return nil, nil, fmt.Errorf("tenants: %w", err)
		}
		for _, t := range list {
			tenants[t.ID] = tenantOf(t)
		}
	}
	from, to := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2100, 12, 31, 0, 0, 0, 0, time.UTC)
	nat, err := store.NationalHolidays(ctx, tx, from, to)
	if err != nil {
		return nil, nil, fmt.Errorf("national holidays: %w", err)
	}
	local, err := store.LocalHolidaysOf(ctx, tx, tenant)
	if err != nil {
		return nil, nil, fmt.Errorf("local holidays: %w", err)
	}
	years, err := store.HolidayYears(ctx, tx)
	if err != nil {
		return nil, nil, fmt.Errorf("holiday years: %w", err)
	}
	cals := map[int64]*calendar.Calendar{}
	for id, t := range tenants {
		cal, err := buildCalendar(t, holidaysOf(nat, local[id]), years)
		if err != nil {
			return nil, nil, err
		}
		cals[id] = cal
	}
	return tenants, cals, nil
}

func (d *Dashboard) tally(counts []store.StateCount, tenants map[int64]Tenant) {
	byState := map[workflow.State]int{}
	provinces := map[string]*ProvinceFigure{}
	seen := map[int64]bool{}
	for _, c := range counts {
		byState[workflow.State(c.State)] += c.Count
		d.Overdue += c.Overdue
		if !d.National {
			continue
		}
		t := tenants[c.TenantID]
		pf := provinces[t.Province]
		if pf == nil {
			pf = &ProvinceFigure{Province: t.Province}
			provinces[t.Province] = pf
		}
		if !seen[c.TenantID] {
			seen[c.TenantID] = true
			pf.Tenants++
		}
		pf.Applications += c.Count
		pf.Overdue += c.Overdue
		if c.State == string(workflow.Active) {
			pf.Active += c.Count
		}
	}
	for _, s := range workflow.States {
		if n := byState[s]; n > 0 {
			d.ByState = append(d.ByState, StateFigure{State: s, Count: n})
		}
	}
	for _, pf := range provinces {
		d.Provinces = append(d.Provinces, *pf)
	}
	sort.Slice(d.Provinces, func(i, j int) bool { return d.Provinces[i].Province < d.Provinces[j].Province })
}

// steps reads the histories once and judges every clock that started in the
// dashboard's months.
func (d *Dashboard) steps(ctx context.Context, tx pgx.Tx, tenant int64, tenants map[int64]Tenant,
	cals map[int64]*calendar.Calendar, now time.Time) error {
	wib := wibZone()
	first := time.Date(now.In(wib).Year(), now.In(wib).Month(), 1, 0, 0, 0, 0, wib).AddDate(0, -(DashboardMonths - 1), 0)
	for i := range DashboardMonths {
		m := first.AddDate(0, i, 0)
		d.Months = append(d.Months, MonthFigure{Year: m.Year(), Month: m.Month()})
	}
	durations := map[workflow.ClockKind][]float64{}
	perTenant := map[int64]*TenantFigure{}
	var current struct {
		tenant, app int64
		entries     []sla.Entry
	}
	flush := func() {
		if len(current.entries) == 0 {
			return
		}
		cal, ok := cals[current.tenant]
		t := tenants[current.tenant]
		if !ok {
			return // a tenant no longer onboarded
		}
		for _, c := range sla.Clocks(current.entries, cal, t.SLATargetDays, now) {
			if c.Started.Before(first) {
				continue
			}
			st := c.Started.In(wib)
			i := (st.Year()-first.Year())*12 + int(st.Month()) - int(first.Month())
			if i < 0 || i >= len(d.Months) {
				continue
			}
			onTime, judged := sla.Compliance([]sla.Clock{c})
			if judged == 0 {
				continue
			}
			tf := perTenant[current.tenant]
			if tf == nil {
				tf = &TenantFigure{Tenant: t.Name, Province: t.Province}
				perTenant[current.tenant] = tf
			}
			if onTime == 1 {
				d.Months[i].OnTime++
				tf.OnTime++
			} else {
				d.Months[i].Late++
				tf.Late++
			}
			if !c.IsRunning() {
				durations[c.Kind] = append(durations[c.Kind], cal.WorkingDays(c.Started, c.Stopped))
			}
		}
		current.entries = current.entries[:0]
	}
	err := store.EachSLAEvent(ctx, tx, tenant, first, func(e store.SLAEvent) error {
		if e.ApplicationID != current.app || e.TenantID != current.tenant {
			flush()
			current.tenant, current.app = e.TenantID, e.ApplicationID
		}
		en := sla.Entry{Event: workflow.Event(e.Event), To: workflow.State(e.To), At: e.At}
		if e.Event == "create" {
			en.Event = ""
		}
		if e.From != nil {
			en.From = workflow.State(*e.From)
		}
		current.entries = append(current.entries, en)
		return nil
	})
	if err != nil {
		return fmt.Errorf("histories: %w", err)
	}
	flush()
	for _, k := range []workflow.ClockKind{workflow.ClockVerifyForward, workflow.ClockPrepareAgreement,
		workflow.ClockSendDWHRequest, workflow.ClockHandOverUserID} {
		ds := durations[k]
		sf := StepFigure{Kind: k, Finished: len(ds)}
		if len(ds) > 0 {
			slices.Sort(ds)
			sum := 0.0
			for _, x := range ds {
				sum += x
			}
			sf.Average = sum / float64(len(ds))
			sf.P90 = ds[int(math.Ceil(0.9*float64(len(ds))))-1]
		}
		d.Steps = append(d.Steps, sf)
	}
	if d.National {
		for tid, tf := range perTenant {
			tf.Share = float64(tf.OnTime) / float64(tf.OnTime+tf.Late)
			d.Ranking = append(d.Ranking, *tf)
			pf := slices.IndexFunc(d.Provinces, func(p ProvinceFigure) bool { return p.Province == tenants[tid].Province })
			if pf >= 0 {
				d.Provinces[pf].OnTime += tf.OnTime
				d.Provinces[pf].Late += tf.Late
			}
		}
		sort.Slice(d.Ranking, func(i, j int) bool {
			a, b := d.Ranking[i], d.Ranking[j]
			if a.Share != b.Share {
				return a.Share > b.Share
			}
			if a.OnTime+a.Late != b.OnTime+b.Late {
				return a.OnTime+a.Late > b.OnTime+b.Late
			}
			return a.Tenant < b.Tenant
		})
	}
	return nil
}
