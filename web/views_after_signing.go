package web

// AfterSigningView is the agreement's life after signing on the detail page.
type AfterSigningView struct {
	Negotiation *NegotiationView
	StaffNotes  *StaffNotesView
	Reports     []ReportRowVM
	Sanctions   []SanctionRowVM
	Addenda     []AddendumRowVM
	Deliveries  []DeliveryRowVM
	Behind      string // "data balikan belum dicatat sejak …", for staff
	RenewNotice string // the renewal prompt, from three months before the end
}

// NegotiationView shows the drafts' comments per pasal and, while they are
// negotiated, a form to add one.
type NegotiationView struct {
	Version    int
	Agreed     string // "Versi 2 disepakati lembaga pada …", or empty
	Comments   []CommentVM
	CanComment bool
	PostHref   string
	Pasals     []Option // the pasal numbers of the latest PKS version
}

// CommentVM is one comment.
type CommentVM struct {
	Where  string // "PKS versi 1, Pasal 5"
	Author string
	Body   string
	At     string
}

// StaffNotesView is the office-internal notes panel (staff only).
type StaffNotesView struct {
	Notes    []CommentVM
	PostHref string
}

// ReportRowVM is one semester of the report schedule.
type ReportRowVM struct {
	Semester string
	Period   string
	Due      string
	State    string
	Class    string
	Detail   string // e.g. "terlambat", the return reason
}

// SanctionRowVM is one sanction or reinstatement.
type SanctionRowVM struct {
	Kind    string
	Ground  string
	UserIDs string
	Letter  string
	At      string
	By      string
}

// AddendumRowVM is one addendum.
type AddendumRowVM struct {
	Title  string
	Status string
	Change string
	Number string
}

// DeliveryRowVM is one data balikan delivery.
type DeliveryRowVM struct {
	Period  string
	Channel string
	Records string
}
