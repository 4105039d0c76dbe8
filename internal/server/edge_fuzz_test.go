package server

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/netip"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hakakses/hakakses/internal/config"
)

// FuzzClientIP: whatever RemoteAddr and X-Forwarded-For hold, the client is the
// peer unless the peer is a trusted proxy, and a forwarded address is believed
// only when every hop to its right is a trusted proxy.
func FuzzClientIP(f *testing.F) {
	f.Add("10.0.0.1:443", "203.0.113.9", "10.0.0.0/8")
	f.Add("10.0.0.1:443", "203.0.113.9, 10.0.0.2", "10.0.0.0/8")
	f.Add("198.51.100.7:1234", "1.2.3.4", "10.0.0.0/8")
	f.Add("[::ffff:10.0.0.1]:80", "garbage, 203.0.113.9", "10.0.0.1")
	f.Add("[2001:db8::1]:80", "2001:db8::2", "2001:db8::/32")
	f.Add("not-an-address", "", "")
	f.Fuzz(func(t *testing.T, remote, forwarded, trustedList string) {
		trusted, err := config.ParsePrefixes(trustedList)
		if err != nil {
			return
		}
		got := clientIP(remote, []string{forwarded}, trusted)
		peer, perr := netip.ParseAddrPort(remote)
		if perr != nil {
			return // not an address: kept as given, never trusted
		}
		p := peer.Addr().Unmap()
		if !isTrusted(p, trusted) {
			if got != p.String() {
				t.Fatalf("untrusted peer %s: client %q", p, got)
			}
			return
		}
		a, err := netip.ParseAddr(got)
		if err != nil {
			t.Fatalf("client %q is not an address", got)
		}
		if a != p && !strings.Contains(forwarded, strings.TrimPrefix(a.String(), "::ffff:")) && !strings.Contains(forwarded, a.StringExpanded()) {
			// The client must come from the header (in some spelling) or be the peer.
			if _, err := netip.ParseAddr(strings.TrimSpace(forwarded)); err != nil && !strings.Contains(forwarded, ",") {
				t.Fatalf("client %s is neither the peer %s nor in %q", a, p, forwarded)
			}
		}
	})
}

// FuzzParsePrefixes: an accepted list gives masked prefixes that contain the
// addresses they were written with.
func FuzzParsePrefixes(f *testing.F) {
	for _, s := range []string{"10.0.0.0/8", "192.0.2.7", "10.1.2.3/8, ::1", "2001:db8::/129", " , ", "::ffff:1.2.3.4", "1.2.3.4/33"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, list string) {
		ps, err := config.ParsePrefixes(list)
		if err != nil {
			return
		}
		for _, p := range ps {
			if !p.IsValid() || p != p.Masked() {
				t.Fatalf("%q gave %v", list, p)
			}
		}
	})
}

// FuzzCleanQuery: a URL-encoded string passes only when every key and value it
// decodes to is UTF-8 without NUL.
func FuzzCleanQuery(f *testing.F) {
	for _, s := range []string{"a=1&b=2", "q=%FF", "q=%00", "%FF=1", "q=caf%C3%A9", "q=%C3", "a=%zz", ";;&&=", "q=✓"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		if !cleanQuery(raw) {
			return
		}
		vs, _ := url.ParseQuery(raw)
		for k, list := range vs {
			for _, v := range append(list, k) {
				if !utf8.ValidString(v) || strings.ContainsRune(v, 0) {
					t.Fatalf("%q passed with %q", raw, v)
				}
			}
		}
	})
}

// FuzzCheckMultipart: the body handed on is exactly the body received, whatever
// it holds, and a text field with bad bytes is caught.
func FuzzCheckMultipart(f *testing.F) {
	f.Add("purpose", "Tujuan ✓", []byte("%PDF-1.4"), []byte(""))
	f.Add("purpose", "bad \xff", []byte(""), []byte("epilogue"))
	f.Add("na\x00me", "x", []byte("file"), []byte("--junk"))
	f.Add("name", "x\x00", []byte("file"), []byte(""))
	f.Fuzz(func(t *testing.T, name, value string, file, tail []byte) {
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		mw.WriteField(name, value)
		if w, err := mw.CreateFormFile("surat", "surat.pdf"); err == nil {
			w.Write(file)
		}
		mw.Close()
		body.Write(tail)
		sent := bytes.Clone(body.Bytes())
		rc, ok, err := checkMultipart(io.NopCloser(&body), mw.Boundary(), 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		defer rc.Close()
		got, err := io.ReadAll(rc)
		if err != nil || !bytes.Equal(got, sent) {
			t.Fatalf("the body handed on differs from the one received (%d vs %d bytes, %v)", len(got), len(sent), err)
		}
		// A field whose name does not parse is dropped by every form reader, so
		// only plainly named fields are judged here.
		plain := name != "" && strings.IndexFunc(name, func(r rune) bool { return !('a' <= r && r <= 'z' || r == '_') }) < 0
		if plain && !cleanText(value) && ok {
			t.Fatalf("field %q = %q passed", name, value)
		}
	})
}
