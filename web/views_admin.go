package web

// AdminHomePage is the platform admin's home: counts, the tenant list and the
// onboarding form.
type AdminHomePage struct {
	Page
	FormState
	Warning   string
	Cards     []Card
	Query     string
	Statuses  []Choice
	Matching  int
	Rows      []TenantRow
	Pager     Pager
	Onboarded *OnboardedTenant
}

// TenantRow is one kabupaten/kota in the admin's list.
type TenantRow struct {
	Code        string
	Name        string
	Province    string
	Zone        string
	Active      bool
	PublicHref  string
	OnboardHref string
	Since       string
	WebhookHref string // the tenant's webhook settings, once active
}

// OnboardedTenant is a tenant just onboarded, with its kepala's one-time password.
type OnboardedTenant struct {
	Name       string
	PublicHref string
	Kepala     NewAccount
}

// NationalHolidaysPage is one year of the national holiday calendar.
type NationalHolidaysPage struct {
	Page
	FormState
	Warning   string
	Year      int
	PrevHref  string
	NextHref  string
	Years     []Tab
	Rows      []HolidayItem
	Published bool
	Source    string
	Kinds     []Choice
}
