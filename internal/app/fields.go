package app

import (
	"crypto/rand"
	"net/mail"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/hakakses/hakakses/internal/auth"
)

// form collects field messages while an operation validates its input.
type form map[string]string

// require notes msg for field when value is blank, and returns the trimmed value.
func (f form) require(field, value, msg string) string {
	v := strings.TrimSpace(value)
	if v == "" {
		f.set(field, msg)
	}
	return v
}

// max notes a message for field when value is longer than n characters.
func (f form) max(field, value string, n int) {
	if utf8.RuneCountInString(value) > n {
		f.set(field, "Terlalu panjang (maksimal "+strconv.Itoa(n)+" karakter).")
	}
}

// set notes msg for field unless it already has one: the first problem is the one
// the user fixes first.
func (f form) set(field, msg string) {
	if f[field] == "" {
		f[field] = msg
	}
}

// email checks an optional address's shape and returns it normalised.
func (f form) email(field, value string) string {
	v := NormalizeEmail(value)
	if v != "" && !validEmail(v) {
		f.set(field, "Alamat e-mail tidak valid, contoh: nama@instansi.go.id.")
	}
	return v
}

// webURL checks an optional http(s) address.
func (f form) webURL(field, value string) string {
	v := strings.TrimSpace(value)
	if v == "" {
		return v
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		f.set(field, "Alamat tautan harus diawali http:// atau https://, contoh: https://www.lapor.go.id.")
	}
	return v
}

// validEmail accepts a bare address (no display name) with a dotted domain.
func validEmail(s string) bool {
	if len(s) > 254 || strings.ContainsAny(s, " <>") {
		return false
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	return at > 0 && strings.Contains(s[at+1:], ".")
}

// OneTimePassword is a generated first password, shown to whoever created the
// account exactly once: e-mail may not be configured, so the screen is the only
// channel. It is never stored in clear.
type OneTimePassword struct {
	UserID   int64
	Name     string
	Email    string
	Password string
}

// newPassword is 14 characters from an alphabet without look-alikes, read out or
// typed by hand: about 77 bits, drawn without modulo bias.
func newPassword() string {
	const alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	out := make([]byte, 0, 16)
	buf := make([]byte, 32)
	for len(out) < 14 {
		rand.Read(buf)
		for _, c := range buf {
			// 224 = 4 × 56: values above it would favour the first letters.
			if int(c) < 4*len(alphabet) && len(out) < 14 {
				out = append(out, alphabet[int(c)%len(alphabet)])
			}
		}
	}
	// Hyphens every 4-5 characters make it easier to read out; they are part of it.
	return string(out[:5]) + "-" + string(out[5:9]) + "-" + string(out[9:])
}

// newAccount checks a new colleague's name and e-mail (who names them in the
// messages: "rekan", "petugas") and draws their first password, returned with
// its hash.
func (a *App) newAccount(who, name, email string) (OneTimePassword, string, error) {
	f := form{}
	name = f.require("name", name, "Nama "+who+" wajib diisi.")
	f.max("name", name, plainFieldMaxLen)
	email = f.email("email", email)
	if email == "" {
		f.set("email", "E-mail "+who+" wajib diisi.")
	}
	if len(f) > 0 {
		return OneTimePassword{}, "", Invalid("Akun "+who+" belum dapat dibuat.", f)
	}
	otp := OneTimePassword{Name: name, Email: email, Password: newPassword()}
	hash, err := auth.Hash(otp.Password, a.HashParams)
	return otp, hash, err
}
