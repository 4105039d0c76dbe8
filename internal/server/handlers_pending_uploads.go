package server

import (
	"net/http"
	"net/url"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/web"
)

// Files kept from a refused form (app.PendingUploads) show on the form again as
// "Terlampir", each with a "Hapus" button. On the draft form the button sends the
// draft form itself (saveDraft → removeFromDraft), so nothing typed is lost; on
// an action form it belongs to a small form of its own after the action's
// (forms do not nest), posted to removePendingUpload.

// removePendingUpload drops one kept file of the signed-in user and goes back to
// the application's page.
func (s *Server) removePendingUpload(w http.ResponseWriter, r *http.Request) {
	id, ok := idParam(r, "id")
	if !ok {
		s.notFound(w, r)
		return
	}
	p, _ := principalFrom(r.Context())
	if err := r.ParseForm(); err != nil {
		s.clientError(w, r, http.StatusBadRequest, tr(r, "apps.pending.unreadable_title"), tr(r, "apps.pending.unreadable"))
		return
	}
	name, removed, err := s.app.RemovePendingUpload(r.Context(), p, id, r.PostForm.Get("jenis"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if removed {
		s.flash(r.Context(), tr(r, "apps.pending.removed", "File", name))
	} else {
		s.flash(r.Context(), tr(r, "apps.pending.gone"))
	}
	http.Redirect(w, r, s.appBase(r, p, id), http.StatusSeeOther)
}

// removeFromDraft is "Hapus" on a kept file of the draft form: the button sends
// the whole form, so the draft is not saved, the file of kind is dropped, files
// chosen meanwhile are kept like those of a refused save, and the form comes
// back with what was typed.
func (s *Server) removeFromDraft(w http.ResponseWriter, r *http.Request, p app.Principal, id int64, kind string, in app.DraftInput, values url.Values) {
	name, removed, problems, err := s.app.RemoveFromDraft(r.Context(), p, id, kind, in)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	msg := tr(r, "apps.pending.gone")
	if removed {
		msg = tr(r, "apps.pending.removed", "File", name)
	}
	values.Del("hapus_lampiran")
	rf := refused{Path: s.appBase(r, p, id) + "/ubah", Values: values}
	if len(problems) > 0 {
		s.redirectRefused(w, r, rf, app.Invalid(msg+tr(r, "apps.pending.others_wrong"), problems))
		return
	}
	s.flash(r.Context(), msg+tr(r, "apps.pending.not_saved"))
	s.redirectRefused(w, r, rf, &app.Error{})
}

// showPending marks, on the action forms with uploads, the files the viewer
// kept from a refused send. It reads nothing when no form has an upload, so
// pages without one cost no extra query.
func (s *Server) showPending(r *http.Request, p app.Principal, d *app.Detail, forms []web.ActionForm) error {
	files := false
	for _, f := range forms {
		for _, x := range f.Fields {
			files = files || x.Kind == string(app.KindFile)
		}
	}
	if !files {
		return nil
	}
	pending, err := s.app.PendingUploads(r.Context(), p, d.App.ID)
	if err != nil || len(pending) == 0 {
		return err
	}
	for i, f := range forms {
		for j, x := range f.Fields {
			if u, ok := pending[x.Name]; ok && x.Kind == string(app.KindFile) {
				forms[i].Fields[j].Pending, forms[i].Fields[j].PendingUntil = u.Text(), whenIn(r, u.Until, d.Tenant.Location())
				forms[i].Fields[j].RemoveForm = "hapus-" + f.Event + "-" + x.Name
			}
		}
	}
	return nil
}
