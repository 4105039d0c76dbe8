package server

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/letters"
	"github.com/hakakses/hakakses/web"
)

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
			a = v.PKS
			found++
		}
		if v.Version == to {
			b = v.PKS
			found++
		}
	}
	if found != 2 {
		s.notFound(w, r)
		return
	}
	v := web.DiffPage{Page: s.page(r, tr(r, "rest.diff.title")), BackHref: s.appBase(r, p, id), From: from, To: to}
	changeLabel := map[letters.ClauseChange]string{letters.ClauseAdded: tr(r, "rest.diff.added"), letters.ClauseRemoved: tr(r, "rest.diff.removed"), letters.ClauseChanged: tr(r, "rest.diff.changed")}
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
	v := web.Tracking{Page: s.page(r, tr(r, "public.track")), T: tenantView(t), Number: q.Get("nomor"), Code: q.Get("kode")}
	status := http.StatusOK
	if v.Number != "" || v.Code != "" {
		found, err := s.app.Track(r.Context(), t.ID, v.Number, v.Code)
		if err != nil {
			var e *app.Error
			if !errors.As(err, &e) {
				s.serverError(w, r, err)
				return
			}
			v.Error, status = appText(r, e.Message), statusOf(e.Code)
			if e.Code == app.CodeNotFound {
				v.Error = tr(r, "track.not_found") // the app's own message is Indonesian only
			}
		} else {
			v.Found, v.StateLabel, v.WaitingOn = true, stateLabel(r, found.State), partyLabel(r, found.State.WaitingOn())
			v.Since = whenIn(r, found.StateSince, t.Location())
			v.Timeline = stageSteps(r, found.Stages)
			v.SLA = slaExplanation(r, t)
		}
	}
	s.render(w, r, status, web.TrackingView(v))
}
