// Package sla derives the Disdukcapil's service-standard clocks (docs/domain.md §4) from an
// application's event history and the tenant's working-day calendar: when each step
// started, when it is due (N working days, 2 by default), whether it was met, and how
// long the application has waited on each party.
//
// Nothing here is stored by hand: clocks are recomputed from history and calendar,
// so correcting a holiday moves every open deadline. The only value meant to be
// stored is DueAt, as a sort key on the application row, and it must be recomputed
// whenever the tenant's calendar or target changes.
package sla

import (
	"slices"
	"time"

	"github.com/hakakses/hakakses/internal/calendar"
	"github.com/hakakses/hakakses/internal/workflow"
)

// DefaultTarget is the service standard: 2 hari kerja per Disdukcapil step.
const DefaultTarget = 2

// Entry is one history entry of an application: event fired at At, moving it From
// one state To another (From == To for events that record a fact without moving).
// An entry with an empty Event and To = draft may record the application's creation,
// so that time in draft is attributed to the lembaga by Waiting.
type Entry struct {
	Event    workflow.Event
	From, To workflow.State
	At       time.Time
}

// Status is how a clock stands.
type Status string

const (
	Running Status = "running"  // running, at least one office day left
	DueSoon Status = "due_soon" // running, under one office day of working time left
	Overdue Status = "overdue"  // running, past due
	Met     Status = "met"      // stopped at or before due
	Missed  Status = "missed"   // stopped after due
)

// Clock is one run of one of the Disdukcapil's step clocks. Every start/stop pair is
// its own Clock: a return and resubmission give two verify_forward clocks.
type Clock struct {
	Kind      workflow.ClockKind
	Started   time.Time
	Due       time.Time
	Stopped   time.Time      // zero while running
	StoppedBy workflow.Event // the event that stopped it; empty while running
	Status    Status
	// Remaining is working (office) time from now to Due for a running clock, from
	// Stopped to Due for a stopped one; negative when over. It counts office hours
	// only, so it is 0 between closing time on the due day and the next opening
	// even though the clock is already Overdue.
	Remaining time.Duration
}

// IsRunning reports whether the clock has not stopped.
func (c Clock) IsRunning() bool { return c.Stopped.IsZero() }

// rules are the four office clocks of docs/domain.md §4 as the state machine
// defines them (workflow.ClockOf): the events entering a clock's state start it,
// those leaving it stop it. Submit covers both the first submission (from draft)
// and a resubmission (from returned); a return ends verify_forward because the
// application then waits on the lembaga. A transition into a final state stops
// whatever clock is running, whatever the event.
var rules = workflow.ClockRules()

// waitingOn is who the application waits on in state s (workflow.State.WaitingOn).
// Active is not measured: the process is done and the PKS simply runs.
func waitingOn(s workflow.State) workflow.Party { return s.WaitingOn() }

// span is a clock run before it is judged against a calendar.
type span struct {
	kind      workflow.ClockKind
	start     time.Time
	stop      time.Time
	stoppedBy workflow.Event
}

// spans replays history (in order) into clock runs. At most one clock runs at a time.
// Two defensive choices keep an inconsistent history from gaming or breaking the
// figures: a repeated start of the running clock's own kind is ignored (re-firing
// cannot reset a clock), and a start of another kind ends the running clock there
// (the office cannot be on two steps of one application at once).
func spans(history []Entry) []span {
	var out []span
	running := -1
	stop := func(e Entry) {
		out[running].stop, out[running].stoppedBy = e.At, e.Event
		running = -1
	}
	for _, e := range history {
		if running >= 0 && (e.To.IsFinal() || slices.Contains(ruleFor(out[running].kind).Stops, e.Event)) {
			stop(e)
		}
		for _, r := range rules {
			if !slices.Contains(r.Starts, e.Event) || e.To.IsFinal() {
				continue
			}
			if running >= 0 {
				if out[running].kind == r.Kind {
					break
				}
				stop(e)
			}
			out = append(out, span{kind: r.Kind, start: e.At})
			running = len(out) - 1
			break
		}
	}
	return out
}

func ruleFor(k workflow.ClockKind) workflow.ClockRule {
	for _, r := range rules {
		if r.Kind == k {
			return r
		}
	}
	return workflow.ClockRule{}
}

// Clocks returns every clock run in history, in order, judged at now with the
// tenant's calendar and target (working days per step; < 1 means DefaultTarget).
//
// A clock stopped at or before its due instant is Met, after it Missed. This holds
// for a return too: returning an incomplete request is the verify step done, so a
// return within the deadline is Met; so is a withdrawal or final transition before
// due, since the office was not late. A running clock is Overdue once now is after
// Due, DueSoon while less than one office day (close − open) of working time
// remains, and Running otherwise.
func Clocks(history []Entry, cal *calendar.Calendar, target int, now time.Time) []Clock {
	if target < 1 {
		target = DefaultTarget
	}
	ss := spans(history)
	out := make([]Clock, 0, len(ss))
	oneDay := cal.Hours().Length()
	for _, s := range ss {
		c := Clock{Kind: s.kind, Started: s.start, Due: cal.Deadline(s.start, target), Stopped: s.stop, StoppedBy: s.stoppedBy}
		switch {
		case !c.IsRunning():
			c.Remaining = cal.Remaining(c.Stopped, c.Due)
			c.Status = Met
			if c.Stopped.After(c.Due) {
				c.Status = Missed
			}
		default:
			c.Remaining = cal.Remaining(now, c.Due)
			switch {
			case now.After(c.Due):
				c.Status = Overdue
			case c.Remaining < oneDay:
				c.Status = DueSoon
			default:
				c.Status = Running
			}
		}
		out = append(out, c)
	}
	return out
}

// Current returns the running clock, if any.
func Current(clocks []Clock) (Clock, bool) {
	for i := len(clocks) - 1; i >= 0; i-- {
		if clocks[i].IsRunning() {
			return clocks[i], true
		}
	}
	return Clock{}, false
}

// DueAt returns the due instant and kind of the running clock, if any, for storing on
// the application row so lists can sort by deadline without replaying history. It is
// a cache of Clocks: recompute it for every open application of a tenant whenever
// that tenant's holidays, office hours or target change, or the national holiday
// list changes.
func DueAt(history []Entry, cal *calendar.Calendar, target int) (time.Time, workflow.ClockKind, bool) {
	if target < 1 {
		target = DefaultTarget
	}
	ss := spans(history)
	if len(ss) == 0 || !ss[len(ss)-1].stop.IsZero() {
		return time.Time{}, "", false
	}
	s := ss[len(ss)-1]
	return cal.Deadline(s.start, target), s.kind, true
}

// Waiting returns the working days the application has spent waiting on each party
// up to now: each entry's To state holds from its At until the next entry's At (the
// last until now), and that office time goes to the party the state waits on. Time
// before the first entry is not known and not counted; active and final states are
// not counted. Parties never waited on are absent from the map.
func Waiting(history []Entry, cal *calendar.Calendar, now time.Time) map[workflow.Party]float64 {
	sums := map[workflow.Party]time.Duration{}
	for i, e := range history {
		p := waitingOn(e.To)
		if p == workflow.PartyNone {
			continue
		}
		end := now
		if i+1 < len(history) {
			end = history[i+1].At
		}
		sums[p] += cal.WorkingTime(e.At, end)
	}
	out := make(map[workflow.Party]float64, len(sums))
	for p, d := range sums {
		out[p] = cal.DaysOf(d)
	}
	return out
}

// Compliance counts clocks for the monthly report (share of steps finished on time):
// Met clocks are on time; Met, Missed and Overdue count in the total. An Overdue
// clock is counted as late already, since nothing can make it on time any more and
// leaving it out would reward a backlog; Running and DueSoon clocks are undecided and
// left out. Choosing the month (e.g. by Due) is the caller's.
func Compliance(clocks []Clock) (onTime, total int) {
	for _, c := range clocks {
		switch c.Status {
		case Met:
			onTime++
			total++
		case Missed, Overdue:
			total++
		}
	}
	return onTime, total
}
