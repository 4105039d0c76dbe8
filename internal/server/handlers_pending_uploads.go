package server

import (
	"net/http"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/workflow"
	"github.com/hakakses/hakakses/web"
)

// Files kept from a refused form (app.PendingUploads) show on the form again as
// "Terlampir", each with a "Hapus" button. The button belongs to a small form of
// its own, placed after the page's big form (HTML forms do not nest), so pressing
// Enter in the big form still saves it rather than removing a file.

// removePendingUpload drops one kept file of the signed-in user and goes back to
// the form it was shown on.
func (s *Server) removePendingUpload(w http.ResponseWriter, r *http.Request) {
	id, ok := idParam(r, "id")
	if !ok {
		s.notFound(w, r)
		return
	}
	p, _ := principalFrom(r.Context())
	if err := r.ParseForm(); err != nil {
		s.clientError(w, r, http.StatusBadRequest, "Permintaan tidak dapat dibaca", "Formulir tidak dapat dibaca. Muat ulang halaman lalu coba lagi.")
		return
	}
	name, removed, err := s.app.RemovePendingUpload(r.Context(), p, id, r.PostForm.Get("jenis"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if removed {
		s.flash(r.Context(), "Lampiran "+name+" dihapus. Pilih berkas lain sebelum menyimpan bila masih diperlukan.")
	} else {
		s.flash(r.Context(), "Lampiran tersebut sudah tidak tersimpan; tidak ada yang dihapus.")
	}
	back := s.appBase(r, p, id)
	if r.PostForm.Get("kembali") == "ubah" && p.Role == workflow.RoleLembaga {
		back += "/ubah"
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
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
				forms[i].Fields[j].Pending, forms[i].Fields[j].PendingUntil = u.Text(), when(u.Until, d.Tenant.Location())
				forms[i].Fields[j].RemoveForm = "hapus-" + f.Event + "-" + x.Name
			}
		}
	}
	return nil
}
