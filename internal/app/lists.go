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
	CreatedAt   time.Time     // the lembaga's own list only
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
	// NextCursor starts the next page right after this one's last row (keyset
	// paging); empty for lists paged by number only.
	NextCursor string
	Warning    string
}

// QueueFilter narrows the staff work queue.
type QueueFilter struct {
	State  string // a workflow state, or "" for all open
	SLA    string // "terlambat", "segera", "berjalan", or ""
	Search string // number or institution name
	Page   int
	After  string // the cursor of the previous page (NextCursor), if paging forward
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
	err := a.readDB(ctx).ReadTx(ctx, scope(p), func(tx pgx.Tx) error {
		rows, err := store.InstitutionApplications(ctx, tx, p.TenantID, p.InstitutionID, "", PageSize+1, (page-1)*PageSize)
		res.Rows = rowsOf(rows)
		return err
	})
	res.trim()
	return res, err
}

// LembagaHome is the lembaga's home page: its institution and a page of its own
// applications, read in one transaction.
type LembagaHome struct {
	Institution store.Institution
	List        ListResult
}

// MyHome reads the lembaga's home page: page by number, or after the cursor
// of the previous page (its NextCursor) however deep.
func (a *App) MyHome(ctx context.Context, p Principal, page int, after string) (LembagaHome, error) {
	var h LembagaHome
	page = pageOf(page)
	h.List.Page = page
	err := a.readDB(ctx).ReadTx(ctx, scope(p), func(tx pgx.Tx) error {
		var err error
		if h.Institution, err = store.InstitutionByID(ctx, tx, p.TenantID, p.InstitutionID); err != nil {
			return err
		}
		rows, err := store.InstitutionApplications(ctx, tx, p.TenantID, p.InstitutionID, after, PageSize+1, offsetOf(page, after))
		h.List.Rows = rowsOf(rows)
		return err
	})
	h.List.trim()
	if h.List.HasNext && len(h.List.Rows) > 0 {
		last := h.List.Rows[len(h.List.Rows)-1]
		h.List.NextCursor = store.NewListCursor(nil, last.CreatedAt, last.ID)
	}
	return h, mapStoreErr(err, "Lembaga")
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
	err := a.readDB(ctx).ReadTx(ctx, scope(p), func(tx pgx.Tx) error {
		_, cal, err := a.cachedTenantCalendar(ctx, tx, p.TenantID)
		if err != nil {
			return err
		}
		// The SLA filter compares the stored due instant with "now" and with the
		// instant one working day before it, both computed here from the calendar.
		soon := now.Add(cal.Hours().Length()) // a lower bound; refined per row below
		q := store.QueueQuery{Search: f.Search}
		if s, ok := workflow.ValidState(f.State); ok {
			q.State = string(s)
		}
		switch f.SLA {
		case "terlambat":
			q.DueBefore = &now
		case "segera":
			until := soon.Add(14 * 24 * time.Hour) // holidays can stretch one working day over a fortnight
			q.DueFrom, q.DueBefore = &now, &until
		case "berjalan":
			q.Running = true
		}
		q.After = f.After
		rows, err := store.QueuePage(ctx, tx, p.TenantID, q, PageSize+1, offsetOf(page, f.After))
		if err != nil {
			return err
		}
		res.Rows = rowsOf(rows)
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
	res.withCursor()
	return res, err
}

// InboxFilter narrows the Dirjen's national inbox.
type InboxFilter struct {
	State    string // default: waiting on the Dirjen (forwarded, dwh_requested)
	Tenant   string // tenant slug
	Province string // province code
	Search   string // number, institution or tenant name
	Page     int
	After    string // the cursor of the previous page (NextCursor), if paging forward
}

// Inbox is the Dirjen liaison's national inbox: only forwarded-and-later
// applications, across tenants, oldest waiting first.
func (a *App) Inbox(ctx context.Context, p Principal, f InboxFilter) (ListResult, error) {
	if p.Role != workflow.RoleDirjen {
		return ListResult{}, Forbidden("")
	}
	page := pageOf(f.Page)
	res := ListResult{Page: page}
	err := a.readDB(ctx).ReadTx(ctx, store.Dirjen(), func(tx pgx.Tx) error {
		q := store.InboxQuery{TenantSlug: f.Tenant, Province: f.Province, Search: f.Search, After: f.After}
		if s, ok := workflow.ValidState(f.State); ok {
			q.State = string(s)
		} else if f.State != "semua" {
			q.WaitingOnDirjen = true
		}
		rows, err := store.InboxPage(ctx, tx, q, PageSize+1, offsetOf(page, f.After))
		res.Rows = rowsOf(rows)
		return err
	})
	res.trim()
	res.withCursor()
	return res, err
}

// Province is a province of an onboarded tenant.
type Province struct {
	Code string // Kemendagri code, e.g. "16"
	Name string
}

// Provinces lists the provinces of onboarded tenants, for the inbox filter.
func (a *App) Provinces(ctx context.Context) ([]Province, error) {
	var out []Province
	err := a.DB.ReadTx(ctx, store.Public(), func(tx pgx.Tx) error {
		rows, err := store.Provinces(ctx, tx)
		for _, r := range rows {
			out = append(out, Province{Code: r.Code, Name: r.Name})
		}
		return err
	})
	return out, err
}

// rowsOf types a store page's rows.
func rowsOf(rows []store.ListRow) []Row {
	out := make([]Row, 0, len(rows))
	for _, l := range rows {
		r := Row{ID: l.ID, Number: l.Number, Institution: l.Institution, TenantName: l.TenantName, TenantSlug: l.TenantSlug,
			Province: l.Province, State: workflow.State(l.State), StateSince: l.StateSince, UpdatedAt: l.UpdatedAt, SLADue: l.SLADue,
			CreatedAt: l.CreatedAt}
		if l.SLAClock != nil {
			r.SLAClock = workflow.ClockKind(*l.SLAClock)
		}
		out = append(out, r)
	}
	return out
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

// withCursor sets the next page's cursor after the last row shown.
func (r *ListResult) withCursor() {
	if r.HasNext && len(r.Rows) > 0 {
		last := r.Rows[len(r.Rows)-1]
		r.NextCursor = store.NewListCursor(last.SLADue, last.StateSince, last.ID)
	}
}

// offsetOf is how many rows a page skips: none after a cursor (the range scan
// starts there), otherwise the pages before it.
func offsetOf(page int, after string) int {
	if _, ok := store.ParseListCursor(after); ok {
		return 0
	}
	return (page - 1) * PageSize
}

func holidayWarning(years []int) string {
	var ys []string
	for _, y := range years {
		ys = append(ys, itoa(y))
	}
	return "Data hari libur nasional tahun " + strings.Join(ys, ", ") + " belum diisi: tenggat pada tahun tersebut dihitung tanpa hari libur nasional (hanya akhir pekan)."
}

func itoa(n int) string { return strconv.Itoa(n) }
