// Package auth hashes and checks passwords with argon2id (RFC 9106), in the PHC
// string format so the parameters travel with each hash and can be raised later
// without breaking existing accounts.
package auth

import (
	"crypto/rand"
	"crypto/subtle"
	_ "embed"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/crypto/argon2"
)

// Params are argon2id's cost parameters.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32
	Threads uint8
	SaltLen uint32
	KeyLen  uint32
}

// DefaultParams follow RFC 9106's second recommended option (64 MiB, 3 passes).
var DefaultParams = Params{Memory: 64 * 1024, Time: 3, Threads: 2, SaltLen: 16, KeyLen: 32}

// ErrMismatch means the password does not match the hash.
var ErrMismatch = errors.New("password mismatch")

// Hash returns the PHC-encoded argon2id hash of password.
func Hash(password string, p Params) (string, error) {
	salt := make([]byte, p.SaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

// Verify checks password against a PHC-encoded argon2id hash in constant time.
func Verify(password, encoded string) error {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return errors.New("not an argon2id hash")
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return errors.New("unsupported argon2 version")
	}
	var p Params
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return fmt.Errorf("argon2 parameters: %w", err)
	}
	enc := base64.RawStdEncoding
	salt, err := enc.DecodeString(parts[4])
	if err != nil {
		return fmt.Errorf("argon2 salt: %w", err)
	}
	want, err := enc.DecodeString(parts[5])
	if err != nil {
		return fmt.Errorf("argon2 key: %w", err)
	}
	got := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, uint32(len(want)))
	if subtle.ConstantTimeCompare(got, want) != 1 {
		return ErrMismatch
	}
	return nil
}

// CheckStrength refuses a password that is too short or too long, one of the
// 10,000 most common passwords (common-passwords.txt), such a password repeated
// or with digits and symbols around it, a run of one short pattern, or one made
// of the user's own e-mail address or name (NIST SP 800-63B §5.1.1.2). It returns
// the message for the form, or "".
func CheckStrength(password, email, name string) string {
	if len([]rune(password)) < 10 {
		return "Kata sandi minimal 10 karakter."
	}
	if len(password) > 256 {
		return "Kata sandi terlalu panjang (maksimal 256 karakter)."
	}
	lower := strings.ToLower(password)
	for _, c := range candidates(lower) {
		if _, ok := commonPasswords()[c]; ok || len([]rune(c)) <= 3 {
			return "Kata sandi ini termasuk yang paling sering dipakai atau mudah ditebak. Pilih kata sandi lain."
		}
	}
	bare := strings.Map(keepLetterDigit, lower)
	for _, own := range personalWords(email, name) {
		if strings.Contains(bare, own) {
			return "Kata sandi tidak boleh memuat e-mail atau nama Anda."
		}
	}
	return ""
}

// candidates are what a password reduces to: itself, without digits and symbols
// around it, and the unit it repeats ("passwordpassword" is "password").
func candidates(pw string) []string {
	out := []string{pw}
	trimmed := strings.TrimFunc(pw, func(r rune) bool { return !unicode.IsLetter(r) })
	if trimmed != "" && trimmed != pw {
		out = append(out, trimmed)
	}
	for _, s := range out {
		if u := repeatedUnit(s); u != s {
			out = append(out, u)
		}
	}
	return out
}

// repeatedUnit is the shortest string whose repetition is s (s itself if none).
func repeatedUnit(s string) string {
	r := []rune(s)
	for n := 1; n <= len(r)/2; n++ {
		if len(r)%n != 0 {
			continue
		}
		if strings.Repeat(string(r[:n]), len(r)/n) == s {
			return string(r[:n])
		}
	}
	return s
}

// personalWords are the parts of the user's e-mail and name long enough to
// matter: the e-mail's local part and each of its and the name's words.
func personalWords(email, name string) []string {
	var out []string
	local, _, _ := strings.Cut(strings.ToLower(email), "@")
	for _, w := range append([]string{strings.Map(keepLetterDigit, local)},
		strings.FieldsFunc(strings.ToLower(local+" "+name), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })...) {
		if len([]rune(w)) >= 4 {
			out = append(out, w)
		}
	}
	return out
}

func keepLetterDigit(r rune) rune {
	if unicode.IsLetter(r) || unicode.IsDigit(r) {
		return r
	}
	return -1
}

//go:embed common-passwords.txt
var commonPasswordsText string

var commonPasswords = sync.OnceValue(func() map[string]struct{} {
	m := make(map[string]struct{}, 10000)
	for _, line := range strings.Split(commonPasswordsText, "\n") {
		if line = strings.TrimSpace(strings.ToLower(line)); line != "" {
			m[line] = struct{}{}
		}
	}
	return m
})
