package server

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/calendar"
	"github.com/hakakses/hakakses/web"
)

// notificationsNav is the header's "Notifikasi" item with the unread count, as
// the session read counted it (or one COUNT query). A failure only loses the
// badge, never the page.
func (s *Server) notificationsNav(r *http.Request, p app.Principal) web.NavItem {
	item := web.NavItem{Label: tr(r, "nav.notifications"), Href: "/notifikasi"}
	// A page that only reads shows the count the session read made; after a
	// change (a form sent back with its errors) it is counted again.
	if n, ok := unreadFrom(r.Context()); ok && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
		item.Badge = n
		return item
	}
	n, err := s.app.UnreadNotifications(r.Context(), p)
	if err != nil {
		s.log.ErrorContext(r.Context(), "unread notifications", "user_id", p.UserID, "err", err)
		return item
	}
	item.Badge = n
	return item
}

// notifications lists the user's own notifications, 20 per page (?halaman=N).
func (s *Server) notifications(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	pageNo := 1
	if v := r.URL.Query().Get("halaman"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100000 {
			s.notFound(w, r)
			return
		}
		pageNo = n
	}
	res, err := s.app.Notifications(r.Context(), p, pageNo)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := web.Notifications{Page: s.page(r, tr(r, "notif.title")), PageNo: res.Page}
	for _, n := range v.Nav {
		if n.Href == "/notifikasi" {
			v.Unread = n.Badge // counted once for the header already
		}
	}
	for _, n := range res.Items {
		v.Items = append(v.Items, web.NotificationItem{Title: n.Title, Body: n.Body, When: localTime(r, n.CreatedAt, n.Location),
			Unread: !n.Read, OpenHref: fmt.Sprintf("/notifikasi/%d/baca", n.ID)})
	}
	if res.Page > 1 {
		v.PrevHref = fmt.Sprintf("/notifikasi?halaman=%d", res.Page-1)
	}
	if res.HasNext {
		v.NextHref = fmt.Sprintf("/notifikasi?halaman=%d", res.Page+1)
	}
	s.render(w, r, http.StatusOK, web.NotificationsView(v))
}

// readNotification marks one notification read and goes where it points.
func (s *Server) readNotification(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	id, err := strconv.ParseInt(chi.URLParam(r, "id"), 10, 64)
	if err != nil || id <= 0 {
		s.notFound(w, r)
		return
	}
	link, err := s.app.MarkNotificationRead(r.Context(), p, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	// Links are written by the product itself, but only a path on this site is
	// ever followed.
	if !strings.HasPrefix(link, "/") || strings.HasPrefix(link, "//") || strings.Contains(link, `\`) {
		link = "/notifikasi"
	}
	http.Redirect(w, r, link, http.StatusSeeOther)
}

// readAllNotifications marks every notification of the user read.
func (s *Server) readAllNotifications(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	if _, err := s.app.MarkAllNotificationsRead(r.Context(), p); err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(r.Context(), tr(r, "notif.all_read_flash"))
	http.Redirect(w, r, "/notifikasi", http.StatusSeeOther)
}

// devMailbox shows the newest e-mails of the outbox to the platform admin, only
// on a server without SMTP (development), where e-mails are kept, not sent.
func (s *Server) devMailbox(w http.ResponseWriter, r *http.Request) {
	if s.cfg.SMTPAddr != "" {
		s.notFound(w, r)
		return
	}
	p, _ := principalFrom(r.Context())
	msgs, err := s.app.DevMailbox(r.Context(), p, 50)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := web.DevMailbox{Page: s.page(r, tr(r, "devmail.title"))}
	for _, m := range msgs {
		dm := web.DevMail{To: m.To, Subject: m.Subject, Body: m.Body, When: localTime(r, m.CreatedAt, nil), Error: m.LastError}
		switch m.Status {
		case "dev":
			dm.Status, dm.StatusClass = tr(r, "devmail.kept"), "ok"
		case "terkirim":
			dm.Status, dm.StatusClass = tr(r, "devmail.sent"), "ok"
		case "gagal":
			dm.Status, dm.StatusClass = tr(r, "devmail.failed", "Count", m.Attempts), "bad"
		default:
			dm.Status, dm.StatusClass = tr(r, "devmail.waiting"), "warn"
			if m.Attempts > 0 {
				dm.Status = tr(r, "devmail.waiting_attempt", "N", m.Attempts+1)
			}
		}
		v.Messages = append(v.Messages, dm)
	}
	s.render(w, r, http.StatusOK, web.DevMailboxView(v))
}

// localTime prints an instant in a zone as "10 Maret 2026 10.00 WIB"; nil is WIB.
func localTime(r *http.Request, t time.Time, loc *time.Location) string {
	if loc == nil {
		loc = calendar.WIB
	}
	lt := t.In(loc)
	f := fmtOf(r)
	return f.Date(lt) + " " + f.Clock(lt) + " " + lt.Format("MST")
}
