package web

import (
	"context"
	"net/url"
)

// Locale is the request's language as pages need it: its code for <html lang>
// and the catalogue lookup. The server puts it into the request context (web
// imports nothing of ours, so the catalogue arrives as a function).
type Locale struct {
	Lang string                               // "id" or "en"
	T    func(key string, args ...any) string // the catalogue's text for key
}

type localeKey struct{}

// WithLocale puts l into ctx for the templates below.
func WithLocale(ctx context.Context, l Locale) context.Context {
	return context.WithValue(ctx, localeKey{}, l)
}

// LocaleOf is the locale in ctx; without one (a page rendered outside a request)
// it is Indonesian with no catalogue, and T shows keys.
func LocaleOf(ctx context.Context) Locale {
	if l, ok := ctx.Value(localeKey{}).(Locale); ok && l.T != nil {
		return l
	}
	return Locale{Lang: "id"}
}

// T is the catalogue's text for key in the request's language; args are
// name/value pairs ("Days", 2).
func T(ctx context.Context, key string, args ...any) string {
	l := LocaleOf(ctx)
	if l.T == nil {
		return key
	}
	return l.T(key, args...)
}

// Lang is the request's language code, for <html lang>.
func Lang(ctx context.Context) string { return LocaleOf(ctx).Lang }

// IsEnglish reports whether the page is being shown in English (the footer's
// switch offers the other language).
func IsEnglish(ctx context.Context) bool { return LocaleOf(ctx).Lang == "en" }

// languageHref is the footer switch's link to lang, returning to path.
func languageHref(lang, path string) string {
	if path == "" {
		path = "/"
	}
	return "/bahasa?ke=" + lang + "&kembali=" + url.QueryEscape(path)
}
