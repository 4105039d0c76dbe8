package web

// Option is one choice of a select.
type Option struct {
	Value    string
	Label    string
	Selected bool
}

// AppList is a list of applications: the lembaga's own, the staff queue or the
// Dirjen's national inbox.
type AppList struct {
	Page
	Kind      string // "lembaga", "queue", "inbox"
	Heading   string
	Intro     string
	Rows      []AppRow
	PageNum   int
	PrevHref  string
	NextHref  string
	CreateURL string // lembaga: where the "new application" form posts
	Notice    string // e.g. institution awaiting verification
	Warning   string // e.g. missing holiday data
	Filters   ListFilters
	Summary   []Card
}

// ListFilters are the queue's and inbox's filter controls.
type ListFilters struct {
	Action    string
	States    []Option
	SLA       []Option
	Tenants   []Option
	Provinces []Option
	Search    string
}

// AppRow is one application in a list.
type AppRow struct {
	Href        string
	Number      string
	Institution string
	Tenant      string
	StateLabel  string
	StateClass  string
	WaitingOn   string
	Clock       string
	ClockClass  string
	Since       string
}

// AppDetail is an application's page.
type AppDetail struct {
	Page
	ID           int64
	Number       string
	StateLabel   string
	StateClass   string
	WaitingOn    string
	Version      int
	BaseHref     string
	EditHref     string
	RenewURL     string
	RenewLabel   string
	TrackingCode string
	Draft        bool // never submitted: no tracking code to show yet
	Notice       string
	ReturnReason string
	Error        string
	Summary      *ErrorSummary // the refused action's problems, linked to its fields
	Fields       map[string]string
	Checklist    []CheckItem // the draft's completeness before "Ajukan" (lembaga, draft or returned)

	Institution  []KV
	Items        []KV // items 2b, 2d, 2e, 2f as label/value
	Elements     []ElementVM
	IPAddresses  []string
	UserIDs      []string
	DataBalikan  string // the Disdukcapil's User ID data balikan daerah; staff only
	Agreement    []KV
	Timeline     []TimelineStep
	SLA          *SLAView
	PastClocks   []ClockRow
	Waiting      []KV
	Documents    []DocRow
	History      []HistoryRow
	Actions      []ActionForm
	DiffLinks    []DiffLink
	MissingYears string
	After        AfterSigningView
	// RemoveAction is where a kept file's "Hapus" posts (field "jenis").
	RemoveAction string
	// ReceiptHref is the printable bukti pengajuan (the lembaga's, once submitted).
	ReceiptHref string
	// JustSubmitted shows the confirmation of a submission made a moment ago.
	JustSubmitted bool
}

// KV is a labelled value.
type KV struct {
	Label string
	Value string
}

// ElementVM is one requested data element.
type ElementVM struct {
	Letter        string
	Name          string
	Protected     bool
	Justification string
}

// TimelineStep is one stage of the application and where it stands (with the
// date it finished in StatusLabel).
type TimelineStep struct {
	Number      int
	Title       string
	Status      string // done, current, next, skipped
	StatusLabel string
}

// SLAView is the running Disdukcapil clock.
type SLAView struct {
	Clock       string
	StatusLabel string
	StatusClass string
	Due         string
	Left        string
}

// ClockRow is a finished or running clock in the SLA table.
type ClockRow struct {
	Clock       string
	Started     string
	Due         string
	Stopped     string
	StatusLabel string
	StatusClass string
}

// DocRow is one stored document version.
type DocRow struct {
	Kind      string
	Label     string
	Version   int
	Filename  string
	Href      string
	Size      string
	SHA256    string
	Generated bool
	Created   string
	Latest    bool
}

// HistoryRow is one entry of the history.
type HistoryRow struct {
	At      string
	Actor   string
	Role    string
	Label   string
	From    string
	To      string
	Details []KV
}

// DiffLink points at the diff between two agreement versions.
type DiffLink struct {
	Label string
	Href  string
}

// ActionForm is an event the viewer may fire now, with the fields it needs.
type ActionForm struct {
	Event   string
	Label   string
	Help    string
	Danger  bool
	Confirm string
	Open    bool // expanded by default
	Fields  []FormField
	// PreviewAction, when set, is where "Pratinjau PDF" sends the form's current
	// text (the agreement editor): it renders the PDF and changes nothing.
	PreviewAction string
}

// FormField is one control of an action form, rendered by its Kind: text,
// number, date, longtext, lines, choice, clauses, sections or file.
type FormField struct {
	Kind     string
	Name     string // the form name (for clauses/sections: the prefix of the names)
	ID       string // element id, and the key of its message in AppDetail.Fields
	Label    string
	Hint     string
	Required bool
	Value    string
	Options  []Option      // choice
	Items    []ClauseField // clauses, sections
	Accept   string        // file
	Stored   string        // file: the file already stored for this kind, if any
	Template string        // file: link to a fill-in format of the document, if any
	// Pending is a file kept from a refused send of this form ("surat.pdf
	// (120 KB)"), used by the next send unless another is chosen; PendingUntil is
	// the date it is kept until.
	Pending      string
	PendingUntil string
	RemoveForm   string // id of the form its "Hapus" button submits
}

// FileField is an upload control.
type FileField struct {
	Name     string
	Label    string
	Accept   string
	Required bool
	Stored   string // the file already stored for this kind, if any
	Template string // link to a fill-in format of the document, if any
	// Pending is a file kept from a refused save ("surat.pdf (120 KB)"), saved
	// with the next save unless another is chosen; PendingUntil is the date it is
	// kept until.
	Pending      string
	PendingUntil string
}

// ClauseField is one editable PKS clause or Juknis section.
type ClauseField struct {
	Key   string
	Title string
	Body  string
	Rows  int
}

// DraftForm is the lembaga's application form.
type DraftForm struct {
	// The lembaga's own request letter (item 1); for a badan hukum its
	// eligibility statement and the supervising authority's recommendation.
	RequestNumber        string
	RequestDate          string
	StatementNumber      string
	StatementDate        string
	RecommendationNumber string
	RecommendationDate   string
	RecommendedBy        string
	StatementTemplate    string // link to the generated statement for the pimpinan to sign

	Page
	Action      string
	BackHref    string
	Number      string
	Institution string
	Version     int
	Error       string
	Summary     *ErrorSummary
	Fields      map[string]string
	BadanHukum  bool
	Purpose     string
	Methods     []Option
	ReturnData  string
	TermMonths  string
	Groups      []ElementGroup
	Files       []FileField
	ReturnNote  string
}

// ElementGroup is a group of catalogue elements on the form.
type ElementGroup struct {
	Title    string
	Elements []ElementChoice
}

// ElementChoice is one catalogue element as a checkbox.
type ElementChoice struct {
	Code          string
	Letter        string
	Name          string
	Protected     bool
	Checked       bool
	Justification string
}

// DiffPage shows the changes between two PKS versions.
type DiffPage struct {
	Page
	BackHref string
	From, To int
	Clauses  []ClauseDiffVM
}

// ClauseDiffVM is one changed clause.
type ClauseDiffVM struct {
	Title  string
	Change string
	Lines  []DiffLine
}

// DiffLine is one line of a clause diff.
type DiffLine struct {
	Op   string // equal, added, removed
	Text string
}

// Tracking is the public tracking page.
type Tracking struct {
	Page
	T          Tenant
	Number     string
	Code       string
	Error      string
	Found      bool
	StateLabel string
	WaitingOn  string
	Since      string
	Timeline   []TimelineStep
	SLA        SLAExplanation
}

// SLAExplanation says what the service standard's working days cover.
type SLAExplanation struct {
	Headline string
	Steps    []string
	NotCount []string
	Hours    string
}

// Active reports whether the user narrowed the list (a search or a chosen
// option other than the default first one).
func (f ListFilters) Active() bool {
	if f.Search != "" {
		return true
	}
	for _, opts := range [][]Option{f.States, f.SLA, f.Tenants, f.Provinces} {
		for i, o := range opts {
			if o.Selected && i > 0 && o.Value != "" {
				return true
			}
		}
	}
	return false
}
