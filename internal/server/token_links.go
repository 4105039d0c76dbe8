package server

import (
	"context"
	"errors"
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/web"
)

// tokenLinks are the single-use links e-mails carry that act on a click: an
// account's activation (after self-registration) and its unlock (after too many
// failed sign-ins). The reset link asks for a password (handlers_reset.go).
var tokenLinks = []tokenLink{{
	purpose: "activate", title: "reg.activate", action: "/aktifkan", button: "reg.activate",
	message: "reg.activate_message", spend: (*app.App).ActivateAccount,
	done: "reg.active_title", heading: "reg.active_heading", after: "reg.active_message",
}, {
	purpose: "unlock", title: "auth.unlock_title", action: "/buka-kunci", button: "auth.unlock_title",
	message: "auth.unlock_message", spend: (*app.App).UnlockAccount,
	done: "auth.unlocked_title", heading: "auth.unlocked_title", after: "auth.unlocked",
}}

// tokenLinkRoutes answers each link on its path: the GET only asks for a click,
// so a mail scanner fetching the link spends nothing; the form's POST spends the
// token.
func (s *Server) tokenLinkRoutes(r chi.Router) {
	for _, l := range tokenLinks {
		r.Get(l.action, func(w http.ResponseWriter, r *http.Request) { s.showTokenLink(w, r, l) })
		r.Post(l.action, func(w http.ResponseWriter, r *http.Request) { s.spendTokenLink(w, r, l) })
	}
}

// tokenLink is one e-mailed single-use link; its texts are catalogue keys.
type tokenLink struct {
	purpose string // the token's kind in the app
	title   string // the form's page title and heading
	message string // what the click will do
	action  string // the path both steps answer on
	button  string
	spend   func(*app.App, context.Context, string) error
	done    string // the page title once spent
	heading string // its heading
	after   string // what to do next
}

// usableToken reads the link's token and answers 404 with the text of the key
// gone when it is spent or expired; ok is false when the answer is written.
func (s *Server) usableToken(w http.ResponseWriter, r *http.Request, purpose, gone string) (token string, ok bool) {
	token = r.URL.Query().Get("token")
	usable, err := s.app.TokenUsable(r.Context(), purpose, token)
	if err != nil {
		s.fail(w, r, err)
		return "", false
	}
	if !usable {
		s.clientError(w, r, http.StatusNotFound, tr(r, "auth.link_invalid_title"), tr(r, gone))
		return "", false
	}
	return token, true
}

// showTokenLink is the link's confirmation form.
func (s *Server) showTokenLink(w http.ResponseWriter, r *http.Request, l tokenLink) {
	token, ok := s.usableToken(w, r, l.purpose, "auth.link_invalid")
	if !ok {
		return
	}
	title := tr(r, l.title)
	s.render(w, r, http.StatusOK, web.TokenFormView(web.TokenForm{Page: s.page(r, title), Heading: title,
		Message: tr(r, l.message), Action: l.action, Token: token, Button: tr(r, l.button)}))
}

// spendTokenLink does what the link is for and says so.
func (s *Server) spendTokenLink(w http.ResponseWriter, r *http.Request, l tokenLink) {
	if err := l.spend(s.app, r.Context(), r.PostFormValue("token")); err != nil {
		if e := (*app.Error)(nil); errors.As(err, &e) && e.Code == app.CodeNotFound {
			// Spent meanwhile (a second click): the same answer as the link's GET.
			s.clientError(w, r, http.StatusNotFound, tr(r, "auth.link_invalid_title"), tr(r, "auth.link_invalid"))
			return
		}
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, web.NoticeView(web.Notice{Page: s.page(r, tr(r, l.done)), Heading: tr(r, l.heading), Message: tr(r, l.after)}))
}
