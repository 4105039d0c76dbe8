package server

import (
	"net/http"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/web"
)

// reminderSettings shows the caller's channel per kind of reminder.
func (s *Server) reminderSettings(w http.ResponseWriter, r *http.Request) {
	s.renderReminderSettings(w, r, http.StatusOK, "")
}

func (s *Server) renderReminderSettings(w http.ResponseWriter, r *http.Request, status int, msg string) {
	p, _ := principalFrom(r.Context())
	chosen, err := s.app.ReminderChannels(r.Context(), p)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := web.ReminderSettings{Page: s.page(r, tr(r, "account.reminders")), Error: msg}
	for _, k := range app.ReminderKinds {
		if c, ok := chosen[k.Kind]; ok {
			v.Kinds = append(v.Kinds, web.ReminderChoice{Kind: k.Kind, Label: tr(r, "reminder_kind."+k.Kind), InApp: c == "inapp"})
		}
	}
	s.render(w, r, status, web.ReminderSettingsView(v))
}

// saveReminderSettings stores the channel of every kind the form names.
func (s *Server) saveReminderSettings(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	chosen, err := s.app.ReminderChannels(r.Context(), p)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, k := range app.ReminderKinds {
		if _, mine := chosen[k.Kind]; !mine {
			continue
		}
		c := r.PostFormValue(k.Kind)
		if c == "" {
			continue
		}
		if err := s.app.SetReminderChannel(r.Context(), p, k.Kind, c); err != nil {
			if e, ok := err.(*app.Error); ok && e.Code == app.CodeInvalid {
				s.renderReminderSettings(w, r, http.StatusUnprocessableEntity, appText(r, e.Message))
				return
			}
			s.fail(w, r, err)
			return
		}
	}
	s.flash(r.Context(), tr(r, "reminders.saved"))
	http.Redirect(w, r, "/akun/pengingat", http.StatusSeeOther)
}
