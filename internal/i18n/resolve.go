package i18n

import "golang.org/x/text/language"

// CookieName is the cookie the footer's language switch sets before sign-in.
const CookieName = "bahasa"

var matcher = language.NewMatcher([]language.Tag{language.Indonesian, language.English})

// Resolve is the one rule choosing a request's language: the signed-in user's
// own choice (the account page), else the language switch's cookie, else the
// browser's Accept-Language, else Bahasa Indonesia. Empty or unknown values at
// any step fall through to the next.
func Resolve(user, cookie, acceptLanguage string) Lang {
	if l := Lang(user); l.Valid() {
		return l
	}
	if l := Lang(cookie); l.Valid() {
		return l
	}
	if acceptLanguage != "" {
		tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
		if err == nil && len(tags) > 0 {
			_, i, conf := matcher.Match(tags...)
			// Only a real match switches to English: "fr" must not, since
			// Indonesian is the service's language.
			if conf != language.No && i == 1 {
				return EN
			}
		}
	}
	return ID
}
