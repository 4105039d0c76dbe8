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
	state := d.State
	var v web.AfterSigningView
	after := d.After
	staff := p.Role == workflow.RolePetugas || p.Role == workflow.RoleKepala

	if len(d.Agreements) > 0 && p.Role != workflow.RoleDirjen {
		n := &web.NegotiationView{Version: d.Agreements[0].Version, PostHref: base + "/komentar"}
		n.CanComment = (p.Role == workflow.RoleLembaga || staff) && state.InNegotiation()
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
			n.Comments = append(n.Comments, web.CommentVM{Where: where, Author: c.AuthorName + " (" + c.AuthorRole.Label() + ")",
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
			if r.Review == workflow.ReviewReturned {
				reasons[r.Semester] = "dikembalikan: " + r.ReviewReason
			}
		}
		for _, sem := range rs.Schedule {
			row := web.ReportRowVM{Semester: sem.Label(), Period: letters.FormatDate(sem.From) + " – " + letters.FormatDate(sem.To),
				Due: letters.FormatDate(sem.Due), State: sem.State.Label(), Class: reportClasses[sem.State]}
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
		row := web.SanctionRowVM{Kind: sn.Kind.Label(), UserIDs: strings.Join(sn.UserIDs, ", "),
			Letter: sn.LetterNumber, At: when(sn.ImposedAt, loc), By: sn.ImposedRole.Label(), Ground: sn.GroundText}
		if sn.Ground != "" {
			row.Ground = sn.Ground.Describe(sn.GroundMonths, sn.GroundText)
		}
		v.Sanctions = append(v.Sanctions, row)
	}
	statuses := map[string]string{"requested": "sedang diproses", "returned": "dikembalikan", "rejected": "ditolak", "signed": "ditandatangani"}
	for _, a := range after.Addenda {
		var changes []string
		if a.Purpose != "" {
			changes = append(changes, "tujuan baru")
		}
		if a.AddsElements {
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
	if !d.App.PKSEnd.IsZero() && p.Role == workflow.RoleLembaga {
		lastDay := d.App.PKSEnd.At(0, loc)
		if state == workflow.Active && workflow.RenewalOffered(state, lastDay, d.Now) {
			v.RenewNotice = "PKS berakhir " + letters.FormatDate(lastDay) + ". Sesuai Pasal Jangka Waktu, ajukan perpanjangan paling lambat 3 bulan sebelum berakhir: gunakan tombol Perpanjang perjanjian."
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
func renewURL(d *app.Detail, base string) (string, string) {
	state := d.State
	if workflow.CanCopy(state) {
		return base + "/perpanjang", "Salin sebagai permohonan baru"
	}
	if d.App.PKSEnd.IsZero() {
		return "", ""
	}
	lastDay := d.App.PKSEnd.At(0, d.Tenant.Location())
	if workflow.RenewalOffered(state, lastDay, d.Now) {
		return base + "/perpanjang", "Perpanjang perjanjian"
	}
	return "", ""
}

// addComment posts a comment on the drafts.
func (s *Server) addComment(w http.ResponseWriter, r *http.Request) {
	s.postOnApplication(w, r, "Komentar tersimpan.", func(p app.Principal, id int64, form url.Values) error {
		pasal, _ := strconv.Atoi(form.Get("pasal"))
		return s.app.AddComment(r.Context(), p, id, form.Get("document"), pasal, form.Get("comment"), nil)
	})
}

// addStaffNote posts an office-internal note.
func (s *Server) addStaffNote(w http.ResponseWriter, r *http.Request) {
	s.postOnApplication(w, r, "Catatan internal tersimpan.", func(p app.Principal, id int64, form url.Values) error {
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
		s.fail(w, r, app.Invalid("Formulir tidak dapat dibaca.", nil))
		return
	}
	if err := post(p, d.App.ID, r.PostForm); err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(r.Context(), done)
	http.Redirect(w, r, s.appBase(r, p, d.App.ID), http.StatusSeeOther)
}
