package server

import (
	"encoding/hex"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/idfmt"
	"github.com/hakakses/hakakses/internal/letters"
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
	v := web.AppDetail{Page: s.page(r, "Permohonan "+d.App.Number), ID: d.App.ID, Number: d.App.Number, StateLabel: state.Label(),
		StateClass: stateClass(state), WaitingOn: state.WaitingOn().Label(), Version: d.App.Version, BaseHref: base,
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
		v.RenewURL, v.RenewLabel = renewURL(d, base)
	}
	if state == workflow.Returned {
		v.ReturnReason = d.LastReason(workflow.Return)
	}
	if state == workflow.Signed {
		if reason := d.LastReason(workflow.ReturnDWH); reason != "" {
			v.Notice = "Permohonan akses DWH dikembalikan Dirjen: " + reason
		}
	}
	in := d.Institution
	v.Institution = []web.KV{{Label: "a. Nama pengguna", Value: in.Name}, {Label: "Jenis lembaga", Value: in.Type.Label()},
		{Label: "Pimpinan", Value: strings.TrimSpace(in.HeadName + ", " + in.HeadPosition)}, {Label: "Disdukcapil", Value: d.Tenant.Name}}
	methods := []string{}
	for _, m := range d.App.AccessMethods {
		methods = append(methods, m.Label())
	}
	term := ""
	if d.App.TermMonths > 0 {
		term = fmt.Sprintf("%d bulan", d.App.TermMonths)
	}
	v.Items = []web.KV{{Label: "b. Tujuan pemanfaatan", Value: orDash(d.App.Purpose)}, {Label: "d. Metode akses", Value: orDash(strings.Join(methods, ", "))},
		{Label: "e. Data balikan", Value: orDash(d.App.ReturnData)}, {Label: "f. Jangka waktu perjanjian", Value: orDash(term)}}
	for _, e := range d.Elements {
		v.Elements = append(v.Elements, web.ElementVM{Letter: e.Letter, Name: e.Name, Protected: e.Protected, Justification: e.Justification})
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
		v.Agreement = append(v.Agreement, web.KV{Label: "Masa berlaku",
			Value: letters.FormatDate(d.App.PKSStart.At(0, time.UTC)) + " s.d. " + letters.FormatDate(d.App.PKSEnd.At(0, time.UTC))})
	}
	if rs := d.Reports; rs != nil {
		status := fmt.Sprintf("%d dari %d laporan yang jatuh tempo telah diterima", rs.Filed, rs.Due)
		if !rs.NextDue.IsZero() {
			status += "; berikutnya paling lambat " + letters.FormatDate(rs.NextDue)
		}
		v.Agreement = append(v.Agreement, web.KV{Label: "Laporan semester", Value: status})
		if rs.Overdue() {
			v.Notice = fmt.Sprintf("Laporan penggunaan semester terlambat: %d laporan jatuh tempo belum diterima. Laporan yang sangat terlambat dapat berujung pada pencabutan hak akses.", rs.Due-rs.Filed)
		}
	}
	if d.App.ReceiptAcknowledgedAt != nil {
		v.Agreement = append(v.Agreement, web.KV{Label: "Tanda terima User ID", Value: when(*d.App.ReceiptAcknowledgedAt, loc)})
	}
	v.Agreement = append(v.Agreement, paperIdentities(d)...)
	if d.DataBalikanUser != nil {
		v.DataBalikan = d.DataBalikanUser.ID
	}
	v.Timeline = stageSteps(r, d.Stages)
	day := d.Calendar.Hours().Length()
	for _, c := range d.Clocks {
		label, class := slaStatus(c.Status)
		if c.IsRunning() {
			left := "Sisa " + workingSpan(c.Remaining, day)
			if c.Status == sla.Overdue {
				left = "Terlambat " + workingSpan(c.Remaining, day)
			}
			v.SLA = &web.SLAView{Clock: c.Kind.Label(), StatusLabel: label, StatusClass: class, Due: when(c.Due, loc), Left: left}
		}
		row := web.ClockRow{Clock: c.Kind.Label(), Started: when(c.Started, loc), Due: when(c.Due, loc), StatusLabel: label, StatusClass: class}
		if !c.Stopped.IsZero() {
			row.Stopped = when(c.Stopped, loc)
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
			v.PastClocks[i].Clock = fmt.Sprintf("%s (putaran %d)", c.Clock, seen[c.Clock])
		}
	}
	for _, party := range []workflow.Party{workflow.PartyLembaga, workflow.PartyDisdukcapil, workflow.PartyDirjen, workflow.PartyBoth} {
		if days, ok := d.Waiting[party]; ok && days > 0 {
			v.Waiting = append(v.Waiting, web.KV{Label: party.Label(), Value: idfmt.Decimal(days, 1) + " hari kerja"})
		}
	}
	if len(d.MissingYears) > 0 {
		v.MissingYears = "Perhatian: data hari libur nasional untuk tahun " + fmt.Sprint(d.MissingYears) + " belum diisi; tenggat dihitung tanpa hari libur nasional."
	}
	for _, doc := range d.Documents {
		v.Documents = append(v.Documents, web.DocRow{Kind: doc.Kind, Label: app.DocumentLabel(doc.Kind), Version: doc.Version, Filename: doc.Filename,
			Href: fmt.Sprintf("%s/dokumen/%d", base, doc.ID), Size: sizeText(doc.SizeBytes), SHA256: hex.EncodeToString(doc.SHA256)[:16] + "…",
			Generated: doc.Generated, Created: when(doc.CreatedAt, loc), Latest: d.Latest[doc.Kind].ID == doc.ID})
	}
	for i := len(d.Agreements) - 1; i > 0; i-- {
		from, to := d.Agreements[i].Version, d.Agreements[i-1].Version
		v.DiffLinks = append(v.DiffLinks, web.DiffLink{Label: fmt.Sprintf("Bandingkan PKS versi %d → %d", from, to), Href: fmt.Sprintf("%s/pks/banding?dari=%d&ke=%d", base, from, to)})
	}
	for _, e := range d.History {
		h := web.HistoryRow{At: when(e.At, loc), Actor: e.Actor, Role: e.Role.Label(), Label: e.Label, From: e.From.Label(), To: e.To.Label()}
		if e.From == "" {
			h.From, h.To = "", ""
		}
		for _, x := range e.Details {
			h.Details = append(h.Details, web.KV{Label: x.Label, Value: idfmt.ISODateText(x.Value)})
		}
		v.History = append(v.History, h)
	}
	for _, f := range d.ActionForms(act) {
		v.Actions = append(v.Actions, actionFormView(f))
	}
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
		v.Checklist = submitChecklist(d, base+"/ubah")
	}
	v.After = s.afterSigningView(p, d, base)
	return v
}

// actionFormView is an action form as the page renders it.
func actionFormView(f app.ActionForm) web.ActionForm {
	out := web.ActionForm{Event: string(f.Event), Label: f.Label, Help: f.Help, Danger: f.Danger, Confirm: f.Confirm, Open: f.Open}
	for _, x := range f.Fields {
		ff := web.FormField{Kind: string(x.Kind), Name: x.Name, ID: x.Key, Label: x.Label, Hint: x.Hint, Required: x.Required,
			Value: x.Value, Accept: x.Accept, Stored: x.Stored}
		for _, c := range x.Choices {
			ff.Options = append(ff.Options, web.Option{Value: c.Value, Label: c.Label, Selected: c.Value == x.Value})
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
func paperText(p app.Paper) string {
	if p.Date.IsZero() {
		return p.Number
	}
	return p.Number + " tanggal " + letters.FormatDate(p.Date)
}

// paperIdentities lists the numbers the application's papers carry, as
// recorded: the lembaga's request letter, the signed PKS and Juknis, the
// closed-network statement. An application from before they were asked for
// says what is still missing.
func paperIdentities(d *app.Detail) []web.KV {
	var out []web.KV
	if p := d.Papers.RequestLetter; p.Number != "" {
		out = append(out, web.KV{Label: "Surat permohonan lembaga", Value: paperText(p)})
	} else if d.State != workflow.Draft {
		out = append(out, web.KV{Label: "Surat permohonan lembaga", Value: "Nomor dan tanggal belum tercatat; lengkapi sebelum diteruskan"})
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
				return "belum tercatat; lengkapi sebelum permohonan akses DWH"
			}
			return strings.Join(parts, " dan ")
		}
		out = append(out,
			web.KV{Label: "Nomor PKS", Value: nums(s.PKSNumberDisdukcapil, s.PKSNumberLembaga)},
			web.KV{Label: "Nomor Juknis", Value: nums(s.JuknisNumberDisdukcapil, s.JuknisNumberLembaga)},
			web.KV{Label: "Tanggal penandatanganan", Value: letters.FormatDate(s.SignedOn)})
		signer := s.KepalaName
		if s.KepalaActing != "" {
			signer = s.KepalaActing + " " + signer + " (NIP " + s.KepalaNIP + ")"
		}
		out = append(out, web.KV{Label: "Penanda tangan Disdukcapil", Value: signer},
			web.KV{Label: "Penanda tangan lembaga", Value: strings.TrimSpace(s.CounterpartyName + " " + s.CounterpartyPosition)})
	}
	if p := d.Papers.ClosedNetworkStatement; p.Number != "" {
		out = append(out, web.KV{Label: "Surat Pernyataan Jaringan Tertutup", Value: paperText(p)})
	}
	return out
}

// submitChecklist is the draft's completeness as the submit guard sees it, one
// line per part of the form, each missing one linked to its field.
func submitChecklist(d *app.Detail, formHref string) []web.CheckItem {
	problems := map[string][]string{}
	for _, pr := range d.SubmitProblems() {
		k := pr.Field
		if i := strings.IndexByte(k, '.'); i > 0 {
			k = k[:i]
		}
		problems[k] = append(problems[k], pr.Message)
	}
	items := []struct{ key, label, anchor string }{
		{"institution_verified", "Lembaga terverifikasi oleh Disdukcapil", ""},
		{"purpose", "b. Tujuan pemanfaatan", "purpose"},
		{"data_elements", "c. Elemen data (dan alasan untuk data Pasal 84)", "data_elements"},
		{"access_methods", "d. Metode akses", "access_methods"},
		{"return_data", "e. Data balikan", "return_data"},
		{"term_months", "f. Jangka waktu perjanjian", "term_months"},
		{"request_letter", "Surat permohonan bertanda tangan pimpinan (PDF)", app.DocRequestLetter},
		{"request_letter_number", "Nomor surat permohonan lembaga", "request_letter_number"},
		{"request_letter_date", "Tanggal surat permohonan lembaga", "request_letter_date"},
	}
	if d.Institution.Type == workflow.BadanHukum {
		items = append(items, struct{ key, label, anchor string }{"legal_documents", "Dokumen badan hukum (akta, SK Kemenkumham, izin usaha, domisili)", app.DocAktaPendirian},
			struct{ key, label, anchor string }{"eligibility_statement", "Surat pernyataan badan hukum bertanda tangan pimpinan (butir 11b)", app.DocEligibility},
			struct{ key, label, anchor string }{"recommendation", "Surat rekomendasi instansi pembina/pengawas (butir 11b)", app.DocRecommendation},
			struct{ key, label, anchor string }{"recommended_by", "Instansi pemberi rekomendasi (butir 11b)", "recommended_by"})
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
