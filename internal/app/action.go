package app

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/hakakses/hakakses/internal/letters"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// An action is one workflow event as the product performs it. Whether the event
// may fire is internal/workflow's business (transitions, permissions, guards);
// everything the event *does* is declared once, in its own action_<event>.go file:
// the form it asks for, the files it accepts, what it changes on the application,
// the documents it generates, the details its history entry keeps, and whom it
// notifies with what text. Fire, the form parser, the detail page and the
// notifier read these definitions and contain no per-event code.
//
// How to add one: docs/actions.md.
type actionDef struct {
	Event workflow.Event

	// Presentation of the form on the application page.
	Help    string // one sentence above the fields
	Open    bool   // expanded by default
	Danger  bool   // a red button, with Confirm asked first
	Confirm string

	Fields  []Field
	Uploads []UploadSpec
	// History lists the details the history entry keeps, in display order.
	History []HistoryDetail
	Notice  notice

	// prepare runs before the guards and may refuse with a form error (e.g. the
	// forwarding letter's acting signatory).
	prepare func(c *fireCtx) error
	// facts adds what the guards check of this action's input.
	facts func(c *fireCtx, f *workflow.Facts) error
	// refine rewrites guard messages with what only this action knows.
	refine func(c *fireCtx, ge *workflow.GuardError)
	// change sets what the transition changes on the application row, before the
	// compare-and-set.
	change func(c *fireCtx, ch *store.Change)
	// effect runs after the compare-and-set and the uploads are stored: it
	// generates documents, records issued data, and records history details.
	effect func(c *fireCtx) error
}

// FieldKind says how a form field is read, limited and rendered.
type FieldKind string

// The field kinds. A new kind needs a case in Field.parse, in limits, and in the
// web package's field component; TestEveryFieldKindRenders checks the last.
const (
	KindText     FieldKind = "text"     // one line
	KindNumber   FieldKind = "number"   // digits typed as text (e.g. a NIP)
	KindDate     FieldKind = "date"     // YYYY-MM-DD
	KindLongText FieldKind = "longtext" // a paragraph (a reason)
	KindLines    FieldKind = "lines"    // one entry per line
	KindChoice   FieldKind = "choice"   // one of Choices
	KindClauses  FieldKind = "clauses"  // the PKS clause editor: <name>_key, _title, _body
	KindSections FieldKind = "sections" // the Juknis section editor: <name>_title, _body
	KindFile     FieldKind = "file"     // an upload (forms only; see UploadSpec)
)

// FieldKinds lists every kind, for completeness tests.
var FieldKinds = []FieldKind{KindText, KindNumber, KindDate, KindLongText, KindLines, KindChoice, KindClauses, KindSections, KindFile}

// Field is one input of an action's form.
type Field struct {
	Name  string // the form's name (and, for lists, the prefix of its names)
	Key   string // the field key guard and limit messages attach to; default Name
	Kind  FieldKind
	Label string
	Hint  string // shown under the control
	// Required marks the control required in the browser; the guard is what
	// actually refuses a missing value.
	Required bool
	Limit    int    // characters per value (per line, per title)
	BodyMax  int    // clauses/sections: characters per body
	MaxItems int    // lines, clauses, sections: how many entries
	TooMany  string // message when over MaxItems, with %d for it
	Item     string // clauses/sections: an entry's name with %d, e.g. "pasal %d"
	// check is an extra per-line check (lines): a message or "".
	check   func(line string) string
	Choices []Choice
	// choicesFor, when set, lists the choices for this application (a report's
	// semester, the reports awaiting review).
	choicesFor func(d *Detail) []Choice
	// prefill is the value shown before the user types anything.
	prefill func(d *Detail) Value
	// labelFor, when set, words the label for this application.
	labelFor func(d *Detail) string
}

// Choice is one option of a KindChoice field.
type Choice struct {
	Value string
	Label string
}

func (f Field) key() string {
	if f.Key != "" {
		return f.Key
	}
	return f.Name
}

// UploadSpec is a file an action accepts.
type UploadSpec struct {
	Kind     string // document kind (Doc…)
	PDFOnly  bool   // letters: PDF only; scans may be PNG or JPEG too
	Required bool   // the form asks for it unless one is stored
	// Fresh: a new file every time (a semester report), so a stored one neither
	// satisfies the form nor is shown.
	Fresh bool
}

// HistoryDetail is one detail a history entry keeps: its key in the stored data
// and its label on screen.
type HistoryDetail struct {
	Key   string
	Label string
}

// Value is one field's typed input.
type Value struct {
	Text     string // text, number, date (as typed), longtext, choice
	Date     time.Time
	Lines    []string
	Clauses  []letters.Clause
	Sections []letters.Section
}

// Input is an action's form, read field by field from its definition.
type Input map[string]Value

// Text is a text field's trimmed value.
func (in Input) Text(name string) string { return in[name].Text }

// Date is a date field's value (zero when empty).
func (in Input) Date(name string) time.Time { return in[name].Date }

// Lines is a lines field's non-blank, trimmed lines.
func (in Input) Lines(name string) []string { return in[name].Lines }

// actions is the registry: every workflow event has exactly one definition
// (TestEveryEventHasOneAction).
var actions = map[workflow.Event]*actionDef{}

// define registers an action; each action_*.go file calls it once.
func define(d actionDef) *actionDef {
	if _, dup := actions[d.Event]; dup {
		panic("app: action defined twice: " + string(d.Event))
	}
	actions[d.Event] = &d
	return &d
}

// uploadKinds are the document kinds the action's form uploads.
func (d *actionDef) uploadKinds() []string {
	out := make([]string, 0, len(d.Uploads))
	for _, u := range d.Uploads {
		out = append(out, u.Kind)
	}
	return out
}

// ActionFields is the form of ev (nil for an unknown event).
func ActionFields(ev workflow.Event) []Field {
	if d, ok := actions[ev]; ok {
		return d.Fields
	}
	return nil
}

// read parses an action's form from its field list. A value that cannot be read
// (a malformed date) gets a message under its key.
func (d *actionDef) read(form url.Values) (Input, map[string]string) {
	in := Input{}
	bad := map[string]string{}
	for _, f := range d.Fields {
		v, msg := f.parse(form)
		if msg != "" {
			bad[f.key()] = msg
		}
		in[f.Name] = v
	}
	return in, bad
}

func (f Field) parse(form url.Values) (Value, string) {
	switch f.Kind {
	case KindDate:
		s := strings.TrimSpace(form.Get(f.Name))
		v := Value{Text: s}
		if s == "" {
			return v, ""
		}
		t, err := time.Parse("2006-01-02", s)
		if err != nil {
			return v, "Gunakan format tanggal yang benar."
		}
		v.Date = t
		return v, ""
	case KindLines:
		return Value{Lines: splitLines(form.Get(f.Name))}, ""
	case KindClauses:
		keys, titles, bodies := form[f.Name+"_key"], form[f.Name+"_title"], form[f.Name+"_body"]
		var v Value
		for i := range bodies {
			if i >= len(titles) || i >= len(keys) {
				break
			}
			// A blank clause is dropped, unless it is a required one: kept, the guard
			// names it and the editor shows its slot again.
			if strings.TrimSpace(titles[i]) == "" && strings.TrimSpace(bodies[i]) == "" &&
				!slices.Contains(workflow.RequiredClauses, workflow.ClauseKey(keys[i])) {
				continue
			}
			v.Clauses = append(v.Clauses, letters.Clause{Key: workflow.ClauseKey(keys[i]), Title: strings.TrimSpace(titles[i]), Body: normalizeNewlines(bodies[i])})
		}
		return v, ""
	case KindSections:
		titles, bodies := form[f.Name+"_title"], form[f.Name+"_body"]
		var v Value
		for i := range bodies {
			if i >= len(titles) || (strings.TrimSpace(titles[i]) == "" && strings.TrimSpace(bodies[i]) == "") {
				continue
			}
			v.Sections = append(v.Sections, letters.Section{Title: strings.TrimSpace(titles[i]), Body: normalizeNewlines(bodies[i])})
		}
		return v, ""
	}
	return Value{Text: strings.TrimSpace(form.Get(f.Name))}, ""
}

// limits checks the sizes of an action's input, so a pasted book or a scripted
// request cannot bloat the history, the letters or the PDFs.
func (d *actionDef) limits(in Input) form {
	out := form{}
	for _, f := range d.Fields {
		v, key := in[f.Name], f.key()
		switch f.Kind {
		case KindLines:
			if f.MaxItems > 0 && len(v.Lines) > f.MaxItems {
				out.set(key, fmt.Sprintf(f.TooMany, f.MaxItems))
			}
			for _, line := range v.Lines {
				if f.Limit > 0 {
					out.max(key, line, f.Limit)
				}
				if f.check != nil {
					if msg := f.check(line); msg != "" {
						out.set(key, msg)
					}
				}
			}
		case KindClauses:
			if f.MaxItems > 0 && len(v.Clauses) > f.MaxItems {
				out.set(key, fmt.Sprintf(f.TooMany, f.MaxItems))
			}
			for i, c := range v.Clauses {
				k := key
				if c.Key != "" {
					k = key + "." + string(c.Key)
				}
				f.itemLimits(out, k, i, c.Title, c.Body)
			}
		case KindSections:
			if f.MaxItems > 0 && len(v.Sections) > f.MaxItems {
				out.set(key, fmt.Sprintf(f.TooMany, f.MaxItems))
			}
			for i, s := range v.Sections {
				f.itemLimits(out, key, i, s.Title, s.Body)
			}
		default:
			if f.Limit > 0 {
				out.max(key, v.Text, f.Limit)
			}
		}
	}
	return out
}

func (f Field) itemLimits(out form, key string, i int, title, body string) {
	item := fmt.Sprintf(f.Item, i+1)
	if utf8.RuneCountInString(title) > f.Limit {
		out.set(key, fmt.Sprintf("Judul %s terlalu panjang (maksimal %d karakter).", item, f.Limit))
	}
	if utf8.RuneCountInString(body) > f.BodyMax {
		out.set(key, fmt.Sprintf("Isi %s terlalu panjang (maksimal %d karakter).", item, f.BodyMax))
	}
}

// Limits shared by several actions' fields.
const (
	maxReasonLen        = 2000
	maxShortTextLen     = 200 // signatory, letter number, signers
	maxClauseTitleLen   = 300
	maxClauseBodyLen    = 20000
	maxPurposeLen       = 4000
	maxReturnDataLen    = 4000
	maxJustificationLen = 2000
)

// reasonField is the free-text reason of a return, rejection or revocation.
func reasonField(label string) Field {
	return Field{Name: "reason", Kind: KindLongText, Label: label, Required: true, Limit: maxReasonLen}
}

// reasonDetail is the history detail a reason is kept under.
var reasonDetail = HistoryDetail{Key: "reason", Label: "Alasan"}

func splitLines(s string) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func normalizeNewlines(s string) string {
	return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
}
