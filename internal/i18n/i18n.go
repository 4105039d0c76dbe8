// Package i18n is the one catalogue of the product's user-facing text, in
// Bahasa Indonesia (the default, and the language of the regulation) and
// English. Pages ask for text by key ("layout.logout"); the server picks the
// language per request (Resolve) and puts a Localizer into the request context,
// which templates reach through web.T.
//
// The catalogue is embedded message files named locales/<area>.<lang>.json
// (core.id.json, core.en.json, …: one pair per area of the product, so that
// areas are translated side by side), in go-i18n's flat JSON form: a key maps to a string, or to
// {"one": …, "other": …} where English needs a plural. Arguments are Go
// text/template fields ("{{.Days}}"). A key missing in either file fails
// TestCatalogueComplete; a key used in code but absent fails TestKeysUsedExist.
//
// Generated letters and PDFs are not translated: they are the regulation's legal
// documents and stay Indonesian (docs/i18n.md).
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"strings"
	"sync"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// Lang is a language the product speaks.
type Lang string

const (
	ID Lang = "id" // Bahasa Indonesia, the default
	EN Lang = "en"
)

// Langs are the supported languages, the default first.
var Langs = []Lang{ID, EN}

// Valid reports whether l is a supported language.
func (l Lang) Valid() bool { return l == ID || l == EN }

//go:embed locales/*.json
var files embed.FS

var (
	bundleOnce sync.Once
	bundle     *goi18n.Bundle
	bundleErr  error
	localizers map[Lang]*Localizer
)

// load parses the embedded catalogue once; a malformed file is a programming
// error the tests catch, so For panics on it rather than serving keys.
func load() {
	bundle = goi18n.NewBundle(language.Indonesian)
	bundle.RegisterUnmarshalFunc("json", json.Unmarshal)
	for _, l := range Langs {
		paths, err := catalogueFiles(l)
		if err != nil {
			bundleErr = err
			return
		}
		for _, p := range paths {
			if _, err := bundle.LoadMessageFileFS(files, p); err != nil {
				bundleErr = fmt.Errorf("i18n: load %s: %w", p, err)
				return
			}
		}
	}
	localizers = map[Lang]*Localizer{}
	for _, l := range Langs {
		localizers[l] = &Localizer{lang: l, loc: goi18n.NewLocalizer(bundle, string(l))}
	}
}

// For is the localizer of a language; an unsupported one gets Indonesian.
func For(l Lang) *Localizer {
	bundleOnce.Do(load)
	if bundleErr != nil {
		panic(bundleErr)
	}
	if !l.Valid() {
		l = ID
	}
	return localizers[l]
}

// Localizer turns catalogue keys into text in one language.
type Localizer struct {
	lang Lang
	loc  *goi18n.Localizer
}

// Lang is the localizer's language.
func (l *Localizer) Lang() Lang { return l.lang }

// T is the text of key with its arguments given as name/value pairs, like slog:
// T("sla.days", "Count", 2). A "Count" argument also picks the plural form. A key
// that is not in the catalogue shows as itself, so a page never goes blank and
// the tests find it.
func (l *Localizer) T(key string, args ...any) string {
	cfg := &goi18n.LocalizeConfig{MessageID: key}
	if len(args) > 0 {
		data := make(map[string]any, len(args)/2)
		for i := 0; i+1 < len(args); i += 2 {
			name, _ := args[i].(string)
			data[name] = args[i+1]
			if name == "Count" {
				cfg.PluralCount = args[i+1]
			}
		}
		cfg.TemplateData = data
	}
	s, err := l.loc.Localize(cfg)
	if err != nil || s == "" {
		return key
	}
	return s
}

// indonesianTexts is every key's Indonesian text without arguments, worked
// out once: pages compare definitions' own labels with it on every request.
var indonesianTexts = sync.OnceValue(func() map[string]string {
	keys, err := Keys(ID)
	if err != nil {
		panic(err) // the embedded catalogue is broken: TestCatalogueComplete says how
	}
	out := make(map[string]string, len(keys))
	for k := range keys {
		out[k] = For(ID).T(k)
	}
	return out
})

// Indonesian is key's Indonesian text without arguments (For(ID).T(key),
// looked up instead of rendered); a key not in the catalogue is itself.
func Indonesian(key string) string {
	if t, ok := indonesianTexts()[key]; ok {
		return t
	}
	return key
}

// withArguments is the set of keys whose Indonesian text takes arguments
// ("{{.Name}}"), read once from the raw message files.
var withArguments = sync.OnceValue(func() map[string]bool {
	paths, err := catalogueFiles(ID)
	if err != nil {
		panic(err)
	}
	out := map[string]bool{}
	for _, p := range paths {
		b, err := fs.ReadFile(files, p)
		if err != nil {
			panic(err)
		}
		var raw map[string]json.RawMessage
		if err := json.Unmarshal(b, &raw); err != nil {
			panic(err)
		}
		for k, v := range raw {
			if strings.Contains(string(v), "{{") {
				out[k] = true
			}
		}
	}
	return out
})

// TakesArguments reports whether key's text has arguments to fill in.
func TakesArguments(key string) bool { return withArguments()[key] }

// catalogueFiles lists a language's message files, one per area.
func catalogueFiles(l Lang) ([]string, error) {
	paths, err := fs.Glob(files, "locales/*."+string(l)+".json")
	if err != nil || len(paths) == 0 {
		return nil, fmt.Errorf("i18n: no %s catalogue files: %v", l, err)
	}
	return paths, nil
}

// Keys lists every key of a language's message files (for the tests); a key
// defined in two areas is an error, since one of the texts would be lost.
func Keys(l Lang) (map[string]bool, error) {
	paths, err := catalogueFiles(l)
	if err != nil {
		return nil, err
	}
	keys := map[string]bool{}
	for _, p := range paths {
		b, err := fs.ReadFile(files, p)
		if err != nil {
			return nil, fmt.Errorf("i18n: read %s: %w", p, err)
		}
		var raw map[string]json.RawMessage
		if err := json.Unmarshal(b, &raw); err != nil {
			return nil, fmt.Errorf("i18n: parse %s: %w", p, err)
		}
		for k := range raw {
			if keys[k] {
				return nil, fmt.Errorf("i18n: key %q is defined twice (again in %s)", k, p)
			}
			keys[k] = true
		}
	}
	return keys, nil
}
