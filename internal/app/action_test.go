package app

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hakakses/hakakses/internal/workflow"
)

// The registry is complete across layers, in the manner of REMS's
// test-all-command-types-handled: adding an event to the workflow table without
// its action definition fails here.
func TestEveryEventHasOneAction(t *testing.T) {
	for _, ev := range workflow.Events {
		def, ok := actions[ev]
		if !ok {
			t.Errorf("event %q has no action definition (add action_%s.go; see docs/actions.md)", ev, ev)
			continue
		}
		if def.Event != ev {
			t.Errorf("actions[%q] defines %q", ev, def.Event)
		}
		if ev.HistoryLabel() == string(ev) {
			t.Errorf("event %q has no history label in workflow/labels.go", ev)
		}
		if ev.Label() == string(ev) {
			t.Errorf("event %q has no button label in workflow/labels.go", ev)
		}
		checkNotice(t, ev, def.Notice)
	}
	if len(actions) != len(workflow.Events) {
		t.Errorf("%d action definitions for %d workflow events", len(actions), len(workflow.Events))
	}
}

func TestEveryActionPartIsLabelled(t *testing.T) {
	for ev, def := range actions {
		for _, u := range def.Uploads {
			if DocumentLabel(u.Kind) == u.Kind {
				t.Errorf("%s: upload kind %q has no label", ev, u.Kind)
			}
		}
		seen := map[string]bool{}
		for _, h := range def.History {
			if h.Label == "" {
				t.Errorf("%s: history detail %q has no label", ev, h.Key)
			}
			if seen[h.Key] {
				t.Errorf("%s: history detail %q declared twice", ev, h.Key)
			}
			seen[h.Key] = true
		}
		names := map[string]bool{}
		for _, f := range def.Fields {
			if f.Label == "" {
				t.Errorf("%s: field %q has no label", ev, f.Name)
			}
			if !slices.Contains(FieldKinds, f.Kind) || f.Kind == KindFile {
				t.Errorf("%s: field %q has kind %q, which forms cannot read", ev, f.Name, f.Kind)
			}
			if names[f.Name] {
				t.Errorf("%s: field %q declared twice", ev, f.Name)
			}
			names[f.Name] = true
			if (f.Kind == KindLines || f.Kind == KindClauses || f.Kind == KindSections) && f.MaxItems == 0 {
				t.Errorf("%s: list field %q has no MaxItems", ev, f.Name)
			}
			if (f.Kind == KindClauses || f.Kind == KindSections) && (f.Limit == 0 || f.BodyMax == 0 || f.Item == "") {
				t.Errorf("%s: editor field %q lacks its limits", ev, f.Name)
			}
		}
	}
}

// Every field kind reads back what a browser posts for it.
func TestEveryFieldKindParses(t *testing.T) {
	form := url.Values{
		"t": {" a "}, "n": {"1975 01"}, "d": {"2026-03-10"}, "l": {" p "}, "ls": {"x\r\n\r\n y "}, "c": {"Plt."},
		"cl_key": {"maksud"}, "cl_title": {" Maksud "}, "cl_body": {"isi\r\n"},
		"s_title": {"Bab"}, "s_body": {"isi"},
	}
	for _, c := range []struct {
		f    Field
		want func(Value) bool
	}{
		{Field{Name: "t", Kind: KindText}, func(v Value) bool { return v.Text == "a" }},
		{Field{Name: "n", Kind: KindNumber}, func(v Value) bool { return v.Text == "1975 01" }},
		{Field{Name: "d", Kind: KindDate}, func(v Value) bool { return v.Date.Day() == 10 && v.Text == "2026-03-10" }},
		{Field{Name: "l", Kind: KindLongText}, func(v Value) bool { return v.Text == "p" }},
		{Field{Name: "ls", Kind: KindLines}, func(v Value) bool { return slices.Equal(v.Lines, []string{"x", "y"}) }},
		{Field{Name: "c", Kind: KindChoice}, func(v Value) bool { return v.Text == "Plt." }},
		{Field{Name: "cl", Kind: KindClauses}, func(v Value) bool {
			return len(v.Clauses) == 1 && v.Clauses[0].Key == "maksud" && v.Clauses[0].Title == "Maksud" && v.Clauses[0].Body == "isi"
		}},
		{Field{Name: "s", Kind: KindSections}, func(v Value) bool { return len(v.Sections) == 1 && v.Sections[0].Title == "Bab" }},
	} {
		v, msg := c.f.parse(form)
		if msg != "" || !c.want(v) {
			t.Errorf("kind %s read %+v (%q)", c.f.Kind, v, msg)
		}
	}
	if _, msg := (Field{Name: "d", Kind: KindDate}).parse(url.Values{"d": {"10/03/2026"}}); msg == "" {
		t.Error("a malformed date was accepted")
	}
}

// A history detail an action records must be one it declares, so the page can
// label it; recording an undeclared one is a programming error caught by any
// test that fires the action.
func TestRecordingAnUndeclaredDetailPanics(t *testing.T) {
	c := &fireCtx{def: actions[workflow.Return], details: map[string]any{}}
	c.record("reason", "x")
	defer func() {
		if recover() == nil {
			t.Error("undeclared detail recorded silently")
		}
	}()
	c.record("letter_number", "x")
}

// checkNotice: a notice goes to someone, says what happened, names a next step
// for every party it reaches, and uses only the placeholders message fills.
func checkNotice(t *testing.T, ev workflow.Event, n notice) {
	t.Helper()
	if len(n.to) == 0 || n.what == "" {
		t.Errorf("event %q has no notification", ev)
	}
	parties := append([]audience(nil), n.to...)
	for _, more := range n.alsoFrom {
		parties = append(parties, more...)
	}
	for _, aud := range parties {
		if n.next[aud] == "" && n.next[anyone] == "" {
			t.Errorf("event %q tells party %d of no next step", ev, aud)
		}
	}
	texts := []string{n.what}
	for _, s := range n.next {
		texts = append(texts, s)
	}
	for _, r := range n.after {
		texts = append(texts, r.what)
	}
	known := regexp.MustCompile(`\{(App|app|tenant|actor|deadline)\}`)
	for _, s := range texts {
		if strings.ContainsAny(known.ReplaceAllString(s, ""), "{}") {
			t.Errorf("event %q: unknown placeholder in %q", ev, s)
		}
	}
}
