package server

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/letters"
	"github.com/hakakses/hakakses/internal/sla"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
	"github.com/hakakses/hakakses/web"
)

// appBase is where an application's pages live for the viewer's role.
func (s *Server) appBase(r *http.Request, p app.Principal, id int64) string {
	t, _ := tenantFrom(r.Context())
	switch p.Role {
	case workflow.RoleDirjen:
		return fmt.Sprintf("/dirjen/permohonan/%d", id)
	case workflow.RoleLembaga:
		return fmt.Sprintf("/%s/lembaga/permohonan/%d", t.SlugOrEmpty(), id)
	}
	return fmt.Sprintf("/%s/kantor/permohonan/%d", t.SlugOrEmpty(), id)
}

func idParam(r *http.Request, name string) (int64, bool) {
	id, err := strconv.ParseInt(chi.URLParam(r, name), 10, 64)
	return id, err == nil && id > 0
}

func pageParam(r *http.Request) int {
	n, _ := strconv.Atoi(r.URL.Query().Get("halaman"))
	return n
}

// pager builds previous/next links keeping the current filters.
func pager(r *http.Request, res app.ListResult) (prev, next string) {
	q := r.URL.Query()
	if res.Page > 1 {
		q.Set("halaman", strconv.Itoa(res.Page-1))
		prev = r.URL.Path + "?" + q.Encode()
	}
	if res.HasNext {
		q.Set("halaman", strconv.Itoa(res.Page+1))
		next = r.URL.Path + "?" + q.Encode()
	}
	return prev, next
}

// lembagaHome lists the institution's applications.
func (s *Server) lembagaHome(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	t, _ := tenantFrom(r.Context())
	res, err := s.app.MyApplications(r.Context(), p, pageParam(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	inst, err := s.app.MyInstitution(r.Context(), p)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := web.AppList{Page: s.page(r, "Permohonan saya"), Kind: "lembaga", Heading: "Permohonan hak akses " + inst.Name,
		Intro: "Susun, ajukan, dan pantau permohonan hak akses data kependudukan lembaga Anda.", PageNum: res.Page,
		CreateURL: "/" + t.SlugOrEmpty() + "/lembaga/permohonan"}
	switch inst.Status {
	case "pending":
		v.Notice = "Lembaga Anda sedang menunggu verifikasi petugas Disdukcapil. Anda sudah dapat menyusun draf, tetapi permohonan baru dapat diajukan setelah lembaga diverifikasi."
	case "refused":
		v.Notice = "Pendaftaran lembaga Anda ditolak: " + inst.StatusReason
		v.CreateURL = ""
	}
	v.PrevHref, v.NextHref = pager(r, res)
	v.Rows = s.rows(r, p, res.Rows, t.Location())
	s.render(w, r, http.StatusOK, web.AppListView(v))
}

func (s *Server) rows(r *http.Request, p app.Principal, rows []app.Row, loc *time.Location) []web.AppRow {
	out := make([]web.AppRow, 0, len(rows))
	for _, row := range rows {
		vr := web.AppRow{Href: s.appBase(r, p, row.ID), Number: row.Number, Institution: row.Institution, Tenant: row.TenantName,
			StateLabel: row.State.Label(), StateClass: stateClass(row.State), WaitingOn: row.State.WaitingOn().Label(),
			Since: when(row.StateSince, loc)}
		if row.SLADue != nil {
			vr.Clock, vr.ClockClass = clockText(row.Remaining, row.DayLength, row.Overdue)
		}
		out = append(out, vr)
	}
	return out
}

// officeHome is the staff work queue.
func (s *Server) officeHome(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	t, _ := tenantFrom(r.Context())
	q := r.URL.Query()
	f := app.QueueFilter{State: q.Get("tahap"), SLA: q.Get("tenggat"), Search: q.Get("q"), Page: pageParam(r)}
	res, err := s.app.Queue(r.Context(), p, f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := web.AppList{Page: s.page(r, "Antrean kerja"), Kind: "queue", Heading: "Antrean kerja Disdukcapil " + t.Name,
		Intro:   "Yang paling mendesak di atas. Tenggat dihitung dalam hari kerja (" + t.OfficeOpen + "–" + t.OfficeClose + " " + zoneAbbr[t.TimeZone] + ", tanpa hari libur nasional, cuti bersama, dan libur daerah).",
		PageNum: res.Page, Warning: res.Warning}
	v.Filters = web.ListFilters{Action: r.URL.Path, Search: f.Search, States: stateOptions(f.State, "Semua tahap (kecuali draf)"),
		SLA: []web.Option{{Value: "", Label: "Semua"}, {Value: "terlambat", Label: "Terlambat"}, {Value: "segera", Label: "Segera jatuh tempo (< 1 hari kerja)"}, {Value: "berjalan", Label: "Menunggu Disdukcapil"}}}
	for i := range v.Filters.SLA {
		v.Filters.SLA[i].Selected = v.Filters.SLA[i].Value == f.SLA
	}
	v.PrevHref, v.NextHref = pager(r, res)
	v.Rows = s.rows(r, p, res.Rows, t.Location())
	s.render(w, r, http.StatusOK, web.AppListView(v))
}

func stateOptions(selected, allLabel string) []web.Option {
	opts := []web.Option{{Value: "", Label: allLabel}}
	for _, st := range workflow.States {
		if st == workflow.Draft {
			continue
		}
		opts = append(opts, web.Option{Value: string(st), Label: st.Label(), Selected: string(st) == selected})
	}
	return opts
}

// dirjenHome is the national inbox.
func (s *Server) dirjenHome(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	q := r.URL.Query()
	f := app.InboxFilter{State: q.Get("tahap"), Tenant: q.Get("tenant"), Province: q.Get("provinsi"), Page: pageParam(r)}
	res, err := s.app.Inbox(r.Context(), p, f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	tenants, err := s.app.ActiveTenants(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	provinces, err := s.app.Provinces(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := web.AppList{Page: s.page(r, "Kotak masuk nasional"), Kind: "inbox", Heading: "Kotak masuk nasional Ditjen Dukcapil",
		Intro: "Permohonan yang diteruskan Disdukcapil seluruh kabupaten/kota; yang paling lama menunggu di atas.", PageNum: res.Page}
	states := []web.Option{{Value: "", Label: "Menunggu Dirjen"}, {Value: "semua", Label: "Semua tahap", Selected: f.State == "semua"}}
	for _, st := range workflow.States {
		if st == workflow.Draft || st == workflow.Submitted || st == workflow.Returned {
			continue
		}
		states = append(states, web.Option{Value: string(st), Label: st.Label(), Selected: string(st) == f.State})
	}
	v.Filters = web.ListFilters{Action: r.URL.Path, States: states, Tenants: []web.Option{{Value: "", Label: "Semua"}}, Provinces: []web.Option{{Value: "", Label: "Semua"}}}
	for _, t := range tenants {
		v.Filters.Tenants = append(v.Filters.Tenants, web.Option{Value: t.SlugOrEmpty(), Label: t.Name, Selected: t.SlugOrEmpty() == f.Tenant})
	}
	for _, pr := range provinces {
		v.Filters.Provinces = append(v.Filters.Provinces, web.Option{Value: pr[0], Label: pr[1], Selected: pr[0] == f.Province})
	}
	v.PrevHref, v.NextHref = pager(r, res)
	loc, _ := time.LoadLocation("Asia/Jakarta")
	v.Rows = s.rows(r, p, res.Rows, loc)
	s.render(w, r, http.StatusOK, web.AppListView(v))
}

// createApplication starts a draft (or a renewal) and opens its form.
func (s *Server) createApplication(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	var renewal int64
	if id, ok := idParam(r, "id"); ok {
		renewal = id
	}
	id, err := s.app.CreateDraft(r.Context(), p, renewal)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if renewal > 0 {
		s.flash(r.Context(), "Draf perpanjangan dibuat dari perjanjian sebelumnya. Periksa isiannya lalu ajukan.")
	}
	http.Redirect(w, r, s.appBase(r, p, id)+"/ubah", http.StatusSeeOther)
}

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
	s.render(w, r, http.StatusOK, web.AppDetailView(s.detailView(r, p, d, nil, nil)))
}

// detailView builds the application page. failed/act, when set, re-fill the form
// the user just sent with its messages.
func (s *Server) detailView(r *http.Request, p app.Principal, d *app.Detail, failed *app.Error, act *app.Action) web.AppDetail {
	loc := d.Tenant.Location()
	state := workflow.State(d.App.State)
	base := s.appBase(r, p, d.App.ID)
	v := web.AppDetail{Page: s.page(r, "Permohonan "+d.App.Number), ID: d.App.ID, Number: d.App.Number, StateLabel: state.Label(),
		StateClass: stateClass(state), WaitingOn: state.WaitingOn().Label(), Version: d.App.Version, BaseHref: base,
		TrackingCode: d.TrackingCode, Fields: map[string]string{}}
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
		v.RenewURL, v.RenewLabel = renewURL(d, base)
	}
	if state == workflow.Returned {
		v.ReturnReason = lastReason(d.Events, "return")
	}
	if state == workflow.Signed {
		if reason := lastReason(d.Events, "return_dwh"); reason != "" {
			v.Notice = "Permohonan akses DWH dikembalikan Dirjen: " + reason
		}
	}
	in := d.Institution
	v.Institution = []web.KV{{Label: "a. Nama pengguna", Value: in.Name}, {Label: "Jenis lembaga", Value: workflow.InstitutionType(in.Type).Label()},
		{Label: "Pimpinan", Value: strings.TrimSpace(in.HeadName + ", " + in.HeadPosition)}, {Label: "Disdukcapil", Value: d.Tenant.Name}}
	methods := []string{}
	for _, m := range d.App.AccessMethods {
		methods = append(methods, workflow.AccessMethod(m).Label())
	}
	term := ""
	if d.App.TermMonths != nil {
		term = fmt.Sprintf("%d bulan", *d.App.TermMonths)
	}
	v.Items = []web.KV{{Label: "b. Tujuan pemanfaatan", Value: orDash(d.App.Purpose)}, {Label: "d. Metode akses", Value: orDash(strings.Join(methods, ", "))},
		{Label: "e. Data balikan", Value: orDash(d.App.ReturnData)}, {Label: "f. Jangka waktu perjanjian", Value: orDash(term)}}
	byCode := map[string]store.DataElement{}
	for _, c := range d.Catalog {
		byCode[c.Code] = c
	}
	for _, e := range d.Elements {
		c := byCode[e.Code]
		v.Elements = append(v.Elements, web.ElementVM{Letter: c.Letter, Name: c.Name, Protected: c.Protected, Justification: e.Justification})
	}
	v.IPAddresses = d.App.IPAddresses
	for _, u := range d.UserIDs {
		label := u.UserID
		if u.Category != "" {
			label += " (" + u.Category + ")"
		}
		v.UserIDs = append(v.UserIDs, label)
	}
	if d.App.PKSStart != nil && d.App.PKSEnd != nil {
		v.Agreement = append(v.Agreement, web.KV{Label: "Masa berlaku", Value: letters.FormatDate(*d.App.PKSStart) + " s.d. " + letters.FormatDate(*d.App.PKSEnd)})
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
	for _, st := range d.Timeline {
		v.Timeline = append(v.Timeline, web.TimelineStep{Number: st.Number, Title: st.Title, Status: string(st.Progress), StatusLabel: st.Progress.Label()})
	}
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
	for _, party := range []workflow.Party{workflow.PartyLembaga, workflow.PartyDisdukcapil, workflow.PartyDirjen, workflow.PartyBoth} {
		if days, ok := d.Waiting[party]; ok && days > 0 {
			v.Waiting = append(v.Waiting, web.KV{Label: party.Label(), Value: strconv.FormatFloat(days, 'f', 1, 64) + " hari kerja"})
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
	for i := len(d.Events) - 1; i >= 0; i-- {
		e := d.Events[i]
		h := web.HistoryRow{At: when(e.At, loc), Actor: e.ActorName, Role: workflow.Role(e.ActorRole).Label(), To: workflow.State(e.To).Label()}
		if e.Event == "create" {
			h.Label = "Draf dibuat"
		} else {
			h.Label = workflow.Event(e.Event).HistoryLabel()
		}
		if e.From != nil {
			h.From = workflow.State(*e.From).Label()
		} else {
			h.To = ""
		}
		h.Details = historyDetails(e.Data)
		v.History = append(v.History, h)
	}
	for _, ev := range d.Available {
		v.Actions = append(v.Actions, s.actionForm(d, ev, state, act))
	}
	v.After = s.afterSigningView(p, d, base)
	return v
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

func lastReason(events []store.Event, event string) string {
	for i := len(events) - 1; i >= 0; i-- {
		if events[i].Event == event {
			var data map[string]any
			json.Unmarshal(events[i].Data, &data)
			if s, ok := data["reason"].(string); ok {
				return s
			}
			return ""
		}
	}
	return ""
}

var detailLabels = map[string]string{
	"reason": "Alasan", "letter_number": "Nomor surat", "letter_date": "Tanggal surat", "signatory": "Penanda tangan",
	"ip_addresses": "IP LAN", "user_ids": "User ID", "agreement_version": "Versi PKS/Juknis", "kepala_disdukcapil": "Kepala Disdukcapil",
	"pihak_kedua": "Pihak kedua", "berlaku_sampai": "Berlaku sampai",
}

func historyDetails(raw []byte) []web.KV {
	var data map[string]any
	if json.Unmarshal(raw, &data) != nil {
		return nil
	}
	var out []web.KV
	for _, key := range []string{"reason", "letter_number", "letter_date", "signatory", "agreement_version", "kepala_disdukcapil", "pihak_kedua", "berlaku_sampai", "ip_addresses", "user_ids"} {
		val, ok := data[key]
		if !ok {
			continue
		}
		var text string
		switch x := val.(type) {
		case []any:
			var parts []string
			for _, p := range x {
				parts = append(parts, fmt.Sprint(p))
			}
			text = strings.Join(parts, ", ")
		default:
			text = fmt.Sprint(x)
		}
		if text != "" && text != "0" {
			out = append(out, web.KV{Label: detailLabels[key], Value: text})
		}
	}
	return out
}

// actionForm describes the form for one available event. act, when it is this
// event's refused form, fills the fields back in as the user typed them.
func (s *Server) actionForm(d *app.Detail, ev workflow.Event, state workflow.State, act *app.Action) web.ActionForm {
	f := web.ActionForm{Event: string(ev), Label: ev.LabelFrom(state)}
	if act != nil && act.Event != ev {
		act = nil // another form was sent: this one shows its defaults
	}
	stored := func(kind string) string {
		if doc, ok := d.Latest[kind]; ok {
			return doc.Filename
		}
		return ""
	}
	file := func(kind string, pdfOnly, required bool) web.FileField {
		accept := "application/pdf,image/png,image/jpeg"
		if pdfOnly {
			accept = "application/pdf"
		}
		return web.FileField{Name: kind, Label: app.DocumentLabel(kind), Accept: accept, Required: required && stored(kind) == "", Stored: stored(kind)}
	}
	if act != nil {
		f.Open = true
		f.ReasonValue = act.Reason
		f.LetterNumber = act.LetterNumber
		if !act.LetterDate.IsZero() {
			f.LetterDate = act.LetterDate.Format("2006-01-02")
		}
		var ids []string
		for _, u := range act.UserIDs {
			line := u.UserID
			if u.Category != "" {
				line += ";" + u.Category
			}
			ids = append(ids, line)
		}
		f.UserIDsValue = strings.Join(ids, "\n")
	}
	switch ev {
	case workflow.Submit:
		f.Open = true
		f.Help = "Permohonan diteruskan ke Disdukcapil. Standar pelayanan 2 hari kerja mulai dihitung sejak diajukan."
	case workflow.Withdraw:
		f.Danger, f.Confirm = true, "Batalkan permohonan ini? Tindakan ini tidak dapat diurungkan."
		f.Help = "Permohonan yang dibatalkan tidak dapat diajukan kembali; buat permohonan baru bila perlu."
	case workflow.Return:
		f.Reason, f.ReasonLabel = true, "Alasan pengembalian (dibaca oleh lembaga)"
		f.Help = "Kembalikan bila permohonan belum lengkap. Jam standar pelayanan berhenti dan dimulai lagi saat lembaga mengajukan ulang."
	case workflow.Forward:
		f.Open, f.HasSigner, f.Signatory = true, true, d.Tenant.KepalaName
		if act != nil {
			f.SignatoryNIP, f.Acting = act.SignatoryNIP, act.Acting
		}
		if act != nil {
			f.Signatory = act.Signatory
		}
		f.Help = "Surat pengantar kepada Dirjen Dukcapil (memuat butir a–f) dibuat otomatis sebagai PDF."
	case workflow.Approve:
		f.Open, f.DirjenScan = true, app.DocDirjenApproval
		f.Files = []web.FileField{file(app.DocDirjenApproval, false, true)}
	case workflow.Reject:
		f.DirjenScan, f.Danger, f.Confirm = app.DocDirjenRejection, true, "Catat penolakan Dirjen? Permohonan akan berakhir."
		f.Reason, f.ReasonLabel = true, "Alasan penolakan"
		f.Files = []web.FileField{file(app.DocDirjenRejection, false, true)}
	case workflow.PrepareAgreement, workflow.ReviseAgreement:
		f.Agreement, f.Open = true, f.Open || ev == workflow.PrepareAgreement
		f.Help = "Draf PKS dan Juknis diisi dari data permohonan. Ubah seperlunya; PDF dibuat untuk setiap versi."
		f.Clauses, f.Juknis = agreementFields(d, act)
	case workflow.Sign:
		f.Open, f.Signing = true, true
		f.KepalaName = d.Tenant.KepalaName
		f.Counterpart = d.Institution.HeadName
		if act != nil {
			f.KepalaName, f.Counterpart = act.KepalaSigner, act.CounterpartySigner
		}
		f.CounterRole = "Ditandatangani oleh kepala perangkat daerah"
		if d.Institution.Type == string(workflow.BadanHukum) {
			f.CounterRole = "Ditandatangani oleh pimpinan badan hukum"
		}
		f.Files = []web.FileField{file(app.DocSignedPKS, false, true), file(app.DocSignedJuknis, false, false)}
	case workflow.RequestUserID:
		f.Open, f.IPs = true, true
		f.Help = "Lampirkan surat permohonan User ID dan IP LAN serta Surat Pernyataan Jaringan Tertutup."
		f.Files = []web.FileField{file(app.DocUserIDRequest, true, true), file(app.DocClosedNetwork, false, true)}
		if act != nil {
			f.IPValue = strings.Join(act.IPAddresses, "\n")
		} else {
			f.IPValue = strings.Join(d.App.IPAddresses, "\n")
		}
	case workflow.RequestDWH:
		f.Open = true
		f.Help = "Surat permohonan akses DWH Terpusat dibuat otomatis, dengan salinan PKS, Juknis, dan Surat Pernyataan Jaringan Tertutup sebagai lampiran."
	case workflow.ReturnDWH:
		f.Reason, f.ReasonLabel = true, "Alasan (mis. jaringan tertutup belum memadai)"
	case workflow.ApproveDWH:
		f.Open, f.UserIDs = true, true
		f.Help = "Catat User ID yang diterbitkan (satu per kategori data bila perlu). Kata sandi tidak dicatat di sistem ini."
		f.Files = []web.FileField{file(app.DocDWHApproval, false, false)}
	case workflow.HandOver:
		f.Open = true
		f.Help = "Berita acara serah terima User ID dibuat otomatis. Lembaga kemudian mengonfirmasi penerimaan."
	case workflow.AcknowledgeReceipt:
		f.Open = true
		f.Help = "Konfirmasikan bahwa User ID telah Anda terima."
	case workflow.FileReport:
		f.Help = "Laporan penggunaan data setiap semester (evaluasi dan pelaporan)."
		f.Files = []web.FileField{{Name: app.DocReport, Label: app.DocumentLabel(app.DocReport), Accept: "application/pdf", Required: true}}
	case workflow.Revoke:
		f.Danger, f.Confirm = true, "Cabut hak akses ini? Tindakan ini mengakhiri perjanjian."
		f.Reason, f.ReasonLabel = true, "Alasan pencabutan (pelanggaran butir 9/10, laporan sangat terlambat, …)"
	}
	afterSigningForm(d, ev, act, &f)
	return f
}

// agreementFields pre-fills the PKS/Juknis editor: what the user just sent (with
// an empty slot where they emptied one side, so there is something to fill), else
// the latest saved version, else the defaults built from the application.
func agreementFields(d *app.Detail, act *app.Action) ([]web.ClauseField, []web.ClauseField) {
	var clauses []letters.Clause
	var sections []letters.Section
	switch {
	case act != nil && (len(act.Clauses) > 0 || len(act.Juknis) > 0):
		clauses, sections = act.Clauses, act.Juknis
		if len(clauses) == 0 {
			clauses = []letters.Clause{{}}
		}
		if len(sections) == 0 {
			sections = []letters.Section{{}}
		}
	case len(d.Agreements) > 0:
		json.Unmarshal(d.Agreements[0].PKSClauses, &clauses)
		json.Unmarshal(d.Agreements[0].JuknisSections, &sections)
	default:
		la := app.LetterApplication(d.App, d.Institution, d.Catalog, d.Elements, nil)
		office := app.OfficeOf(d.Tenant)
		clauses, sections = letters.DefaultPKSClauses(office, la), letters.DefaultJuknisSections(office, la)
	}
	rows := func(body string) int {
		n := strings.Count(body, "\n") + 2 + len(body)/90
		if n > 18 {
			n = 18
		}
		return n
	}
	var cf, jf []web.ClauseField
	for _, c := range clauses {
		cf = append(cf, web.ClauseField{Key: string(c.Key), Title: c.Title, Body: c.Body, Rows: rows(c.Body)})
	}
	for _, s := range sections {
		jf = append(jf, web.ClauseField{Title: s.Title, Body: s.Body, Rows: rows(s.Body)})
	}
	return cf, jf
}

// fireAction runs one event from its form.
func (s *Server) fireAction(w http.ResponseWriter, r *http.Request) {
	id, ok := idParam(r, "id")
	ev, valid := workflow.ValidEvent(chi.URLParam(r, "event"))
	if !ok || !valid {
		s.notFound(w, r)
		return
	}
	p, _ := principalFrom(r.Context())
	act, perr := s.parseAction(w, r, ev)
	// The application must belong to the tenant the URL names, as on its page.
	if t, ok := tenantFrom(r.Context()); ok {
		act.TenantID = t.ID
	}
	var err error
	if perr != nil {
		err = perr
	} else {
		err = s.app.Fire(r.Context(), p, id, act)
	}
	if err == nil {
		s.flash(r.Context(), ev.HistoryLabel()+" — berhasil dicatat.")
		http.Redirect(w, r, s.appBase(r, p, id), http.StatusSeeOther)
		return
	}
	var e *app.Error
	if !errors.As(err, &e) || (e.Code != app.CodeInvalid && e.Code != app.CodeConflict && e.Code != app.CodeForbidden) {
		s.fail(w, r, err)
		return
	}
	// Show the application again with the message, in its current state.
	d, derr := s.app.Application(r.Context(), p, id)
	if derr != nil {
		s.fail(w, r, derr)
		return
	}
	if t, ok := tenantFrom(r.Context()); ok && t.ID != d.App.TenantID {
		s.notFound(w, r)
		return
	}
	s.render(w, r, statusOf(e.Code), web.AppDetailView(s.detailView(r, p, d, e, &act)))
}

// parseAction reads an action form (multipart, with files) into an app.Action.
// The text fields are read even when the body breaks off (a file too large for the
// request limit), so the form can be shown again as the user typed it.
func (s *Server) parseAction(w http.ResponseWriter, r *http.Request, ev workflow.Event) (app.Action, error) {
	act := app.Action{Event: ev}
	r.Body = http.MaxBytesReader(w, r.Body, 4*s.cfg.MaxUploadBytes+(2<<20))
	pf, ferr := readForm(r, s.cfg.MaxUploadBytes)
	form := pf.Values
	fields := map[string]string{}
	act.Version, _ = strconv.Atoi(form.Get("version"))
	act.Reason = strings.TrimSpace(form.Get("reason"))
	act.Signatory = strings.TrimSpace(form.Get("signatory"))
	act.SignatoryNIP = strings.TrimSpace(form.Get("signatory_nip"))
	act.Acting = strings.TrimSpace(form.Get("signatory_acting"))
	act.LetterNumber = strings.TrimSpace(form.Get("letter_number"))
	if ds := strings.TrimSpace(form.Get("letter_date")); ds != "" {
		if t, err := time.Parse("2006-01-02", ds); err == nil {
			act.LetterDate = t
		} else {
			fields["letter_date"] = "Gunakan format tanggal yang benar."
		}
	}
	act.KepalaSigner = strings.TrimSpace(form.Get("kepala_signer"))
	act.CounterpartySigner = strings.TrimSpace(form.Get("counterparty_signer"))
	act.IPAddresses = lines(form.Get("ip_addresses"))
	for _, line := range lines(form.Get("user_ids")) {
		id, cat, _ := strings.Cut(line, ";")
		act.UserIDs = append(act.UserIDs, workflow.IssuedUserID{UserID: strings.TrimSpace(id), Category: strings.TrimSpace(cat)})
	}
	keys, titles, bodies := form["clause_key"], form["clause_title"], form["clause_body"]
	for i := range bodies {
		if i >= len(titles) || i >= len(keys) {
			break
		}
		// A blank clause is dropped, unless it is a required one: kept, the guard
		// names it and the editor shows its slot again.
		if strings.TrimSpace(titles[i]) == "" && strings.TrimSpace(bodies[i]) == "" && !slices.Contains(workflow.RequiredClauses, workflow.ClauseKey(keys[i])) {
			continue
		}
		act.Clauses = append(act.Clauses, letters.Clause{Key: workflow.ClauseKey(keys[i]), Title: strings.TrimSpace(titles[i]), Body: normalizeNewlines(bodies[i])})
	}
	parseAfterSigning(form, &act, fields)
	jt, jb := form["juknis_title"], form["juknis_body"]
	for i := range jb {
		if i >= len(jt) || (strings.TrimSpace(jt[i]) == "" && strings.TrimSpace(jb[i]) == "") {
			continue
		}
		act.Juknis = append(act.Juknis, letters.Section{Title: strings.TrimSpace(jt[i]), Body: normalizeNewlines(jb[i])})
	}
	if ferr != nil {
		msg := "Berkas terlalu besar atau formulir rusak (batas setiap berkas " + limitText(s.cfg.MaxUploadBytes) + "). "
		if len(form) == 0 {
			msg += "Isian formulir tidak dapat dibaca; isi kembali, lalu kirim ulang."
		} else {
			msg += "Isian Anda ditampilkan kembali; pilih ulang berkasnya, lalu kirim ulang."
		}
		return act, app.Invalid(msg, fields)
	}
	for name, m := range pf.TooLarge {
		fields[name] = m
	}
	if len(fields) > 0 {
		return act, app.Invalid("Formulir belum sesuai. Periksa isian yang ditandai.", fields)
	}
	act.Files = pf.Files
	return act, nil
}

// limitText is an upload limit as people read it ("10 MB", "256 KB").
func limitText(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}

// postedForm is a form as read from a request: its text fields, its files (the
// first non-empty one per name), and a message per file over the size limit.
type postedForm struct {
	Values   url.Values
	Files    map[string]app.Upload
	TooLarge map[string]string
}

const (
	maxFormParts = 1000    // like net/http's own multipart limit
	maxFormText  = 8 << 20 // all text fields together
)

// readForm reads a multipart form part by part, or a URL-encoded one. Unlike
// ParseMultipartForm, which keeps nothing when the body breaks off, it returns the
// fields read before the error along with it: the browser sends the text fields
// in document order, so those placed before the file inputs survive.
func readForm(r *http.Request, maxFile int64) (postedForm, error) {
	pf := postedForm{Values: url.Values{}, Files: map[string]app.Upload{}, TooLarge: map[string]string{}}
	mr, err := r.MultipartReader()
	if errors.Is(err, http.ErrNotMultipart) {
		err = r.ParseForm()
		if r.PostForm != nil {
			pf.Values = r.PostForm
		}
		return pf, err
	}
	if err != nil {
		return pf, err
	}
	text := 0
	for n := 0; ; n++ {
		if n >= maxFormParts {
			return pf, errors.New("too many parts in multipart form")
		}
		part, err := mr.NextPart() // discards the rest of the previous part
		if err == io.EOF {
			return pf, nil
		}
		if err != nil {
			return pf, err
		}
		name := part.FormName()
		if name == "" {
			continue
		}
		if part.FileName() == "" {
			b, err := io.ReadAll(io.LimitReader(part, int64(maxFormText-text)+1))
			if err != nil {
				return pf, err
			}
			if text += len(b); text > maxFormText {
				return pf, errors.New("multipart form text too large")
			}
			pf.Values.Add(name, string(b))
			continue
		}
		b, err := io.ReadAll(io.LimitReader(part, maxFile+1))
		if err != nil {
			return pf, err
		}
		switch {
		case len(b) == 0: // a file input left empty
		case int64(len(b)) > maxFile:
			pf.TooLarge[name] = "Berkas terlalu besar. Batas ukuran " + limitText(maxFile) + "."
		default:
			if _, seen := pf.Files[name]; !seen {
				pf.Files[name] = app.Upload{Filename: part.FileName(), Content: b}
			}
		}
	}
}

// readFiles reads every uploaded file, refusing one over the limit.
func readFiles(mf *multipart.Form, max int64) (map[string]app.Upload, error) {
	out := map[string]app.Upload{}
	if mf == nil {
		return out, nil
	}
	for name, headers := range mf.File {
		if len(headers) == 0 || headers[0].Size == 0 {
			continue
		}
		h := headers[0]
		if h.Size > max {
			return nil, app.Invalid("Berkas terlalu besar.", map[string]string{name: fmt.Sprintf("Berkas terlalu besar (%.1f MB). Batas ukuran %s.", float64(h.Size)/(1<<20), limitText(max))})
		}
		f, err := h.Open()
		if err != nil {
			return nil, err
		}
		b, err := io.ReadAll(io.LimitReader(f, max+1))
		f.Close()
		if err != nil {
			return nil, err
		}
		out[name] = app.Upload{Filename: h.Filename, Content: b}
	}
	return out, nil
}

func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func normalizeNewlines(s string) string {
	return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
}

// document sends a stored document to a viewer who may see its application.
func (s *Server) document(w http.ResponseWriter, r *http.Request) {
	id, ok1 := idParam(r, "id")
	docID, ok2 := idParam(r, "doc")
	if !ok1 || !ok2 {
		s.notFound(w, r)
		return
	}
	p, _ := principalFrom(r.Context())
	doc, content, err := s.app.Document(r.Context(), p, id, docID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if t, ok := tenantFrom(r.Context()); ok && t.ID != doc.TenantID {
		s.notFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", doc.ContentType)
	h.Set("Content-Disposition", "attachment; filename=\""+doc.Filename+"\"; filename*=UTF-8''"+url.PathEscape(doc.Filename))
	h.Set("Cache-Control", "private, no-store")
	h.Set("Content-Length", strconv.Itoa(len(content)))
	w.Write(content)
}

// agreementDiff shows what changed in the PKS between two saved versions.
func (s *Server) agreementDiff(w http.ResponseWriter, r *http.Request) {
	p, d, ok := s.loadApplication(w, r)
	if !ok {
		return
	}
	id := d.App.ID
	from, _ := strconv.Atoi(r.URL.Query().Get("dari"))
	to, _ := strconv.Atoi(r.URL.Query().Get("ke"))
	var a, b []letters.Clause
	found := 0
	for _, v := range d.Agreements {
		if v.Version == from {
			json.Unmarshal(v.PKSClauses, &a)
			found++
		}
		if v.Version == to {
			json.Unmarshal(v.PKSClauses, &b)
			found++
		}
	}
	if found != 2 {
		s.notFound(w, r)
		return
	}
	v := web.DiffPage{Page: s.page(r, "Perubahan PKS"), BackHref: s.appBase(r, p, id), From: from, To: to}
	changeLabel := map[letters.ClauseChange]string{letters.ClauseAdded: "pasal baru", letters.ClauseRemoved: "dihapus", letters.ClauseChanged: "diubah"}
	for _, c := range letters.DiffClauses(a, b) {
		cv := web.ClauseDiffVM{Title: c.Title, Change: changeLabel[c.Change]}
		for _, l := range c.Lines {
			cv.Lines = append(cv.Lines, web.DiffLine{Op: string(l.Op), Text: l.Text})
		}
		v.Clauses = append(v.Clauses, cv)
	}
	s.render(w, r, http.StatusOK, web.DiffView(v))
}

// tracking is the public "where is my application" page.
func (s *Server) tracking(w http.ResponseWriter, r *http.Request) {
	t, _ := tenantFrom(r.Context())
	q := r.URL.Query()
	v := web.Tracking{Page: s.page(r, "Lacak permohonan"), T: tenantView(t), Number: q.Get("nomor"), Code: q.Get("kode")}
	status := http.StatusOK
	if v.Number != "" || v.Code != "" {
		tr, err := s.app.Track(r.Context(), t.ID, v.Number, v.Code)
		if err != nil {
			var e *app.Error
			if !errors.As(err, &e) {
				s.serverError(w, r, err)
				return
			}
			v.Error, status = e.Message, statusOf(e.Code)
		} else {
			v.Found, v.StateLabel, v.WaitingOn, v.Since = true, tr.State.Label(), tr.State.WaitingOn().Label(), when(tr.StateSince, t.Location())
			for _, st := range tr.Timeline {
				v.Timeline = append(v.Timeline, web.TimelineStep{Number: st.Number, Title: st.Title, Status: string(st.Progress), StatusLabel: st.Progress.Label()})
			}
		}
	}
	s.render(w, r, status, web.TrackingView(v))
}
