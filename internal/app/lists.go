package app

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/calendar"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// PageSize is how many rows a list shows per page.
const PageSize = 25

// Row is one application in a list.
type Row struct {
	ID          int64
	Number      string
	Institution string
	TenantName  string
	TenantSlug  string
	Province    string
	State       workflow.State
	StateSince  time.Time
	UpdatedAt   time.Time
	SLAClock    workflow.ClockKind
	SLADue      *time.Time
	Remaining   time.Duration // working time left at now (negative: overdue)
	DayLength   time.Duration // the tenant's office day, to express Remaining in days
	Overdue     bool
	DueSoon     bool
}

// ListResult is one page of a list.
type ListResult struct {
	Rows    []Row
	Page    int
	HasNext bool
	Warning string
}

// QueueFilter narrows the staff work queue.
type QueueFilter struct {
	State  string // a workflow state, or "" for all open
	SLA    string // "terlambat", "segera", "berjalan", or ""
	Search string // number or institution name
	Page   int
}

func pageOf(n int) int {
	if n < 1 {
		return 1
	}
	return n
}

// MyApplications lists the lembaga's own applications, newest first.
func (a *App) MyApplications(ctx context.Context, p Principal, page int) (ListResult, error) {
	page = pageOf(page)
	res := ListResult{Page: page}
	err := a.DB.ReadTx(ctx, scope(p), func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT a.id, a.number, i.nama, a.state, a.state_since, a.updated_at, a.sla_clock, a.sla_due_at
			FROM applications a JOIN institutions i ON i.tenant_id = a.tenant_id AND i.id = a.institution_id
			WHERE a.tenant_id = $1 AND a.institution_id = $2
			ORDER BY a.created_at DESC, a.id DESC LIMIT $3 OFFSET $4`,
			p.TenantID, p.InstitutionID, PageSize+1, (page-1)*PageSize)
		if err != nil {
			return err
		}
		res.Rows, err = collectRows(rows)
		return err
	})
	res.trim()
	return res, err
}

// Queue is the staff work queue of the tenant: applications with a running
// Disdukcapil clock first, the most urgent at the top, then the rest by how long
// they have waited. Filters and search run on indexed columns within the tenant.
func (a *App) Queue(ctx context.Context, p Principal, f QueueFilter) (ListResult, error) {
	if !p.IsStaff() {
		return ListResult{}, Forbidden("")
	}
	page := pageOf(f.Page)
	res := ListResult{Page: page}
	now := a.Clock.Now()
	err := a.DB.ReadTx(ctx, scope(p), func(tx pgx.Tx) error {
		t, err := store.TenantByID(ctx, tx, p.TenantID)
		if err != nil {
			return err
		}
		cal, err := calendarFor(ctx, tx, t)
		if err != nil {
			return err
		}
		// The SLA filter compares the stored due instant with "now" and with the
		// instant one working day before it, both computed here from the calendar.
		soon := now.Add(cal.Hours().Length()) // a lower bound; refined per row below
		args := []any{p.TenantID}
		where := []string{"a.tenant_id = $1"}
		if s, ok := workflow.ValidState(f.State); ok {
			args = append(args, string(s))
			where = append(where, "a.state = $2")
		} else {
			where = append(where, "a.state <> 'draft'")
		}
		switch f.SLA {
		case "terlambat":
			args = append(args, now)
			where = append(where, "a.sla_due_at < $"+itoa(len(args)))
		case "segera":
			args = append(args, now, soon.Add(14*24*time.Hour)) // holidays can stretch one working day over a fortnight
			where = append(where, "a.sla_due_at >= $"+itoa(len(args)-1)+" AND a.sla_due_at < $"+itoa(len(args)))
		case "berjalan":
			where = append(where, "a.sla_due_at IS NOT NULL")
		}
		if q := strings.TrimSpace(f.Search); q != "" {
			args = append(args, "%"+escapeLike(q)+"%")
			n := itoa(len(args))
			where = append(where, "(a.number ILIKE $"+n+" OR i.nama ILIKE $"+n+")")
		}
		args = append(args, PageSize+1, (page-1)*PageSize)
		rows, err := tx.Query(ctx, `SELECT a.id, a.number, i.nama, a.state, a.state_since, a.updated_at, a.sla_clock, a.sla_due_at
			FROM applications a JOIN institutions i ON i.tenant_id = a.tenant_id AND i.id = a.institution_id
			WHERE `+strings.Join(where, " AND ")+`
			ORDER BY a.sla_due_at ASC NULLS LAST, a.state_since ASC, a.id
			LIMIT $`+itoa(len(args)-1)+` OFFSET $`+itoa(len(args)), args...)
		if err != nil {
			return err
		}
		if res.Rows, err = collectRows(rows); err != nil {
			return err
		}
		annotate(res.Rows, cal, now)
		if f.SLA == "segera" { // exact: under one working day left
			kept := res.Rows[:0]
			for _, r := range res.Rows {
				if r.DueSoon {
					kept = append(kept, r)
				}
			}
			res.Rows = kept
		}
		if years := cal.MissingYears(now, now.AddDate(0, 0, 14)); len(years) > 0 {
			res.Warning = holidayWarning(years)
		}
		return nil
	})
	res.trim()
	return res, err
}

// InboxFilter narrows the Dirjen's national inbox.
type InboxFilter struct {
	State    string // default: waiting on the Dirjen (forwarded, dwh_requested, and the addenda)
	Tenant   string // tenant slug
	Province string // province code
	Page     int
}

// Inbox is the Dirjen liaison's national inbox: only forwarded-and-later
// applications, across tenants, oldest waiting first.
func (a *App) Inbox(ctx context.Context, p Principal, f InboxFilter) (ListResult, error) {
	if p.Role != workflow.RoleDirjen {
		return ListResult{}, Forbidden("")
	}
	page := pageOf(f.Page)
	res := ListResult{Page: page}
	err := a.DB.ReadTx(ctx, store.Dirjen(), func(tx pgx.Tx) error {
		args := []any{}
		where := []string{"a.forwarded_at IS NOT NULL"}
		if s, ok := workflow.ValidState(f.State); ok {
			args = append(args, string(s))
			where = append(where, "a.state = $1")
		} else if f.State != "semua" {
			where = append(where, "a.state IN ('forwarded', 'dwh_requested', 'addendum_forwarded', 'addendum_dwh_requested')")
		}
		if f.Tenant != "" {
			args = append(args, f.Tenant)
			where = append(where, "a.tenant_id = (SELECT id FROM tenants WHERE slug = $"+itoa(len(args))+")")
		}
		if f.Province != "" {
			args = append(args, f.Province)
			where = append(where, "a.tenant_id IN (SELECT id FROM tenants WHERE kode_provinsi = $"+itoa(len(args))+")")
		}
		args = append(args, PageSize+1, (page-1)*PageSize)
		// Page the applications first (an index hands them over in order), then
		// join the names: the joins and their row-level checks run for one page only.
		rows, err := tx.Query(ctx, `WITH page AS MATERIALIZED (
				SELECT a.id, a.tenant_id, a.institution_id, a.number, a.state, a.state_since, a.updated_at
				FROM applications a WHERE `+strings.Join(where, " AND ")+`
				ORDER BY a.state_since ASC, a.id
				LIMIT $`+itoa(len(args)-1)+` OFFSET $`+itoa(len(args))+`)
			SELECT a.id, a.number, i.nama, a.state, a.state_since, a.updated_at, t.nama, COALESCE(t.slug, ''), t.provinsi
			FROM page a
			JOIN institutions i ON i.tenant_id = a.tenant_id AND i.id = a.institution_id
			JOIN tenants t ON t.id = a.tenant_id
			ORDER BY a.state_since ASC, a.id`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r Row
			var state string
			if err := rows.Scan(&r.ID, &r.Number, &r.Institution, &state, &r.StateSince, &r.UpdatedAt, &r.TenantName, &r.TenantSlug, &r.Province); err != nil {
				return err
			}
			r.State = workflow.State(state)
			res.Rows = append(res.Rows, r)
		}
		return rows.Err()
	})
	res.trim()
	return res, err
}

// Provinces lists the provinces of onboarded tenants, for the inbox filter.
func (a *App) Provinces(ctx context.Context) ([][2]string, error) {
	var out [][2]string
	err := a.DB.ReadTx(ctx, store.Public(), func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT DISTINCT kode_provinsi, provinsi FROM tenants WHERE active ORDER BY provinsi`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c, n string
			if err := rows.Scan(&c, &n); err != nil {
				return err
			}
			out = append(out, [2]string{c, n})
		}
		return rows.Err()
	})
	return out, err
}

func collectRows(rows pgx.Rows) ([]Row, error) {
	defer rows.Close()
	var out []Row
	for rows.Next() {
		var r Row
		var state string
		var clock *string
		if err := rows.Scan(&r.ID, &r.Number, &r.Institution, &state, &r.StateSince, &r.UpdatedAt, &clock, &r.SLADue); err != nil {
			return nil, err
		}
		r.State = workflow.State(state)
		if clock != nil {
			r.SLAClock = workflow.ClockKind(*clock)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// annotate computes each row's working time left from its stored due instant.
func annotate(rows []Row, cal *calendar.Calendar, now time.Time) {
	day := cal.Hours().Length()
	for i := range rows {
		rows[i].DayLength = day
		if rows[i].SLADue == nil {
			continue
		}
		due := *rows[i].SLADue
		rows[i].Remaining = cal.Remaining(now, due)
		rows[i].Overdue = now.After(due)
		rows[i].DueSoon = !rows[i].Overdue && rows[i].Remaining < day
	}
}

func (r *ListResult) trim() {
	if len(r.Rows) > PageSize {
		r.Rows = r.Rows[:PageSize]
		r.HasNext = true
	}
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

func holidayWarning(years []int) string {
	var ys []string
	for _, y := range years {
		ys = append(ys, itoa(y))
	}
	return "Data hari libur nasional tahun " + strings.Join(ys, ", ") + " belum diisi: tenggat pada tahun tersebut dihitung tanpa hari libur nasional (hanya akhir pekan)."
}

func itoa(n int) string { return strconv.Itoa(n) }
