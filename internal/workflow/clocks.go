package workflow

import "slices"

// clockOf is the one clock that runs while an application waits in a state on the
// Disdukcapil (docs/domain.md §4). Each such state has exactly one, which is why a
// clock's start and stop can be read off the edge: it starts when the application
// enters the state and stops when it leaves it. A resubmission enters submitted
// afresh, so it starts a fresh verify_forward clock; a return leaves it, ending
// the clock, and time with the lembaga or the Dirjen is never charged.
var clockOf = map[State]ClockKind{
	Submitted:       ClockVerifyForward,    // until forward, return or withdraw
	Approved:        ClockPrepareAgreement, // until prepare_agreement
	UserIDRequested: ClockSendDWHRequest,   // until request_dwh
	DWHApproved:     ClockHandOverUserID,   // until hand_over

	ChangesRequested:  ClockReviseAgreement, // until revise_agreement answers the lembaga
	AddendumRequested: ClockVerifyAddendum,  // until forward_addendum, request_addendum_dwh or return_addendum
	AddendumApproved:  ClockPrepareAddendum, // until sign_addendum (or request_addendum_dwh)
}

// ClockOf returns the SLA clock that runs while an application is in s, if any.
func ClockOf(s State) (ClockKind, bool) {
	c, ok := clockOf[s]
	return c, ok
}

// ClockEffects says which SLA clocks a transition starts and stops. It is pure:
// deadlines are the calendar package's business. "stop" means "stop if running";
// a transition into a final state lists every clock, so no clock can outlive the
// application even if an earlier record went wrong. A self-loop (e.g.
// revise_agreement) neither starts nor stops anything, and an edge the machine
// does not have yields no effects.
func ClockEffects(from, to State, ev Event) (start []ClockKind, stop []ClockKind) {
	if target, ok := Target(from, ev); !ok || target != to || from == to {
		return nil, nil
	}
	if to.IsFinal() {
		return nil, append([]ClockKind(nil), Clocks...)
	}
	if c, ok := clockOf[from]; ok {
		stop = append(stop, c)
	}
	if c, ok := clockOf[to]; ok {
		start = append(start, c)
	}
	return start, stop
}

// ClockRule says which events start a clock and which stop it, read off the
// edges: an edge into the clock's state starts it, an edge out of it stops it.
// Self-loops do neither. Histories are replayed by event (internal/sla), so this
// is the clock table in the form a replay needs.
type ClockRule struct {
	Kind   ClockKind
	Starts []Event
	Stops  []Event
}

// ClockRules returns the rule of every clock, in the order of Clocks.
func ClockRules() []ClockRule {
	out := make([]ClockRule, 0, len(Clocks))
	for _, k := range Clocks {
		r := ClockRule{Kind: k}
		for _, e := range edges {
			if e.from == e.to {
				continue
			}
			if c, ok := clockOf[e.to]; ok && c == k && !slices.Contains(r.Starts, e.ev) {
				r.Starts = append(r.Starts, e.ev)
			}
			if c, ok := clockOf[e.from]; ok && c == k && !slices.Contains(r.Stops, e.ev) {
				r.Stops = append(r.Stops, e.ev)
			}
		}
		out = append(out, r)
	}
	return out
}
