package server

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/calendar"
	"github.com/hakakses/hakakses/web"
)

var onboardFields = []string{"code", "slug", "kepala_name", "kepala_email"}

// adminHome is the platform admin's home: counts, the searchable tenant list, the
// onboarding form and the holiday-data warning.
func (s *Server) adminHome(w http.ResponseWriter, r *http.Request) {
	fs := web.FormState{Values: map[string]string{"code": r.URL.Query().Get("kode")}}
	s.renderAdminHome(w, r, http.StatusOK, fs, nil)
}

func (s *Server) renderAdminHome(w http.ResponseWriter, r *http.Request, status int, fs web.FormState, onboarded *web.OnboardedTenant) {
	p, _ := principalFrom(r.Context())
	q := r.URL.Query()
	f := app.TenantFilter{Query: q.Get("q")}
	statusParam := q.Get("status")
	switch statusParam {
	case "aktif":
		yes := true
		f.Active = &yes
	case "belum":
		no := false
		f.Active = &no
	default:
		statusParam = ""
	}
	ov, err := s.app.Tenants(r.Context(), p, f, pageNum(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := web.AdminHomePage{
		Page: s.page(r, tr(r, "admin.page_title")), FormState: fs, Warning: holidayWarning(r, s.app.HolidayWarning(r.Context(), s.app.Clock.Now())),
		Query: f.Query, Matching: ov.Matching, Onboarded: onboarded,
		Statuses: []web.Choice{{Value: "", Label: tr(r, "audit.all")}, {Value: "aktif", Label: tr(r, "acc.active")}, {Value: "belum", Label: tr(r, "twofa.not_active")}},
		Cards: []web.Card{
			{Title: tr(r, "admin.card_active"), Value: strconv.Itoa(ov.Onboarded), Note: tr(r, "admin.card_active_note", "Total", ov.Total), Href: "/admin/?status=aktif"},
			{Title: tr(r, "twofa.not_active"), Value: strconv.Itoa(ov.Total - ov.Onboarded), Note: tr(r, "admin.card_ready"), Href: "/admin/?status=belum"},
			{Title: tr(r, "admin.card_verified"), Value: strconv.Itoa(ov.Institutions[app.InstitutionVerified]),
				Note: tr(r, "admin.card_pending", "Count", ov.Institutions[app.InstitutionPending]), Href: "/admin/"},
			{Title: tr(r, "admin.card_staff"), Value: strconv.Itoa(ov.Accounts["petugas"] + ov.Accounts["kepala"]),
				Note: tr(r, "admin.card_lembaga_accounts", "Count", ov.Accounts["lembaga"]), Href: "/admin/"},
		},
	}
	if ov.Pages > 1 {
		v.Pager = pagesPager(r, ov.Page, ov.Pages)
	}
	for i := range v.Statuses {
		v.Statuses[i].Selected = v.Statuses[i].Value == statusParam
	}
	for _, t := range ov.Tenants {
		row := web.TenantRow{Code: t.Code, Name: t.Name, Province: t.Province, Zone: calendar.ZoneAbbr(t.TimeZone), Active: t.Active}
		if t.Active {
			row.PublicHref = "/" + t.Slug
			row.WebhookHref = "/admin/tenant/" + t.Slug + "/webhook"
			if t.OnboardedAt != nil {
				row.Since = acctDay(r, *t.OnboardedAt, t.Location())
			}
		} else {
			row.OnboardHref = "/admin/?kode=" + url.QueryEscape(t.Code) + "#aktifkan"
		}
		v.Rows = append(v.Rows, row)
	}
	s.render(w, r, status, web.AdminHomeView(v))
}

// onboardTenant activates a tenant and shows its first kepala's one-time password
// once, on this response only.
func (s *Server) onboardTenant(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	res, err := s.app.OnboardTenant(r.Context(), p, app.OnboardInput{
		Code: r.PostFormValue("code"), Slug: r.PostFormValue("slug"),
		KepalaName: r.PostFormValue("kepala_name"), KepalaEmail: r.PostFormValue("kepala_email"),
	})
	if e, ok := acctInvalid(err); ok {
		s.renderAdminHome(w, r, statusOf(e.Code), acctForm(r, e, onboardFields...), nil)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderAdminHome(w, r, http.StatusOK, web.FormState{}, &web.OnboardedTenant{
		Name: res.Tenant.Name, PublicHref: "/" + res.Tenant.Slug, Kepala: *newAccount(s, res.Kepala),
	})
}

// nationalHolidays is one year of the national holiday calendar.
func (s *Server) nationalHolidays(w http.ResponseWriter, r *http.Request) {
	s.renderNationalHolidays(w, r, http.StatusOK, s.acctYear(r, calendar.WIB), web.FormState{})
}

func (s *Server) renderNationalHolidays(w http.ResponseWriter, r *http.Request, status, year int, fs web.FormState) {
	p, _ := principalFrom(r.Context())
	cal, err := s.app.NationalHolidays(r.Context(), p, year)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	const path = "/admin/libur"
	v := web.NationalHolidaysPage{
		Page: s.page(r, tr(r, "holidays.national_page_title")), FormState: fs, Warning: holidayWarning(r, s.app.HolidayWarning(r.Context(), s.app.Clock.Now())),
		Year: year, PrevHref: acctYearHref(path, year-1), NextHref: acctYearHref(path, year+1), Rows: holidayItems(r, cal.Holidays),
		Published: cal.Published != nil,
		Kinds:     []web.Choice{{Value: "libur_nasional", Label: tr(r, "holiday_kind.libur_nasional")}, {Value: "cuti_bersama", Label: tr(r, "holiday_kind.cuti_bersama")}},
	}
	if cal.Published != nil {
		v.Source = cal.Published.Source
	}
	for _, y := range cal.Years {
		v.Years = append(v.Years, web.Tab{Label: strconv.Itoa(y.Year), Href: acctYearHref(path, y.Year), Current: y.Year == year,
			Count: -1, TestID: "year-" + strconv.Itoa(y.Year)})
	}
	for i := range v.Kinds {
		v.Kinds[i].Selected = v.Kinds[i].Value == fs.V("kind")
	}
	if fs.V("source") == "" && v.Source != "" {
		if v.FormState.Values == nil {
			v.FormState.Values = map[string]string{}
		}
		v.FormState.Values["source"] = v.Source
	}
	s.render(w, r, status, web.NationalHolidaysView(v))
}

// nationalHolidayAction saves, deletes or publishes; every change recomputes open
// deadlines of all tenants and the flash says how many.
func (s *Server) nationalHolidayAction(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	action := r.PostFormValue("action")
	year := s.app.Clock.Now().In(calendar.WIB).Year()
	if d, err := time.Parse(time.DateOnly, r.PostFormValue("date")); err == nil {
		year = d.Year()
	} else if y, err := strconv.Atoi(r.PostFormValue("year")); err == nil && y >= 2000 && y <= 2100 {
		year = y
	}
	var rc app.Recomputed
	var err error
	var done string
	switch action {
	case "save":
		var created bool
		created, rc, err = s.app.SaveNationalHoliday(r.Context(), p, app.NationalHolidayInput{
			Date: r.PostFormValue("date"), Kind: r.PostFormValue("kind"), Description: r.PostFormValue("description")})
		done = tr(r, "holidays.date_updated")
		if created {
			done = tr(r, "holidays.date_added")
		}
	case "delete":
		rc, err = s.app.DeleteNationalHoliday(r.Context(), p, r.PostFormValue("date"))
		done = tr(r, "holidays.date_removed")
	case "publish":
		rc, err = s.app.PublishHolidayYear(r.Context(), p, r.PostFormValue("year"), r.PostFormValue("source"))
		done = tr(r, "holidays.year_published", "Year", strconv.Itoa(year))
	default:
		s.clientError(w, r, http.StatusBadRequest, tr(r, "acc.unknown_request_title"), tr(r, "acc.unknown_request"))
		return
	}
	if e, ok := acctInvalid(err); ok {
		s.renderNationalHolidays(w, r, statusOf(e.Code), year, acctForm(r, e, "action", "date", "kind", "description", "source"))
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(r.Context(), done+recomputedNote(r, rc))
	http.Redirect(w, r, acctYearHref("/admin/libur", year), http.StatusSeeOther)
}

// holidayWarning is app.HolidayWarning's banner in the request's language: its
// years read back from the Indonesian sentence ("" stays "").
func holidayWarning(r *http.Request, msg string) string {
	m := holidayWarningText.FindStringSubmatch(msg)
	if m == nil {
		return msg
	}
	years := m[1]
	if y := strings.SplitN(years, " dan ", 2); len(y) == 2 {
		years = tr(r, "holidays.two_years", "A", y[0], "B", y[1])
	}
	return tr(r, "holidays.warning", "Years", years)
}

var holidayWarningText = regexp.MustCompile(`^Data hari libur nasional tahun ([0-9]{4}(?: dan [0-9]{4})?) belum diisi: tenggat dihitung tanpa hari libur nasional \(hanya akhir pekan\)\.$`)
