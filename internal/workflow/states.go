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
)

// States lists every state in lifecycle order.
var States = []State{
	Draft, Submitted, Returned, Forwarded, Rejected, Approved, Signing, Signed,
	UserIDRequested, DWHRequested, DWHApproved, Active, Expired, Revoked, Withdrawn,
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
	Revoke             Event = "revoke"              // access revoked (rules 9/10 breach, reports overdue)
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
)

// Clocks lists the four clocks in lifecycle order.
var Clocks = []ClockKind{ClockVerifyForward, ClockPrepareAgreement, ClockSendDWHRequest, ClockHandOverUserID}
