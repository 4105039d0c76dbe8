package server_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/web"
)

// Every kind of field an action may declare renders as a named control, so
// adding a kind to the app without its rendering in web fails here.
func TestEveryFieldKindRenders(t *testing.T) {
	for _, kind := range app.FieldKinds {
		name := "field_" + string(kind)
		f := web.FormField{Kind: string(kind), Name: name, ID: name, Label: "Label " + string(kind),
			Items: []web.ClauseField{{Key: "maksud", Title: "Judul", Body: "Isi", Rows: 3}}}
		v := web.AppDetail{BaseHref: "/x", Fields: map[string]string{},
			Actions: []web.ActionForm{{Event: "submit", Label: "Ajukan", Fields: []web.FormField{f}}}}
		var buf bytes.Buffer
		if err := web.AppDetailView(v).Render(context.Background(), &buf); err != nil {
			t.Fatal(err)
		}
		html := buf.String()
		if !strings.Contains(html, `name="`+name) {
			t.Errorf("kind %q renders no control named %s", kind, name)
		}
		if !strings.Contains(html, "Label "+string(kind)) {
			t.Errorf("kind %q renders without its label", kind)
		}
	}
}
