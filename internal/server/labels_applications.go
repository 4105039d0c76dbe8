package server

import (
	"net/http"
	"regexp"
	"time"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/i18n"
	"github.com/hakakses/hakakses/internal/idfmt"
	"github.com/hakakses/hakakses/internal/workflow"
	"github.com/hakakses/hakakses/web"
)

// Names the application pages show that are defined outside the catalogue: the
// access methods, events and clocks (workflow), the documents' kinds and the
// action forms (app) and the data elements (reference data in the database).
// Pages look them up by key at the edge. The catalogue's Indonesian text is the
// definition's own, which TestApplicationLabelsAgreeWithDefinitions holds
// equal, so Indonesian pages read exactly as before.

func methodLabel(r *http.Request, m workflow.AccessMethod) string {
	return translated(r, "method."+string(m), m.Label())
}

func documentLabel(r *http.Request, kind string) string {
	return translated(r, "doc."+kind, app.DocumentLabel(kind))
}

func elementName(r *http.Request, code, name string) string {
	return translated(r, "element."+code, name)
}

// actionLabel is an action's button: the event's label, or the resubmit
// wording after a return (workflow.Event.LabelFrom).
func actionLabel(r *http.Request, ev workflow.Event, label string) string {
	if ev == workflow.Submit && label == ev.LabelFrom(workflow.Returned) && label != ev.Label() {
		return translated(r, "action.submit_again", label)
	}
	return translated(r, "action."+string(ev), label)
}

// historyValue is a stored history value in the request's language. Values
// were recorded as the Indonesian pages show them: an ISO date ("2026-03-10",
// older entries), a long date ("10 Maret 2026") or two numbers joined by "dan"
// (a PKS's numbers of both parties); English shows those in its own words and
// leaves any other value (a name, a letter number, a reason) as typed.
func historyValue(r *http.Request, s string) string {
	if !web.IsEnglish(r.Context()) {
		return idfmt.ISODateText(s)
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return fmtOf(r).Date(t)
	}
	if t, ok := idfmt.ParseDate(s); ok {
		return fmtOf(r).Date(t)
	}
	if m := numberPair.FindStringSubmatch(s); m != nil {
		return tr(r, "apps.paper.pair", "A", m[1], "B", m[2])
	}
	return s
}

var numberPair = regexp.MustCompile(`^(\S+) dan (\S+)$`)

// translated is key's text in the request's language when the catalogue's
// Indonesian text of key is indonesian, the definition's own label; otherwise
// (a key not in the catalogue, or a definition worded for this one
// application) it is indonesian as given: a page shows a correct Indonesian
// label rather than a stale translation.
func translated(r *http.Request, key, indonesian string) string {
	if i18n.Indonesian(key) != indonesian {
		return indonesian
	}
	return tr(r, key)
}

// translatedOneOf is the text of whichever key's Indonesian text is
// indonesian (a label worded per application has one key per wording), or
// indonesian as given.
func translatedOneOf(r *http.Request, indonesian string, keys ...string) string {
	for _, key := range keys {
		if i18n.Indonesian(key) == indonesian {
			return tr(r, key)
		}
	}
	return indonesian
}
