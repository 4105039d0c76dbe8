package web

// SecondFactorCode is the second page of a sign-in: a code from the app or a
// recovery code.
type SecondFactorCode struct {
	Page
	Error  string
	Fields map[string]string
}

// SecondFactorEnrol sets up an authenticator app: at sign-in (forced for the
// roles that must have it) or from the account page.
type SecondFactorEnrol struct {
	Page
	Action     string
	Secret     string // for manual entry, grouped by four for reading
	QR         string // data:image/png;base64,… of the otpauth:// URI
	Forced     bool   // at sign-in, for a role that must have it
	Error      string
	Fields     map[string]string
	CancelHref string
}

// RecoveryCodes shows new recovery codes, once.
type RecoveryCodes struct {
	Page
	Heading      string
	Lead         string
	Codes        []string
	ContinueHref string
}

// Account is the account page: password, two-factor sign-in, tokens, reminders.
type Account struct {
	Page
	Email        string
	RoleLabel    string
	Enrolled     bool
	Mandatory    bool
	RecoveryLeft int
	Error        string
	Fields       map[string]string
	Form         string // which form the error belongs to: "regenerate", "disable" or "language"
	Language     string // the pages' language in use, "id" or "en"
}

// SecondFactorAccounts is the admin's list of kepala and Dirjen accounts whose
// second factor they may reset.
type SecondFactorAccounts struct {
	Page
	Query    string
	Rows     []SecondFactorAccountRow
	NextHref string
}

// SecondFactorAccountRow is one account of that list.
type SecondFactorAccountRow struct {
	Name, Email, RoleLabel, Tenant string
	Active, Enrolled               bool
	ResetAction                    string
}

// codeFields puts the account page's error on the code field of the form it came from.
func (v Account) codeFields(form string) map[string]string {
	if v.Form != form {
		return nil
	}
	if form == "disable" {
		return map[string]string{"off-code": v.Fields["code"]}
	}
	return v.Fields
}
