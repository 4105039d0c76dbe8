package app

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/store"
)

// SetLanguage stores the language p chose for its pages: "id" (Bahasa Indonesia)
// or "en" (English). It runs in the system scope on p's own row only, as a
// password change does, because a national account has no tenant to scope by.
func (a *App) SetLanguage(ctx context.Context, p Principal, lang string) error {
	if lang != "id" && lang != "en" {
		return Invalid("Bahasa belum dapat disimpan.", map[string]string{"language": "Pilih Bahasa Indonesia atau English."})
	}
	return a.DB.Tx(ctx, store.System(), func(tx pgx.Tx) error {
		if err := store.SetUserLanguage(ctx, tx, p.UserID, lang); err != nil {
			return fmt.Errorf("app: set language: %w", err)
		}
		return nil
	})
}
