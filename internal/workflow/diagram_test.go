package workflow

import (
	"flag"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite docs/workflow.md from Mermaid()")

const diagramPath = "../../docs/workflow.md"

const regenerate = "go test ./internal/workflow -run TestDiagramIsCurrent -update"

// diagramDoc is the whole of docs/workflow.md: it is generated, never edited.
func diagramDoc() string {
	return "# Application state machine (generated from internal/workflow by `" + regenerate + "`; do not edit)\n\n" +
		"```mermaid\n" + Mermaid() + "```\n\n" +
		"## Stages shown to users\n\n" +
		"Progress is shown as stages, not as the seed's 11 items (items 7–11 are the rejection path and rules). " +
		"Final states are at no stage: the stage they ended carries the outcome.\n\n" + StagesMarkdown()
}

func TestDiagramIsCurrent(t *testing.T) {
	want := diagramDoc()
	if *update {
		if err := os.WriteFile(diagramPath, []byte(want), 0o644); err != nil {
			t.Fatalf("writing %s: %v", diagramPath, err)
		}
		return
	}
	got, err := os.ReadFile(diagramPath)
	if err != nil {
		t.Fatalf("reading %s: %v (regenerate with: %s)", diagramPath, err, regenerate)
	}
	if string(got) != want {
		t.Errorf("docs/workflow.md is out of date with the state machine; regenerate with:\n\t%s", regenerate)
	}
}

func TestMermaidShowsEveryStateAndEdge(t *testing.T) {
	m := Mermaid()
	if !strings.HasPrefix(m, "stateDiagram-v2\n") {
		t.Errorf("diagram does not start with stateDiagram-v2")
	}
	for _, want := range []string{
		"    draft: Draf\n",
		"    [*] --> draft\n",
		"    draft --> submitted: submit (lembaga)\n",
		"    active --> revoked: revoke (petugas, kepala, dirjen)\n",
		"    dwh_requested --> signed: return_dwh (dirjen)\n",
		"    signing --> signing: revise_agreement (petugas, kepala)\n",
		"    withdrawn --> [*]\n",
	} {
		if !strings.Contains(m, want) {
			t.Errorf("diagram lacks %q", want)
		}
	}
	if got := strings.Count(m, " --> "); got != len(edges)+1+4 {
		t.Errorf("diagram has %d arrows, want %d edges + start + 4 finals", got, len(edges))
	}
	if Mermaid() != m {
		t.Error("Mermaid() is not deterministic")
	}
}
