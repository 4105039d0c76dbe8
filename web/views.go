package web

// Page is what the layout needs on every page.
type Page struct {
	Title  string
	User   *User   // nil when logged out
	Tenant *Tenant // the tenant whose pages these are, if any
	Flash  string  // a one-time success message
	Nav    []NavItem
	Path   string // the page's own path and query, where the language switch returns to
}

// NavItem is one link in the header navigation.
type NavItem struct {
	Label   string
	Href    string
	Current bool
	Badge   int
}

// User is the logged-in user as the header shows it.
type User struct {
	Name      string
	RoleLabel string
	HomeHref  string
}

// Tenant is a Disdukcapil as its pages show it.
type Tenant struct {
	Slug           string
	Name           string // "Kabupaten Ogan Komering Ilir"
	Province       string
	Code           string
	TimeZoneLabel  string // WIB, WITA, WIT
	HeadTitle      string // Bupati or Wali Kota
	RegencyShort   string // "Ogan Komering Ilir"
	ServiceSK      string
	ComplaintPhone string
	LaporURL       string
	Address        string
	Phone          string
	Email          string
	OfficeHours    string
	SLATargetDays  int
}

// Landing is the public front page.
type Landing struct {
	Page
	Tenants []Tenant
}

// ServiceStandard is a tenant's public standar pelayanan.
type ServiceStandard struct {
	Page
	T     Tenant
	Steps []ServiceStep
	SLA   SLAExplanation
}

// ServiceStep is one numbered item of the procedure, with optional sub-items.
type ServiceStep struct {
	Number int
	Text   string
	Items  []string
	After  string
}

// Login is the login form.
type Login struct {
	Page
	Email string
	Error string
	Next  string
}

// PasswordForm is the change-password form.
type PasswordForm struct {
	Page
	Error  string
	Fields map[string]string
}

// Card is a summary tile on a home page.
type Card struct {
	Title string
	Value string
	Note  string
	Href  string
}

// ErrorPage is a 403, 404 or 500 page.
type ErrorPage struct {
	Page
	Status    int
	Heading   string
	Message   string
	RequestID string // quoted to support staff, found on every log line of the request
}

// APITokensPage lists the user's personal API tokens, with the form to create
// one; NewToken is the token just created, shown this once.
type APITokensPage struct {
	Page
	Tokens   []APITokenRow
	NewToken string
	Error    string
	Fields   map[string]string
}

// APITokenRow is one token as the list shows it.
type APITokenRow struct {
	ID      int64
	Name    string
	Created string
	Revoked string // when it was revoked; "" while it works
}

// TokenForm is a page reached from an e-mailed link (account unlock, password
// reset): it says what the link does and asks the user to confirm with a button,
// so a mail scanner that fetches the link changes nothing.
type TokenForm struct {
	Page
	Heading  string
	Message  string
	Action   string // where the form posts
	Token    string
	Button   string
	Password bool // ask for a new password (reset)
	Error    string
	Fields   map[string]string
}

// Notice is a page that only says something (a step done, a link sent).
type Notice struct {
	Page
	Heading string
	Message string
}

// Forgot is the form that asks for a password reset link.
type Forgot struct {
	Page
	Email  string
	Error  string
	Fields map[string]string
}

// AuditPage is the audit trail: a kepala's tenant's or, for the admin, all.
type AuditPage struct {
	Page
	Action  string // the list's own URL, for the filter form
	Events  []Choice
	Rows    []AuditRow
	NextURL string // older entries; "" when none
}

// AuditRow is one audit entry as the list shows it.
type AuditRow struct {
	At      string
	Event   string
	Actor   string
	Subject string
	Client  string
	Tenant  string
}

// ErrorSummary is the box at the top of a refused form (GOV.UK error summary):
// a lead sentence and one link per problem to its field.
type ErrorSummary struct {
	Lead  string
	Items []ErrorLink
}

// ErrorLink is one problem of an error summary; Href "#id" of its field, or ""
// when the problem has no field on this page.
type ErrorLink struct {
	Href string
	Text string
}

// CheckItem is one line of the completeness checklist shown before submitting.
type CheckItem struct {
	Label   string
	Href    string // the draft form's field
	Done    bool
	Problem string // what is missing, when not done
}
