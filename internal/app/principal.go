package app

import (
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// Principal is the logged-in user as every operation sees it.
type Principal struct {
	UserID        int64
	Name          string
	Email         string
	Role          workflow.Role
	TenantID      int64  // 0 for national accounts (dirjen, admin)
	InstitutionID int64  // lembaga only
	SessionEpoch  int64  // a session signed in under another epoch has ended
	SecondFactor  bool   // enrolled in two-factor sign-in
	Language      string // "id" or "en" as chosen on the account page; "" when not chosen
}

// IsStaff reports whether p works at a Disdukcapil.
func (p Principal) IsStaff() bool {
	return p.Role == workflow.RolePetugas || p.Role == workflow.RoleKepala
}

// Scope is the store scope p's own reads and writes run in.
func (p Principal) Scope() store.Scope {
	var s store.Scope
	switch p.Role {
	case workflow.RoleDirjen:
		s = store.Dirjen()
	case workflow.RoleAdmin:
		s = store.Scope{Kind: store.ScopeAdmin}
	default:
		s = store.TenantScope(p.TenantID)
	}
	s.UserID = p.UserID
	s.Role = string(p.Role)
	return s
}

func principalOf(u store.User) Principal {
	p := Principal{UserID: u.ID, Name: u.Name, Email: u.Email, Role: workflow.Role(u.Role), SessionEpoch: u.SessionEpoch, SecondFactor: u.TOTPEnrolled}
	if u.TenantID != nil {
		p.TenantID = *u.TenantID
	}
	if u.InstitutionID != nil {
		p.InstitutionID = *u.InstitutionID
	}
	if u.Language != nil {
		p.Language = *u.Language
	}
	return p
}
