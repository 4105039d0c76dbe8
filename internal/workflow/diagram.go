package workflow

import (
	"strings"
)

// Mermaid renders the whole machine as a Mermaid stateDiagram-v2: every state
// with its Indonesian label, every edge labelled with its event and the roles
// that may fire it, and the final states. The output depends only on the
// tables, in their declared order, so docs/workflow.md can be checked for
// staleness by comparing text (TestDiagramIsCurrent).
func Mermaid() string {
	var b strings.Builder
	b.WriteString("stateDiagram-v2\n")
	for _, s := range States {
		b.WriteString("    " + string(s) + ": " + s.Label() + "\n")
	}
	b.WriteString("    [*] --> " + string(Draft) + "\n")
	for _, t := range Transitions() {
		roles := make([]string, len(t.Roles))
		for i, r := range t.Roles {
			roles[i] = string(r)
		}
		b.WriteString("    " + string(t.From) + " --> " + string(t.To) + ": " +
			string(t.Event) + " (" + strings.Join(roles, ", ") + ")\n")
	}
	for _, s := range States {
		if s.IsFinal() {
			b.WriteString("    " + string(s) + " --> [*]\n")
		}
	}
	return b.String()
}
