package server

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/workflow"
	"github.com/hakakses/hakakses/web"
)

// The lembaga's printable papers that are not stored documents: the bukti
// pengajuan after submitting, and the fill-in formats of the documents it
// uploads. They are generated on request from the application as it stands, so
// nothing is written.

// submissionReceipt serves the bukti pengajuan (PDF) of a submitted application.
func (s *Server) submissionReceipt(w http.ResponseWriter, r *http.Request) {
	_, d, ok := s.loadApplication(w, r)
	if !ok {
		return
	}
	track := s.cfg.BaseURL + "/" + d.Tenant.Slug + "/lacak"
	pdf, err := app.SubmissionReceipt(d, track)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sendPDF(w, "bukti-pengajuan-"+d.App.Number+".pdf", pdf, true)
}

// documentFormat serves the fill-in format ("Unduh format surat") of an upload
// kind, pre-filled from the application.
func (s *Server) documentFormat(w http.ResponseWriter, r *http.Request) {
	_, d, ok := s.loadApplication(w, r)
	if !ok {
		return
	}
	kind := chi.URLParam(r, "kind")
	pdf, err := app.DocumentFormat(d, kind)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sendPDF(w, "format-"+kind+"-"+d.App.Number+".pdf", pdf, false)
}

// formatHref is the link to kind's fill-in format for the lembaga, or "".
func formatHref(p app.Principal, d *app.Detail, base, kind string) string {
	if p.Role != workflow.RoleLembaga || !app.HasFormat(kind, d.Institution.Type) {
		return ""
	}
	return base + "/format/" + kind
}

// linkFormats puts the "Unduh format surat" link beside each upload of the
// lembaga's action forms that has one.
func linkFormats(p app.Principal, d *app.Detail, base string, forms []web.ActionForm) {
	for i := range forms {
		for j, f := range forms[i].Fields {
			if f.Kind == string(app.KindFile) {
				forms[i].Fields[j].Template = formatHref(p, d, base, f.Name)
			}
		}
	}
}

// sendPDF answers with a generated PDF: inline opens it in the browser's viewer
// (to print), otherwise it is saved.
func sendPDF(w http.ResponseWriter, filename string, pdf []byte, inline bool) {
	disposition := "attachment"
	if inline {
		disposition = "inline"
	}
	h := w.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Disposition", disposition+"; filename=\""+filename+"\"; filename*=UTF-8''"+url.PathEscape(filename))
	h.Set("Cache-Control", "private, no-store")
	h.Set("Content-Length", strconv.Itoa(len(pdf)))
	w.Write(pdf)
}

// submittedKey marks, for the next view of its page, the application the user
// has just submitted: the page then confirms it with the bukti pengajuan.
const submittedKey = "submitted"

func (s *Server) markSubmitted(r *http.Request, id int64) {
	s.sessions.Put(r.Context(), submittedKey, strconv.FormatInt(id, 10))
}

// justSubmitted reports, once, whether the user has just submitted application
// id. The session changes only when the mark is there.
func (s *Server) justSubmitted(r *http.Request, id int64) bool {
	return s.sessions.PopString(r.Context(), submittedKey) == strconv.FormatInt(id, 10)
}
