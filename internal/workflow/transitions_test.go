package workflow

import (
	"errors"
	"fmt"
	"testing"
	"time"
)

func TestVocabularyMatchesTheSharedNames(t *testing.T) {
	check := func(kind string, got []string, want []string) {
		t.Helper()
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s = %v, want %v", kind, got, want)
		}
	}
	var states, events, roles []string
	for _, s := range States {
		states = append(states, string(s))
	}
	for _, e := range Events {
		events = append(events, string(e))
	}
	for _, r := range Roles {
		roles = append(roles, string(r))
	}
	check("States", states, expectedStates)
	check("Events", events, expectedEvents)
	check("Roles", roles, expectedRoles)
	if len(States) != 22 || len(Events) != 34 || len(Roles) != 6 {
		t.Errorf("vocabulary sizes = %d×%d×%d, want 22×34×6", len(States), len(Events), len(Roles))
	}
}

// TestEveryStateEventRoleCombination fires all 22×34×6 combinations with facts
// that satisfy every guard, and compares each outcome with the hand-written
// expectedMachine: allowed with its target, forbidden, or invalid.
func TestEveryStateEventRoleCombination(t *testing.T) {
	want := parseExpected(t)
	checked := 0
	for _, sName := range expectedStates {
		for _, eName := range expectedEvents {
			for _, rName := range expectedRoles {
				s, ev, role := State(sName), Event(eName), Role(rName)
				edge, possible := want[[2]string{sName, eName}]
				got, err := Fire(s, ev, role, validFacts())
				checked++
				switch {
				case possible && edge.roles[role]:
					if err != nil || got != edge.to {
						t.Errorf("%s/%s/%s: got (%s, %v), want allowed → %s", s, ev, role, got, err, edge.to)
					}
					if !Allowed(s, ev, role) {
						t.Errorf("%s/%s/%s: Allowed = false, want true", s, ev, role)
					}
				case possible:
					if !errors.Is(err, ErrForbidden) || got != s {
						t.Errorf("%s/%s/%s: got (%s, %v), want forbidden and state unchanged", s, ev, role, got, err)
					}
					if Allowed(s, ev, role) {
						t.Errorf("%s/%s/%s: Allowed = true, want false", s, ev, role)
					}
				default:
					if !errors.Is(err, ErrInvalidTransition) || got != s {
						t.Errorf("%s/%s/%s: got (%s, %v), want invalid transition and state unchanged", s, ev, role, got, err)
					}
					if Allowed(s, ev, role) {
						t.Errorf("%s/%s/%s: Allowed = true, want false", s, ev, role)
					}
					if _, ok := Target(s, ev); ok {
						t.Errorf("%s/%s: Target exists, want none", s, ev)
					}
				}
			}
		}
	}
	if checked != 22*34*6 {
		t.Errorf("checked %d combinations, want %d", checked, 22*34*6)
	}
}

func TestTransitionsListExactlyTheExpectedEdges(t *testing.T) {
	want := parseExpected(t)
	got := Transitions()
	if len(got) != len(want) {
		t.Errorf("Transitions() has %d edges, want %d", len(got), len(want))
	}
	for _, tr := range got {
		edge, ok := want[[2]string{string(tr.From), string(tr.Event)}]
		if !ok {
			t.Errorf("unexpected edge %s --%s--> %s", tr.From, tr.Event, tr.To)
			continue
		}
		if tr.To != edge.to {
			t.Errorf("%s --%s--> %s, want %s", tr.From, tr.Event, tr.To, edge.to)
		}
		if len(tr.Roles) != len(edge.roles) {
			t.Errorf("%s/%s roles = %v, want %v", tr.From, tr.Event, tr.Roles, edge.roles)
		}
		for _, r := range tr.Roles {
			if !edge.roles[r] {
				t.Errorf("%s/%s: unexpected role %s", tr.From, tr.Event, r)
			}
		}
	}
}

func TestFinalStatesAreExactlyThoseWithoutOutgoingEdges(t *testing.T) {
	final := map[State]bool{Rejected: true, Expired: true, Revoked: true, Withdrawn: true}
	for _, s := range States {
		if s.IsFinal() != final[s] {
			t.Errorf("%s.IsFinal() = %v, want %v", s, s.IsFinal(), final[s])
		}
		outgoing := 0
		for _, ev := range Events {
			if _, ok := Target(s, ev); ok {
				outgoing++
			}
		}
		if final[s] && outgoing != 0 {
			t.Errorf("final state %s has %d outgoing events", s, outgoing)
		}
		if !final[s] && outgoing == 0 {
			t.Errorf("non-final state %s has no way out", s)
		}
	}
}

func TestRenewalIsOfferedOnlyForActiveAndExpired(t *testing.T) {
	for _, s := range States {
		want := s == Active || s == Expired
		if CanRenew(s) != want {
			t.Errorf("CanRenew(%s) = %v, want %v", s, CanRenew(s), want)
		}
	}
	if CanRenew("nonsense") {
		t.Error("CanRenew of an unknown state = true")
	}
}

func TestCopyAsNewIsOfferedOnlyForRejectedAndWithdrawn(t *testing.T) {
	for _, s := range States {
		want := s == Rejected || s == Withdrawn
		if CanCopy(s) != want {
			t.Errorf("CanCopy(%s) = %v, want %v", s, CanCopy(s), want)
		}
	}
}

func TestRenewalIsOfferedFromThreeMonthsBeforeTheEnd(t *testing.T) {
	// A 12-month PKS signed on 10 March 2026 runs through 9 March 2027; the PKS
	// asks for the renewal "paling lambat 3 bulan sebelum" its end: from
	// 10 December 2026.
	last := time.Date(2027, 3, 9, 0, 0, 0, 0, wib)
	if got := RenewalOpens(last); !got.Equal(time.Date(2026, 12, 10, 0, 0, 0, 0, wib)) {
		t.Fatalf("RenewalOpens = %s, want 2026-12-10", got)
	}
	cases := []struct {
		name string
		s    State
		now  time.Time
		want bool
	}{
		{"active, the day before the window", Active, time.Date(2026, 12, 9, 23, 59, 0, 0, wib), false},
		{"active, the first day of the window", Active, time.Date(2026, 12, 10, 0, 1, 0, 0, wib), true},
		{"active, first day read in the tenant zone", Active, time.Date(2026, 12, 9, 17, 30, 0, 0, time.UTC), true},
		{"active, the last day", Active, time.Date(2027, 3, 9, 12, 0, 0, 0, wib), true},
		{"expired, any time", Expired, time.Date(2030, 1, 1, 0, 0, 0, 0, wib), true},
		{"suspended, inside the window", Suspended, time.Date(2027, 1, 5, 0, 0, 0, 0, wib), false},
		{"revoked", Revoked, time.Date(2027, 1, 5, 0, 0, 0, 0, wib), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := RenewalOffered(tc.s, last, tc.now); got != tc.want {
				t.Errorf("RenewalOffered(%s, %s) = %v, want %v", tc.s, tc.now, got, tc.want)
			}
		})
	}
	if RenewalOffered(Active, time.Time{}, last) {
		t.Error("RenewalOffered without an end date = true")
	}
}

func TestUnknownInputsAreRefusedNotPanicking(t *testing.T) {
	cases := []struct {
		name    string
		s       State
		ev      Event
		role    Role
		wantErr error
	}{
		{"unknown state is invalid", "limbo", Submit, RoleLembaga, ErrInvalidTransition},
		{"unknown event is invalid", Draft, "teleport", RoleLembaga, ErrInvalidTransition},
		{"empty event is invalid", Draft, "", RoleLembaga, ErrInvalidTransition},
		{"unknown role is forbidden", Draft, Submit, "hacker", ErrForbidden},
		{"empty role is forbidden", Draft, Submit, "", ErrForbidden},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Fire(tc.s, tc.ev, tc.role, Facts{})
			if !errors.Is(err, tc.wantErr) || got != tc.s {
				t.Errorf("Fire = (%s, %v), want (%s, %v)", got, err, tc.s, tc.wantErr)
			}
		})
	}
}

func TestGuardRefusalReturnsOriginalStateAndAllProblems(t *testing.T) {
	got, err := Fire(Draft, Submit, RoleLembaga, Facts{})
	if got != Draft {
		t.Errorf("state = %s, want draft unchanged", got)
	}
	var ge *GuardError
	if !errors.As(err, &ge) {
		t.Fatalf("err = %v, want *GuardError", err)
	}
	if len(ge.Problems) < 5 {
		t.Errorf("got %d problems, want every missing item reported: %s", len(ge.Problems), describe(ge.Problems))
	}
	if msgs := ge.For("purpose"); len(msgs) != 1 {
		t.Errorf("For(purpose) = %v, want one message", msgs)
	}
	if ge.Error() == "" {
		t.Error("GuardError.Error() is empty")
	}
}

func TestForbiddenIsReportedBeforeGuards(t *testing.T) {
	// A dirjen must not learn what a draft lacks: forbidden wins over guard problems.
	_, err := Fire(Draft, Submit, RoleDirjen, Facts{})
	if !errors.Is(err, ErrForbidden) {
		t.Errorf("err = %v, want ErrForbidden", err)
	}
}

func TestValidStateAndEventParseOnlyKnownNames(t *testing.T) {
	for _, s := range expectedStates {
		if got, ok := ValidState(s); !ok || string(got) != s {
			t.Errorf("ValidState(%q) = %q, %v", s, got, ok)
		}
	}
	for _, e := range expectedEvents {
		if got, ok := ValidEvent(e); !ok || string(got) != e {
			t.Errorf("ValidEvent(%q) = %q, %v", e, got, ok)
		}
	}
	for _, r := range expectedRoles {
		if got, ok := ValidRole(r); !ok || string(got) != r {
			t.Errorf("ValidRole(%q) = %q, %v", r, got, ok)
		}
	}
	for _, bad := range []string{"", "Draft", "DRAFT", " draft", "submit", "aktif"} {
		if _, ok := ValidState(bad); ok {
			t.Errorf("ValidState(%q) accepted", bad)
		}
	}
	for _, bad := range []string{"", "Submit", "draft", "renew"} {
		if _, ok := ValidEvent(bad); ok {
			t.Errorf("ValidEvent(%q) accepted", bad)
		}
	}
	if _, ok := ValidAccessMethod("fax"); ok {
		t.Error("ValidAccessMethod(fax) accepted")
	}
	if _, ok := ValidInstitutionType("koperasi"); ok {
		t.Error("ValidInstitutionType(koperasi) accepted")
	}
}
