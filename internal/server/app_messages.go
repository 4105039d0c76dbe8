package server

import (
	"net/http"
	"regexp"
	"strings"

	"github.com/hakakses/hakakses/internal/i18n"
	"github.com/hakakses/hakakses/web"
)

// internal/app words its refusals in Indonesian (the language of the
// regulation, and of its own tests). Pages in English translate the ones they
// know at the edge, by the exact message, to a catalogue key; a message not
// known shows as it is, Indonesian, rather than not at all. The Indonesian page
// therefore shows the app's text byte for byte.
//
// appMessageKeys is built from the catalogue: every "app." key without
// arguments (but the two fragments of the throttling sentence) is a message
// whose Indonesian text is the app's own words, so the two cannot drift apart
// (TestAppMessagesTranslatedAtTheEdge).
var appMessageKeys = map[string]string{}

func init() {
	keys, err := i18n.Keys(i18n.ID)
	if err != nil {
		panic(err) // the embedded catalogue is broken: TestCatalogueComplete says how
	}
	for key := range keys {
		if strings.HasPrefix(key, "app.") && !strings.HasPrefix(key, "app.attempt_") && !i18n.TakesArguments(key) {
			appMessageKeys[i18n.Indonesian(key)] = key
		}
	}
}

// appMessagePatterns are the messages with a number in them.
var appMessagePatterns = []struct {
	re  *regexp.Regexp
	key string
}{
	{regexp.MustCompile(`^Terlalu panjang \(maksimal (\d+) karakter\)\.$`), "app.too_long"},
}

// throttled is internal/app's checkThrottle refusal: what was tried ("masuk",
// "kode verifikasi") in one of three sentences, the second with a wait.
var throttled = regexp.MustCompile(`^(?:Terlalu banyak percobaan (masuk|kode verifikasi) yang gagal dari alamat jaringan Anda\. Coba lagi dalam 15 menit\.` +
	`|Terlalu banyak percobaan (masuk|kode verifikasi) yang gagal\. Coba lagi dalam (\d+) (menit|detik)\.` +
	`|Akun ini dikunci sementara karena terlalu banyak percobaan (masuk|kode verifikasi) yang gagal\. Pemilik akun telah kami kirimi e-mail berisi tautan untuk membuka kuncinya\.)$`)

// throttledWhat names what was tried, by the throttle's own word.
var throttledWhat = map[string]string{"masuk": "app.attempt_signin", "kode verifikasi": "app.attempt_code"}

// throttledText is a throttled match in the request's language.
func throttledText(r *http.Request, m []string) string {
	what := func(s string) string { return tr(r, throttledWhat[s]) }
	switch {
	case m[1] != "":
		return tr(r, "app.throttled_client", "What", what(m[1]))
	case m[2] != "":
		unit := "app.wait_minutes"
		if m[4] == "detik" {
			unit = "app.wait_seconds"
		}
		return tr(r, "app.throttled_pair", "What", what(m[2]), "Wait", tr(r, unit, "Count", m[3]))
	default:
		return tr(r, "app.throttled_account", "What", what(m[5]))
	}
}

// webhookNotSaved is SaveWebhook's refusal: a fixed lead and the URL check's message.
var webhookNotSaved = regexp.MustCompile(`^Webhook belum dapat disimpan\. (.+)$`)

// appText is an internal/app message in the request's language.
func appText(r *http.Request, msg string) string {
	if !web.IsEnglish(r.Context()) { // the app's words are Indonesian already
		return msg
	}
	if key, ok := appMessageKeys[msg]; ok {
		return tr(r, key)
	}
	if m := throttled.FindStringSubmatch(msg); m != nil {
		return throttledText(r, m)
	}
	if m := webhookNotSaved.FindStringSubmatch(msg); m != nil {
		return tr(r, "app.webhook_not_saved", "Reason", appText(r, m[1]))
	}
	for _, p := range appMessagePatterns {
		if m := p.re.FindStringSubmatch(msg); m != nil {
			return tr(r, p.key, "Max", m[1])
		}
	}
	if t, ok := appFlowText(r, msg); ok {
		return t
	}
	return msg
}

// appFields is a refused form's field messages in the request's language.
func appFields(r *http.Request, fields map[string]string) map[string]string {
	if len(fields) == 0 {
		return fields
	}
	out := make(map[string]string, len(fields))
	for k, v := range fields {
		out[k] = appText(r, v)
	}
	return out
}
