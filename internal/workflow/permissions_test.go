package workflow

import (
	"fmt"
	"testing"
)

func TestAvailableListsTheRolesButtonsInEventOrder(t *testing.T) {
	cases := []struct {
		name string
		s    State
		role Role
		want []Event
	}{
		{"lembaga may submit or withdraw a draft", Draft, RoleLembaga, []Event{Submit, Withdraw}},
		{"staff see nothing on a draft", Draft, RolePetugas, nil},
		{"petugas may return or forward a submission", Submitted, RolePetugas, []Event{Return, Forward}},
		{"kepala may return or forward a submission", Submitted, RoleKepala, []Event{Return, Forward}},
		{"lembaga may only withdraw while submitted", Submitted, RoleLembaga, []Event{Withdraw}},
		{"lembaga may resubmit or withdraw after a return", Returned, RoleLembaga, []Event{Submit, Withdraw}},
		{"dirjen may approve or reject a forwarded request", Forwarded, RoleDirjen, []Event{Approve, Reject}},
		{"lembaga may still withdraw before the Dirjen decides", Forwarded, RoleLembaga, []Event{Withdraw}},
		{"lembaga may not withdraw once approved", Approved, RoleLembaga, nil},
		{"staff prepare the agreement once approved", Approved, RoleKepala, []Event{PrepareAgreement}},
		{"staff only revise while the lembaga reviews the drafts", Signing, RolePetugas, []Event{ReviseAgreement}},
		{"the lembaga agrees or asks for changes", Signing, RoleLembaga, []Event{AgreeAgreement, RequestChanges}},
		{"staff answer a change request with a new version", ChangesRequested, RoleKepala, []Event{ReviseAgreement}},
		{"staff sign an agreed version, or revise it again", Agreed, RolePetugas, []Event{ReviseAgreement, Sign}},
		{"the lembaga waits once it agreed", Agreed, RoleLembaga, nil},
		{"lembaga requests the User ID once signed", Signed, RoleLembaga, []Event{RequestUserID}},
		{"staff send the DWH request", UserIDRequested, RolePetugas, []Event{RequestDWH}},
		{"dirjen returns or approves the DWH request", DWHRequested, RoleDirjen, []Event{ReturnDWH, ApproveDWH}},
		{"staff hand the User ID over", DWHApproved, RoleKepala, []Event{HandOver}},
		{"lembaga acknowledges, reports, records data balikan, asks for an addendum", Active, RoleLembaga,
			[]Event{AcknowledgeReceipt, FileReport, RecordDataBalikan, RequestAddendum}},
		{"staff review reports and sanction an active access", Active, RolePetugas,
			[]Event{Revoke, AcceptReport, ReturnReport, Warn, Suspend}},
		{"dirjen sanctions but does not review reports", Active, RoleDirjen, []Event{Revoke, Warn, Suspend}},
		{"a suspended lembaga may still report to cure the ground", Suspended, RoleLembaga, []Event{FileReport, RecordDataBalikan}},
		{"staff reinstate or revoke a suspension", Suspended, RoleKepala, []Event{Revoke, AcceptReport, ReturnReport, Reinstate}},
		{"dirjen reinstates or revokes a suspension", Suspended, RoleDirjen, []Event{Revoke, Reinstate}},
		{"staff verify an addendum request", AddendumRequested, RolePetugas, []Event{AcceptReport, ReturnReport, ReturnAddendum, ForwardAddendum, RequestAddendumDWH}},
		{"dirjen decides a forwarded addendum", AddendumForwarded, RoleDirjen, []Event{ApproveAddendum, RejectAddendum}},
		{"dirjen decides the DWH part of an addendum", AddendumDWHRequested, RoleDirjen, []Event{RejectAddendum, ApproveAddendumDWH}},
		{"staff sign an approved addendum or send its DWH part", AddendumApproved, RolePetugas, []Event{AcceptReport, ReturnReport, RequestAddendumDWH, SignAddendum}},
		{"the system expires a PKS while an addendum runs", AddendumForwarded, RoleSystem, []Event{Expire}},
		{"the system expires an active access", Active, RoleSystem, []Event{Expire}},
		{"nobody acts on a final state", Revoked, RoleKepala, nil},
		{"unknown state offers nothing", "limbo", RoleLembaga, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := Available(tc.s, tc.role); fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("Available(%s, %s) = %v, want %v", tc.s, tc.role, got, tc.want)
			}
		})
	}
}

func TestAdminMayNeverTouchApplicationContent(t *testing.T) {
	for _, s := range States {
		if got := Available(s, RoleAdmin); len(got) != 0 {
			t.Errorf("Available(%s, admin) = %v, want none", s, got)
		}
	}
}

func TestPermissionWhitelistOnlyNamesExistingEdges(t *testing.T) {
	for key, roles := range permissions {
		if _, ok := Target(key.from, key.ev); !ok {
			t.Errorf("permission for %s/%s, which is not an edge", key.from, key.ev)
		}
		if len(roles) == 0 {
			t.Errorf("permission for %s/%s lists no role", key.from, key.ev)
		}
	}
	for _, e := range edges {
		if len(RolesFor(e.from, e.ev)) == 0 {
			t.Errorf("edge %s/%s: no role may fire it", e.from, e.ev)
		}
	}
	if RolesFor(Draft, Approve) != nil {
		t.Error("RolesFor an impossible event is not nil")
	}
}
