package workflow

// transition is one edge of the machine. The list below is the single source of
// the machine's shape: lookups, the diagram and Replay all read it.
type transition struct {
	from State
	ev   Event
	to   State
}

// edges follows docs/domain.md §3. Self-loops (revise_agreement, acknowledge_receipt,
// file_report) record a fact without moving the application, so they still get a
// history entry and a guard. Renewal is deliberately absent: it creates a new,
// linked draft and leaves the old application as it is (see CanRenew).
var edges = []transition{
	{Draft, Submit, Submitted},
	{Draft, Withdraw, Withdrawn},
	{Submitted, Return, Returned},
	{Submitted, Forward, Forwarded},
	{Submitted, Withdraw, Withdrawn},
	{Returned, Submit, Submitted}, // resubmission after a return
	{Returned, Withdraw, Withdrawn},
	{Forwarded, Approve, Approved},
	{Forwarded, Reject, Rejected},
	{Forwarded, Withdraw, Withdrawn}, // still possible: the Dirjen has not decided
	{Approved, PrepareAgreement, Signing},
	{Signing, ReviseAgreement, Signing}, // new versions of the PKS/Juknis drafts
	{Signing, Sign, Signed},
	{Signed, RequestUserID, UserIDRequested},
	{UserIDRequested, RequestDWH, DWHRequested},
	{DWHRequested, ReturnDWH, Signed}, // the lembaga fixes its network and asks again
	{DWHRequested, ApproveDWH, DWHApproved},
	{DWHApproved, HandOver, Active},
	{Active, AcknowledgeReceipt, Active},
	{Active, FileReport, Active},
	{Active, Expire, Expired},
	{Active, Revoke, Revoked},
}

type edgeKey struct {
	from State
	ev   Event
}

var targets = func() map[edgeKey]State {
	m := make(map[edgeKey]State, len(edges))
	for _, e := range edges {
		m[edgeKey{e.from, e.ev}] = e.to
	}
	return m
}()

// Target is where ev takes an application in state from; ok is false when the
// event is impossible there (including every event in a final state).
func Target(from State, ev Event) (to State, ok bool) {
	to, ok = targets[edgeKey{from, ev}]
	return to, ok
}

// IsFinal reports whether nothing can happen to an application any more. Active
// is not final: it still expires, is revoked, and receives reports.
func (s State) IsFinal() bool {
	switch s {
	case Rejected, Expired, Revoked, Withdrawn:
		return true
	}
	return false
}

// CanRenew reports whether an application may be the basis of a renewal: the app
// then creates a new draft pre-filled from it and linked to it. The old
// application does not change state, so renewal is not an event of this machine.
func CanRenew(s State) bool {
	return s == Active || s == Expired
}

// Transition describes one edge for documentation and screens: the event, where
// it leads and which roles may fire it.
type Transition struct {
	From  State
	Event Event
	To    State
	Roles []Role
}

// Transitions returns every edge of the machine in a stable order, with the roles
// allowed to fire it. The slice is a fresh copy; callers may modify it.
func Transitions() []Transition {
	out := make([]Transition, 0, len(edges))
	for _, e := range edges {
		out = append(out, Transition{From: e.from, Event: e.ev, To: e.to, Roles: RolesFor(e.from, e.ev)})
	}
	return out
}
