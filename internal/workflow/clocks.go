package workflow

// clockOf is the one clock that runs while an application waits in a state on the
// Disdukcapil (DESIGN.md §4). Each such state has exactly one, which is why a
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
