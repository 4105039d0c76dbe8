package app

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// A webhook is a request the server makes to an address a user typed: without a
// guard, a kepala could make it probe the platform's own network (the database,
// the metrics port, a cloud's metadata service at 169.254.169.254). So an
// endpoint must be HTTPS on a public address. The address is checked when the
// URL is saved (an IP literal or an obviously internal name) and again on every
// connection, after DNS resolution (a public name may resolve to a private
// address, or change to one later). With AllowPrivate (HAKAKSES_WEBHOOK_ALLOW_PRIVATE,
// for tests and development) loopback and private addresses are allowed, and so is
// plain HTTP to localhost.

// maxWebhookURL bounds the URL (the column allows 2000).
const maxWebhookURL = 2000

// blockedNets are special-purpose ranges netip's predicates do not name.
var blockedNets = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),       // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),   // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),    // IETF protocol assignments
	netip.MustParsePrefix("198.18.0.0/15"),   // benchmarking
	netip.MustParsePrefix("240.0.0.0/4"),     // reserved, broadcast
	netip.MustParsePrefix("64:ff9b::/96"),    // NAT64: an IPv4 address in disguise
	netip.MustParsePrefix("64:ff9b:1::/48"),  // local-use NAT64
	netip.MustParsePrefix("2002::/16"),       // 6to4: likewise
	netip.MustParsePrefix("100::/64"),        // discard
	netip.MustParsePrefix("2001:db8::/32"),   // documentation
	netip.MustParsePrefix("fec0::/10"),       // deprecated site-local
	netip.MustParsePrefix("2001::/32"),       // Teredo
	netip.MustParsePrefix("198.51.100.0/24"), // documentation
	netip.MustParsePrefix("203.0.113.0/24"),  // documentation
	netip.MustParsePrefix("192.0.2.0/24"),    // documentation
}

// publicAddr reports whether a webhook may connect to ip.
func publicAddr(ip netip.Addr) bool {
	ip = ip.Unmap()
	if !ip.IsValid() || ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsInterfaceLocalMulticast() || ip.IsMulticast() || ip.IsUnspecified() {
		return false
	}
	for _, n := range blockedNets {
		if n.Contains(ip) {
			return false
		}
	}
	return true
}

// loopbackHost: the names plain HTTP is allowed to in development.
func loopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.Unmap().IsLoopback()
}

// internalName: host names that never lead to the public internet.
func internalName(host string) bool {
	h := strings.ToLower(strings.TrimSuffix(host, "."))
	if h == "localhost" || !strings.Contains(h, ".") {
		return true // a bare name resolves through the local search domains
	}
	for _, suffix := range []string{".localhost", ".local", ".internal", ".lan", ".home.arpa", ".intranet", ".corp"} {
		if strings.HasSuffix(h, suffix) {
			return true
		}
	}
	return false
}

// checkWebhookURL validates a typed endpoint and returns it cleaned, or a message
// in Bahasa Indonesia saying what is wrong.
func checkWebhookURL(raw string, allowPrivate bool) (string, string) {
	raw = strings.TrimSpace(raw)
	switch {
	case raw == "":
		return "", "Alamat webhook wajib diisi, contoh: https://sistem.dinas.go.id/hakakses/webhook."
	case len(raw) > maxWebhookURL:
		return "", fmt.Sprintf("Alamat webhook terlalu panjang (paling banyak %d karakter).", maxWebhookURL)
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.Opaque != "" {
		return "", "Alamat webhook tidak dapat dibaca. Tulis alamat lengkap, contoh: https://sistem.dinas.go.id/hakakses/webhook."
	}
	host := u.Hostname()
	switch {
	case u.User != nil:
		return "", "Alamat webhook tidak boleh memuat nama pengguna atau kata sandi; penerima memeriksa tanda tangan Webhook-Signature."
	case u.Fragment != "" || strings.Contains(raw, "#"):
		return "", "Alamat webhook tidak boleh memuat bagian setelah tanda #."
	case u.Scheme == "http" && allowPrivate && loopbackHost(host):
		// development and tests: a receiver on this machine
	case u.Scheme != "https":
		return "", "Alamat webhook harus diawali https:// agar isi dan tanda tangannya tidak terbaca di jalan."
	case host == "":
		return "", "Alamat webhook tidak memuat nama host."
	}
	if u.Port() != "" {
		if p, err := netip.ParseAddrPort("0.0.0.0:" + u.Port()); err != nil || p.Port() == 0 {
			return "", "Nomor port pada alamat webhook tidak sah."
		}
	}
	if !allowPrivate {
		if ip, err := netip.ParseAddr(host); err == nil {
			if !publicAddr(ip) {
				return "", "Alamat webhook mengarah ke jaringan internal atau alamat khusus; gunakan alamat publik."
			}
		} else if internalName(host) {
			return "", "Alamat webhook harus memakai nama domain publik (contoh: sistem.dinas.go.id), bukan nama jaringan internal."
		}
	}
	u.Host = strings.ToLower(u.Host)
	return u.String(), ""
}

// errPrivateAddress is a connection refused by the guard.
var errPrivateAddress = errors.New("alamat tujuan webhook mengarah ke jaringan internal atau alamat khusus; tidak dihubungi")

// webhookTimeout bounds one delivery attempt: connecting, TLS, sending and the
// receiver's answer.
const webhookTimeout = 10 * time.Second

// webhookClient is the HTTP client of deliveries. It connects only to public
// addresses (checked on the resolved address of every connection, so DNS cannot
// route around it) unless allowPrivate, follows no redirect (a 3xx is a failure:
// a redirect could lead anywhere, and the endpoint is the kepala's to fix), uses
// no proxy from the environment (it would hide the destination from the guard),
// and gives each attempt timeout.
func webhookClient(allowPrivate bool, timeout time.Duration) *http.Client {
	dialer := &net.Dialer{Timeout: 5 * time.Second}
	if !allowPrivate {
		dialer.Control = func(_, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil || !publicAddr(ap.Addr()) {
				return errPrivateAddress
			}
			return nil
		}
	}
	transport := &http.Transport{
		Proxy:                 nil,
		DialContext:           dialer.DialContext,
		ForceAttemptHTTP2:     true,
		TLSHandshakeTimeout:   5 * time.Second,
		ResponseHeaderTimeout: timeout,
		MaxIdleConns:          20,
		IdleConnTimeout:       90 * time.Second,
	}
	return &http.Client{
		Transport: transport,
		Timeout:   timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}

// describeSendError words a failed attempt for the settings page; timeout is the
// client's.
func describeSendError(err error, timeout time.Duration) string {
	var ue *url.Error
	var st errStatus
	switch {
	case errors.As(err, &st):
		return st.Error()
	case errors.Is(err, errPrivateAddress):
		return errPrivateAddress.Error()
	case errors.As(err, &ue) && ue.Timeout():
		return fmt.Sprintf("penerima tidak menjawab dalam %s", timeout)
	}
	return "gagal terhubung: " + err.Error()
}
