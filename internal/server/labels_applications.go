package server

import (
	"net/http"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/workflow"
)

// Names the application pages show that are defined outside the catalogue: the
// access methods (workflow), the documents' kinds (app) and the data elements
// (reference data in the database). Pages look them up by key at the edge; the
// catalogue's Indonesian text is the definition's own, which the tests hold
// equal (TestApplicationLabelsAgreeWithDefinitions), so Indonesian pages read
// exactly as before.

func methodLabel(r *http.Request, m workflow.AccessMethod) string {
	return labelOr(r, "method."+string(m), m.Label())
}

// documentLabel is a document kind's name; a kind the catalogue lacks keeps
// its stored Indonesian name rather than showing a key.
func documentLabel(r *http.Request, kind string) string {
	return labelOr(r, "doc."+kind, app.DocumentLabel(kind))
}

// elementName is a data element's name; name is the reference data's own,
// shown when the catalogue lacks the code (an element added by a later
// migration still reads, in Indonesian, until it is translated).
func elementName(r *http.Request, code, name string) string {
	return labelOr(r, "element."+code, name)
}

// labelOr is key's text, or fallback when the catalogue lacks key.
func labelOr(r *http.Request, key, fallback string) string {
	if s := tr(r, key); s != key {
		return s
	}
	return fallback
}
