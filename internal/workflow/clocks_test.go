package workflow

import (
	"fmt"
	"slices"
	"testing"
)

func TestClockEffects(t *testing.T) {
	all := []ClockKind{ClockVerifyForward, ClockPrepareAgreement, ClockSendDWHRequest, ClockHandOverUserID,
		ClockReviseAgreement, ClockVerifyAddendum, ClockPrepareAddendum}
	cases := []struct {
		name      string
		from, to  State
		ev        Event
		wantStart []ClockKind
		wantStop  []ClockKind
	}{
		{"submit starts verify & forward", Draft, Submitted, Submit, []ClockKind{ClockVerifyForward}, nil},
		{"resubmit starts a fresh verify & forward", Returned, Submitted, Submit, []ClockKind{ClockVerifyForward}, nil},
		{"forward stops verify & forward", Submitted, Forwarded, Forward, nil, []ClockKind{ClockVerifyForward}},
		{"return stops verify & forward", Submitted, Returned, Return, nil, []ClockKind{ClockVerifyForward}},
		{"withdraw while submitted stops every clock", Submitted, Withdrawn, Withdraw, nil, all},
		{"withdraw of a draft stops every clock (final)", Draft, Withdrawn, Withdraw, nil, all},
		{"approve starts prepare PKS", Forwarded, Approved, Approve, []ClockKind{ClockPrepareAgreement}, nil},
		{"reject starts nothing and stops all (final)", Forwarded, Rejected, Reject, nil, all},
		{"prepare agreement stops prepare PKS", Approved, Signing, PrepareAgreement, nil, []ClockKind{ClockPrepareAgreement}},
		{"revising the drafts touches no clock", Signing, Signing, ReviseAgreement, nil, nil},
		{"a change request starts revise", Signing, ChangesRequested, RequestChanges, []ClockKind{ClockReviseAgreement}, nil},
		{"the new version stops revise", ChangesRequested, Signing, ReviseAgreement, nil, []ClockKind{ClockReviseAgreement}},
		{"agreeing touches no clock (signing waits on both parties)", Signing, Agreed, AgreeAgreement, nil, nil},
		{"signing touches no clock", Agreed, Signed, Sign, nil, nil},
		{"User ID request starts send DWH request", Signed, UserIDRequested, RequestUserID, []ClockKind{ClockSendDWHRequest}, nil},
		{"DWH request stops send DWH request", UserIDRequested, DWHRequested, RequestDWH, nil, []ClockKind{ClockSendDWHRequest}},
		{"DWH request sent back touches no clock", DWHRequested, Signed, ReturnDWH, nil, nil},
		{"DWH approval starts hand over", DWHRequested, DWHApproved, ApproveDWH, []ClockKind{ClockHandOverUserID}, nil},
		{"hand over stops hand over", DWHApproved, Active, HandOver, nil, []ClockKind{ClockHandOverUserID}},
		{"a report touches no clock", Active, Active, FileReport, nil, nil},
		{"reviewing a report touches no clock", Suspended, Suspended, AcceptReport, nil, nil},
		{"a suspension starts no clock (waits on the lembaga)", Active, Suspended, Suspend, nil, nil},
		{"an addendum request starts verify addendum", Active, AddendumRequested, RequestAddendum, []ClockKind{ClockVerifyAddendum}, nil},
		{"forwarding it stops verify addendum", AddendumRequested, AddendumForwarded, ForwardAddendum, nil, []ClockKind{ClockVerifyAddendum}},
		{"sending it to DWH stops verify addendum", AddendumRequested, AddendumDWHRequested, RequestAddendumDWH, nil, []ClockKind{ClockVerifyAddendum}},
		{"returning it stops verify addendum", AddendumRequested, Active, ReturnAddendum, nil, []ClockKind{ClockVerifyAddendum}},
		{"the Dirjen's approval starts prepare addendum", AddendumForwarded, AddendumApproved, ApproveAddendum, []ClockKind{ClockPrepareAddendum}, nil},
		{"the DWH approval starts prepare addendum", AddendumDWHRequested, AddendumApproved, ApproveAddendumDWH, []ClockKind{ClockPrepareAddendum}, nil},
		{"sending the DWH part stops prepare addendum", AddendumApproved, AddendumDWHRequested, RequestAddendumDWH, nil, []ClockKind{ClockPrepareAddendum}},
		{"signing the addendum stops prepare addendum", AddendumApproved, Active, SignAddendum, nil, []ClockKind{ClockPrepareAddendum}},
		{"expiry during an addendum stops all (final)", AddendumRequested, Expired, Expire, nil, all},
		{"expiry stops all (final)", Active, Expired, Expire, nil, all},
		{"revocation stops all (final)", Active, Revoked, Revoke, nil, all},
		{"an edge the machine lacks has no effect", Draft, Active, Submit, nil, nil},
		{"an impossible event has no effect", Draft, Submitted, Approve, nil, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			start, stop := ClockEffects(tc.from, tc.to, tc.ev)
			if fmt.Sprint(start) != fmt.Sprint(tc.wantStart) || fmt.Sprint(stop) != fmt.Sprint(tc.wantStop) {
				t.Errorf("ClockEffects(%s, %s, %s) = start %v stop %v, want start %v stop %v",
					tc.from, tc.to, tc.ev, start, stop, tc.wantStart, tc.wantStop)
			}
		})
	}
}

func TestClockEffectsCoverEveryEdge(t *testing.T) {
	// Every edge appears in TestClockEffects' reasoning; here we only prove none
	// starts a clock in a state where the Disdukcapil is not the one waiting.
	for _, tr := range Transitions() {
		start, _ := ClockEffects(tr.From, tr.To, tr.Event)
		for range start {
			if tr.To.WaitingOn() != PartyDisdukcapil {
				t.Errorf("%s → %s starts a clock while waiting on %s", tr.From, tr.To, tr.To.WaitingOn())
			}
		}
	}
	if c, ok := ClockOf(Signing); ok {
		t.Errorf("ClockOf(signing) = %s, want none: signing waits on both parties", c)
	}
}

// The clock rules read off the edges are the four office steps of
// docs/domain.md §4 and the three after signing, with the events that end each.
func TestClockRulesFollowTheEdges(t *testing.T) {
	want := map[ClockKind][2][]Event{
		ClockVerifyForward:    {{Submit}, {Return, Forward, Withdraw}},
		ClockPrepareAgreement: {{Approve}, {PrepareAgreement}},
		ClockSendDWHRequest:   {{RequestUserID}, {RequestDWH}},
		ClockHandOverUserID:   {{ApproveDWH}, {HandOver}},
		// After signing: a change request, an addendum's verification and its drafting.
		ClockReviseAgreement: {{RequestChanges}, {ReviseAgreement}},
		ClockVerifyAddendum:  {{RequestAddendum}, {ReturnAddendum, ForwardAddendum, RequestAddendumDWH, Expire}},
		ClockPrepareAddendum: {{ApproveAddendum, ApproveAddendumDWH}, {RequestAddendumDWH, SignAddendum, Expire}},
	}
	rules := ClockRules()
	if len(rules) != len(want) {
		t.Fatalf("%d rules, want %d", len(rules), len(want))
	}
	for _, r := range rules {
		w := want[r.Kind]
		if !sameEvents(r.Starts, w[0]) || !sameEvents(r.Stops, w[1]) {
			t.Errorf("%s: starts %v stops %v, want %v and %v", r.Kind, r.Starts, r.Stops, w[0], w[1])
		}
	}
}

func sameEvents(a, b []Event) bool {
	if len(a) != len(b) {
		return false
	}
	for _, e := range b {
		if !slices.Contains(a, e) {
			return false
		}
	}
	return true
}
