package app

import "github.com/hakakses/hakakses/internal/i18n"

// userLocalizer is the catalogue in an account's chosen language
// (users.language); an account that chose none is written to in Indonesian.
func userLocalizer(lang *string) *i18n.Localizer {
	if lang == nil {
		return i18n.For(i18n.ID)
	}
	return i18n.For(i18n.Lang(*lang))
}
