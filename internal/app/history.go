package app

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/store"
)

// VerifyHistory checks every application's hash chain against itself and against
// the head and state stored on the application, and returns every application that
// fails (none when all hold) and how many entries were checked.
func (a *App) VerifyHistory(ctx context.Context) ([]ChainBreak, int, error) {
	var brk []ChainBreak
	var n int
	err := a.DB.ReadTx(ctx, store.System(), func(tx pgx.Tx) error {
		rows, checked, err := store.VerifyChains(ctx, tx)
		for _, r := range rows {
			brk = append(brk, ChainBreak{TenantID: r.TenantID, ApplicationID: r.ApplicationID, Seq: r.Seq, Reason: r.Reason})
		}
		n = checked
		return err
	})
	return brk, n, err
}
