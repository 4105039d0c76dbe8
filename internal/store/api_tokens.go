package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// APIToken is a personal API token's record (never the token itself).
type APIToken struct {
	ID        int64      `db:"id"`
	UserID    int64      `db:"user_id"`
	Name      string     `db:"name"`
	CreatedAt time.Time  `db:"created_at"`
	RevokedAt *time.Time `db:"revoked_at"`
}

const apiTokenColumns = `id, user_id, name, created_at, revoked_at`

// InsertAPIToken records a new token by its SHA-256.
func InsertAPIToken(ctx context.Context, q pgx.Tx, userID int64, name string, sha256 []byte, now time.Time) (APIToken, error) {
	rows, err := q.Query(ctx, `INSERT INTO api_tokens (user_id, name, token_sha256, created_at)
		VALUES ($1, $2, $3, $4) RETURNING `+apiTokenColumns, userID, name, sha256, now)
	if err != nil {
		return APIToken{}, fmt.Errorf("insert API token: %w", err)
	}
	return pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[APIToken])
}

// APITokenBySHA256 finds an unrevoked token by its hash (system scope).
func APITokenBySHA256(ctx context.Context, q pgx.Tx, sha256 []byte) (APIToken, error) {
	rows, err := q.Query(ctx, `SELECT `+apiTokenColumns+` FROM api_tokens WHERE token_sha256 = $1 AND revoked_at IS NULL`, sha256)
	if err != nil {
		return APIToken{}, fmt.Errorf("find API token: %w", err)
	}
	t, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[APIToken])
	return t, notFound(err)
}

// APITokensOf lists a user's tokens, newest first.
func APITokensOf(ctx context.Context, q pgx.Tx, userID int64) ([]APIToken, error) {
	rows, err := q.Query(ctx, `SELECT `+apiTokenColumns+` FROM api_tokens WHERE user_id = $1 ORDER BY id DESC`, userID)
	if err != nil {
		return nil, fmt.Errorf("list API tokens: %w", err)
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[APIToken])
}

// RevokeAPIToken revokes one of a user's tokens.
func RevokeAPIToken(ctx context.Context, q pgx.Tx, userID, id int64, now time.Time) error {
	tag, err := q.Exec(ctx, `UPDATE api_tokens SET revoked_at = $3 WHERE user_id = $1 AND id = $2 AND revoked_at IS NULL`, userID, id, now)
	if err != nil {
		return fmt.Errorf("revoke API token %d: %w", id, err)
	}
	if tag.RowsAffected() == 0 {
		return ErrNotFound
	}
	return nil
}
