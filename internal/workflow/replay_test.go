package workflow

import (
	"errors"
	"testing"
)

func happyHistory() []HistoryStep {
	return []HistoryStep{
		{Submit, RoleLembaga, Draft, Submitted},
		{Return, RolePetugas, Submitted, Returned},
		{Submit, RoleLembaga, Returned, Submitted},
		{Forward, RoleKepala, Submitted, Forwarded},
		{Approve, RoleDirjen, Forwarded, Approved},
		{PrepareAgreement, RolePetugas, Approved, Signing},
		{ReviseAgreement, RolePetugas, Signing, Signing},
		{RequestChanges, RoleLembaga, Signing, ChangesRequested},
		{ReviseAgreement, RolePetugas, ChangesRequested, Signing},
		{AgreeAgreement, RoleLembaga, Signing, Agreed},
		{Sign, RoleKepala, Agreed, Signed},
		{RequestUserID, RoleLembaga, Signed, UserIDRequested},
		{RequestDWH, RolePetugas, UserIDRequested, DWHRequested},
		{ReturnDWH, RoleDirjen, DWHRequested, Signed},
		{RequestUserID, RoleLembaga, Signed, UserIDRequested},
		{RequestDWH, RolePetugas, UserIDRequested, DWHRequested},
		{ApproveDWH, RoleDirjen, DWHRequested, DWHApproved},
		{HandOver, RolePetugas, DWHApproved, Active},
		{AcknowledgeReceipt, RoleLembaga, Active, Active},
		{FileReport, RoleLembaga, Active, Active},
		{ReturnReport, RolePetugas, Active, Active},
		{Suspend, RoleDirjen, Active, Suspended},
		{FileReport, RoleLembaga, Suspended, Suspended},
		{AcceptReport, RoleKepala, Suspended, Suspended},
		{Reinstate, RolePetugas, Suspended, Active},
		{RequestAddendum, RoleLembaga, Active, AddendumRequested},
		{RequestAddendumDWH, RolePetugas, AddendumRequested, AddendumDWHRequested},
		{ApproveAddendumDWH, RoleDirjen, AddendumDWHRequested, AddendumApproved},
		{SignAddendum, RoleKepala, AddendumApproved, Active},
		{Expire, RoleSystem, Active, Expired},
	}
}

func TestReplayAcceptsAValidHistory(t *testing.T) {
	got, err := Replay(Draft, happyHistory())
	if err != nil || got != Expired {
		t.Errorf("Replay = (%s, %v), want (expired, nil)", got, err)
	}
	if got, err := Replay(Draft, nil); err != nil || got != Draft {
		t.Errorf("Replay of no history = (%s, %v), want (draft, nil)", got, err)
	}
}

func TestReplayRejectsABadStep(t *testing.T) {
	cases := []struct {
		name      string
		history   []HistoryStep
		wantErr   error
		wantIndex int
		wantState State
	}{
		{"a step starting elsewhere", []HistoryStep{
			{Submit, RoleLembaga, Draft, Submitted},
			{Approve, RoleDirjen, Forwarded, Approved},
		}, ErrHistoryMismatch, 1, Submitted},
		{"a step ending elsewhere than the table says", []HistoryStep{
			{Submit, RoleLembaga, Draft, Forwarded},
		}, ErrHistoryMismatch, 0, Draft},
		{"an event impossible in its state", []HistoryStep{
			{Submit, RoleLembaga, Draft, Submitted},
			{Approve, RoleDirjen, Submitted, Approved},
		}, ErrInvalidTransition, 1, Submitted},
		{"a step by a role that may not fire it", []HistoryStep{
			{Submit, RolePetugas, Draft, Submitted},
		}, ErrForbidden, 0, Draft},
		{"anything after a final state", []HistoryStep{
			{Withdraw, RoleLembaga, Draft, Withdrawn},
			{Submit, RoleLembaga, Withdrawn, Submitted},
		}, ErrInvalidTransition, 1, Withdrawn},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Replay(Draft, tc.history)
			var re *ReplayError
			if !errors.As(err, &re) || !errors.Is(err, tc.wantErr) {
				t.Fatalf("err = %v, want *ReplayError wrapping %v", err, tc.wantErr)
			}
			if re.Index != tc.wantIndex || got != tc.wantState {
				t.Errorf("index %d state %s, want index %d state %s", re.Index, got, tc.wantIndex, tc.wantState)
			}
			if re.Error() == "" {
				t.Error("empty error text")
			}
		})
	}
}

func TestReplayRefusesAnUnknownInitialState(t *testing.T) {
	if _, err := Replay("limbo", nil); !errors.Is(err, ErrHistoryMismatch) {
		t.Errorf("err = %v, want ErrHistoryMismatch", err)
	}
}
