package app

import (
	"sort"

	"github.com/hakakses/hakakses/internal/workflow"
)

// ActionTexts is every fixed Indonesian text the action definitions put on
// screen, by the catalogue key the pages translate it under:
//
//	help.<event>, confirm.<event>       the form's sentence and confirmation
//	field.<event>.<name>                a field's label
//	hint.<event>.<name>                 a field's hint
//	choice.<event>.<name>.<value>       a fixed choice's label
//	detail.<event>.<key>                a history entry's detail label
//
// The definitions stay the source of the Indonesian text; the server shows a
// translation only while the catalogue's Indonesian text equals it, and the
// catalogue test holds the two equal. Labels worded per application
// (labelFor) and choices listed per application (choicesFor) are not fixed and
// are not here.
func ActionTexts() map[string]string {
	out := map[string]string{}
	put := func(key, text string) {
		if text != "" {
			out[key] = text
		}
	}
	for _, ev := range workflow.Events {
		d, ok := actions[ev]
		if !ok {
			continue
		}
		e := string(ev)
		put("help."+e, d.Help)
		put("confirm."+e, d.Confirm)
		for _, f := range d.Fields {
			put("field."+e+"."+f.Name, f.Label)
			put("hint."+e+"."+f.Name, f.Hint)
			for _, c := range f.Choices {
				put("choice."+e+"."+f.Name+"."+c.Value, c.Label)
			}
		}
		for _, h := range d.History {
			put("detail."+e+"."+h.Key, h.Label)
		}
	}
	return out
}

// DocumentKinds lists every document kind that has a label (DocumentLabel),
// sorted, for the catalogue test: pages translate a kind's label as doc.<kind>.
func DocumentKinds() []string {
	out := make([]string, 0, len(documentLabels))
	for k := range documentLabels {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
