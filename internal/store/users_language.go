package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// SetUserLanguage stores the language an account chose for its pages ("id" or
// "en"); the column's CHECK refuses anything else.
func SetUserLanguage(ctx context.Context, q pgx.Tx, id int64, lang string) error {
	tag, err := q.Exec(ctx, `UPDATE users SET language = $2 WHERE id = $1`, id, lang)
	if err != nil {
		return fmt.Errorf("store: set user language: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return ErrNotFound
	}
	return nil
}
