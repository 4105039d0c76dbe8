package app_test

import (
	"net/url"
	"strings"
	"time"

	"github.com/hakakses/hakakses/internal/letters"
	"github.com/hakakses/hakakses/internal/workflow"
)

// form builds an action form as a browser posts it, from name/value pairs.
func form(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return v
}

// day is a date field's value.
func day(t time.Time) string { return t.Format("2006-01-02") }

// agreementForm is the PKS/Juknis editor as posted.
func agreementForm(clauses []letters.Clause, sections []letters.Section) url.Values {
	v := url.Values{}
	for _, c := range clauses {
		v.Add("clause_key", string(c.Key))
		v.Add("clause_title", c.Title)
		v.Add("clause_body", c.Body)
	}
	for _, s := range sections {
		v.Add("juknis_title", s.Title)
		v.Add("juknis_body", s.Body)
	}
	return v
}

// userIDLines is the approve_dwh textarea: "userid;kategori" per line.
func userIDLines(ids []workflow.IssuedUserID) string {
	lines := make([]string, len(ids))
	for i, u := range ids {
		lines[i] = u.UserID
		if u.Category != "" {
			lines[i] += ";" + u.Category
		}
	}
	return strings.Join(lines, "\n")
}
