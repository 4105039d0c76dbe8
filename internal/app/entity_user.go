package app

import (
	"time"

	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// User is an account as the pages list it. It carries no password hash and no
// session epoch: those stay with sign-in (accounts.go), never reach a handler.
type User struct {
	ID            int64
	TenantID      int64 // 0 for national accounts (dirjen, admin)
	InstitutionID int64 // a lembaga's institution; 0 otherwise
	Email         string
	Name          string
	Role          workflow.Role
	Active        bool
	CreatedAt     time.Time
	TOTPEnrolled  bool // signs in with a second factor (an authenticator app)
}

func userOf(r store.User) User {
	u := User{ID: r.ID, Email: r.Email, Name: r.Name, Role: workflow.Role(r.Role), Active: r.Active, CreatedAt: r.CreatedAt,
		TOTPEnrolled: r.TOTPEnrolled}
	if r.TenantID != nil {
		u.TenantID = *r.TenantID
	}
	if r.InstitutionID != nil {
		u.InstitutionID = *r.InstitutionID
	}
	return u
}

func usersOf(rows []store.User) []User {
	out := make([]User, len(rows))
	for i, r := range rows {
		out[i] = userOf(r)
	}
	return out
}
