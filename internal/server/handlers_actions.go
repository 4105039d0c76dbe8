package server

import (
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/idfmt"
	"github.com/hakakses/hakakses/internal/workflow"
)

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
		s.flash(r.Context(), tr(r, "apps.action.done", "Event", translated(r, "event."+string(ev), ev.HistoryLabel())))
		if ev == workflow.Submit {
			s.markSubmitted(r, id)
		}
		http.Redirect(w, r, s.appBase(r, p, id), http.StatusSeeOther)
		return
	}
	e, ok := s.formError(w, r, err, app.CodeInvalid, app.CodeConflict, app.CodeForbidden)
	if !ok {
		return
	}
	// Post/Redirect/Get: the page shows the refusal and the typed values once, and
	// a reload is a GET. A refused submission is fixed on the draft form, so its
	// messages go there, beside the fields they name.
	base := s.appBase(r, p, id)
	rf := refused{Path: base, Event: string(ev), Values: act.Form}
	if ev == workflow.Submit && e.Code == app.CodeInvalid && len(e.Fields) > 0 {
		fields := map[string]string{}
		for k, msg := range e.Fields {
			fields[draftFieldKey(k)] = msg
		}
		e = &app.Error{Code: e.Code, Message: tr(r, "apps.action.submit_refused"), Fields: fields}
		rf = refused{Path: base + "/ubah"}
	}
	s.redirectRefused(w, r, rf, e)
}

// parseAction reads an action form (multipart, with files). Which fields the
// event has is the app's business (its action definition reads them from the
// values); here only the transport is handled. The text fields are read even when
// the body breaks off (a file too large for the request limit), so the form can
// be shown again as the user typed it.
func (s *Server) parseAction(w http.ResponseWriter, r *http.Request, ev workflow.Event) (app.Action, error) {
	r.Body = http.MaxBytesReader(w, r.Body, 4*s.cfg.MaxUploadBytes+(2<<20))
	pf, ferr := readForm(r, s.cfg.MaxUploadBytes)
	act := app.Action{Event: ev, Form: pf.Values}
	act.Version, _ = strconv.Atoi(pf.Values.Get("version"))
	if ferr != nil {
		msg := tr(r, "apps.action.too_large", "Limit", limitText(s.cfg.MaxUploadBytes))
		if len(pf.Values) == 0 {
			msg += tr(r, "apps.action.unreadable")
		} else {
			msg += tr(r, "apps.action.shown_again")
		}
		return act, app.Invalid(msg, map[string]string{})
	}
	if len(pf.TooLarge) > 0 {
		return act, app.Invalid(tr(r, "apps.action.check_marked"), pf.TooLarge)
	}
	act.Files = pf.Files
	return act, nil
}

// limitText is an upload limit as people read it ("10 MB", "256 KB").
func limitText(n int64) string { return idfmt.Bytes(n) }

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
	files, tooLarge, err := readUploads(mf, max)
	if err != nil {
		return nil, err
	}
	if len(tooLarge) > 0 {
		return nil, app.Invalid("Berkas terlalu besar.", tooLarge)
	}
	return files, nil
}

// readUploads reads every uploaded file; one over the limit is left out, with a
// message under its name, so the others can still be kept for the next save.
func readUploads(mf *multipart.Form, max int64) (map[string]app.Upload, map[string]string, error) {
	out, tooLarge := map[string]app.Upload{}, map[string]string{}
	if mf == nil {
		return out, tooLarge, nil
	}
	for name, headers := range mf.File {
		if len(headers) == 0 || headers[0].Size == 0 {
			continue
		}
		h := headers[0]
		if h.Size > max {
			tooLarge[name] = "Berkas terlalu besar (" + idfmt.Bytes(h.Size) + "). Batas ukuran " + limitText(max) + "."
			continue
		}
		f, err := h.Open()
		if err != nil {
			return nil, nil, err
		}
		b, err := io.ReadAll(io.LimitReader(f, max+1))
		f.Close()
		if err != nil {
			return nil, nil, err
		}
		out[name] = app.Upload{Filename: h.Filename, Content: b}
	}
	return out, tooLarge, nil
}
