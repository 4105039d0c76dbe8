package server

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/letters"
	"github.com/hakakses/hakakses/internal/workflow"
	"github.com/hakakses/hakakses/web"
)

// afterSigningView shapes the agreement's life after signing for the detail page.
func (s *Server) afterSigningView(p app.Principal, d *app.Detail, base string) web.AfterSigningView {
	loc := d.Tenant.Location()
	state := workflow.State(d.App.State)
	var v web.AfterSigningView
	after := d.After
	staff := p.Role == workflow.RolePetugas || p.Role == workflow.RoleKepala

	if len(d.Agreements) > 0 && p.Role != workflow.RoleDirjen {
		n := &web.NegotiationView{Version: d.Agreements[0].Version, PostHref: base + "/komentar"}
		n.CanComment = (p.Role == workflow.RoleLembaga || staff) &&
			(state == workflow.Signing || state == workflow.ChangesRequested || state == workflow.Agreed)
		if after.Agreed > 0 {
			n.Agreed = fmt.Sprintf("Versi %d disepakati lembaga.", after.Agreed)
		}
		for i := 1; i <= 30; i++ {
			n.Pasals = append(n.Pasals, web.Option{Value: strconv.Itoa(i), Label: "Pasal/Bab " + strconv.Itoa(i)})
		}
		for _, c := range after.Comments {
			where := strings.ToUpper(c.Document) + fmt.Sprintf(" versi %d", c.Version)
			if c.Pasal > 0 {
				where += fmt.Sprintf(", Pasal %d", c.Pasal)
			}
			n.Comments = append(n.Comments, web.CommentVM{Where: where, Author: c.AuthorName + " (" + workflow.Role(c.AuthorRole).Label() + ")",
				Body: c.Body, At: when(c.CreatedAt, loc)})
		}
		if n.CanComment || len(n.Comments) > 0 {
			v.Negotiation = n
		}
	}
	if staff {
		sn := &web.StaffNotesView{PostHref: base + "/catatan"}
		for _, c := range after.StaffNotes {
			sn.Notes = append(sn.Notes, web.CommentVM{Author: c.AuthorName, Body: c.Body, At: when(c.CreatedAt, loc)})
		}
		v.StaffNotes = sn
	}
	if rs := d.Reports; rs != nil {
		reasons := map[string]string{}
		for _, r := range after.Reports {
			if r.Review == string(workflow.ReviewReturned) {
				reasons[r.Semester] = "dikembalikan: " + r.ReviewReason
			}
		}
		for _, sem := range rs.Schedule {
			row := web.ReportRowVM{Semester: sem.Label(), Period: letters.FormatDate(sem.From) + " – " + letters.FormatDate(sem.To),
				Due: letters.FormatDate(sem.Due), State: sem.State.Label(), Class: reportClass(sem.State)}
			var details []string
			if sem.Late {
				details = append(details, "disampaikan terlambat")
			}
			if r := reasons[sem.Key()]; r != "" && sem.State != workflow.ReportAccepted {
				details = append(details, r)
			}
			row.Detail = strings.Join(details, "; ")
			v.Reports = append(v.Reports, row)
		}
	}
	for _, sn := range after.Sanctions {
		row := web.SanctionRowVM{Kind: workflow.SanctionKind(sn.Kind).Label(), UserIDs: strings.Join(sn.UserIDs, ", "),
			Letter: sn.LetterNumber, At: when(sn.ImposedAt, loc), By: workflow.Role(sn.ImposedRole).Label()}
		if sn.Ground != nil {
			months := 0
			if sn.GroundMonths != nil {
				months = *sn.GroundMonths
			}
			row.Ground = workflow.SanctionGround(*sn.Ground).Describe(months, sn.GroundText)
		} else {
			row.Ground = sn.GroundText
		}
		v.Sanctions = append(v.Sanctions, row)
	}
	statuses := map[string]string{"requested": "sedang diproses", "returned": "dikembalikan", "rejected": "ditolak", "signed": "ditandatangani"}
	for _, a := range after.Addenda {
		var changes []string
		if a.Purpose != "" {
			changes = append(changes, "tujuan baru")
		}
		if len(a.AddElements) > 2 {
			changes = append(changes, "tambahan elemen data")
		}
		if a.IPAddresses != nil {
			changes = append(changes, "IP LAN: "+strings.Join(a.IPAddresses, ", "))
		}
		if a.AddUserIDs > 0 {
			changes = append(changes, fmt.Sprintf("tambahan %d User ID", a.AddUserIDs))
		}
		v.Addenda = append(v.Addenda, web.AddendumRowVM{Title: fmt.Sprintf("Adendum ke-%d", a.Seq), Status: statuses[a.Status],
			Change: strings.Join(changes, "; "), Number: a.Number})
	}
	for _, dl := range after.Deliveries {
		v.Deliveries = append(v.Deliveries, web.DeliveryRowVM{Period: letters.FormatDate(dl.PeriodStart) + " – " + letters.FormatDate(dl.PeriodEnd),
			Channel: workflow.ChannelLabel(dl.Channel), Records: strconv.Itoa(dl.Records)})
	}
	if staff && state.IsInForce() {
		// Data balikan is owed at least each semester, with the report.
		if len(after.Deliveries) == 0 {
			v.Behind = "Lembaga belum mencatat penyerahan data balikan."
		} else if last := after.Deliveries[0].PeriodEnd; d.Now.Sub(last) > 183*24*time.Hour {
			v.Behind = "Penyerahan data balikan terakhir mencakup sampai " + letters.FormatDate(last) + "; lembaga tertinggal."
		}
	}
	if d.App.PKSEnd != nil && p.Role == workflow.RoleLembaga {
		lastDay := time.Date(d.App.PKSEnd.Year(), d.App.PKSEnd.Month(), d.App.PKSEnd.Day(), 0, 0, 0, 0, loc)
		if state == workflow.Active && workflow.RenewalOffered(state, lastDay, d.Now) {
			v.RenewNotice = "PKS berakhir " + letters.FormatDate(lastDay) + ". Sesuai Pasal Jangka Waktu, ajukan perpanjangan paling lambat 3 bulan sebelum berakhir: gunakan tombol Perpanjang perjanjian."
		}
	}
	return v
}

func reportClass(s workflow.ReportState) string {
	switch s {
	case workflow.ReportAccepted:
		return "ok"
	case workflow.ReportOverdue:
		return "bad"
	case workflow.ReportReturned, workflow.ReportFiled:
		return "warn"
	}
	return ""
}

// renewURL offers a renewal from three months before the end (or once
// expired) and a copy-as-new of a rejected or withdrawn request.
func renewURL(d *app.Detail, base string) (string, string) {
	state := workflow.State(d.App.State)
	if workflow.CanCopy(state) {
		return base + "/perpanjang", "Salin sebagai permohonan baru"
	}
	if d.App.PKSEnd == nil {
		return "", ""
	}
	lastDay := time.Date(d.App.PKSEnd.Year(), d.App.PKSEnd.Month(), d.App.PKSEnd.Day(), 0, 0, 0, 0, d.Tenant.Location())
	if workflow.RenewalOffered(state, lastDay, d.Now) {
		return base + "/perpanjang", "Perpanjang perjanjian"
	}
	return "", ""
}

// afterSigningForm fills the action form of the events after signing.
func afterSigningForm(d *app.Detail, ev workflow.Event, act *app.Action, f *web.ActionForm) {
	val := func(name, def string) string {
		if act != nil {
			switch name {
			case "ground":
				return string(act.Ground)
			case "ground_text":
				return act.GroundText
			case "ground_months":
				if act.GroundMonths > 0 {
					return strconv.Itoa(act.GroundMonths)
				}
				return ""
			}
		}
		return def
	}
	ground := func(withBlank bool) []web.InputField {
		var opts []web.Option
		if withBlank {
			opts = append(opts, web.Option{Value: "", Label: "— pilih dasar sanksi —"})
		}
		for _, g := range workflow.SanctionGrounds {
			opts = append(opts, web.Option{Value: string(g), Label: g.Label()})
		}
		return []web.InputField{
			{Name: "ground", Label: "Dasar sanksi", Kind: "select", Options: opts, Value: val("ground", "")},
			{Name: "ground_months", Label: "Lama keterlambatan laporan (bulan)", Kind: "number", Value: val("ground_months", ""),
				Hint: "Diisi bila dasarnya keterlambatan laporan semester."},
			{Name: "ground_text", Label: "Uraian dasar sanksi", Kind: "text", Value: val("ground_text", ""),
				Hint: "Wajib bila dasarnya \"Lainnya\"."},
		}
	}
	userIDs := func() web.InputField {
		x := web.InputField{Name: "user_id_list", Label: "User ID DWH", Kind: "checkboxes"}
		for _, u := range d.UserIDs {
			x.Options = append(x.Options, web.Option{Value: u.UserID, Label: u.UserID, Selected: true})
		}
		return x
	}
	file := func(kind string, required bool) web.FileField {
		return web.FileField{Name: kind, Label: app.DocumentLabel(kind), Accept: "application/pdf,image/png,image/jpeg", Required: required}
	}
	switch ev {
	case workflow.AgreeAgreement:
		f.Open = true
		if len(d.Agreements) > 0 {
			f.Help = fmt.Sprintf("Dengan menyetujui, lembaga menyepakati draf PKS dan Juknis versi %d. Penandatanganan hanya atas versi yang disepakati.", d.Agreements[0].Version)
		}
	case workflow.RequestChanges:
		f.Help = "Tuliskan komentar pada pasal yang perlu diubah (bagian Pembahasan draf), atau catatan umum di bawah."
		f.Extra = []web.InputField{{Name: "reason", Label: "Catatan umum permintaan perubahan", Kind: "textarea"}}
	case workflow.FileReport:
		x := web.InputField{Name: "semester", Label: "Semester yang dilaporkan", Kind: "select"}
		if d.Reports != nil {
			for _, s := range d.Reports.Schedule {
				if s.State == workflow.ReportOverdue || s.State == workflow.ReportReturned || s.State == workflow.ReportNotDue {
					x.Options = append(x.Options, web.Option{Value: s.Key(), Label: s.Label() + " (batas " + letters.FormatDate(s.Due) + ")"})
				}
			}
		}
		f.Extra = append(f.Extra, x)
	case workflow.AcceptReport, workflow.ReturnReport:
		x := web.InputField{Name: "report_id", Label: "Laporan", Kind: "select"}
		for _, r := range d.After.Reports {
			if r.Review == string(workflow.ReviewPending) {
				x.Options = append(x.Options, web.Option{Value: strconv.FormatInt(r.ID, 10), Label: "Semester " + r.Semester + ", dikirim " + letters.FormatDate(r.FiledAt)})
			}
		}
		f.Extra = []web.InputField{x}
		if ev == workflow.ReturnReport {
			f.Reason, f.ReasonLabel = true, "Alasan pengembalian (dibaca oleh lembaga)"
		}
	case workflow.RecordDataBalikan:
		var channels []web.Option
		for _, c := range workflow.DataBalikanChannels {
			channels = append(channels, web.Option{Value: c, Label: workflow.ChannelLabel(c)})
		}
		f.Help = "Data balikan disampaikan kepada Ditjen Dukcapil (Pasal 38 Permendagri 102/2019 jo. 17/2023); catat setiap penyerahan."
		f.Extra = []web.InputField{
			{Name: "period_start", Label: "Periode dari", Kind: "date", Required: true},
			{Name: "period_end", Label: "Periode sampai", Kind: "date", Required: true},
			{Name: "channel", Label: "Saluran", Kind: "select", Options: channels},
			{Name: "records", Label: "Jumlah data (baris NIK)", Kind: "number", Value: "0"},
		}
	case workflow.Warn:
		f.Help = workflow.SanctionTeguran.Effect()
		f.Extra = ground(false)
	case workflow.Suspend:
		f.Danger, f.Confirm = true, "Hentikan sementara hak akses ini? User ID yang dipilih diusulkan dinonaktifkan."
		f.Help = workflow.SanctionPenghentian.Effect()
		f.Extra = append(ground(false), userIDs())
	case workflow.Revoke:
		f.Extra = ground(true)
	case workflow.Reinstate:
		f.Help = workflow.SanctionPemulihan.Effect()
		f.Reason, f.ReasonLabel = true, "Bagaimana dasar penghentian telah diselesaikan"
		f.Extra = []web.InputField{userIDs()}
	case workflow.RequestAddendum:
		f.Help = "Perubahan elemen data atau tujuan diteruskan kembali kepada Dirjen; perubahan IP LAN atau User ID melalui permohonan akses DWH."
		f.Extra = []web.InputField{
			{Name: "addendum_ips", Label: "Alamat IP LAN setelah adendum (satu per baris)", Kind: "textarea", Value: strings.Join(d.App.IPAddresses, "\n"),
				Hint: "Biarkan bila tidak berubah."},
			{Name: "add_user_ids", Label: "Tambahan User ID", Kind: "number", Value: "0"},
			{Name: "addendum_purpose", Label: "Tujuan pemanfaatan yang baru (kosongkan bila tetap)", Kind: "textarea"},
			{Name: "reason", Label: "Alasan adendum", Kind: "textarea"},
		}
		f.Files = []web.FileField{file(app.DocAddendumRequest, true), file(app.DocClosedNetwork, false)}
	case workflow.ReturnAddendum, workflow.RejectAddendum:
		f.Reason, f.ReasonLabel = true, "Alasan"
	case workflow.ForwardAddendum:
		f.Extra = []web.InputField{{Name: "letter_number", Label: "Nomor surat pengantar adendum", Kind: "text", Required: true},
			{Name: "signatory", Label: "Penanda tangan", Kind: "text", Value: d.Tenant.KepalaName}}
	case workflow.ApproveAddendum:
		f.DirjenScan = app.DocAddendumDirjen
		f.Files = []web.FileField{file(app.DocAddendumDirjen, true)}
	case workflow.RequestAddendumDWH:
		f.Open = true
		f.Help = "Perubahan IP LAN atau User ID diajukan kepada Dirjen Dukcapil melalui permohonan akses DWH."
	case workflow.ApproveAddendumDWH:
		f.Open, f.UserIDs = true, true
		f.Help = "Catat User ID baru bila adendum menambah User ID; kosongkan bila hanya IP LAN yang berubah."
	case workflow.SignAddendum:
		f.Open, f.Signing = true, true
		f.KepalaName, f.Counterpart, f.CounterRole = d.Tenant.KepalaName, d.Institution.HeadName, "Ditandatangani oleh pimpinan lembaga"
		f.Help = "Adendum dibuat otomatis dengan nomor surat, seperti PKS."
		f.Files = []web.FileField{file(app.DocSignedAddendum, true)}
	}
}

// parseAfterSigning reads the controls of the events after signing.
func parseAfterSigning(form url.Values, act *app.Action, fields map[string]string) {
	act.Ground = workflow.SanctionGround(strings.TrimSpace(form.Get("ground")))
	act.GroundText = strings.TrimSpace(form.Get("ground_text"))
	if m := strings.TrimSpace(form.Get("ground_months")); m != "" {
		n, err := strconv.Atoi(m)
		if err != nil {
			fields["ground_months"] = "Isi dengan angka bulan."
		}
		act.GroundMonths = n
	}
	if act.Ground == workflow.GroundOther && act.GroundText == "" {
		act.GroundText = act.Reason
	}
	act.After.Semester = strings.TrimSpace(form.Get("semester"))
	if id := strings.TrimSpace(form.Get("report_id")); id != "" {
		act.After.ReportID, _ = strconv.ParseInt(id, 10, 64)
	}
	date := func(name string) time.Time {
		v := strings.TrimSpace(form.Get(name))
		if v == "" {
			return time.Time{}
		}
		t, err := time.Parse("2006-01-02", v)
		if err != nil {
			fields[name] = "Gunakan format tanggal yang benar."
		}
		return t
	}
	act.After.Delivery.PeriodStart, act.After.Delivery.PeriodEnd = date("period_start"), date("period_end")
	act.After.Delivery.Channel = strings.TrimSpace(form.Get("channel"))
	if n := strings.TrimSpace(form.Get("records")); n != "" {
		v, err := strconv.Atoi(n)
		if err != nil {
			fields["delivery.records"] = "Isi jumlah data dengan angka."
		}
		act.After.Delivery.Records = v
	}
	act.After.UserIDs = form["user_id_list"]
	if _, ok := form["addendum_ips"]; ok {
		act.After.Addendum.IPAddresses = lines(form.Get("addendum_ips"))
	}
	act.After.Addendum.Purpose = strings.TrimSpace(form.Get("addendum_purpose"))
	if n := strings.TrimSpace(form.Get("add_user_ids")); n != "" {
		v, err := strconv.Atoi(n)
		if err != nil {
			fields["add_user_ids"] = "Isi dengan angka."
		}
		act.After.Addendum.AddUserIDs = v
	}
}

// addComment posts a comment on the drafts.
func (s *Server) addComment(w http.ResponseWriter, r *http.Request) {
	p, d, ok := s.loadApplication(w, r)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, app.Invalid("Formulir tidak dapat dibaca.", nil))
		return
	}
	pasal, _ := strconv.Atoi(r.PostForm.Get("pasal"))
	if err := s.app.AddComment(r.Context(), p, d.App.ID, r.PostForm.Get("document"), pasal, r.PostForm.Get("comment"), nil); err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(r.Context(), "Komentar tersimpan.")
	http.Redirect(w, r, s.appBase(r, p, d.App.ID), http.StatusSeeOther)
}

// addStaffNote posts an office-internal note.
func (s *Server) addStaffNote(w http.ResponseWriter, r *http.Request) {
	p, d, ok := s.loadApplication(w, r)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, app.Invalid("Formulir tidak dapat dibaca.", nil))
		return
	}
	if err := s.app.AddStaffNote(r.Context(), p, d.App.ID, r.PostForm.Get("note")); err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(r.Context(), "Catatan internal tersimpan.")
	http.Redirect(w, r, s.appBase(r, p, d.App.ID), http.StatusSeeOther)
}
