package auth

import (
	"errors"
	"strings"
	"testing"
)

var cheap = Params{Memory: 1024, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

func TestHashVerifiesOnlyTheSamePassword(t *testing.T) {
	h, err := Hash("rahasia-sekali-1", cheap)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=1024,t=1,p=1$") {
		t.Fatalf("hash %q is not PHC argon2id", h)
	}
	if err := Verify("rahasia-sekali-1", h); err != nil {
		t.Fatalf("right password refused: %v", err)
	}
	if err := Verify("rahasia-sekali-2", h); !errors.Is(err, ErrMismatch) {
		t.Fatalf("wrong password: err = %v, want ErrMismatch", err)
	}
	h2, _ := Hash("rahasia-sekali-1", cheap)
	if h == h2 {
		t.Fatal("two hashes of one password are equal: salt not random")
	}
}

func TestVerifyRejectsMalformedHashes(t *testing.T) {
	for _, bad := range []string{"", "plain", "$argon2i$v=19$m=1,t=1,p=1$AA$AA", "$argon2id$v=19$m=x$AA$AA"} {
		if err := Verify("x", bad); err == nil {
			t.Errorf("Verify accepted %q", bad)
		}
	}
}

func TestCheckStrengthWantsTenCharacters(t *testing.T) {
	if CheckStrength("pendek") == "" {
		t.Error("short password accepted")
	}
	if msg := CheckStrength("cukup-panjang"); msg != "" {
		t.Errorf("good password refused: %s", msg)
	}
}
