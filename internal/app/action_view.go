package app

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// ActionForm is an event the viewer may fire now, with its fields filled in:
// from the application, or as the user typed them into a refused form.
type ActionForm struct {
	Event   workflow.Event
	Label   string
	Help    string
	Danger  bool
	Confirm string
	Open    bool
	Fields  []FormField
}

// FormField is one control of an action form, ready to render by its kind.
type FormField struct {
	Kind     FieldKind
	Name     string
	Key      string // element id and the key of its error message
	Label    string
	Hint     string
	Required bool
	Value    string // text kinds; lines joined with newlines
	Choices  []Choice
	Items    []FormItem // clauses, sections
	Accept   string     // file: the content types accepted
	Stored   string     // file: the file already stored for this kind, if any
}

// FormItem is one clause or section of an editor.
type FormItem struct {
	Key   string // a required clause's key; empty otherwise
	Title string
	Body  string
}

// ActionForms describes the forms of the events the viewer may fire now. act,
// when set, is a refused form: its own form is shown open, as the user typed it.
func (d *Detail) ActionForms(act *Action) []ActionForm {
	out := make([]ActionForm, 0, len(d.Available))
	for _, ev := range d.Available {
		def, ok := actions[ev]
		if !ok {
			continue
		}
		var in Input
		if act != nil && act.Event == ev {
			in, _ = def.read(act.Form)
		}
		out = append(out, d.actionForm(def, in))
	}
	return out
}

func (d *Detail) actionForm(def *actionDef, refill Input) ActionForm {
	f := ActionForm{Event: def.Event, Label: def.Event.LabelFrom(d.State), Help: def.Help, Danger: def.Danger,
		Confirm: def.Confirm, Open: def.Open || refill != nil}
	// A refused editor shows what was sent, unless nothing was: then the saved or
	// default draft, so there is something to fix.
	postedList := false
	for _, v := range refill {
		postedList = postedList || len(v.Clauses) > 0 || len(v.Sections) > 0
	}
	for _, fd := range def.Fields {
		v := Value{}
		switch {
		case refill != nil && (postedList || (fd.Kind != KindClauses && fd.Kind != KindSections)):
			v = refill[fd.Name]
		case fd.prefill != nil:
			v = fd.prefill(d)
		}
		ff := FormField{Kind: fd.Kind, Name: fd.Name, Key: fd.key(), Label: fd.Label, Hint: fd.Hint, Required: fd.Required,
			Value: v.Text, Choices: fd.Choices}
		if fd.labelFor != nil {
			ff.Label = fd.labelFor(d)
		}
		if fd.choicesFor != nil {
			ff.Choices = fd.choicesFor(d)
		}
		switch fd.Kind {
		case KindLines:
			ff.Value = strings.Join(v.Lines, "\n")
		case KindClauses:
			for _, c := range v.Clauses {
				ff.Items = append(ff.Items, FormItem{Key: string(c.Key), Title: c.Title, Body: c.Body})
			}
			if refill != nil && postedList && len(ff.Items) == 0 {
				ff.Items = []FormItem{{}}
			}
		case KindSections:
			for _, s := range v.Sections {
				ff.Items = append(ff.Items, FormItem{Title: s.Title, Body: s.Body})
			}
			if refill != nil && postedList && len(ff.Items) == 0 {
				ff.Items = []FormItem{{}}
			}
		}
		f.Fields = append(f.Fields, ff)
	}
	for _, u := range def.Uploads {
		ff := FormField{Kind: KindFile, Name: u.Kind, Key: u.Kind, Label: DocumentLabel(u.Kind), Accept: "application/pdf,image/png,image/jpeg"}
		if u.PDFOnly {
			ff.Accept = "application/pdf"
		}
		if doc, ok := d.Latest[u.Kind]; ok && !u.Fresh {
			ff.Stored = doc.Filename
		}
		ff.Required = u.Required && ff.Stored == ""
		f.Fields = append(f.Fields, ff)
	}
	return f
}

// HistoryEntry is one entry of an application's history as screens show it.
type HistoryEntry struct {
	Event   string // the workflow event, or "create"
	Label   string
	At      time.Time
	Actor   string
	Role    workflow.Role
	From    workflow.State // empty for the creating entry
	To      workflow.State
	Details []EntryDetail
}

// EntryDetail is one labelled value of a history entry.
type EntryDetail struct {
	Key   string // the detail's key in the stored data (ActionTexts: detail.<event>.<key>)
	Label string
	Value string
}

// eventCreate is the history's first entry: the draft was created. It is not a
// workflow event (nothing fires it), so it has no action definition.
const eventCreate = "create"

// historyOf decodes stored history entries, newest first, with the details each
// action declares, in its order.
func historyOf(events []store.Event) []HistoryEntry {
	out := make([]HistoryEntry, 0, len(events))
	for i := len(events) - 1; i >= 0; i-- {
		e := events[i]
		h := HistoryEntry{Event: e.Event, At: e.At, Actor: e.ActorName, Role: workflow.Role(e.ActorRole), To: workflow.State(e.To)}
		if e.From != nil {
			h.From = workflow.State(*e.From)
		}
		if e.Event == eventCreate {
			h.Label = "Draf dibuat"
		} else {
			ev := workflow.Event(e.Event)
			h.Label = ev.HistoryLabel()
			if def, ok := actions[ev]; ok {
				h.Details = details(def.History, e.Data)
			}
		}
		out = append(out, h)
	}
	return out
}

func details(spec []HistoryDetail, raw []byte) []EntryDetail {
	var data map[string]any
	if len(spec) == 0 || json.Unmarshal(raw, &data) != nil {
		return nil
	}
	var out []EntryDetail
	for _, s := range spec {
		val, ok := data[s.Key]
		if !ok {
			continue
		}
		var text string
		switch x := val.(type) {
		case []any:
			parts := make([]string, 0, len(x))
			for _, p := range x {
				parts = append(parts, fmt.Sprint(p))
			}
			text = strings.Join(parts, ", ")
		default:
			text = fmt.Sprint(x)
		}
		if text != "" && text != "0" {
			out = append(out, EntryDetail{Key: s.Key, Label: s.Label, Value: text})
		}
	}
	return out
}

// LastReason is the reason given with the latest ev of the history, if any.
func (d *Detail) LastReason(ev workflow.Event) string {
	for _, h := range d.History {
		if h.Event != string(ev) {
			continue
		}
		for _, x := range h.Details {
			if x.Label == reasonDetail.Label {
				return x.Value
			}
		}
		return ""
	}
	return ""
}
