package workflow

import "time"

// transition is one edge of the machine. The list below is the single source of
// the machine's shape: lookups, the diagram and Replay all read it.
type transition struct {
	from State
	ev   Event
	to   State
}

// edges follows docs/domain.md §3 and its 2026-12 corrections. Self-loops
// (revise_agreement while drafting, acknowledge_receipt, file_report, report
// review, data balikan, teguran) record a fact without moving the application,
// so they still get a history entry and a guard. Renewal and copy-as-new are
// deliberately absent: they create a new, linked draft and leave the old
// application as it is (see CanRenew, RenewalOffered and CanCopy).
var edges = append([]transition{
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

	// Negotiation: the lembaga reads each version, agrees or asks for changes;
	// staff sign only from agreed, and a new version voids an agreement.
	{Signing, ReviseAgreement, Signing},
	{Signing, AgreeAgreement, Agreed},
	{Signing, RequestChanges, ChangesRequested},
	{ChangesRequested, ReviseAgreement, Signing},
	{Agreed, ReviseAgreement, Signing},
	{Agreed, Sign, Signed},

	{Signed, RequestUserID, UserIDRequested},
	{UserIDRequested, RequestDWH, DWHRequested},
	{DWHRequested, ReturnDWH, Signed}, // the lembaga fixes its network and asks again
	{DWHRequested, ApproveDWH, DWHApproved},
	{DWHApproved, HandOver, Active},
	{Active, AcknowledgeReceipt, Active},

	// Sanctions: a warning keeps access; a suspension ends in reinstatement or
	// pencabutan; pencabutan is final.
	{Active, Warn, Active},
	{Active, Suspend, Suspended},
	{Suspended, Reinstate, Active},
	{Active, Revoke, Revoked},
	{Suspended, Revoke, Revoked},

	// Addendum: elements and purpose go to the Dirjen again; IP LAN and User ID
	// changes go through the DWH steps; both end in a signed addendum.
	{Active, RequestAddendum, AddendumRequested},
	{AddendumRequested, ReturnAddendum, Active},
	{AddendumRequested, ForwardAddendum, AddendumForwarded},
	{AddendumRequested, RequestAddendumDWH, AddendumDWHRequested},
	{AddendumForwarded, ApproveAddendum, AddendumApproved},
	{AddendumForwarded, RejectAddendum, Active},
	{AddendumApproved, RequestAddendumDWH, AddendumDWHRequested},
	{AddendumDWHRequested, ApproveAddendumDWH, AddendumApproved},
	{AddendumDWHRequested, RejectAddendum, Active},
	{AddendumApproved, SignAddendum, Active},
}, inForceLoops()...)

// InForce lists the states in which a signed PKS runs: access was handed over
// and the term has not ended. Reports, their review, data balikan and expiry
// happen in all of them; an addendum or a suspension does not stop the term.
var InForce = []State{Active, Suspended, AddendumRequested, AddendumForwarded, AddendumDWHRequested, AddendumApproved}

// inForceLoops are the edges every in-force state has.
func inForceLoops() []transition {
	var out []transition
	for _, s := range InForce {
		out = append(out,
			transition{s, FileReport, s},
			transition{s, AcceptReport, s},
			transition{s, ReturnReport, s},
			transition{s, RecordDataBalikan, s},
			transition{s, Expire, Expired},
		)
	}
	return out
}

// IsInForce reports whether the PKS runs in state s.
func (s State) IsInForce() bool { return contains(InForce, s) }

// InNegotiation reports whether the drafts of the PKS and Juknis are open to
// comments in state s: from the first draft until they are signed.
func (s State) InNegotiation() bool { return s == Signing || s == ChangesRequested || s == Agreed }

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

// IsFinal reports whether nothing can happen to an application any more. The
// in-force states are not final: they still expire, are sanctioned, amended,
// and receive reports.
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
// An active PKS is renewed from RenewalOffered's date on; a suspended or
// revoked one is not renewed (the sanction must be settled first).
func CanRenew(s State) bool {
	return s == Active || s == Expired
}

// RenewalLead is how long before the end of the term the PKS asks the lembaga
// to apply again (Pasal "Jangka Waktu": "paling lambat 3 (tiga) bulan sebelum").
const RenewalLead = 3 // months

// RenewalOpens is the first day a renewal is offered for a PKS whose last
// valid day is lastDay: three months before the day after it.
func RenewalOpens(lastDay time.Time) time.Time {
	y, m, d := lastDay.AddDate(0, 0, 1).Date()
	return time.Date(y, m-RenewalLead, d, 0, 0, 0, 0, lastDay.Location())
}

// RenewalOffered reports whether screens should prompt for a renewal: an
// expired PKS always, an active one from RenewalOpens on (now read as a
// calendar day in the tenant's zone).
func RenewalOffered(s State, lastDay, now time.Time) bool {
	switch {
	case s == Expired:
		return true
	case s != Active || lastDay.IsZero():
		return false
	}
	y, m, d := now.In(lastDay.Location()).Date()
	return !time.Date(y, m, d, 0, 0, 0, 0, lastDay.Location()).Before(RenewalOpens(lastDay))
}

// CanCopy reports whether an application may be copied into a new, linked draft
// without being a renewal: a rejected request (fixed and tried again) or a
// withdrawn one.
func CanCopy(s State) bool {
	return s == Rejected || s == Withdrawn
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
