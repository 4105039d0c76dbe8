package web

import (
	"context"
	"io"
	"strings"

	"github.com/a-h/templ"
)

// textEscaper escapes what a text node needs escaped and nothing more.
var textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// plain writes catalogue text as a text node. templ's { … } also escapes quotes
// (&#34;), which a text node does not need; a sentence with quotes in it
// (menu "Kata sandi") then differs byte for byte from the static Indonesian it
// replaced. plain keeps it identical and is as safe in element content.
func plain(s string) templ.Component {
	return templ.ComponentFunc(func(_ context.Context, w io.Writer) error {
		_, err := io.WriteString(w, textEscaper.Replace(s))
		return err
	})
}
