package server

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/calendar"
	"github.com/hakakses/hakakses/web"
)

// Helpers shared by the account, tenant and calendar administration screens.

// acctInvalid returns err as a validation error, if it is one.
func acctInvalid(err error) (*app.Error, bool) {
	var e *app.Error
	if errors.As(err, &e) && (e.Code == app.CodeInvalid || e.Code == app.CodeRateLimited) {
		return e, true
	}
	return nil, false
}

// acctForm carries the named fields of the posted form (never passwords) and the
// error back into the page.
func acctForm(r *http.Request, e *app.Error, names ...string) web.FormState {
	fs := web.FormState{Values: map[string]string{}, Fields: map[string]string{}}
	for _, n := range names {
		fs.Values[n] = r.PostFormValue(n)
	}
	if e != nil {
		fs.Error = appText(r, e.Message)
		if e.Fields != nil {
			fs.Fields = appFields(r, e.Fields)
		}
	}
	return fs
}

// acctDay prints a calendar day in the request's language: "10 Maret 2026".
func acctDay(r *http.Request, t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return fmtOf(r).Date(t.In(loc))
}

// acctYear reads ?tahun=YYYY, defaulting to the current year in loc.
func (s *Server) acctYear(r *http.Request, loc *time.Location) int {
	y, err := strconv.Atoi(r.URL.Query().Get("tahun"))
	if err != nil || y < 2000 || y > 2100 {
		return s.app.Clock.Now().In(loc).Year()
	}
	return y
}

func acctYearHref(path string, y int) string { return path + "?tahun=" + strconv.Itoa(y) }

// recomputedNote tells the user what a calendar change did to open deadlines.
func recomputedNote(r *http.Request, rc app.Recomputed) string {
	switch {
	case !rc.Ran:
		return ""
	case rc.Failed:
		return " " + tr(r, "holidays.recompute_failed")
	case rc.Count == 0:
		return " " + tr(r, "holidays.recompute_none")
	}
	return " " + tr(r, "holidays.recomputed", "Count", rc.Count)
}

func holidayItems(r *http.Request, rows []calendar.Holiday) []web.HolidayItem {
	out := make([]web.HolidayItem, 0, len(rows))
	for _, h := range rows {
		d := time.Date(h.Date.Year, h.Date.Month, h.Date.Day, 12, 0, 0, 0, time.UTC)
		out = append(out, web.HolidayItem{
			Date: h.Date.String(), DateLabel: fmtOf(r).LongDate(d),
			Kind: string(h.Kind), KindLabel: holidayKindLabel(r, h.Kind), Description: h.Name,
			Weekend: d.Weekday() == time.Saturday || d.Weekday() == time.Sunday,
		})
	}
	return out
}

func holidayKindLabel(r *http.Request, k calendar.HolidayKind) string {
	switch k {
	case calendar.LiburNasional, calendar.CutiBersama, calendar.Lokal:
		return tr(r, "holiday_kind."+string(k))
	}
	return string(k)
}

func accountRows(r *http.Request, users []app.User, self int64, loc *time.Location) []web.AccountRow {
	out := make([]web.AccountRow, 0, len(users))
	for _, u := range users {
		out = append(out, web.AccountRow{ID: u.ID, Name: u.Name, Email: u.Email, RoleLabel: roleLabel(r, u.Role),
			Created: acctDay(r, u.CreatedAt, loc), Active: u.Active, Self: u.ID == self, SecondFactor: u.TOTPEnrolled})
	}
	return out
}

// loginURL is where a newly created account signs in.
func (s *Server) loginURL() string {
	if u, err := url.JoinPath(s.cfg.BaseURL, "masuk"); err == nil && s.cfg.BaseURL != "" {
		return u
	}
	return "/masuk"
}

func newAccount(s *Server, otp app.OneTimePassword) *web.NewAccount {
	return &web.NewAccount{Name: otp.Name, Email: otp.Email, Password: otp.Password, LoginURL: s.loginURL()}
}

func institutionStatusClass(status string) string {
	switch status {
	case app.InstitutionVerified:
		return "ok"
	case app.InstitutionRefused:
		return "bad"
	}
	return "warn"
}
