package server

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/workflow"
	"github.com/hakakses/hakakses/web"
)

// afterSigningView shapes the agreement's life after signing for the detail page.
func (s *Server) afterSigningView(r *http.Request, p app.Principal, d *app.Detail, base string) web.AfterSigningView {
	loc := d.Tenant.Location()
	date := fmtOf(r).Date
	state := d.State
	var v web.AfterSigningView
	after := d.After
	staff := p.Role == workflow.RolePetugas || p.Role == workflow.RoleKepala

	if len(d.Agreements) > 0 && p.Role != workflow.RoleDirjen {
		n := &web.NegotiationView{Version: d.Agreements[0].Version, PostHref: base + "/komentar"}
		n.CanComment = (p.Role == workflow.RoleLembaga || staff) && state.InNegotiation()
		if after.Agreed > 0 {
			n.Agreed = tr(r, "apps.after.agreed", "Version", after.Agreed)
		}
		for i := 1; i <= 30; i++ {
			n.Pasals = append(n.Pasals, web.Option{Value: strconv.Itoa(i), Label: tr(r, "apps.after.pasal_option", "N", i)})
		}
		for _, c := range after.Comments {
			where := tr(r, "apps.after.where", "Document", strings.ToUpper(c.Document), "Version", c.Version)
			if c.Pasal > 0 {
				where += tr(r, "apps.after.where_pasal", "N", c.Pasal)
			}
			n.Comments = append(n.Comments, web.CommentVM{Where: where, Author: c.AuthorName + " (" + roleLabel(r, c.AuthorRole) + ")",
				Body: c.Body, At: whenIn(r, c.CreatedAt, loc)})
		}
		if n.CanComment || len(n.Comments) > 0 {
			v.Negotiation = n
		}
	}
	if staff {
		sn := &web.StaffNotesView{PostHref: base + "/catatan"}
		for _, c := range after.StaffNotes {
			sn.Notes = append(sn.Notes, web.CommentVM{Author: c.AuthorName, Body: c.Body, At: whenIn(r, c.CreatedAt, loc)})
		}
		v.StaffNotes = sn
	}
	if rs := d.Reports; rs != nil {
		reasons := map[string]string{}
		for _, rep := range after.Reports {
			if rep.Review == workflow.ReviewReturned {
				reasons[rep.Semester] = tr(r, "apps.after.returned", "Reason", rep.ReviewReason)
			}
		}
		for _, sem := range rs.Schedule {
			row := web.ReportRowVM{Semester: semesterLabel(r, sem.Semester), Period: date(sem.From) + " – " + date(sem.To),
				Due: date(sem.Due), State: translated(r, "report."+string(sem.State), sem.State.Label()), Class: reportClasses[sem.State]}
			var details []string
			if sem.Late {
				details = append(details, tr(r, "apps.after.late"))
			}
			if why := reasons[sem.Key()]; why != "" && sem.State != workflow.ReportAccepted {
				details = append(details, why)
			}
			row.Detail = strings.Join(details, "; ")
			v.Reports = append(v.Reports, row)
		}
	}
	for _, sn := range after.Sanctions {
		row := web.SanctionRowVM{Kind: translated(r, "sanction."+string(sn.Kind), sn.Kind.Label()), UserIDs: strings.Join(sn.UserIDs, ", "),
			Letter: sn.LetterNumber, At: whenIn(r, sn.ImposedAt, loc), By: roleLabel(r, sn.ImposedRole), Ground: sn.GroundText}
		if sn.Ground != "" {
			row.Ground = groundText(r, sn.Ground, sn.GroundMonths, sn.GroundText)
		}
		v.Sanctions = append(v.Sanctions, row)
	}
	statuses := map[string]string{"requested": tr(r, "apps.after.status_requested"), "returned": tr(r, "apps.after.status_returned"),
		"rejected": tr(r, "apps.after.status_rejected"), "signed": tr(r, "apps.after.status_signed")}
	for _, a := range after.Addenda {
		var changes []string
		if a.Purpose != "" {
			changes = append(changes, tr(r, "apps.after.change_purpose"))
		}
		if a.AddsElements {
			changes = append(changes, tr(r, "apps.after.change_elements"))
		}
		if a.IPAddresses != nil {
			changes = append(changes, tr(r, "apps.after.change_ips", "IPs", strings.Join(a.IPAddresses, ", ")))
		}
		if a.AddUserIDs > 0 {
			changes = append(changes, tr(r, "apps.after.change_user_ids", "Count", a.AddUserIDs))
		}
		v.Addenda = append(v.Addenda, web.AddendumRowVM{Title: tr(r, "apps.after.addendum_title", "N", a.Seq), Status: statuses[a.Status],
			Change: strings.Join(changes, "; "), Number: a.Number})
	}
	for _, dl := range after.Deliveries {
		v.Deliveries = append(v.Deliveries, web.DeliveryRowVM{Period: date(dl.PeriodStart) + " – " + date(dl.PeriodEnd),
			Channel: translated(r, "channel."+dl.Channel, workflow.ChannelLabel(dl.Channel)), Records: strconv.Itoa(dl.Records)})
	}
	if staff && state.IsInForce() {
		// Data balikan is owed at least each semester, with the report.
		if len(after.Deliveries) == 0 {
			v.Behind = tr(r, "apps.after.no_deliveries")
		} else if last := after.Deliveries[0].PeriodEnd; d.Now.Sub(last) > 183*24*time.Hour {
			v.Behind = tr(r, "apps.after.behind", "Date", date(last))
		}
	}
	if !d.App.PKSEnd.IsZero() && p.Role == workflow.RoleLembaga {
		lastDay := d.App.PKSEnd.At(0, loc)
		if state == workflow.Active && workflow.RenewalOffered(state, lastDay, d.Now) {
			v.RenewNotice = tr(r, "apps.after.renew_notice", "Date", date(lastDay))
		}
	}
	return v
}

// reportClasses colour a semester report's state; the others stay plain.
var reportClasses = map[workflow.ReportState]string{
	workflow.ReportAccepted: "ok",
	workflow.ReportOverdue:  "bad",
	workflow.ReportReturned: "warn",
	workflow.ReportFiled:    "warn",
}

// renewURL offers a renewal from three months before the end (or once
// expired) and a copy-as-new of a rejected or withdrawn request.
func renewURL(r *http.Request, d *app.Detail, base string) (string, string) {
	state := d.State
	if workflow.CanCopy(state) {
		return base + "/perpanjang", tr(r, "apps.after.copy")
	}
	if d.App.PKSEnd.IsZero() {
		return "", ""
	}
	lastDay := d.App.PKSEnd.At(0, d.Tenant.Location())
	if workflow.RenewalOffered(state, lastDay, d.Now) {
		return base + "/perpanjang", tr(r, "apps.after.renew")
	}
	return "", ""
}

// addComment posts a comment on the drafts.
func (s *Server) addComment(w http.ResponseWriter, r *http.Request) {
	s.postOnApplication(w, r, tr(r, "apps.after.comment_saved"), func(p app.Principal, id int64, form url.Values) error {
		pasal, _ := strconv.Atoi(form.Get("pasal"))
		return s.app.AddComment(r.Context(), p, id, form.Get("document"), pasal, form.Get("comment"), nil)
	})
}

// addStaffNote posts an office-internal note.
func (s *Server) addStaffNote(w http.ResponseWriter, r *http.Request) {
	s.postOnApplication(w, r, tr(r, "apps.after.note_saved"), func(p app.Principal, id int64, form url.Values) error {
		return s.app.AddStaffNote(r.Context(), p, id, form.Get("note"))
	})
}

// postOnApplication adds something to an application the caller may see (post
// writes it from the form), then returns to its page with done as the flash.
func (s *Server) postOnApplication(w http.ResponseWriter, r *http.Request, done string,
	post func(p app.Principal, id int64, form url.Values) error) {
	p, d, ok := s.loadApplication(w, r)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, app.Invalid(tr(r, "apps.after.form_unreadable"), nil))
		return
	}
	if err := post(p, d.App.ID, r.PostForm); err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(r.Context(), done)
	http.Redirect(w, r, s.appBase(r, p, d.App.ID), http.StatusSeeOther)
}

// semesterLabel is "Semester I 2026" / "First half of 2026".
func semesterLabel(r *http.Request, s workflow.Semester) string {
	if s.Half == 2 {
		return tr(r, "apps.after.semester2", "Year", s.Year)
	}
	return tr(r, "apps.after.semester1", "Year", s.Year)
}

// groundText is a sanction's ground as workflow.SanctionGround.Describe words
// it, in the request's language.
func groundText(r *http.Request, g workflow.SanctionGround, months int, text string) string {
	switch g {
	case workflow.GroundLateReport:
		return tr(r, "apps.after.ground_late", "Months", months)
	case workflow.GroundOther:
		return g.Describe(months, text)
	}
	return translated(r, "ground."+string(g), g.Label())
}

// reportChoices words the choices the report forms list for this application
// (app: openSemesterChoices, pendingReportChoices) in the request's language:
// a semester to report with its due date, a filed report with its date. Their
// values are the semester's key and the report's id, from which the English
// is rebuilt; Indonesian keeps the app's own wording.
func reportChoices(r *http.Request, d *app.Detail, forms []web.ActionForm) {
	if web.Lang(r.Context()) != "en" {
		return
	}
	date := fmtOf(r).Date
	semesters := map[string]workflow.Semester{}
	if d.Reports != nil {
		for _, st := range d.Reports.Schedule {
			semesters[st.Key()] = st.Semester
		}
	}
	filed := map[string]time.Time{}
	filedSemester := map[string]string{}
	for _, rep := range d.After.Reports {
		id := strconv.FormatInt(rep.ID, 10)
		filed[id], filedSemester[id] = rep.FiledAt, rep.Semester
	}
	for i, f := range forms {
		for j, x := range f.Fields {
			for k, o := range x.Options {
				switch x.Name {
				case "semester":
					if sem, ok := semesters[o.Value]; ok {
						forms[i].Fields[j].Options[k].Label = tr(r, "apps.choice.semester_due", "Semester", semesterLabel(r, sem), "Date", date(sem.Due))
					}
				case "report_id":
					if at, ok := filed[o.Value]; ok {
						forms[i].Fields[j].Options[k].Label = tr(r, "apps.choice.report", "Semester", semesterKeyLabel(r, filedSemester[o.Value]), "Date", date(at))
					}
				}
			}
		}
	}
}

// semesterKeyLabel names a semester stored by its key ("2027-1").
func semesterKeyLabel(r *http.Request, key string) string {
	var s workflow.Semester
	if _, err := fmt.Sscanf(key, "%d-%d", &s.Year, &s.Half); err != nil {
		return key
	}
	return semesterLabel(r, s)
}
