package app

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"strings"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/store"
)

// tokenPrefix marks Hak Akses tokens, so secret scanners can find leaked ones.
const tokenPrefix = "hak_"

// CreateAPIToken issues a personal API token for p: the token is returned once
// and only its SHA-256 is stored. It acts as p, with p's role, tenant and
// institution.
func (a *App) CreateAPIToken(ctx context.Context, p Principal, name string) (string, APIToken, error) {
	name = strings.TrimSpace(name)
	if name == "" || utf8.RuneCountInString(name) > 100 {
		return "", APIToken{}, Invalid("Beri nama token (paling banyak 100 karakter).", map[string]string{"name": "Wajib diisi, paling banyak 100 karakter."})
	}
	var raw [32]byte
	rand.Read(raw[:])
	token := tokenPrefix + base64.RawURLEncoding.EncodeToString(raw[:])
	sum := sha256.Sum256([]byte(token))
	var t APIToken
	err := a.DB.Tx(ctx, p.Scope(), func(tx pgx.Tx) error {
		r, err := store.InsertAPIToken(ctx, tx, p.UserID, name, sum[:], a.Clock.Now())
		t = apiTokenOf(r)
		return err
	})
	return token, t, err
}

// APITokens lists p's tokens.
func (a *App) APITokens(ctx context.Context, p Principal) ([]APIToken, error) {
	var out []APIToken
	err := a.DB.ReadTx(ctx, p.Scope(), func(tx pgx.Tx) error {
		rows, err := store.APITokensOf(ctx, tx, p.UserID)
		for _, r := range rows {
			out = append(out, apiTokenOf(r))
		}
		return err
	})
	return out, err
}

// RevokeAPIToken revokes one of p's tokens.
func (a *App) RevokeAPIToken(ctx context.Context, p Principal, id int64) error {
	err := a.DB.Tx(ctx, p.Scope(), func(tx pgx.Tx) error {
		return store.RevokeAPIToken(ctx, tx, p.UserID, id, a.Clock.Now())
	})
	return mapStoreErr(err, "Token")
}

// PrincipalByAPIToken authenticates an API request: the token's user, as they
// are now (a deactivated user's tokens stop working), or CodeUnauthorized.
func (a *App) PrincipalByAPIToken(ctx context.Context, token string) (Principal, error) {
	unauthorized := &Error{Code: CodeUnauthorized, Message: "Token API tidak dikenal atau sudah dicabut."}
	if !strings.HasPrefix(token, tokenPrefix) || len(token) > 100 {
		return Principal{}, unauthorized
	}
	sum := sha256.Sum256([]byte(token))
	var t store.APIToken
	err := a.DB.ReadTx(ctx, store.System(), func(tx pgx.Tx) error {
		var err error
		t, err = store.APITokenBySHA256(ctx, tx, sum[:])
		return err
	})
	if err == store.ErrNotFound {
		return Principal{}, unauthorized
	}
	if err != nil {
		return Principal{}, err
	}
	p, err := a.PrincipalByID(ctx, t.UserID)
	if ErrorCode(err) == CodeUnauthorized {
		return Principal{}, unauthorized
	}
	return p, err
}
