package server

import (
	"encoding/json"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/web"
)

// refused is what a refused POST leaves in the session for the page it redirects
// to (Post/Redirect/Get): the message, the message per field and the values as
// typed. A reload of that page, or going back, is then an ordinary GET, never a
// 405 at the POST address.
type refused struct {
	Path    string            `json:"path"`            // the page that shows it
	Event   string            `json:"event,omitempty"` // the action form it belongs to
	Code    app.Code          `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
	Values  url.Values        `json:"values,omitempty"` // nil: nothing of the form could be read
}

const refusedKey = "refused"

// keepRefused stores a refusal for the next GET of rf.Path and redirects there.
func (s *Server) redirectRefused(w http.ResponseWriter, r *http.Request, rf refused, e *app.Error) {
	rf.Code, rf.Message, rf.Fields = e.Code, e.Message, e.Fields
	b, err := json.Marshal(rf)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.sessions.Put(r.Context(), refusedKey, string(b))
	http.Redirect(w, r, rf.Path, http.StatusSeeOther)
}

// takeRefused returns the refusal left for this page, once; a refusal left for
// another page is dropped.
func (s *Server) takeRefused(r *http.Request) *refused {
	raw := s.sessions.PopString(r.Context(), refusedKey)
	if raw == "" {
		return nil
	}
	var rf refused
	if json.Unmarshal([]byte(raw), &rf) != nil || rf.Path != r.URL.Path {
		return nil
	}
	if rf.Fields == nil {
		rf.Fields = map[string]string{}
	}
	return &rf
}

func (rf *refused) err() *app.Error {
	return &app.Error{Code: rf.Code, Message: rf.Message, Fields: rf.Fields}
}

// anchor is one place on a form a field's message can point to.
type anchor struct {
	key string // the message's field key, or a prefix ending in "."
	id  string // the element id on the page
}

// errorSummary builds the error summary at the top of a form page (GOV.UK
// style): the lead sentence, then one link per field message, in the order of
// the anchors (the form's order); messages without an anchor come first, unlinked.
func errorSummary(e *app.Error, anchors []anchor) *web.ErrorSummary {
	if e == nil {
		return nil
	}
	sum := &web.ErrorSummary{Lead: e.Message}
	if i := strings.Index(e.Message, ": "); i > 0 && len(e.Fields) > 0 && strings.HasPrefix(e.Message, "Tindakan belum dapat dilakukan") {
		sum.Lead = e.Message[:i] + "."
	}
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	rank := func(k string) (int, string) {
		for i, a := range anchors {
			if k == a.key || (strings.HasSuffix(a.key, ".") && strings.HasPrefix(k, a.key)) {
				return i, a.id
			}
		}
		return -1, ""
	}
	sort.SliceStable(keys, func(i, j int) bool {
		ri, _ := rank(keys[i])
		rj, _ := rank(keys[j])
		if ri != rj {
			return ri < rj
		}
		return keys[i] < keys[j]
	})
	seen := map[string]bool{}
	for _, k := range keys {
		msg := e.Fields[k]
		if msg == "" || seen[k+"\x00"+msg] {
			continue
		}
		seen[k+"\x00"+msg] = true
		_, id := rank(k)
		href := ""
		if id != "" {
			href = "#" + id
		}
		sum.Items = append(sum.Items, web.ErrorLink{Href: href, Text: msg})
	}
	return sum
}

// draftAnchors are the draft form's places for the messages of a save or of the
// submit guard, in the form's order.
func draftAnchors(d *app.Detail) []anchor {
	out := []anchor{{"purpose", "purpose"}}
	for _, e := range d.Elements {
		out = append(out, anchor{"data_elements." + e.Code + ".justification", "justification_" + e.Code})
	}
	out = append(out, anchor{"data_elements", "data_elements"}, anchor{"data_elements.", "data_elements"},
		anchor{"access_methods", "access_methods"}, anchor{"return_data", "return_data"}, anchor{"term_months", "term_months"},
		anchor{"eligibility.", "eligibility"})
	for _, k := range []string{app.DocRequestLetter, app.DocAktaPendirian, app.DocSKKemenkumham, app.DocIzinUsaha, app.DocSuratDomisili} {
		out = append(out, anchor{k, k})
	}
	return out
}

// draftFieldKey maps a submit-guard field to the draft form's control: the guard
// names documents by what they are, the form by their document kind.
func draftFieldKey(k string) string {
	switch {
	case k == "request_letter":
		return app.DocRequestLetter
	case strings.HasPrefix(k, "legal_documents."):
		return strings.TrimPrefix(k, "legal_documents.")
	}
	return k
}

// actionAnchors are the places of one action form's fields.
func actionAnchors(forms []web.ActionForm, event string) []anchor {
	var out []anchor
	for _, f := range forms {
		if f.Event != event {
			continue
		}
		for _, x := range f.Fields {
			for i, it := range x.Items {
				if it.Key != "" {
					out = append(out, anchor{x.ID + "." + it.Key, x.Name + "_body_" + strconv.Itoa(i)})
				}
			}
			id := x.ID
			if len(x.Items) > 0 {
				id = x.Name + "_title_0"
			}
			out = append(out, anchor{x.ID, id}, anchor{x.ID + ".", id})
		}
	}
	return out
}
