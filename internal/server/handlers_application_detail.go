package server

import (
	"encoding/hex"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/sla"
	"github.com/hakakses/hakakses/internal/workflow"
	"github.com/hakakses/hakakses/web"
)

// loadApplication resolves the {id} of the URL to an application the viewer may
// see and that belongs to the URL's tenant; otherwise it answers and returns false.
func (s *Server) loadApplication(w http.ResponseWriter, r *http.Request) (app.Principal, *app.Detail, bool) {
	p, _ := principalFrom(r.Context())
	id, ok := idParam(r, "id")
	if !ok {
		s.notFound(w, r)
		return p, nil, false
	}
	d, err := s.app.Application(r.Context(), p, id)
	if err != nil {
		s.fail(w, r, err)
		return p, nil, false
	}
	if t, ok := tenantFrom(r.Context()); ok && t.ID != d.App.TenantID {
		s.notFound(w, r)
		return p, nil, false
	}
	return p, d, true
}

// applicationDetail shows one application to any role that may see it.
func (s *Server) applicationDetail(w http.ResponseWriter, r *http.Request) {
	p, d, ok := s.loadApplication(w, r)
	if !ok {
		return
	}
	var failed *app.Error
	var act *app.Action
	if rf := s.takeRefused(r); rf != nil {
		failed = rf.err()
		if ev, ok := workflow.ValidEvent(rf.Event); ok {
			act = &app.Action{Event: ev, Form: rf.Values}
		}
	}
	v := s.detailView(r, p, d, failed, act)
	v.JustSubmitted = v.ReceiptHref != "" && s.justSubmitted(r, d.App.ID)
	s.render(w, r, http.StatusOK, web.AppDetailView(v))
}

// detailView builds the application page. failed/act, when set, re-fill the form
// the user just sent with its messages.
func (s *Server) detailView(r *http.Request, p app.Principal, d *app.Detail, failed *app.Error, act *app.Action) web.AppDetail {
	loc := d.Tenant.Location()
	state := d.State
	base := s.appBase(r, p, d.App.ID)
	v := web.AppDetail{Page: s.page(r, tr(r, "apps.detail.title", "Number", d.App.Number)), ID: d.App.ID, Number: d.App.Number, StateLabel: stateLabel(r, state),
		StateClass: stateClass(state), WaitingOn: partyLabel(r, state.WaitingOn()), Version: d.App.Version, BaseHref: base,
		TrackingCode: d.TrackingCode, Fields: map[string]string{}, Draft: state == workflow.Draft}
	if failed != nil {
		v.Error, v.Fields = failed.Message, failed.Fields
		if v.Fields == nil {
			v.Fields = map[string]string{}
		}
	}
	if p.Role == workflow.RoleLembaga {
		if state == workflow.Draft || state == workflow.Returned {
			v.EditHref = base + "/ubah"
		}
		if d.App.SubmittedAt != nil && state != workflow.Draft && state != workflow.Returned {
			v.ReceiptHref = base + "/bukti-pengajuan.pdf"
		}
		v.RenewURL, v.RenewLabel = renewURL(r, d, base)
	}
	if state == workflow.Returned {
		v.ReturnReason = d.LastReason(workflow.Return)
	}
	if state == workflow.Signed {
		if reason := d.LastReason(workflow.ReturnDWH); reason != "" {
			v.Notice = tr(r, "apps.detail.dwh_returned", "Reason", reason)
		}
	}
	in := d.Institution
	v.Institution = []web.KV{{Label: tr(r, "apps.kv.user_name"), Value: in.Name}, {Label: tr(r, "apps.kv.institution_type"), Value: translated(r, "inst_type."+string(in.Type), in.Type.Label())},
		{Label: tr(r, "apps.kv.head"), Value: strings.TrimSpace(in.HeadName + ", " + in.HeadPosition)}, {Label: "Disdukcapil", Value: d.Tenant.Name}}
	methods := []string{}
	for _, m := range d.App.AccessMethods {
		methods = append(methods, methodLabel(r, m))
	}
	term := ""
	if d.App.TermMonths > 0 {
		term = tr(r, "apps.kv.months", "Count", d.App.TermMonths)
	}
	v.Items = []web.KV{{Label: tr(r, "apps.kv.purpose"), Value: orDash(d.App.Purpose)}, {Label: tr(r, "apps.kv.methods"), Value: orDash(strings.Join(methods, ", "))},
		{Label: tr(r, "apps.kv.return_data"), Value: orDash(d.App.ReturnData)}, {Label: tr(r, "apps.kv.term"), Value: orDash(term)}}
	for _, e := range d.Elements {
		v.Elements = append(v.Elements, web.ElementVM{Letter: e.Letter, Name: elementName(r, e.Code, e.Name), Protected: e.Protected, Justification: e.Justification})
	}
	v.IPAddresses = d.App.IPAddresses
	for _, u := range d.UserIDs {
		label := u.ID
		if u.Category != "" {
			label += " (" + u.Category + ")"
		}
		v.UserIDs = append(v.UserIDs, label)
	}
	if !d.App.PKSStart.IsZero() && !d.App.PKSEnd.IsZero() {
		v.Agreement = append(v.Agreement, web.KV{Label: tr(r, "apps.kv.validity"), Value: tr(r, "apps.kv.validity_value",
			"From", fmtOf(r).Date(d.App.PKSStart.At(0, time.UTC)), "To", fmtOf(r).Date(d.App.PKSEnd.At(0, time.UTC)))})
	}
	if rs := d.Reports; rs != nil {
		status := tr(r, "apps.kv.reports_value", "Filed", rs.Filed, "Due", rs.Due)
		if !rs.NextDue.IsZero() {
			status += tr(r, "apps.kv.reports_next", "Date", fmtOf(r).Date(rs.NextDue))
		}
		v.Agreement = append(v.Agreement, web.KV{Label: tr(r, "apps.kv.reports"), Value: status})
		if rs.Overdue() {
			v.Notice = tr(r, "apps.kv.reports_overdue", "Count", rs.Due-rs.Filed)
		}
	}
	if d.App.ReceiptAcknowledgedAt != nil {
		v.Agreement = append(v.Agreement, web.KV{Label: tr(r, "apps.kv.receipt"), Value: whenIn(r, *d.App.ReceiptAcknowledgedAt, loc)})
	}
	v.Agreement = append(v.Agreement, paperIdentities(r, d)...)
	if d.DataBalikanUser != nil {
		v.DataBalikan = d.DataBalikanUser.ID
	}
	v.Timeline = stageSteps(r, d.Stages)
	day := d.Calendar.Hours().Length()
	for _, c := range d.Clocks {
		label, class := slaStatus(r, c.Status)
		clock := translated(r, "clock."+string(c.Kind), c.Kind.Label())
		if c.IsRunning() {
			left := tr(r, "apps.clock.left", "Span", workingSpan(r, c.Remaining, day))
			if c.Status == sla.Overdue {
				left = tr(r, "apps.clock.overdue", "Span", workingSpan(r, c.Remaining, day))
			}
			v.SLA = &web.SLAView{Clock: clock, StatusLabel: label, StatusClass: class, Due: whenIn(r, c.Due, loc), Left: left}
		}
		row := web.ClockRow{Clock: clock, Started: whenIn(r, c.Started, loc), Due: whenIn(r, c.Due, loc), StatusLabel: label, StatusClass: class}
		if !c.Stopped.IsZero() {
			row.Stopped = whenIn(r, c.Stopped, loc)
		}
		v.PastClocks = append(v.PastClocks, row)
	}
	// After a return the same step runs again: say which round each row is.
	rounds, seen := map[string]int{}, map[string]int{}
	for _, c := range v.PastClocks {
		rounds[c.Clock]++
	}
	for i, c := range v.PastClocks {
		if rounds[c.Clock] > 1 {
			seen[c.Clock]++
			v.PastClocks[i].Clock = tr(r, "apps.clock.round", "Clock", c.Clock, "N", seen[c.Clock])
		}
	}
	for _, party := range []workflow.Party{workflow.PartyLembaga, workflow.PartyDisdukcapil, workflow.PartyDirjen, workflow.PartyBoth} {
		if days, ok := d.Waiting[party]; ok && days > 0 {
			v.Waiting = append(v.Waiting, web.KV{Label: partyLabel(r, party), Value: tr(r, "apps.detail.workdays", "Days", fmtOf(r).Decimal(days, 1))})
		}
	}
	if len(d.MissingYears) > 0 {
		v.MissingYears = tr(r, "apps.detail.missing_years", "Years", fmt.Sprint(d.MissingYears))
	}
	for _, doc := range d.Documents {
		v.Documents = append(v.Documents, web.DocRow{Kind: doc.Kind, Label: documentLabel(r, doc.Kind), Version: doc.Version, Filename: doc.Filename,
			Href: fmt.Sprintf("%s/dokumen/%d", base, doc.ID), Size: sizeText(doc.SizeBytes), SHA256: hex.EncodeToString(doc.SHA256)[:16] + "…",
			Generated: doc.Generated, Created: whenIn(r, doc.CreatedAt, loc), Latest: d.Latest[doc.Kind].ID == doc.ID})
	}
	for i := len(d.Agreements) - 1; i > 0; i-- {
		from, to := d.Agreements[i].Version, d.Agreements[i-1].Version
		v.DiffLinks = append(v.DiffLinks, web.DiffLink{Label: tr(r, "apps.diff.link", "From", from, "To", to), Href: fmt.Sprintf("%s/pks/banding?dari=%d&ke=%d", base, from, to)})
	}
	for _, e := range d.History {
		h := web.HistoryRow{At: whenIn(r, e.At, loc), Actor: e.Actor, Role: roleLabel(r, e.Role), Label: translated(r, "event."+e.Event, e.Label),
			From: stateLabel(r, e.From), To: stateLabel(r, e.To)}
		if e.From == "" {
			h.From, h.To = "", ""
		}
		for _, x := range e.Details {
			h.Details = append(h.Details, web.KV{Label: translated(r, "detail."+e.Event+"."+x.Key, x.Label), Value: historyValue(r, x.Value)})
		}
		v.History = append(v.History, h)
	}
	for _, f := range d.ActionForms(act) {
		v.Actions = append(v.Actions, actionFormView(r, f))
	}
	reportChoices(r, d, v.Actions)
	linkFormats(p, d, base, v.Actions)
	if p.Role == workflow.RolePetugas || p.Role == workflow.RoleKepala {
		linkPreview(base, v.Actions)
	}
	v.RemoveAction = base + "/lampiran/hapus"
	if err := s.showPending(r, p, d, v.Actions); err != nil {
		s.log.WarnContext(r.Context(), "pending uploads", "application", d.App.ID, "err", err)
	}
	if failed != nil {
		ev := ""
		if act != nil {
			ev = string(act.Event)
		}
		v.Summary = errorSummary(failed, actionAnchors(v.Actions, ev))
	}
	if p.Role == workflow.RoleLembaga && (state == workflow.Draft || state == workflow.Returned) {
		v.Checklist = submitChecklist(r, d, base+"/ubah")
	}
	v.After = s.afterSigningView(r, p, d, base)
	return v
}

// actionFormView is an action form as the page renders it, its texts in the
// request's language (keys: app.ActionTexts).
func actionFormView(r *http.Request, f app.ActionForm) web.ActionForm {
	ev := string(f.Event)
	out := web.ActionForm{Event: ev, Label: actionLabel(r, f.Event, f.Label), Help: translated(r, "help."+ev, f.Help), Danger: f.Danger,
		Confirm: translated(r, "confirm."+ev, f.Confirm), Open: f.Open}
	for _, x := range f.Fields {
		// A label worded for a legal entity (labelFor) has its own key.
		label := translatedOneOf(r, x.Label, "field."+ev+"."+x.Name, "field."+ev+"."+x.Name+"."+string(workflow.BadanHukum))
		if x.Kind == app.KindFile {
			label = documentLabel(r, x.Name)
		}
		ff := web.FormField{Kind: string(x.Kind), Name: x.Name, ID: x.Key, Label: label, Hint: translated(r, "hint."+ev+"."+x.Name, x.Hint),
			Required: x.Required, Value: x.Value, Accept: x.Accept, Stored: x.Stored}
		for _, c := range x.Choices {
			ff.Options = append(ff.Options, web.Option{Value: c.Value, Label: translated(r, "choice."+ev+"."+x.Name+"."+c.Value, c.Label), Selected: c.Value == x.Value})
		}
		for _, it := range x.Items {
			ff.Items = append(ff.Items, web.ClauseField{Key: it.Key, Title: it.Title, Body: it.Body, Rows: textRows(it.Body)})
		}
		out.Fields = append(out.Fields, ff)
	}
	return out
}

// textRows sizes a clause's textarea to its text, up to 18 rows.
func textRows(body string) int {
	return min(strings.Count(body, "\n")+2+len(body)/90, 18)
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

// paperText is a recorded paper as the page names it: its number, and its date
// when recorded.
func paperText(r *http.Request, p app.Paper) string {
	if p.Date.IsZero() {
		return p.Number
	}
	return tr(r, "apps.paper.dated", "Number", p.Number, "Date", fmtOf(r).Date(p.Date))
}

// paperIdentities lists the numbers the application's papers carry, as
// recorded: the lembaga's request letter, the signed PKS and Juknis, the
// closed-network statement. An application from before they were asked for
// says what is still missing.
func paperIdentities(r *http.Request, d *app.Detail) []web.KV {
	date := fmtOf(r).Date
	var out []web.KV
	if p := d.Papers.RequestLetter; p.Number != "" {
		out = append(out, web.KV{Label: tr(r, "apps.paper.request_letter"), Value: paperText(r, p)})
	} else if d.State != workflow.Draft {
		out = append(out, web.KV{Label: tr(r, "apps.paper.request_letter"), Value: tr(r, "apps.paper.request_missing")})
	}
	if s := d.Signing; s != nil {
		nums := func(a, b string) string {
			var parts []string
			for _, p := range []string{a, b} {
				if p != "" {
					parts = append(parts, p)
				}
			}
			if len(parts) == 0 {
				return tr(r, "apps.paper.numbers_missing")
			}
			return strings.Join(parts, tr(r, "apps.paper.and"))
		}
		out = append(out,
			web.KV{Label: tr(r, "apps.paper.pks_number"), Value: nums(s.PKSNumberDisdukcapil, s.PKSNumberLembaga)},
			web.KV{Label: tr(r, "apps.paper.juknis_number"), Value: nums(s.JuknisNumberDisdukcapil, s.JuknisNumberLembaga)},
			web.KV{Label: tr(r, "apps.paper.signed_on"), Value: date(s.SignedOn)})
		signer := s.KepalaName
		if s.KepalaActing != "" {
			signer = s.KepalaActing + " " + signer + " (NIP " + s.KepalaNIP + ")"
		}
		out = append(out, web.KV{Label: tr(r, "apps.paper.kepala"), Value: signer},
			web.KV{Label: tr(r, "apps.paper.counterparty"), Value: strings.TrimSpace(s.CounterpartyName + " " + s.CounterpartyPosition)})
	}
	if p := d.Papers.ClosedNetworkStatement; p.Number != "" {
		out = append(out, web.KV{Label: tr(r, "apps.paper.closed_network"), Value: paperText(r, p)})
	}
	return out
}

// submitChecklist is the draft's completeness as the submit guard sees it, one
// line per part of the form, each missing one linked to its field.
func submitChecklist(r *http.Request, d *app.Detail, formHref string) []web.CheckItem {
	problems := map[string][]string{}
	for _, pr := range d.SubmitProblems() {
		k := pr.Field
		if i := strings.IndexByte(k, '.'); i > 0 {
			k = k[:i]
		}
		problems[k] = append(problems[k], pr.Message)
	}
	items := []struct{ key, label, anchor string }{
		{"institution_verified", tr(r, "apps.check.institution_verified"), ""},
		{"purpose", tr(r, "apps.check.purpose"), "purpose"},
		{"data_elements", tr(r, "apps.check.data_elements"), "data_elements"},
		{"access_methods", tr(r, "apps.check.access_methods"), "access_methods"},
		{"return_data", tr(r, "apps.check.return_data"), "return_data"},
		{"term_months", tr(r, "apps.check.term_months"), "term_months"},
		{"request_letter", tr(r, "apps.check.request_letter"), app.DocRequestLetter},
		{"request_letter_number", tr(r, "apps.check.request_letter_number"), "request_letter_number"},
		{"request_letter_date", tr(r, "apps.check.request_letter_date"), "request_letter_date"},
	}
	if d.Institution.Type == workflow.BadanHukum {
		items = append(items, struct{ key, label, anchor string }{"legal_documents", tr(r, "apps.check.legal_documents"), app.DocAktaPendirian},
			struct{ key, label, anchor string }{"eligibility_statement", tr(r, "apps.check.eligibility_statement"), app.DocEligibility},
			struct{ key, label, anchor string }{"recommendation", tr(r, "apps.check.recommendation"), app.DocRecommendation},
			struct{ key, label, anchor string }{"recommended_by", tr(r, "apps.check.recommended_by"), "recommended_by"})
	}
	var out []web.CheckItem
	for _, it := range items {
		c := web.CheckItem{Label: it.label, Done: len(problems[it.key]) == 0}
		if !c.Done {
			c.Problem = strings.Join(problems[it.key], "; ")
			if it.anchor != "" {
				c.Href = formHref + "#" + it.anchor
			}
		}
		out = append(out, c)
	}
	return out
}
