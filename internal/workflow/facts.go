package workflow

import "time"

// Facts is everything the guards look at. The app layer fills it from the
// application's stored data plus the form payload of the event being fired; the
// guards only read the fields their event needs, so a caller may leave the rest
// zero. Documents are flags ("is it stored?") rather than files because checking a
// PDF's content is the document store's job, not the state machine's.
//
// Field comments name the event(s) that read the field and the Problem.Field key
// a failure is reported under.
type Facts struct {
	// Now is the moment of the event, in the tenant's time zone. Letter dates and
	// the PKS end date are compared with it. A zero Now is reported as a problem
	// ("now") instead of being guessed: the machine never reads the wall clock.
	Now time.Time

	// The institution (lembaga pengguna).
	InstitutionName     string          // submit: 2a nama pengguna ("institution_name")
	InstitutionType     InstitutionType // submit, sign ("institution_type")
	InstitutionVerified bool            // submit: verified by the tenant's staff ("institution_verified")
	LegalDocuments      LegalDocuments  // submit, badan hukum only ("legal_documents.*")
	Eligibility         Eligibility     // submit and sign, badan hukum only ("eligibility.*")

	// The request itself (submit, items 2b–2f).
	Purpose          string         // 2b tujuan pemanfaatan ("purpose")
	DataElements     []DataElement  // 2c elemen data ("data_elements", "data_elements.<code>...")
	AccessMethods    []AccessMethod // 2d metode akses ("access_methods")
	ReturnData       string         // 2e data balikan ("return_data")
	TermMonths       int            // 2f jangka waktu PKS in months ("term_months")
	HasRequestLetter bool           // item 1: the signed request letter (PDF) ("request_letter")
	// The lembaga's own number and date of that letter: the forwarding letter
	// cites them (submit, forward: "request_letter_number", "request_letter_date").
	RequestLetterNumber string
	RequestLetterDate   time.Time

	// Letters and decisions (form payload).
	Reason        string    // return, reject, return_dwh, revoke ("reason")
	LetterNumber  string    // forward, approve, reject ("letter_number")
	Signatory     string    // forward: who signs a.n. Bupati/Wali kota ("signatory")
	LetterDate    time.Time // approve, reject: date of the Dirjen's letter ("letter_date")
	HasLetterScan bool      // approve, reject: scan of the Dirjen's letter ("letter_scan")

	// The agreement drafts (prepare_agreement, revise_agreement; items 4a, 4b, 8–10).
	Clauses map[ClauseKey]string // PKS clause texts by key ("clauses.<key>")
	Juknis  string               // the Juknis draft text ("juknis")

	// Signing (sign; item 11). Indonesian agreements carry one number per party;
	// the request_dwh guard reads the numbers and the date again, since the DWH
	// letter cites them (an application signed before they were recorded is
	// asked for them there).
	HasSignedPKS            bool   // the signed PKS scan; also read by request_dwh ("signed_pks")
	HasSignedJuknis         bool   // the signed Juknis scan ("signed_juknis")
	PKSNumberDisdukcapil    string // the Disdukcapil's number of the PKS ("pks_number_disdukcapil")
	PKSNumberLembaga        string // the institution's number of the PKS ("pks_number_lembaga")
	JuknisNumbers           []string
	SigningDate             time.Time // the day both parties signed; the PKS term runs from it ("signing_date")
	ApprovalDate            time.Time // date of the Dirjen's approval letter; zero when unknown (sign)
	KepalaDisdukcapilSigner string    // name of the Kepala Disdukcapil who signed ("signature.kepala_disdukcapil")
	KepalaActing            string    // "Plt." or "Plh." when an acting official signed ("signature.kepala_acting")
	KepalaSignerNIP         string    // NIP of the acting official ("signature.kepala_nip")
	TenantKepalaName        string    // the tenant's Kepala Dinas on record; another signer must be Plt./Plh.
	CounterpartySigner      string    // name of the kepala perangkat daerah or pimpinan badan hukum ("signature.counterparty")
	CounterpartyNIP         string    // NIP of a kepala perangkat daerah ("signature.counterparty_nip")
	RegisteredHeadName      string    // the institution's head as registered; another signer needs a reason
	CounterpartyEditReason  string    // why the counterparty is not the registered head ("signature.counterparty_reason")

	// User ID and DWH access (request_user_id, request_dwh, approve_dwh; items 4c, 4d, 5).
	HasUserIDRequestLetter    bool     // request_user_id ("user_id_request_letter")
	IPAddresses               []string // request_user_id: IP LAN, IPv4/IPv6 or CIDR ("ip_addresses", "ip_addresses.<i>")
	HasClosedNetworkStatement bool     // request_user_id, request_dwh ("closed_network_statement")
	HasJuknisDocument         bool     // request_dwh: the signed Juknis attached as a copy ("juknis_document")
	// The closed-network statement's own number and date (request_user_id,
	// request_dwh: "closed_network_statement_number", "..._date").
	ClosedNetworkStatementNumber string
	ClosedNetworkStatementDate   time.Time
	// approve_dwh (item 5): User IDs for the lembaga, each with its data
	// category ("user_ids", "user_ids.<i>"), and the User ID data balikan daerah
	// for the Disdukcapil itself, stored apart ("data_balikan_user_id"). The
	// Dirjen's approval letter is LetterNumber, LetterDate and HasLetterScan.
	UserIDs           []IssuedUserID
	DataBalikanUserID string

	// Handover and the active term (hand_over, acknowledge_receipt, file_report, expire; item 6).
	HasHandoverRecord   bool      // hand_over: berita acara serah terima ("handover_record")
	ReceiptAcknowledged bool      // acknowledge_receipt: already acknowledged before? ("receipt")
	HasReport           bool      // file_report: the semester usage report ("report")
	PKSEndDate          time.Time // expire: the instant the PKS term ends ("pks_end_date")

	// Negotiation of the drafts (agree_agreement, request_changes, sign).
	DraftVersion  int // the latest PKS/Juknis draft version ("agreement_version")
	AgreedVersion int // the version the lembaga agreed to; 0 when none ("agreed_version")
	Comments      int // request_changes: the lembaga's comments on the latest version ("comments")

	// Semester reports and data balikan while the PKS is in force.
	ReportAwaitingReview bool                // accept_report, return_report: a filed report not yet reviewed ("report")
	Delivery             DataBalikanDelivery // record_data_balikan ("delivery.*")

	// Sanctions (warn, suspend, reinstate, revoke).
	Ground        SanctionGround // the typed ground ("ground")
	GroundMonths  int            // late_report: how many months the report is late ("ground_months")
	GroundText    string         // other: the ground in words ("ground_text")
	ActiveUserIDs []string       // suspend: the DWH User IDs to deactivate; reinstate: to reactivate ("user_ids")

	// Addendum of an active PKS (request_addendum … sign_addendum).
	Addendum Addendum
}

// DataBalikanDelivery is one delivery of data balikan to the Ditjen (Pasal 38
// as amended by Permendagri 17/2023), as the lembaga records it.
type DataBalikanDelivery struct {
	PeriodStart, PeriodEnd time.Time // the period the delivery covers
	Channel                string    // how it was delivered, one of DataBalikanChannels
	Records                int       // how many NIK-keyed records were delivered
}

// Addendum is what an amendment of an active PKS changes and how far it has
// come. The app fills the changes from the lembaga's request.
type Addendum struct {
	Purpose       string        // the new purpose; empty: unchanged
	AddElements   []DataElement // data elements added; nil: unchanged
	IPAddresses   []string      // the new IP LAN list; nil: unchanged
	AddUserIDs    int           // how many more User IDs are asked for
	HasLetter     bool          // request_addendum: the lembaga's signed request letter ("addendum.letter")
	HasStatement  bool          // request_addendum with new IPs: a new closed-network statement ("closed_network_statement")
	DirjenDecided bool          // the Dirjen approved the changed elements/purpose
	DWHApproved   bool          // the Dirjen approved the DWH changes
	HasSigned     bool          // sign_addendum: the signed addendum scan ("addendum.signed")
}

// NeedsDirjen reports whether the addendum changes what the Dirjen decided:
// the purpose or the data elements.
func (a Addendum) NeedsDirjen() bool {
	return len(a.AddElements) > 0 || !blank(a.Purpose)
}

// NeedsDWH reports whether the addendum changes the DWH access: the IP LAN
// addresses or the number of User IDs.
func (a Addendum) NeedsDWH() bool {
	return a.IPAddresses != nil || a.AddUserIDs > 0
}

// LegalDocuments are the four documents a badan hukum attaches to its request.
type LegalDocuments struct {
	AktaPendirian bool // deed of establishment (akta pendirian / AD-ART)
	SKKemenkumham bool // SK Kemenkumham pengesahan badan hukum
	IzinUsaha     bool // business permit (surat keterangan izin usaha)
	SuratDomisili bool // domicile letter (keterangan domisili usaha)
}

// Eligibility is the evidence behind item 11b for a badan hukum: its signed
// statement (a public service in this kabupaten/kota, no vertical relationship
// with a national or provincial badan hukum) and the recommendation of the
// authority supervising its business. Documents, not checkboxes: the forwarding
// letter cites them.
type Eligibility struct {
	HasStatement      bool   // the signed surat pernyataan ("eligibility_statement")
	HasRecommendation bool   // the supervising authority's recommendation ("recommendation")
	RecommendedBy     string // that authority, e.g. "Otoritas Jasa Keuangan" ("recommended_by")
}

// DataElement is one requested element of the catalogue (UU 24/2013 Pasal 58(2)).
// The app looks the code up in its catalogue and sets Protected for the five
// elements of Pasal 84(1); the machine does not carry the catalogue itself.
type DataElement struct {
	Code          string // catalogue code, e.g. "nik", "sidik_jari"
	Name          string // catalogue name for messages, e.g. "Sidik jari"; the code is used when empty
	Protected     bool   // protected by Pasal 84: needs a written justification
	Justification string // why the protected element is needed
}

// IssuedUserID is one DWH User ID the Dirjen issued to the lembaga (item 5),
// with the data category it serves (e.g. "verifikasi", "pemanfaatan"); each
// category gets at most one User ID.
type IssuedUserID struct {
	UserID   string
	Category string
}
