package store_test

import (
	"context"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/testdb"
	"github.com/hakakses/hakakses/internal/workflow"
)

// The migrations copy parts of the state machine into the database (a CHECK
// constraint, the Dirjen's update trigger and insert policies, the inbox's partial
// index). They cannot import Go, so this test reads them back from the catalog and
// fails when they drift from internal/workflow's tables; a new state or Dirjen
// transition then needs a migration.
func TestDatabaseStateListsMatchTheWorkflow(t *testing.T) {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, testdb.New(t))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	read := func(sql string) string {
		t.Helper()
		var s string
		if err := conn.QueryRow(ctx, sql).Scan(&s); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
		return s
	}
	quoted := regexp.MustCompile(`'([a-z_]+)'`)
	words := func(s string) []string {
		var out []string
		for _, m := range quoted.FindAllStringSubmatch(s, -1) {
			out = append(out, m[1])
		}
		sort.Strings(out)
		return slices.Compact(out)
	}
	sorted := func(states ...workflow.State) []string {
		out := make([]string, 0, len(states))
		for _, s := range states {
			out = append(out, string(s))
		}
		sort.Strings(out)
		return slices.Compact(out)
	}

	check := read(`SELECT pg_get_constraintdef(oid) FROM pg_constraint
		WHERE conrelid = 'applications'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%(state = ANY%'`)
	if got, want := words(check), sorted(workflow.States...); !slices.Equal(got, want) {
		t.Errorf("applications.state CHECK lists %v; workflow.States are %v", got, want)
	}

	// The Dirjen's transitions that move the application.
	var pairs []string
	var targets []workflow.State
	for _, tr := range workflow.Transitions() {
		if tr.From != tr.To && slices.Contains(tr.Roles, workflow.RoleDirjen) {
			pairs = append(pairs, string(tr.From)+">"+string(tr.To))
			targets = append(targets, tr.To)
		}
	}
	sort.Strings(pairs)
	trigger := read(`SELECT prosrc FROM pg_proc WHERE proname = 'dirjen_update_guard'`)
	var got []string
	for _, m := range regexp.MustCompile(`\('([a-z_]+)', '([a-z_]+)'\)`).FindAllStringSubmatch(trigger, -1) {
		got = append(got, m[1]+">"+m[2])
	}
	sort.Strings(got)
	if !slices.Equal(got, pairs) {
		t.Errorf("dirjen_update_guard allows %v; the workflow's Dirjen transitions are %v", got, pairs)
	}
	policy := read(`SELECT with_check FROM pg_policies WHERE tablename = 'application_events' AND policyname = 'dirjen_insert'`)
	policy = policy[strings.Index(policy, "state"):] // after app_scope() = 'dirjen'
	// The policy also names the events the Dirjen may record on an application
	// that is active again (a warning, a reinstatement, a refused addendum); only
	// its states are compared here.
	var policyStates []string
	for _, w := range words(policy) {
		if _, ok := workflow.ValidState(w); ok {
			policyStates = append(policyStates, w)
		}
	}
	if got, want := policyStates, sorted(targets...); !slices.Equal(got, want) {
		t.Errorf("dirjen_insert policy lists %v; the Dirjen's transitions lead to %v", got, want)
	}

	var waiting []workflow.State
	for _, s := range workflow.States {
		if s.WaitingOn() == workflow.PartyDirjen {
			waiting = append(waiting, s)
		}
	}
	index := read(`SELECT indexdef FROM pg_indexes WHERE indexname = 'applications_inbox_waiting'`)
	if got, want := words(index), sorted(waiting...); !slices.Equal(got, want) {
		t.Errorf("inbox index lists %v; the states waiting on the Dirjen are %v", got, want)
	}
}
