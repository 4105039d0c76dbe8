package i18n

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/hakakses/hakakses/internal/sla"
	"github.com/hakakses/hakakses/internal/workflow"
)

// TestCatalogueComplete fails on a key that one language has and the other
// lacks, or whose text is empty, or that does not load.
func TestCatalogueComplete(t *testing.T) {
	keys := map[Lang]map[string]bool{}
	for _, l := range Langs {
		k, err := Keys(l)
		if err != nil {
			t.Fatal(err)
		}
		keys[l] = k
	}
	for _, a := range Langs {
		for _, b := range Langs {
			for k := range keys[a] {
				if !keys[b][k] {
					t.Errorf("key %q is in the %s catalogue but missing in the %s one", k, a, b)
				}
			}
		}
		for k := range keys[a] {
			if got := For(a).T(k, "Count", 2, "Status", 404); got == "" || got == k {
				t.Errorf("%s: key %q has no text", a, k)
			}
		}
	}
}

// lookups are the catalogue calls the code makes with a whole literal key (keys
// built from a name, "state."+s, are checked by TestWorkflowLabelsCatalogued): T(ctx, "k")
// in templates, tr(r, "k") in handlers, .T("k") on a localizer.
var lookups = regexp.MustCompile(`(?:\bT\(ctx,\s*|\btr\(r,\s*|\.T\()"([^"]+)"\s*[,)]`)

// TestKeysUsedExist scans the templates and Go sources for catalogue lookups
// and fails on a key the catalogue lacks.
func TestKeysUsedExist(t *testing.T) {
	known, err := Keys(ID)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, pattern := range []string{"../../web/*.templ", "../../web/*.go", "../../internal/server/*.go"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	used := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_templ.go") {
			continue // generated from the .templ already scanned
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range lookups.FindAllStringSubmatch(string(b), -1) {
			used++
			if !known[m[1]] {
				t.Errorf("%s uses key %q, which the catalogue lacks", filepath.Base(f), m[1])
			}
		}
	}
	if used < 20 {
		t.Fatalf("found only %d lookups: the scan no longer matches how the code calls the catalogue", used)
	}
}

// TestWorkflowLabelsCatalogued: states, stages and events are shown through
// keys built from their names (state.<name>, …), which no scan can see, so every
// one must be in the catalogue; and the Indonesian text must be the workflow's
// own label, so the two never drift apart.
func TestWorkflowLabelsCatalogued(t *testing.T) {
	id := For(ID)
	check := func(key, label string) {
		t.Helper()
		if got := id.T(key); got != label {
			t.Errorf("%s: catalogue says %q, workflow says %q", key, got, label)
		}
		if got := For(EN).T(key); got == key || got == label {
			t.Errorf("%s: no English text (got %q)", key, got)
		}
	}
	for _, s := range workflow.States {
		check("state."+string(s), s.Label())
	}
	for _, s := range workflow.Stages {
		check("stage."+string(s), s.Label())
	}
	for _, r := range []workflow.Role{workflow.RoleLembaga, workflow.RolePetugas, workflow.RoleKepala, workflow.RoleDirjen, workflow.RoleAdmin, workflow.RoleSystem} {
		check("role."+string(r), r.Label())
	}
	for _, p := range []workflow.Party{workflow.PartyLembaga, workflow.PartyDisdukcapil, workflow.PartyDirjen, workflow.PartyBoth} {
		check("party."+string(p), p.Label())
	}
	for _, p := range []workflow.Progress{workflow.ProgressDone, workflow.ProgressCurrent, workflow.ProgressNext, workflow.ProgressSkipped} {
		check("progress."+string(p), p.Label())
	}
}

// TestPlural: English counts take their plural form; Indonesian has none.
func TestPlural(t *testing.T) {
	if got := For(EN).T("sla.days", "Count", 1); got != "1 working day" {
		t.Errorf("en 1 day: %q", got)
	}
	if got := For(EN).T("sla.days", "Count", 3); got != "3 working days" {
		t.Errorf("en 3 days: %q", got)
	}
	if got := For(ID).T("sla.days", "Count", 1); got != "1 hari kerja" {
		t.Errorf("id 1 day: %q", got)
	}
	if got := For(EN).T("no.such.key"); got != "no.such.key" {
		t.Errorf("a missing key shows as itself, got %q", got)
	}
}

func TestResolve(t *testing.T) {
	cases := []struct {
		user, cookie, accept string
		want                 Lang
	}{
		{"", "", "", ID},
		{"", "", "en-US,en;q=0.9", EN},
		{"", "", "id-ID,id;q=0.9,en;q=0.8", ID},
		{"", "", "fr-FR", ID},            // neither: the default, not the closest
		{"", "", "fr-FR,en;q=0.5", EN},   // English is acceptable, Indonesian not
		{"", "", "not a header ;;;", ID}, // malformed
		{"", "en", "id-ID", EN},          // the switch beats the browser
		{"", "xx", "en", EN},             // a forged cookie is ignored
		{"id", "en", "en", ID},           // the account's choice beats both
		{"en", "", "id", EN},             //
		{"", "id", "en", ID},             //
		{"zz", "", "", ID},               // an unknown stored value falls through
	}
	for _, c := range cases {
		if got := Resolve(c.user, c.cookie, c.accept); got != c.want {
			t.Errorf("Resolve(%q, %q, %q) = %s, want %s", c.user, c.cookie, c.accept, got, c.want)
		}
	}
}

// TestSLAExplanationIsTheLetters: the pages' Indonesian explanation of the
// service standard (catalogue keys sla.*) is word for word sla.Explain's, which
// the letters quote.
func TestSLAExplanationIsTheLetters(t *testing.T) {
	e := sla.Explain(2, "07:30", "16:00", "WIB")
	id := For(ID)
	args := []any{"Count", 2, "Days", 2, "Open", "07:30", "Close", "16:00", "Zone", "WIB"}
	if got := id.T("sla.headline", args...); got != e.Headline {
		t.Errorf("headline: %q, want %q", got, e.Headline)
	}
	if got := id.T("sla.hours", args...); got != e.Hours {
		t.Errorf("hours: %q, want %q", got, e.Hours)
	}
	for i, want := range e.Steps {
		if got := id.T("sla.step." + strconv.Itoa(i+1)); got != want {
			t.Errorf("step %d: %q, want %q", i+1, got, want)
		}
	}
	for i, want := range e.NotCount {
		if got := id.T("sla.not." + strconv.Itoa(i+1)); got != want {
			t.Errorf("not counted %d: %q, want %q", i+1, got, want)
		}
	}
	if len(e.Steps) != 7 || len(e.NotCount) != 4 {
		t.Errorf("sla.Explain has %d steps and %d exclusions; the pages show 7 and 4 (internal/server/format.go)", len(e.Steps), len(e.NotCount))
	}
	if got := For(EN).T("sla.headline", "Count", 1, "Days", 1); got != "1 working day for each step the Disdukcapil carries out" {
		t.Errorf("en singular headline: %q", got)
	}
}
