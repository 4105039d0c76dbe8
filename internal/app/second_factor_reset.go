package app

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// Resetting someone else's second factor (a lost phone), and the admin's list of
// the accounts they may reset. The user's own steps are in second_factor.go.

// ResetSecondFactor removes another user's second factor (a lost phone): a kepala
// their tenant's petugas, the admin a kepala or the Dirjen liaison. The user's
// sessions end; at the next sign-in a mandatory role enrols again. Errors:
// CodeForbidden for other roles, CodeNotFound for a user out of reach.
func (a *App) ResetSecondFactor(ctx context.Context, p Principal, userID int64) error {
	var roles []string
	switch p.Role {
	case workflow.RoleKepala:
		roles = []string{string(workflow.RolePetugas)}
	case workflow.RoleAdmin:
		roles = []string{string(workflow.RoleKepala), string(workflow.RoleDirjen)}
	default:
		return Forbidden("Hanya Kepala Disdukcapil dan admin platform yang dapat mengatur ulang autentikasi dua langkah.")
	}
	err := a.DB.Tx(ctx, p.Scope(), func(tx pgx.Tx) error {
		tenantID, err := store.ResetSecondFactor(ctx, tx, userID, roles)
		if err != nil {
			return err
		}
		return a.audit(ctx, tx, auditEntry{tenantID: tenantID, actor: &p, event: AuditSecondFactorReset, subject: userSubject(userID)})
	})
	if err != nil {
		return mapStoreErr(err, "Akun")
	}
	a.Log.Info("second factor reset", "user_id", userID, "by", p.UserID)
	return nil
}

// NationalAccountPage is one page of the admin's kepala and Dirjen accounts.
type NationalAccountPage struct {
	Accounts []store.NationalAccount
	After    int64 // the cursor of the next page; 0 when none
}

// ResettableAccounts lists for the admin the accounts whose second factor they
// may reset, filtered by e-mail or name and paged by ID.
func (a *App) ResettableAccounts(ctx context.Context, p Principal, query string, after int64) (NationalAccountPage, error) {
	if err := requireAdmin(p); err != nil {
		return NationalAccountPage{}, err
	}
	const limit = 50
	var page NationalAccountPage
	err := a.DB.ReadTx(ctx, p.Scope(), func(tx pgx.Tx) error {
		list, err := store.ResettableAccounts(ctx, tx, strings.TrimSpace(query), after, limit+1)
		if err != nil {
			return err
		}
		if len(list) > limit {
			list = list[:limit]
			page.After = list[limit-1].ID
		}
		page.Accounts = list
		return nil
	})
	if err != nil {
		return NationalAccountPage{}, fmt.Errorf("resettable accounts: %w", err)
	}
	return page, nil
}
