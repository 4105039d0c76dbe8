package server

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/letters"
	"github.com/hakakses/hakakses/internal/workflow"
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
		fs.Error = e.Message
		if e.Fields != nil {
			fs.Fields = e.Fields
		}
	}
	return fs
}

// acctDay prints a calendar day: "10 Maret 2026".
func acctDay(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return letters.FormatDate(t.In(loc))
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
func recomputedNote(rc app.Recomputed) string {
	switch {
	case !rc.Ran:
		return ""
	case rc.Failed:
		return " Perubahan tersimpan, tetapi tenggat yang berjalan belum dapat dihitung ulang; kesalahan sudah dicatat. Ulangi beberapa saat lagi."
	case rc.Count == 0:
		return " Tidak ada tenggat berjalan yang perlu dihitung ulang."
	}
	return fmt.Sprintf(" %d tenggat permohonan yang sedang berjalan dihitung ulang.", rc.Count)
}

func holidayItems(rows []app.HolidayRow) []web.HolidayItem {
	out := make([]web.HolidayItem, 0, len(rows))
	for _, h := range rows {
		d := time.Date(h.Date.Year(), h.Date.Month(), h.Date.Day(), 12, 0, 0, 0, time.UTC)
		out = append(out, web.HolidayItem{
			Date: d.Format(time.DateOnly), DateLabel: letters.Weekday(d) + ", " + letters.FormatDate(d),
			Kind: h.Kind, KindLabel: holidayKindLabel(h.Kind), Description: h.Name,
			Weekend: d.Weekday() == time.Saturday || d.Weekday() == time.Sunday,
		})
	}
	return out
}

func holidayKindLabel(k string) string {
	switch k {
	case "libur_nasional":
		return "Libur nasional"
	case "cuti_bersama":
		return "Cuti bersama"
	case "lokal":
		return "Libur lokal"
	}
	return k
}

func accountRows(users []app.User, self int64, loc *time.Location) []web.AccountRow {
	out := make([]web.AccountRow, 0, len(users))
	for _, u := range users {
		out = append(out, web.AccountRow{ID: u.ID, Name: u.Name, Email: u.Email, RoleLabel: workflow.Role(u.Role).Label(),
			Created: acctDay(u.CreatedAt, loc), Active: u.Active, Self: u.ID == self, SecondFactor: u.TOTPEnrolled})
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
