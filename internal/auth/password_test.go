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
	if CheckStrength("pendek", "", "") == "" {
		t.Error("short password accepted")
	}
	if msg := CheckStrength("cukup-panjang", "", ""); msg != "" {
		t.Errorf("good password refused: %s", msg)
	}
}

// Issue 10: "passwordpassword" was accepted; common passwords, their repetitions
// and decorations, runs of a short pattern, and the user's own e-mail or name are
// refused now.
func TestCheckStrengthRefusesCommonAndPersonalPasswords(t *testing.T) {
	if n := len(commonPasswords()); n != 10000 {
		t.Fatalf("common password list has %d entries, want 10000", n)
	}
	for _, pw := range []string{"passwordpassword", "1234567890", "qwertyuiop", "Password123!", "!!Sunshine2024",
		"aaaaaaaaaaaa", "abcabcabcabc", "iloveyouiloveyou", "Football1234"} {
		if CheckStrength(pw, "budi@rsu.test", "Budi Santoso") == "" {
			t.Errorf("%q accepted", pw)
		}
	}
	for _, pw := range []string{"budi.santoso99", "Santoso-2026!", "rsu.budi.2026"} {
		if msg := CheckStrength(pw, "budi@rsu.test", "Budi Santoso"); !strings.Contains(msg, "nama") {
			t.Errorf("%q: %q, want the personal-data message", pw, msg)
		}
	}
	for _, pw := range []string{"Gunung-Dempo-1741", "kata-sandi-panjang", "empat kuda lari pagi"} {
		if msg := CheckStrength(pw, "budi@rsu.test", "Budi Santoso"); msg != "" {
			t.Errorf("%q refused: %s", pw, msg)
		}
	}
}
