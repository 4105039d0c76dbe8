package server

import (
	"net/http"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/workflow"
	"github.com/hakakses/hakakses/web"
)

// previewAgreement answers "Pratinjau PDF" of the PKS/Juknis editor: the PDF of
// the text as posted, in a new tab, with nothing saved (app.PreviewAgreement).
// A refusal is a page of its own in that tab, so the editor with its unsaved
// text stays untouched in the first one.
func (s *Server) previewAgreement(w http.ResponseWriter, r *http.Request) {
	id, ok := idParam(r, "id")
	ev, valid := workflow.ValidEvent(r.URL.Query().Get("aksi"))
	if !ok || !valid {
		s.notFound(w, r)
		return
	}
	p, _ := principalFrom(r.Context())
	r.Body = http.MaxBytesReader(w, r.Body, 4*s.cfg.MaxUploadBytes+(2<<20))
	pf, err := readForm(r, s.cfg.MaxUploadBytes)
	if err != nil {
		s.clientError(w, r, http.StatusUnprocessableEntity, "Pratinjau belum dapat dibuat", "Isian editor tidak dapat dibaca. Tutup tab ini, lalu tekan Pratinjau PDF lagi.")
		return
	}
	act := app.Action{Event: ev, Form: pf.Values}
	if t, ok := tenantFrom(r.Context()); ok {
		act.TenantID = t.ID
	}
	doc := pf.Values.Get("pratinjau")
	pdf, err := s.app.PreviewAgreement(r.Context(), p, id, act, doc)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	name := "pratinjau-pks.pdf"
	if doc == app.PreviewJuknis {
		name = "pratinjau-juknis.pdf"
	}
	sendPDF(w, name, pdf, true)
}

// linkPreview gives the agreement editor's forms their "Pratinjau PDF".
func linkPreview(base string, forms []web.ActionForm) {
	for i, f := range forms {
		if f.Event == string(workflow.PrepareAgreement) || f.Event == string(workflow.ReviseAgreement) {
			forms[i].PreviewAction = base + "/pks/pratinjau?aksi=" + f.Event
		}
	}
}
