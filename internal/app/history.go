package app

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/store"
)

// VerifyHistory checks every application's hash chain and returns the first broken
// entry (nil when all hold) and how many entries were checked.
func (a *App) VerifyHistory(ctx context.Context) (*store.ChainBreak, int, error) {
	var brk *store.ChainBreak
	var n int
	err := a.DB.ReadTx(ctx, store.System(), func(tx pgx.Tx) error {
		var err error
		brk, n, err = store.VerifyChains(ctx, tx)
		return err
	})
	return brk, n, err
}
