package server

import (
	"net/http"
	"regexp"
	"strings"

	"github.com/hakakses/hakakses/internal/i18n"
	"github.com/hakakses/hakakses/internal/workflow"
	"github.com/hakakses/hakakses/web"
)

// The application and action flows' refusals: internal/app's draft save and
// action checks, and the workflow guards' problems it passes on (a submit
// guard's message per field). Like appMessageKeys, an English page translates
// them by exact Indonesian text; the catalogue's Indonesian is the app's own
// words (TestApplicationRefusalsTranslated), so an Indonesian page reads them
// byte for byte.
var appFlowMessageKeys = map[string]string{}

// The catalogue's "msg." keys other than the patterns' and the banner's are messages whose Indonesian
// text is the app's (or the workflow guard's) own words; the map is built from
// the catalogue so the two cannot drift apart.
func init() {
	keys, err := i18n.Keys(i18n.ID)
	if err != nil {
		panic(err) // the embedded catalogue is broken: TestCatalogueComplete says how
	}
	withArgs := map[string]bool{"msg.list_holiday_warning": true}
	for _, p := range appFlowPatterns {
		withArgs[p.key] = true
	}
	for key := range keys {
		if strings.HasPrefix(key, "msg.") && !strings.HasPrefix(key, "msg.what.") && !withArgs[key] {
			appFlowMessageKeys[indonesianText(key)] = key
		}
	}
}

// appFlowPattern is a message with values in it: the submatches fill the
// catalogue text's arguments, in order, each through its conversion if any (an
// inner app message, a label in the request's language).
type appFlowPattern struct {
	re   *regexp.Regexp
	key  string
	args []string
	conv map[string]func(*http.Request, string) string
	// inner names the argument that is itself an app message, translated in turn
	// (not a conv: appText reaches this table, an initialisation cycle).
	inner string
}

// wraps reports whether the pattern holds a whole other message, whose ".+"
// would swallow a join of several (joinedText leaves these out on the left).
func (p appFlowPattern) wraps() bool { return p.inner != "" }

var (
	countedWhatKeys = map[string]string{"User ID": "msg.what.user_id", "elemen": "msg.what.element", "alamat IP": "msg.what.ip"}
	countedWhat     = map[string]func(*http.Request, string) string{"What": func(r *http.Request, v string) string {
		return tr(r, countedWhatKeys[v])
	}}
	stateNamed = map[string]func(*http.Request, string) string{"State": stateByLabel}
)

var appFlowPatterns = []appFlowPattern{
	{re: regexp.MustCompile(`^Jangka waktu diisi angka bulan, (\d+) sampai (\d+)\.$`), key: "msg.term_range", args: []string{"Min", "Max"}},
	{re: regexp.MustCompile(`^Tujuan pemanfaatan Data Kependudukan terlalu singkat; jelaskan paling sedikit (\d+) karakter \(butir 2b\)$`), key: "msg.g.purpose_short", args: []string{"Min"}},
	{re: regexp.MustCompile(`^Jangka waktu perjanjian kerja sama harus antara (\d+) dan (\d+) bulan; tertulis (-?\d+) bulan \(butir 2f\)$`), key: "msg.g.term_range", args: []string{"Min", "Max", "Given"}},
	{re: regexp.MustCompile(`^Elemen data "([^"]*)" dilindungi Pasal 84 UU 24/2013; tuliskan alasan tertulis mengapa elemen ini diperlukan$`), key: "msg.g.protected_element", args: []string{"Name"}},
	{re: regexp.MustCompile(`^Berkas terlalu besar \(([^)]*)\)\. Batas ukuran (.+)\.$`), key: "msg.too_large", args: []string{"Size", "Max"}},
	{re: regexp.MustCompile(`^Paling banyak (\d+) User ID sekaligus\.$`), key: "msg.too_many_user_ids_at_once", args: []string{"Max"}},
	{re: regexp.MustCompile(`^Paling banyak (\d+) (User ID|elemen|alamat IP)\.$`), key: "msg.too_many", args: []string{"Max", "What"}, conv: countedWhat},
	{re: regexp.MustCompile(`^Kategori User ID terlalu panjang \(maksimal (\d+) karakter\)\.$`), key: "msg.category_too_long", args: []string{"Max"}},
	{re: regexp.MustCompile(`^Permohonan (\S+) sudah berpindah tahap \(kini: ([^)]*)\), mungkin oleh pengguna lain\. Tindakan Anda tidak dijalankan; muat ulang halaman untuk melihat keadaan terbaru\.$`),
		key: "msg.moved_on", args: []string{"Number", "State"}, conv: stateNamed},
	// The PKS and Juknis editors' per-item limits (internal/app Field.itemLimits, TooMany).
	{re: regexp.MustCompile(`^Judul pasal (\d+) terlalu panjang \(maksimal (\d+) karakter\)\.$`), key: "msg.clause_title_long", args: []string{"N", "Max"}},
	{re: regexp.MustCompile(`^Isi pasal (\d+) terlalu panjang \(maksimal (\d+) karakter\)\.$`), key: "msg.clause_body_long", args: []string{"N", "Max"}},
	{re: regexp.MustCompile(`^Judul bab (\d+) Juknis terlalu panjang \(maksimal (\d+) karakter\)\.$`), key: "msg.section_title_long", args: []string{"N", "Max"}},
	{re: regexp.MustCompile(`^Isi bab (\d+) Juknis terlalu panjang \(maksimal (\d+) karakter\)\.$`), key: "msg.section_body_long", args: []string{"N", "Max"}},
	{re: regexp.MustCompile(`^PKS paling banyak (\d+) pasal\.$`), key: "msg.too_many_clauses", args: []string{"Max"}},
	{re: regexp.MustCompile(`^Juknis paling banyak (\d+) bab\.$`), key: "msg.too_many_sections", args: []string{"Max"}},
	{re: regexp.MustCompile(`^Tindakan belum dapat dilakukan: (.+)$`), key: "msg.action_refused_because", args: []string{"Problems"}, inner: "Problems"},
	{re: regexp.MustCompile(`^(.+) Berkas yang Anda pilih belum tersimpan; pilih ulang berkasnya sebelum mengirim kembali\.$`), key: "msg.files_not_kept", args: []string{"Message"}, inner: "Message"},
}

// stateByLabel is a workflow state's label in the request's language, found by
// its Indonesian label; an unknown one stays as it is.
func stateByLabel(r *http.Request, label string) string {
	for _, st := range workflow.States {
		if st.Label() == label {
			return stateLabel(r, st)
		}
	}
	return label
}

// appFlowText is an application or action flow's message in the request's
// language, and whether it was known.
func appFlowText(r *http.Request, msg string) (string, bool) {
	if t, ok := singleText(r, msg, true); ok {
		return t, true
	}
	return joinedText(r, msg)
}

// singleText is one known message: exact, or a pattern (those wrapping another
// message only when inner is set, since their ".+" would swallow a whole join).
func singleText(r *http.Request, msg string, inner bool) (string, bool) {
	if key, ok := appFlowMessageKeys[msg]; ok {
		return tr(r, key), true
	}
	for _, p := range appFlowPatterns {
		if p.wraps() && !inner {
			continue
		}
		m := p.re.FindStringSubmatch(msg)
		if m == nil {
			continue
		}
		args := make([]any, 0, 2*len(p.args))
		for i, name := range p.args {
			v := m[i+1]
			if conv := p.conv[name]; conv != nil {
				v = conv(r, v)
			}
			if name == p.inner {
				v = appText(r, v)
			}
			args = append(args, name, v)
		}
		return tr(r, p.key, args...), true
	}
	return "", false
}

// joinedText translates problems joined by spaces: the guard's messages have no
// full stop, and a field with two problems, or the refusal's lead, carries them
// one after another ("A B"). Each split point is tried where the left part is a
// known message; unknown text anywhere leaves the whole as it is.
func joinedText(r *http.Request, msg string) (string, bool) {
	for i := strings.IndexByte(msg, ' '); i > 0; {
		if left, ok := singleText(r, msg[:i], false); ok {
			if rest, ok := appFlowText(r, msg[i+1:]); ok {
				return left + " " + rest, true
			}
		}
		j := strings.IndexByte(msg[i+1:], ' ')
		if j < 0 {
			break
		}
		i += j + 1
	}
	return msg, false
}

// listHolidayWarning is the queue's banner about national holidays not
// entered (app's ListResult.Warning), in the request's language.
func listHolidayWarning(r *http.Request, msg string) string {
	m := listHolidayWarningText.FindStringSubmatch(msg)
	if m == nil {
		return msg
	}
	return tr(r, "msg.list_holiday_warning", "Years", m[1])
}

var listHolidayWarningText = regexp.MustCompile(`^Data hari libur nasional tahun ([0-9]{4}(?:, [0-9]{4})*) belum diisi: tenggat pada tahun tersebut dihitung tanpa hari libur nasional \(hanya akhir pekan\)\.$`)

// indonesianText is a catalogue key's Indonesian text.
func indonesianText(key string) string { return i18n.Indonesian(key) }

// appSummary is an error summary in the request's language. It is built from
// the app's Indonesian words (errorSummary reads their shape) and translated
// last.
func appSummary(r *http.Request, s *web.ErrorSummary) *web.ErrorSummary {
	if s == nil {
		return nil
	}
	out := &web.ErrorSummary{Lead: appText(r, s.Lead), Items: make([]web.ErrorLink, len(s.Items))}
	for i, it := range s.Items {
		out.Items[i] = web.ErrorLink{Href: it.Href, Text: appText(r, it.Text)}
	}
	return out
}
