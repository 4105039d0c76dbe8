package workflow

import (
	"errors"
	"fmt"
)

// Sentinel errors of Fire and Replay; test them with errors.Is.
var (
	// ErrInvalidTransition: the event is impossible in this state, whoever fires
	// it (including any event in a final state). In the app this usually means the
	// application moved on while the user's page was open.
	ErrInvalidTransition = errors.New("workflow: event not possible in this state")
	// ErrForbidden: the event is possible here, but not for this role.
	ErrForbidden = errors.New("workflow: role may not fire this event here")
)

// Fire decides one transition: from state s, role fires ev, with facts f. It
// returns the new state, or s itself with an error — never a partial result:
//
//   - ErrInvalidTransition (wrapped) when ev is impossible in s;
//   - ErrForbidden (wrapped) when role may not fire ev in s;
//   - *GuardError listing every missing requirement.
//
// The checks run in that order so a role never learns from guard messages
// about an event it may not fire.
func Fire(s State, ev Event, role Role, f Facts) (State, error) {
	to, ok := Target(s, ev)
	if !ok {
		return s, fmt.Errorf("%w: %q in state %q", ErrInvalidTransition, ev, s)
	}
	if !Allowed(s, ev, role) {
		return s, fmt.Errorf("%w: %q may not %q in state %q", ErrForbidden, role, ev, s)
	}
	if problems := Check(ev, f); len(problems) > 0 {
		return s, &GuardError{Problems: problems}
	}
	return to, nil
}
