package workflow

// Events lists every event in lifecycle order. Available and the diagram iterate
// it, so their output is stable.
var Events = []Event{
	Submit, Return, Withdraw, Forward, Approve, Reject, PrepareAgreement,
	ReviseAgreement, Sign, RequestUserID, RequestDWH, ReturnDWH, ApproveDWH,
	HandOver, AcknowledgeReceipt, FileReport, Expire, Revoke,
	AgreeAgreement, RequestChanges,
	AcceptReport, ReturnReport, RecordDataBalikan, Warn, Suspend, Reinstate,
	RequestAddendum, ReturnAddendum, ForwardAddendum, ApproveAddendum, RejectAddendum,
	RequestAddendumDWH, ApproveAddendumDWH, SignAddendum,
}

// Roles lists every role, applicants first, the platform last.
var Roles = []Role{RoleLembaga, RolePetugas, RoleKepala, RoleDirjen, RoleAdmin, RoleSystem}

// AccessMethods lists the access methods of item 2d in the order forms show them.
var AccessMethods = []AccessMethod{WebService, WebPortal, CardReader}

// InstitutionTypes lists the kinds of lembaga pengguna item 11 distinguishes.
var InstitutionTypes = []InstitutionType{PerangkatDaerah, BadanHukum}

// ValidState parses a state read from storage or a URL. Unknown strings are
// refused rather than trusted, so a typo in the database cannot open a path the
// machine does not have.
func ValidState(s string) (State, bool) {
	for _, st := range States {
		if string(st) == s {
			return st, true
		}
	}
	return "", false
}

// ValidEvent parses an event name, e.g. from a form button.
func ValidEvent(s string) (Event, bool) {
	for _, ev := range Events {
		if string(ev) == s {
			return ev, true
		}
	}
	return "", false
}

// ValidRole parses a role name, e.g. from a session or the users table.
func ValidRole(s string) (Role, bool) {
	for _, r := range Roles {
		if string(r) == s {
			return r, true
		}
	}
	return "", false
}

// ValidAccessMethod parses an access method from a form value.
func ValidAccessMethod(s string) (AccessMethod, bool) {
	for _, m := range AccessMethods {
		if string(m) == s {
			return m, true
		}
	}
	return "", false
}

// ValidInstitutionType parses an institution type from a form value.
func ValidInstitutionType(s string) (InstitutionType, bool) {
	for _, t := range InstitutionTypes {
		if string(t) == s {
			return t, true
		}
	}
	return "", false
}
