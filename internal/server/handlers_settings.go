package server

import (
	"net/http"
	"strconv"
	"time"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/workflow"
	"github.com/hakakses/hakakses/web"
)

// letterTokens are the letter number template's tokens (the names stay as
// typed; what each means is said in the reader's language).
func letterTokens(r *http.Request) []web.Fact {
	return []web.Fact{
		{Label: "{kode}", Value: tr(r, "settings.token_kode")},
		{Label: "{urut}", Value: tr(r, "settings.token_urut")},
		{Label: "{jenis}", Value: tr(r, "settings.token_jenis")},
		{Label: "{unit}", Value: tr(r, "settings.token_unit")},
		{Label: "{bulan_romawi}", Value: tr(r, "settings.token_bulan")},
		{Label: "{tahun}", Value: tr(r, "settings.token_tahun")},
	}
}

func settingsInputFrom(r *http.Request) app.SettingsInput {
	v := r.PostFormValue
	return app.SettingsInput{
		HeadTitle: v("head_title"), HeadName: v("head_name"), KepalaName: v("kepala_name"), KepalaNIP: v("kepala_nip"),
		KepalaRank: v("kepala_rank"), City: v("city"), Address: v("address"), Phone: v("phone"), Email: v("email"),
		Website: v("website"), LetterTemplate: v("letter_template"), LetterCode: v("letter_code"), UnitCode: v("unit_code"),
		OfficeOpen: v("office_open"), OfficeClose: v("office_close"), SLATargetDays: v("sla_target_days"),
		ComplaintPhone: v("complaint_phone"), LaporURL: v("lapor_url"), ServiceSK: v("service_sk"),
	}
}

func settingsValues(in app.SettingsInput) map[string]string {
	return map[string]string{
		"head_title": in.HeadTitle, "head_name": in.HeadName, "kepala_name": in.KepalaName, "kepala_nip": in.KepalaNIP,
		"kepala_rank": in.KepalaRank, "city": in.City, "address": in.Address, "phone": in.Phone, "email": in.Email,
		"website": in.Website, "letter_template": in.LetterTemplate, "letter_code": in.LetterCode, "unit_code": in.UnitCode,
		"office_open": in.OfficeOpen, "office_close": in.OfficeClose, "sla_target_days": in.SLATargetDays,
		"complaint_phone": in.ComplaintPhone, "lapor_url": in.LaporURL, "service_sk": in.ServiceSK,
	}
}

// settingsForm is the kepala's settings page, filled from the tenant.
func (s *Server) settingsForm(w http.ResponseWriter, r *http.Request) {
	t, _ := tenantFrom(r.Context())
	s.renderSettings(w, r, http.StatusOK, app.SettingsInputOf(t), web.FormState{})
}

func (s *Server) renderSettings(w http.ResponseWriter, r *http.Request, status int, in app.SettingsInput, fs web.FormState) {
	s.renderSettingsWith(w, r, status, in, fs, webhookOutcome{})
}

// renderSettingsWith is renderSettings with what the webhook form just did.
func (s *Server) renderSettingsWith(w http.ResponseWriter, r *http.Request, status int, in app.SettingsInput, fs web.FormState, out webhookOutcome) {
	p, _ := principalFrom(r.Context())
	t, _ := tenantFrom(r.Context())
	path := "/" + t.Slug + "/kantor/pengaturan"
	panel, err := s.webhookPanel(r, p, t, path+"/webhook", path, out)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	fs.Values = settingsValues(in)
	v := web.SettingsPage{Page: s.page(r, tr(r, "settings.page_title")), FormState: fs, Action: path, Tokens: letterTokens(r),
		LambangAction: path + "/lambang", Webhook: panel}
	for _, title := range app.HeadTitles {
		v.HeadTitles = append(v.HeadTitles, web.Choice{Value: title, Label: title, Selected: title == in.HeadTitle})
	}
	if app.ValidLetterTemplate(in.LetterTemplate) {
		v.Example = app.LetterExample(in.LetterTemplate, in.LetterCode, in.UnitCode, s.app.Clock.Now().In(t.Location()))
	}
	s.render(w, r, status, web.SettingsView(v))
}

// saveSettings saves the settings, or with preview set only shows the letter
// number the typed template yields.
func (s *Server) saveSettings(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	t, _ := tenantFrom(r.Context())
	in := settingsInputFrom(r)
	if r.PostFormValue("preview") != "" {
		fs := web.FormState{}
		if !app.ValidLetterTemplate(in.LetterTemplate) {
			fs.Fields = map[string]string{"letter_template": tr(r, "settings.template_invalid")}
		}
		s.renderSettings(w, r, http.StatusOK, in, fs)
		return
	}
	rc, err := s.app.UpdateSettings(r.Context(), p, in)
	if e, ok := acctInvalid(err); ok {
		s.renderSettings(w, r, statusOf(e.Code), in, acctForm(r, e))
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(r.Context(), tr(r, "settings.saved")+recomputedNote(r, rc))
	http.Redirect(w, r, "/"+t.Slug+"/kantor/pengaturan", http.StatusSeeOther)
}

// staffList lists the tenant's staff accounts; the kepala manages them.
func (s *Server) staffList(w http.ResponseWriter, r *http.Request) {
	s.renderStaff(w, r, http.StatusOK, web.FormState{}, nil)
}

func (s *Server) renderStaff(w http.ResponseWriter, r *http.Request, status int, fs web.FormState, created *web.NewAccount) {
	p, _ := principalFrom(r.Context())
	t, _ := tenantFrom(r.Context())
	users, err := s.app.Staff(r.Context(), p)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rows := accountRows(r, users, p.UserID, t.Location())
	for i, u := range users {
		// A kepala resets a petugas's second factor; a kepala's is the admin's to reset.
		rows[i].ResetSecondFactor = p.Role == workflow.RoleKepala && u.Role == workflow.RolePetugas && u.TOTPEnrolled
	}
	s.render(w, r, status, web.StaffView(web.StaffPage{
		Page: s.page(r, tr(r, "staff.page_title")), FormState: fs, Action: "/" + t.Slug + "/kantor/staf",
		CanManage: p.Role == workflow.RoleKepala, Rows: rows, Created: created,
	}))
}

// staffAction adds a petugas (showing the one-time password once, on this
// response only) or switches an account off or on.
func (s *Server) staffAction(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	switch action := r.PostFormValue("action"); action {
	case "add":
		otp, err := s.app.AddPetugas(r.Context(), p, r.PostFormValue("name"), r.PostFormValue("email"))
		if e, ok := acctInvalid(err); ok {
			s.renderStaff(w, r, statusOf(e.Code), acctForm(r, e, "name", "email"), nil)
			return
		}
		if err != nil {
			s.fail(w, r, err)
			return
		}
		s.renderStaff(w, r, http.StatusOK, web.FormState{}, newAccount(s, otp))
	case "deactivate", "reactivate":
		id, err := strconv.ParseInt(r.PostFormValue("user_id"), 10, 64)
		if err != nil {
			s.notFound(w, r)
			return
		}
		err = s.app.SetStaffActive(r.Context(), p, id, action == "reactivate")
		if e, ok := acctInvalid(err); ok {
			s.renderStaff(w, r, statusOf(e.Code), acctForm(r, e), nil)
			return
		}
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if action == "reactivate" {
			s.flash(r.Context(), tr(r, "staff.reactivated"))
		} else {
			s.flash(r.Context(), tr(r, "staff.deactivated"))
		}
		http.Redirect(w, r, r.URL.Path, http.StatusSeeOther)
	case "reset_2fa":
		s.resetSecondFactor(w, r, p, r.PostFormValue("user_id"), r.URL.Path, tr(r, "staff.twofa_reset"))
	default:
		s.clientError(w, r, http.StatusBadRequest, tr(r, "acc.unknown_request_title"), tr(r, "acc.unknown_request"))
	}
}

// localHolidays lists the tenant's local holidays of a year.
func (s *Server) localHolidays(w http.ResponseWriter, r *http.Request) {
	t, _ := tenantFrom(r.Context())
	s.renderLocalHolidays(w, r, http.StatusOK, s.acctYear(r, t.Location()), web.FormState{})
}

func (s *Server) renderLocalHolidays(w http.ResponseWriter, r *http.Request, status, year int, fs web.FormState) {
	p, _ := principalFrom(r.Context())
	t, _ := tenantFrom(r.Context())
	rows, err := s.app.LocalHolidays(r.Context(), p, year)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	path := "/" + t.Slug + "/kantor/libur"
	s.render(w, r, status, web.LocalHolidaysView(web.LocalHolidaysPage{
		Page: s.page(r, tr(r, "holidays.local_page_title")), FormState: fs, Action: path, CanManage: p.Role == workflow.RoleKepala,
		Year: year, PrevHref: acctYearHref(path, year-1), NextHref: acctYearHref(path, year+1), Rows: holidayItems(r, rows),
	}))
}

// localHolidayAction adds or removes a local holiday; the app recomputes open
// deadlines and the flash says how many.
func (s *Server) localHolidayAction(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	t, _ := tenantFrom(r.Context())
	action := r.PostFormValue("action")
	var rc app.Recomputed
	var err error
	var done string
	switch action {
	case "add":
		rc, err = s.app.AddLocalHoliday(r.Context(), p, r.PostFormValue("date"), r.PostFormValue("description"))
		done = tr(r, "holidays.local_added")
	case "remove":
		rc, err = s.app.RemoveLocalHoliday(r.Context(), p, r.PostFormValue("date"))
		done = tr(r, "holidays.local_removed")
	default:
		s.clientError(w, r, http.StatusBadRequest, tr(r, "acc.unknown_request_title"), tr(r, "acc.unknown_request"))
		return
	}
	year := s.app.Clock.Now().In(t.Location()).Year()
	if d, perr := time.Parse(time.DateOnly, r.PostFormValue("date")); perr == nil {
		year = d.Year()
	}
	if e, ok := acctInvalid(err); ok {
		s.renderLocalHolidays(w, r, statusOf(e.Code), year, acctForm(r, e, "action", "date", "description"))
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(r.Context(), done+recomputedNote(r, rc))
	http.Redirect(w, r, acctYearHref(r.URL.Path, year), http.StatusSeeOther)
}

// saveLambang stores the lambang daerah (PNG) the kepala uploads; every kop
// prints it from then on.
func (s *Server) saveLambang(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	t, _ := tenantFrom(r.Context())
	r.Body = http.MaxBytesReader(w, r.Body, 2<<20)
	var png []byte
	if err := r.ParseMultipartForm(2 << 20); err == nil {
		if files, err := readFiles(r.MultipartForm, 1<<20); err == nil {
			png = files["lambang_daerah"].Content
		}
	}
	err := s.app.SetLambangDaerah(r.Context(), p, png)
	if e, ok := acctInvalid(err); ok {
		s.renderSettings(w, r, statusOf(e.Code), app.SettingsInputOf(t), acctForm(r, e))
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(r.Context(), tr(r, "settings.lambang_saved"))
	http.Redirect(w, r, "/"+t.Slug+"/kantor/pengaturan", http.StatusSeeOther)
}
