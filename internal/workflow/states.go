// Package workflow is the state machine of a Hak Akses application: the states and
// events of docs/domain.md §3 (the 11 items of the published procedure), who may
// fire which event in which state, the guards that say precisely, in Bahasa
// Indonesia, what a refused transition lacks, and the SLA clock of each state.
// It says whether an event may fire; what the event does is its action in
// internal/app (docs/actions.md). It imports nothing of ours and no third-party
// code, so it can be tested exhaustively on its own.
package workflow

// State is where an application stands in the lifecycle.
type State string

const (
	Draft           State = "draft"
	Submitted       State = "submitted"
	Returned        State = "returned"
	Forwarded       State = "forwarded"
	Rejected        State = "rejected"
	Approved        State = "approved"
	Signing         State = "signing"
	Signed          State = "signed"
	UserIDRequested State = "user_id_requested"
	DWHRequested    State = "dwh_requested"
	DWHApproved     State = "dwh_approved"
	Active          State = "active"
	Expired         State = "expired"
	Revoked         State = "revoked"
	Withdrawn       State = "withdrawn"

	// The agreement's life after signing (issue 9).
	ChangesRequested     State = "changes_requested"      // the lembaga asked for changes to the drafts
	Agreed               State = "agreed"                 // the lembaga agreed to the latest draft version
	Suspended            State = "suspended"              // penghentian sementara: DWH access suspended
	AddendumRequested    State = "addendum_requested"     // the lembaga asked to amend an active PKS
	AddendumForwarded    State = "addendum_forwarded"     // elements or purpose changed: with the Dirjen
	AddendumDWHRequested State = "addendum_dwh_requested" // IP LAN or User ID changes: DWH request with the Dirjen
	AddendumApproved     State = "addendum_approved"      // the addendum may be drawn up and signed
)

// States lists every state in lifecycle order.
var States = []State{
	Draft, Submitted, Returned, Forwarded, Rejected, Approved, Signing, Signed,
	UserIDRequested, DWHRequested, DWHApproved, Active, Expired, Revoked, Withdrawn,
	ChangesRequested, Agreed, Suspended,
	AddendumRequested, AddendumForwarded, AddendumDWHRequested, AddendumApproved,
}

// Event is something that happens to an application; most events move it to
// another state, a few (acknowledge_receipt, file_report, revise_agreement) record
// a fact without leaving the state.
type Event string

const (
	Submit             Event = "submit"              // 1: lembaga submits (or resubmits after a return)
	Return             Event = "return"              // staff return an incomplete request, with a reason
	Withdraw           Event = "withdraw"            // lembaga withdraws before the Dirjen decides
	Forward            Event = "forward"             // 2: forwarding letter a.n. Bupati, items a–f
	Approve            Event = "approve"             // 3: Dirjen approval letter
	Reject             Event = "reject"              // 3/7: Dirjen rejection letter
	PrepareAgreement   Event = "prepare_agreement"   // 4a/4b: PKS and Juknis drafted (rules 8–10)
	ReviseAgreement    Event = "revise_agreement"    // a new version of the PKS/Juknis drafts
	Sign               Event = "sign"                // 11: both signatures recorded
	RequestUserID      Event = "request_user_id"     // 4c: lembaga asks for User ID and IP LAN
	RequestDWH         Event = "request_dwh"         // 4d: Disdukcapil asks the Dirjen for DWH access
	ReturnDWH          Event = "return_dwh"          // Dirjen sends the DWH request back (e.g. network)
	ApproveDWH         Event = "approve_dwh"         // 5: Dirjen approves DWH access, issues User ID(s)
	HandOver           Event = "hand_over"           // 6: Disdukcapil hands the User ID to the lembaga
	AcknowledgeReceipt Event = "acknowledge_receipt" // 6: lembaga acknowledges receipt of the User ID
	FileReport         Event = "file_report"         // semester usage report (evaluasi dan pelaporan)
	Expire             Event = "expire"              // the PKS term ended
	Revoke             Event = "revoke"              // pencabutan: access revoked for good, with a typed ground

	// Negotiation while drafting: staff may sign only a version the lembaga agreed to.
	AgreeAgreement Event = "agree_agreement" // lembaga agrees to the latest PKS/Juknis version
	RequestChanges Event = "request_changes" // lembaga asks for changes (comments per pasal)

	// Semester reports, data balikan and sanctions while the PKS is in force.
	AcceptReport      Event = "accept_report"       // staff accept a filed semester report
	ReturnReport      Event = "return_report"       // staff return a report with the reason; it must be filed again
	RecordDataBalikan Event = "record_data_balikan" // lembaga records one data balikan delivery
	Warn              Event = "warn"                // teguran tertulis: a warning letter, access stays
	Suspend           Event = "suspend"             // penghentian sementara: User IDs deactivated
	Reinstate         Event = "reinstate"           // the ground is cured: User IDs reactivated

	// Addendum of an active PKS.
	RequestAddendum    Event = "request_addendum"     // lembaga asks to amend the PKS
	ReturnAddendum     Event = "return_addendum"      // staff return an incomplete addendum request
	ForwardAddendum    Event = "forward_addendum"     // elements/purpose: forwarded to the Dirjen again
	ApproveAddendum    Event = "approve_addendum"     // Dirjen approves the changed elements/purpose
	RejectAddendum     Event = "reject_addendum"      // Dirjen refuses the addendum; the PKS stays as it was
	RequestAddendumDWH Event = "request_addendum_dwh" // IP LAN/User ID changes: DWH request to the Dirjen
	ApproveAddendumDWH Event = "approve_addendum_dwh" // Dirjen approves the DWH changes (new User IDs, if any)
	SignAddendum       Event = "sign_addendum"        // the addendum is signed; the PKS stays active, amended
)

// Role is what a user is allowed to be in the system (docs/domain.md §2). System is the
// product itself acting on a schedule (expiry at the PKS end date).
type Role string

const (
	RoleLembaga Role = "lembaga"
	RolePetugas Role = "petugas"
	RoleKepala  Role = "kepala"
	RoleDirjen  Role = "dirjen"
	RoleAdmin   Role = "admin"
	RoleSystem  Role = "system"
)

// Party is who an application is waiting on in a state.
type Party string

const (
	PartyNone        Party = ""            // nobody: final states, and active (it runs until the PKS ends)
	PartyLembaga     Party = "lembaga"     // the applying institution
	PartyDisdukcapil Party = "disdukcapil" // the regency office: its SLA clocks run
	PartyDirjen      Party = "dirjen"      // the Direktur Jenderal Dukcapil
	PartyBoth        Party = "both"        // signing: both parties
)

// InstitutionType decides the signing rule (item 11).
type InstitutionType string

const (
	PerangkatDaerah InstitutionType = "perangkat_daerah"
	BadanHukum      InstitutionType = "badan_hukum"
)

// ClauseKey names a clause the PKS must contain (items 8, 9 and 10).
type ClauseKey string

const (
	ClauseMaksud         ClauseKey = "maksud"
	ClauseTujuan         ClauseKey = "tujuan"
	ClauseHakKewajiban   ClauseKey = "hak_kewajiban"
	ClauseEvaluasi       ClauseKey = "evaluasi_pelaporan"
	ClauseJangkaWaktu    ClauseKey = "jangka_waktu"
	ClausePembiayaan     ClauseKey = "pembiayaan"
	ClauseLaranganPihak3 ClauseKey = "larangan_pihak_ketiga" // item 9
	ClauseLaranganNonPKS ClauseKey = "larangan_di_luar_pks"  // item 10
)

// RequiredClauses are the clauses every PKS must contain, in the order they appear.
var RequiredClauses = []ClauseKey{
	ClauseMaksud, ClauseTujuan, ClauseHakKewajiban, ClauseEvaluasi,
	ClauseJangkaWaktu, ClausePembiayaan, ClauseLaranganPihak3, ClauseLaranganNonPKS,
}

// AccessMethod is how the institution reaches the data (item 2d).
type AccessMethod string

const (
	WebService AccessMethod = "web_service"
	WebPortal  AccessMethod = "web_portal"
	CardReader AccessMethod = "card_reader"
)

// ClockKind names one of the Disdukcapil's own SLA clocks (docs/domain.md §4).
type ClockKind string

const (
	ClockVerifyForward    ClockKind = "verify_forward"    // from submit/resubmit until forward or return
	ClockPrepareAgreement ClockKind = "prepare_agreement" // from approval until PKS & Juknis drafted
	ClockSendDWHRequest   ClockKind = "send_dwh_request"  // from the User ID request until DWH request sent
	ClockHandOverUserID   ClockKind = "hand_over_user_id" // from DWH approval until handover

	// Clocks of the steps after signing that are the office's own service steps.
	ClockReviseAgreement ClockKind = "revise_agreement" // from the lembaga's change request until a new version
	ClockVerifyAddendum  ClockKind = "verify_addendum"  // from an addendum request until forwarded, sent to DWH or returned
	ClockPrepareAddendum ClockKind = "prepare_addendum" // from the addendum's approval until signed (or sent to DWH)
)

// Clocks lists the clocks in lifecycle order. Reviewing a semester report,
// sanctions, reinstatement and data balikan have no clock: they are supervision
// of a running PKS, not steps of the published service (its 2 hari kerja cover
// the request, the agreement and the access), and reinstatement waits on the
// lembaga curing the ground or on the Dirjen.
var Clocks = []ClockKind{ClockVerifyForward, ClockPrepareAgreement, ClockSendDWHRequest, ClockHandOverUserID,
	ClockReviseAgreement, ClockVerifyAddendum, ClockPrepareAddendum}
