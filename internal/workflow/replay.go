package workflow

import (
	"errors"
	"fmt"
)

// ErrHistoryMismatch: a recorded step's From or To disagrees with the machine.
var ErrHistoryMismatch = errors.New("workflow: history does not match the state machine")

// HistoryStep is one recorded transition, as the history table stores it.
type HistoryStep struct {
	Event Event
	Role  Role
	From  State
	To    State
}

// ReplayError says which step of a history is wrong. It unwraps to
// ErrHistoryMismatch, ErrInvalidTransition or ErrForbidden.
type ReplayError struct {
	Index int // 0-based position in the history
	Step  HistoryStep
	Err   error
}

func (e *ReplayError) Error() string {
	return fmt.Sprintf("workflow: history step %d (%s by %s, %s → %s): %v",
		e.Index, e.Step.Event, e.Step.Role, e.Step.From, e.Step.To, e.Err)
}

func (e *ReplayError) Unwrap() error { return e.Err }

// Replay walks a recorded history from initial and returns the state it ends in.
// Each step must start where the previous one ended, be possible in that state,
// be allowed for its role, and end where the machine says. Guards are not
// re-run: their facts are the documents of the time, not replayable input.
// On a bad step Replay returns the state reached before it and a *ReplayError.
func Replay(initial State, history []HistoryStep) (State, error) {
	if _, ok := ValidState(string(initial)); !ok {
		return initial, fmt.Errorf("%w: unknown initial state %q", ErrHistoryMismatch, initial)
	}
	cur := initial
	for i, step := range history {
		fail := func(err error) (State, error) {
			return cur, &ReplayError{Index: i, Step: step, Err: err}
		}
		if step.From != cur {
			return fail(fmt.Errorf("%w: step starts in %q but the application was in %q", ErrHistoryMismatch, step.From, cur))
		}
		to, ok := Target(cur, step.Event)
		if !ok {
			return fail(ErrInvalidTransition)
		}
		if !Allowed(cur, step.Event, step.Role) {
			return fail(ErrForbidden)
		}
		if step.To != to {
			return fail(fmt.Errorf("%w: step ends in %q but %q leads to %q", ErrHistoryMismatch, step.To, step.Event, to))
		}
		cur = to
	}
	return cur, nil
}
