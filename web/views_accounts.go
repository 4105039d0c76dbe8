package web

// Tab is one tab of a tabbed list, with how many rows it holds.
type Tab struct {
	Label   string
	Href    string
	Count   int // -1: no count shown
	Current bool
	TestID  string
}

// Pager links the neighbouring pages of a long list.
type Pager struct {
	Page     int
	Pages    int
	PrevHref string // "" on the first page
	NextHref string // "" on the last page
}

// Choice is one option of a select or radio group.
type Choice struct {
	Value    string
	Label    string
	Hint     string
	Selected bool
}

// Fact is one labelled value of a detail page.
type Fact struct {
	Label string
	Value string
}

// NewAccount is an account just created with a one-time password, shown once.
type NewAccount struct {
	Name     string
	Email    string
	Password string
	LoginURL string
}

// AccountRow is one account in a list of users.
type AccountRow struct {
	ID        int64
	Name      string
	Email     string
	RoleLabel string
	Created   string
	Active    bool
	Self      bool
	// SecondFactor: the account signs in with two factors; ResetSecondFactor: the
	// viewer may reset it (a kepala, for their petugas).
	SecondFactor      bool
	ResetSecondFactor bool
}

// FormState is what every form page carries back after a failed POST.
type FormState struct {
	Values map[string]string // field → what the user typed
	Error  string            // one sentence above the form
	Fields map[string]string // field → message
}

// V returns the submitted value of a field.
func (f FormState) V(name string) string { return f.Values[name] }

// RegisterPage is the public self-registration form of a tenant.
type RegisterPage struct {
	Page
	FormState
	Action     string
	TenantName string
	Types      []Choice
}

// InstitutionListPage is the staff's list of institutions by status.
type InstitutionListPage struct {
	Page
	Tabs  []Tab
	Rows  []InstitutionRow
	Pager Pager
	Empty string
}

// InstitutionRow is one institution in the staff's list.
type InstitutionRow struct {
	Href        string
	Name        string
	TypeLabel   string
	HeadName    string
	Email       string
	Registered  string
	StatusLabel string
	StatusClass string
}

// InstitutionPage is one institution as the staff review it.
type InstitutionPage struct {
	Page
	FormState
	BackHref     string
	Name         string
	TypeLabel    string
	BadanHukum   bool
	StatusLabel  string
	StatusClass  string
	Reason       string
	Facts        []Fact
	Users        []AccountRow
	VerifyAction string // "" when verifying is not possible
	RefuseAction string // "" when refusing is not possible
}

// ColleaguesPage is the lembaga's list of its own users, with the invite form.
type ColleaguesPage struct {
	Page
	FormState
	Action          string
	InstitutionName string
	StatusLabel     string
	StatusClass     string
	Reason          string
	Verified        bool
	Users           []AccountRow
	Created         *NewAccount
}

// SettingsPage is the kepala's tenant settings form.
type SettingsPage struct {
	Page
	FormState
	Action     string
	HeadTitles []Choice
	Example    string // the letter number the template yields, computed server-side
	Tokens     []Fact
	// LambangAction receives the lambang daerah upload (PNG).
	LambangAction string
	// Webhook is the tenant's outgoing webhook and its last deliveries.
	Webhook WebhookPanel
}

// StaffPage lists a tenant's Disdukcapil accounts; the kepala manages them.
type StaffPage struct {
	Page
	FormState
	Action    string
	CanManage bool
	Rows      []AccountRow
	Created   *NewAccount
}

// HolidayItem is one non-working date in a list.
type HolidayItem struct {
	Date        string // YYYY-MM-DD
	DateLabel   string // "Senin, 17 Agustus 2026"
	Kind        string
	KindLabel   string
	Description string
	Weekend     bool
}

// LocalHolidaysPage lists a tenant's local holidays for a year.
type LocalHolidaysPage struct {
	Page
	FormState
	Action    string
	CanManage bool
	Year      int
	PrevHref  string
	NextHref  string
	Rows      []HolidayItem
}
