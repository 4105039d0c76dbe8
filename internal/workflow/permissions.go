package workflow

// staff are the Disdukcapil roles. Both may record every office step: the
// Kepala signs letters and the PKS, but in practice the petugas scans and records
// them, and the letter's signatory is a separate field of the form (Facts), not
// the user who clicks. Restricting sign to kepala would force the Kepala to log in
// just to upload a scan.
var staff = []Role{RolePetugas, RoleKepala}

// permissions is a whitelist in the manner of REMS (ADR 008 there): a (state,
// event) pair lists exactly the roles that may fire it; anything not listed is
// forbidden, so a new event is never exposed by accident. Admin appears nowhere:
// the platform operator has no business with application content.
var permissions = func() map[edgeKey][]Role {
	m := map[edgeKey][]Role{
		{Draft, Submit}:               {RoleLembaga},
		{Draft, Withdraw}:             {RoleLembaga},
		{Submitted, Return}:           staff,
		{Submitted, Forward}:          staff,
		{Submitted, Withdraw}:         {RoleLembaga},
		{Returned, Submit}:            {RoleLembaga},
		{Returned, Withdraw}:          {RoleLembaga},
		{Forwarded, Approve}:          {RoleDirjen},
		{Forwarded, Reject}:           {RoleDirjen},
		{Forwarded, Withdraw}:         {RoleLembaga},
		{Approved, PrepareAgreement}:  staff,
		{Signing, ReviseAgreement}:    staff,
		{Signed, RequestUserID}:       {RoleLembaga},
		{UserIDRequested, RequestDWH}: staff,
		{DWHRequested, ReturnDWH}:     {RoleDirjen},
		{DWHRequested, ApproveDWH}:    {RoleDirjen},
		{DWHApproved, HandOver}:       staff,
		{Active, AcknowledgeReceipt}:  {RoleLembaga},
		{Active, Revoke}:              supervisors,

		{Signing, AgreeAgreement}:           {RoleLembaga},
		{Signing, RequestChanges}:           {RoleLembaga},
		{ChangesRequested, ReviseAgreement}: staff,
		{Agreed, ReviseAgreement}:           staff,
		{Agreed, Sign}:                      staff,

		{Active, Warn}:         supervisors,
		{Active, Suspend}:      supervisors,
		{Suspended, Reinstate}: supervisors,
		{Suspended, Revoke}:    supervisors,

		{Active, RequestAddendum}:                  {RoleLembaga},
		{AddendumRequested, ReturnAddendum}:        staff,
		{AddendumRequested, ForwardAddendum}:       staff,
		{AddendumRequested, RequestAddendumDWH}:    staff,
		{AddendumForwarded, ApproveAddendum}:       {RoleDirjen},
		{AddendumForwarded, RejectAddendum}:        {RoleDirjen},
		{AddendumApproved, RequestAddendumDWH}:     staff,
		{AddendumDWHRequested, ApproveAddendumDWH}: {RoleDirjen},
		{AddendumDWHRequested, RejectAddendum}:     {RoleDirjen},
		{AddendumApproved, SignAddendum}:           staff,
	}
	// While the PKS is in force: the lembaga files reports and records data
	// balikan, staff review the reports, the system expires the term.
	for _, s := range InForce {
		m[edgeKey{s, FileReport}] = []Role{RoleLembaga}
		m[edgeKey{s, RecordDataBalikan}] = []Role{RoleLembaga}
		m[edgeKey{s, AcceptReport}] = staff
		m[edgeKey{s, ReturnReport}] = staff
		m[edgeKey{s, Expire}] = []Role{RoleSystem}
	}
	return m
}()

// supervisors may sanction an agreement: the office that signed it and the
// Dirjen who granted the access (the 2021 suspensions were the Ditjen's).
var supervisors = []Role{RolePetugas, RoleKepala, RoleDirjen}

// Allowed reports whether role may fire ev on an application in state s. It says
// nothing about guards: a permitted event can still be refused for missing data.
func Allowed(s State, ev Event, role Role) bool {
	if _, ok := Target(s, ev); !ok {
		return false
	}
	for _, r := range permissions[edgeKey{s, ev}] {
		if r == role {
			return true
		}
	}
	return false
}

// Available lists the events role may fire now, in the order of Events, so a
// screen can render its buttons without knowing the rules.
func Available(s State, role Role) []Event {
	var out []Event
	for _, ev := range Events {
		if Allowed(s, ev, role) {
			out = append(out, ev)
		}
	}
	return out
}

// RolesFor lists the roles that may fire ev in state s (nil when the event is
// impossible there), e.g. to say "menunggu Dirjen" on a screen.
func RolesFor(s State, ev Event) []Role {
	if _, ok := Target(s, ev); !ok {
		return nil
	}
	return append([]Role(nil), permissions[edgeKey{s, ev}]...)
}
