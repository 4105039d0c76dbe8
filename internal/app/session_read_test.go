package app_test

import (
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/store"
)

// The session read loads its user as one record scanned by position: it must
// give exactly what UserByID gives, chosen language and second factor included.
func TestSessionReadFindsTheUserAsUserByIDDoes(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	err := f.db.Tx(f.ctx, store.System(), func(tx pgx.Tx) error {
		_, err := tx.Exec(f.ctx, `UPDATE users SET language = 'en' WHERE id = $1`, f.lembaga.UserID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sessions := f.db.Sessions()
	expiry := time.Now().Add(time.Hour)
	if err := sessions.CommitUser(f.ctx, "token-with-user-0123456789", []byte("data"), expiry, f.lembaga.UserID); err != nil {
		t.Fatal(err)
	}
	if err := sessions.CommitUser(f.ctx, "anonymous-token-0123456789", []byte("anon"), expiry, 0); err != nil {
		t.Fatal(err)
	}
	got, found, err := sessions.FindWithUser(f.ctx, "token-with-user-0123456789")
	if err != nil || !found || got.User == nil || string(got.Data) != "data" {
		t.Fatalf("session with a user: %+v, found %v, %v", got, found, err)
	}
	var want store.User
	err = f.db.ReadTx(f.ctx, store.System(), func(tx pgx.Tx) error {
		var err error
		want, err = store.UserByID(f.ctx, tx, f.lembaga.UserID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if !sameDetail(*got.User, want) || got.User.Language == nil || *got.User.Language != "en" {
		t.Errorf("the session read's user:\n%+v\nUserByID:\n%+v", *got.User, want)
	}
	anon, found, err := sessions.FindWithUser(f.ctx, "anonymous-token-0123456789")
	if err != nil || !found || anon.User != nil || anon.Unread != 0 {
		t.Errorf("anonymous session: %+v, found %v, %v", anon, found, err)
	}
}
