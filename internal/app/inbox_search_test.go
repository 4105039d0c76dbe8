package app_test

import (
	"testing"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/workflow"
)

func TestDirjenInboxSearchesNumberInstitutionAndTenant(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a, b := f.submitted(), f.submitted()
	f.submitted() // not forwarded: never in the inbox
	f.fire(f.petugas, a, app.Action{Event: workflow.Forward})
	f.fire(f.petugas, b, app.Action{Event: workflow.Forward})
	inst := f.count(`SELECT count(*) FROM institutions WHERE nama ILIKE '%kesehatan%'`)
	if inst == 0 {
		t.Fatal("the demo institution's name has no 'Kesehatan'")
	}
	for _, c := range []struct {
		search string
		want   int
	}{
		{"", 2},
		{f.number(a), 1},
		{f.number(b)[len(f.number(b))-6:], 1}, // the tail of a number
		{"kesehatan", 2},                      // the institution, any case
		{"ogan komering ilir", 2},             // the tenant
		{"Ogan Komering Ulu", 0},
		{"%", 0}, // a LIKE wildcard is a literal
	} {
		res, err := f.app.Inbox(f.ctx, f.dirjen, app.InboxFilter{Search: c.search})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Rows) != c.want {
			t.Errorf("search %q: %d rows, want %d", c.search, len(res.Rows), c.want)
		}
	}
}
