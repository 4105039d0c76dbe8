package workflow

import (
	"errors"
	"testing"
)

// fuzzPrerequisites is, for each state, the states an application must have
// passed through, in this order, before it can be there. Written by hand from
// docs/domain.md §3, not derived from the package.
var fuzzPrerequisites = map[State][]State{
	Submitted:       {Draft},
	Returned:        {Draft, Submitted},
	Forwarded:       {Draft, Submitted},
	Rejected:        {Draft, Submitted, Forwarded},
	Approved:        {Draft, Submitted, Forwarded},
	Signing:         {Draft, Submitted, Forwarded, Approved},
	Signed:          {Draft, Submitted, Forwarded, Approved, Signing, Agreed},
	UserIDRequested: {Draft, Submitted, Forwarded, Approved, Signing, Signed},
	DWHRequested:    {Draft, Submitted, Forwarded, Approved, Signing, Signed, UserIDRequested},
	DWHApproved:     {Draft, Submitted, Forwarded, Approved, Signing, Signed, UserIDRequested, DWHRequested},
	Active:          {Draft, Submitted, Forwarded, Approved, Signing, Signed, UserIDRequested, DWHRequested, DWHApproved},
	Expired:         {Draft, Submitted, Forwarded, Approved, Signing, Signed, UserIDRequested, DWHRequested, DWHApproved, Active},
	Revoked:         {Draft, Submitted, Forwarded, Approved, Signing, Signed, UserIDRequested, DWHRequested, DWHApproved, Active},
	Withdrawn:       {Draft},

	ChangesRequested:     {Draft, Submitted, Forwarded, Approved, Signing},
	Agreed:               {Draft, Submitted, Forwarded, Approved, Signing},
	Suspended:            {Draft, Submitted, Forwarded, Approved, Signing, Agreed, Signed, UserIDRequested, DWHRequested, DWHApproved, Active},
	AddendumRequested:    {Draft, Submitted, Forwarded, Approved, Signing, Agreed, Signed, UserIDRequested, DWHRequested, DWHApproved, Active},
	AddendumForwarded:    {Draft, Submitted, Forwarded, Approved, Signing, Agreed, Signed, UserIDRequested, DWHRequested, DWHApproved, Active, AddendumRequested},
	AddendumDWHRequested: {Draft, Submitted, Forwarded, Approved, Signing, Agreed, Signed, UserIDRequested, DWHRequested, DWHApproved, Active, AddendumRequested},
	AddendumApproved:     {Draft, Submitted, Forwarded, Approved, Signing, Agreed, Signed, UserIDRequested, DWHRequested, DWHApproved, Active, AddendumRequested},
}

// fuzzClock is the clock that must run, and the only one, in each state.
var fuzzClock = map[State]ClockKind{
	Submitted:       ClockVerifyForward,
	Approved:        ClockPrepareAgreement,
	UserIDRequested: ClockSendDWHRequest,
	DWHApproved:     ClockHandOverUserID,

	ChangesRequested:  ClockReviseAgreement,
	AddendumRequested: ClockVerifyAddendum,
	AddendumApproved:  ClockPrepareAddendum,
}

// isSubsequence reports whether want appears in path in order.
func isSubsequence(want, path []State) bool {
	i := 0
	for _, s := range path {
		if i < len(want) && s == want[i] {
			i++
		}
	}
	return i == len(want)
}

// fuzzSeed encodes (role, event) pairs as the fuzz input: a byte for the role
// index and a byte for the event index in Events.
func fuzzSeed(pairs ...[2]int) []byte {
	out := make([]byte, 0, 2*len(pairs))
	for _, p := range pairs {
		out = append(out, byte(p[0]), byte(p[1]))
	}
	return out
}

// Indexes into Roles and Events, for readable seeds.
const (
	rL, rP, rK, rD, rA, rS = 0, 1, 2, 3, 4, 5
)

func ei(ev Event) int {
	for i, e := range Events {
		if e == ev {
			return i
		}
	}
	return 0
}

// FuzzEventSequences fires random (role, event) sequences from a draft and checks
// the machine's invariants after every step. Input is read two bytes at a time:
// the first picks the role; the second picks the event — from all events when
// its high bit is clear, from the role's Available events when set (so deep
// states are reached often) — and its 0x40 bit fires with empty facts instead of
// valid ones, so guard refusals are exercised too.
func FuzzEventSequences(f *testing.F) {
	f.Add(fuzzSeed( // the happy path with a return, a revision, a DWH send-back, a double receipt
		[2]int{rL, ei(Submit)}, [2]int{rP, ei(Return)}, [2]int{rL, ei(Submit)}, [2]int{rK, ei(Forward)},
		[2]int{rD, ei(Approve)}, [2]int{rP, ei(PrepareAgreement)}, [2]int{rP, ei(ReviseAgreement)},
		[2]int{rK, ei(Sign)}, [2]int{rL, ei(RequestUserID)}, [2]int{rP, ei(RequestDWH)},
		[2]int{rD, ei(ReturnDWH)}, [2]int{rL, ei(RequestUserID)}, [2]int{rK, ei(RequestDWH)},
		[2]int{rD, ei(ApproveDWH)}, [2]int{rP, ei(HandOver)}, [2]int{rL, ei(AcknowledgeReceipt)},
		[2]int{rL, ei(AcknowledgeReceipt)}, [2]int{rL, ei(FileReport)}, [2]int{rS, ei(Expire)},
		[2]int{rL, ei(Submit)},
	))
	f.Add(fuzzSeed( // rejection, then attempts on a final state
		[2]int{rL, ei(Submit)}, [2]int{rK, ei(Forward)}, [2]int{rD, ei(Reject)},
		[2]int{rL, ei(Withdraw)}, [2]int{rD, ei(Approve)},
	))
	f.Add(fuzzSeed( // wrong roles everywhere, then a withdrawal
		[2]int{rA, ei(Submit)}, [2]int{rD, ei(Submit)}, [2]int{rL, ei(Forward)},
		[2]int{rL, ei(Submit)}, [2]int{rP, ei(Approve)}, [2]int{rL, ei(Withdraw)},
	))
	f.Add(fuzzSeed( // revocation by the Dirjen, guard refusals with empty facts
		[2]int{rL, ei(Submit) | 0x40}, [2]int{rL, ei(Submit)}, [2]int{rK, ei(Forward)}, [2]int{rD, ei(Approve)},
		[2]int{rK, ei(PrepareAgreement) | 0x40}, [2]int{rK, ei(PrepareAgreement)}, [2]int{rK, ei(Sign)},
		[2]int{rL, ei(RequestUserID)}, [2]int{rP, ei(RequestDWH)}, [2]int{rD, ei(ApproveDWH)},
		[2]int{rP, ei(HandOver)}, [2]int{rD, ei(Revoke)}, [2]int{rS, ei(Expire)},
	))
	f.Add(fuzzSeed( // negotiation, a suspension and reinstatement, an addendum through the Dirjen and DWH
		[2]int{rL, ei(Submit)}, [2]int{rK, ei(Forward)}, [2]int{rD, ei(Approve)}, [2]int{rP, ei(PrepareAgreement)},
		[2]int{rK, ei(Sign)}, [2]int{rL, ei(RequestChanges)}, [2]int{rP, ei(ReviseAgreement)}, [2]int{rL, ei(AgreeAgreement)},
		[2]int{rP, ei(ReviseAgreement)}, [2]int{rL, ei(AgreeAgreement)}, [2]int{rK, ei(Sign)},
		[2]int{rL, ei(RequestUserID)}, [2]int{rP, ei(RequestDWH)}, [2]int{rD, ei(ApproveDWH)}, [2]int{rP, ei(HandOver)},
		[2]int{rL, ei(FileReport)}, [2]int{rP, ei(ReturnReport)}, [2]int{rP, ei(Warn)}, [2]int{rD, ei(Suspend)},
		[2]int{rL, ei(FileReport)}, [2]int{rK, ei(AcceptReport)}, [2]int{rL, ei(Reinstate)}, [2]int{rK, ei(Reinstate)},
		[2]int{rL, ei(RequestAddendum)}, [2]int{rP, ei(ForwardAddendum)}, [2]int{rD, ei(ApproveAddendum)},
		[2]int{rP, ei(RequestAddendumDWH)}, [2]int{rD, ei(ApproveAddendumDWH)}, [2]int{rK, ei(SignAddendum)},
		[2]int{rL, ei(RecordDataBalikan)}, [2]int{rD, ei(Suspend)}, [2]int{rK, ei(Revoke)},
	))
	f.Add(fuzzSeed( // an addendum refused by the Dirjen, another expiring mid-way
		[2]int{rL, ei(Submit)}, [2]int{rK, ei(Forward)}, [2]int{rD, ei(Approve)}, [2]int{rP, ei(PrepareAgreement)},
		[2]int{rL, ei(AgreeAgreement)}, [2]int{rK, ei(Sign)}, [2]int{rL, ei(RequestUserID)}, [2]int{rP, ei(RequestDWH)},
		[2]int{rD, ei(ApproveDWH)}, [2]int{rP, ei(HandOver)}, [2]int{rL, ei(RequestAddendum)}, [2]int{rP, ei(ReturnAddendum)},
		[2]int{rL, ei(RequestAddendum)}, [2]int{rK, ei(RequestAddendumDWH)}, [2]int{rD, ei(RejectAddendum)},
		[2]int{rL, ei(RequestAddendum)}, [2]int{rS, ei(Expire)},
	))
	f.Add([]byte{0x00, 0x80, 0x01, 0x80, 0x03, 0x80, 0x02, 0x80, 0x02, 0x81, 0x00, 0x80,
		0x01, 0x80, 0x03, 0x81, 0x01, 0x80, 0x00, 0x81, 0x05, 0x80})
	f.Add([]byte{})

	want := parseExpected(f)

	f.Fuzz(func(t *testing.T, data []byte) {
		state := Draft
		path := []State{Draft}
		var history []HistoryStep
		facts := validFacts()
		running := map[ClockKind]bool{}

		for i := 0; i+1 < len(data); i += 2 {
			role := Roles[int(data[i])%len(Roles)]
			pick := data[i+1]
			ev := Events[int(pick&0x3f)%len(Events)]
			if pick&0x80 != 0 {
				avail := Available(state, role)
				if len(avail) == 0 {
					continue
				}
				ev = avail[int(pick&0x3f)%len(avail)]
			}
			f := facts
			if pick&0x40 != 0 {
				f = Facts{ReceiptAcknowledged: facts.ReceiptAcknowledged}
			}

			before := state
			next, err := Fire(state, ev, role, f)
			edge, possible := want[[2]string{string(before), string(ev)}]

			if err != nil {
				if next != before {
					t.Fatalf("refused %s by %s moved %s to %s", ev, role, before, next)
				}
				var ge *GuardError
				switch {
				case !possible:
					if !errors.Is(err, ErrInvalidTransition) {
						t.Fatalf("%s in %s: err %v, want ErrInvalidTransition", ev, before, err)
					}
				case !edge.roles[role]:
					if !errors.Is(err, ErrForbidden) {
						t.Fatalf("%s by %s in %s: err %v, want ErrForbidden", ev, role, before, err)
					}
				case errors.As(err, &ge):
					// Valid facts only fail the one-time acknowledgement.
					if pick&0x40 == 0 && !(ev == AcknowledgeReceipt && facts.ReceiptAcknowledged) {
						t.Fatalf("%s by %s in %s refused with valid facts: %v", ev, role, before, err)
					}
					if len(ge.Problems) == 0 {
						t.Fatalf("GuardError without problems")
					}
				default:
					t.Fatalf("%s by %s in %s: unexpected error %v", ev, role, before, err)
				}
				continue
			}

			// Accepted: it must be an expected edge, for an expected role.
			if before.IsFinal() {
				t.Fatalf("final state %s accepted %s", before, ev)
			}
			if !possible || !edge.roles[role] || next != edge.to {
				t.Fatalf("%s by %s in %s accepted → %s, not in the expected machine", ev, role, before, next)
			}

			// Clocks: starts only start stopped clocks; afterwards exactly the
			// state's own clock runs.
			start, stop := ClockEffects(before, next, ev)
			for _, c := range stop {
				delete(running, c)
			}
			for _, c := range start {
				if running[c] {
					t.Fatalf("%s → %s starts %s, already running", before, next, c)
				}
				running[c] = true
			}
			wantClock, hasClock := fuzzClock[next]
			if len(running) > 1 || (hasClock && !running[wantClock]) || (!hasClock && len(running) != 0) {
				t.Fatalf("in %s the running clocks are %v", next, running)
			}

			history = append(history, HistoryStep{Event: ev, Role: role, From: before, To: next})
			if ev == AcknowledgeReceipt {
				facts.ReceiptAcknowledged = true
			}
			if next != before {
				path = append(path, next)
			}
			if pre, ok := fuzzPrerequisites[next]; ok && !isSubsequence(pre, path) {
				t.Fatalf("reached %s skipping a required step: path %v", next, path)
			}
			state = next
		}

		if state.IsFinal() {
			for _, ev := range Events {
				for _, r := range Roles {
					if got, err := Fire(state, ev, r, facts); got != state || !errors.Is(err, ErrInvalidTransition) {
						t.Fatalf("final %s: %s by %s gave (%s, %v)", state, ev, r, got, err)
					}
				}
			}
		}
		got, err := Replay(Draft, history)
		if err != nil || got != state {
			t.Fatalf("Replay = (%s, %v), want (%s, nil)", got, err, state)
		}
		tl := Timeline(state, path)
		if len(tl) != 11 {
			t.Fatalf("Timeline has %d steps", len(tl))
		}
	})
}
