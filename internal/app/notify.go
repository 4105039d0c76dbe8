package app

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// audience is a party a transition concerns; it decides the wording and the link.
type audience int

const (
	toLembaga audience = iota // the institution's own users
	toStaff                   // the tenant's petugas and kepala
	toDirjen                  // the Dirjen liaison (national accounts)
)

// notice is what an action tells the parties it concerns, as text with
// placeholders: {App} and {app} ("permohonan HA-… dari …", capitalised or not),
// {tenant}, {actor} and {deadline} ("paling lambat N hari kerja (standar
// pelayanan)"). The title, the reason and the link are added by message. The
// actor is never told of their own action (see notifyTransition).
type notice struct {
	to []audience
	// alsoFrom adds parties when the action leaves a given state.
	alsoFrom map[workflow.State][]audience
	what     string
	// next is the step each party takes next; anyone stands for the others.
	next map[audience]string
	// after rewords title and what when the action leaves a given state (a
	// resubmission after a return).
	after map[workflow.State]reworded
	// officeNamed: the text already names the Disdukcapil, so the Dirjen's copy
	// needs no "(Disdukcapil …)" after the institution.
	officeNamed bool
}

type reworded struct{ title, what string }

// anyone is the key of notice.next for every party not named.
const anyone audience = -1

// audiences are the parties a notice goes to when the action leaves from.
func (n notice) audiences(from workflow.State) []audience {
	return append(append([]audience(nil), n.to...), n.alsoFrom[from]...)
}

func audienceOf(role string) (audience, bool) {
	switch workflow.Role(role) {
	case workflow.RoleLembaga:
		return toLembaga, true
	case workflow.RolePetugas, workflow.RoleKepala:
		return toStaff, true
	case workflow.RoleDirjen:
		return toDirjen, true
	}
	return 0, false
}

func rolesOf(auds []audience) []string {
	var roles []string
	for _, a := range auds {
		switch a {
		case toLembaga:
			roles = append(roles, string(workflow.RoleLembaga))
		case toStaff:
			roles = append(roles, string(workflow.RolePetugas), string(workflow.RoleKepala))
		case toDirjen:
			roles = append(roles, string(workflow.RoleDirjen))
		}
	}
	return roles
}

// notifyTransition tells the parties a transition concerns, in the transition's
// own transaction: an in-app notification for each, and an e-mail in the outbox
// with its delivery job (queueMail). A rolled-back transition
// therefore tells nobody. It costs one query for the recipients and one insert
// per table, however many people are told.
func (a *App) notifyTransition(ctx context.Context, tx pgx.Tx, ap store.Application, t Tenant, inst Institution,
	def *actionDef, to workflow.State, p Principal, now time.Time, reason string) error {
	from := ap.State // ap was read before the transition
	auds := def.Notice.audiences(from)
	if len(auds) == 0 {
		return nil
	}
	recipients, err := store.NotificationRecipients(ctx, tx, ap.TenantID, ap.ID, rolesOf(auds), p.UserID)
	if err != nil {
		return fmt.Errorf("notification recipients: %w", err)
	}
	if len(recipients) == 0 {
		return nil
	}
	mc := messageContext{def: def, from: from, number: ap.Number, institution: inst.Name, tenant: t.Name,
		actor: actorName(p), reason: strings.TrimSpace(reason), slaDays: t.SLATargetDays}
	tenantID := ap.TenantID
	var notes []store.NewNotification
	var mails []store.NewMail
	for _, r := range recipients {
		aud, ok := audienceOf(r.Role)
		if !ok {
			continue
		}
		title, body := mc.message(aud)
		link := applicationLink(aud, t.Slug, ap.ID)
		notes = append(notes, store.NewNotification{TenantID: r.TenantID, UserID: r.UserID, ApplicationID: ap.ID,
			Title: title, Body: body, Link: link})
		mails = append(mails, store.NewMail{TenantID: &tenantID, To: r.Email, Subject: "[Hak Akses] " + title,
			Body: a.mailBody(r.Name, body, link, aud, t.Name)})
	}
	if err := store.InsertNotifications(ctx, tx, notes, now); err != nil {
		return fmt.Errorf("insert notifications: %w", err)
	}
	return a.queueMail(ctx, tx, mails, now)
}

// applicationLink is the application's page for a party.
func applicationLink(aud audience, slug string, id int64) string {
	n := strconv.FormatInt(id, 10)
	switch aud {
	case toLembaga:
		return "/" + slug + "/lembaga/permohonan/" + n
	case toStaff:
		return "/" + slug + "/kantor/permohonan/" + n
	}
	return "/dirjen/permohonan/" + n
}

func actorName(p Principal) string {
	if p.Role == workflow.RoleSystem || strings.TrimSpace(p.Name) == "" {
		return "Sistem Hak Akses"
	}
	return p.Name
}

// mailBody wraps a notification's text as a letter to its recipient, with an
// absolute link when the base URL is known.
func (a *App) mailBody(name, body, link string, aud audience, tenant string) string {
	url := strings.TrimRight(a.BaseURL, "/") + link
	sender := "Disdukcapil " + tenant
	if aud == toDirjen {
		sender = "Ditjen Dukcapil Kemendagri"
	}
	return fmt.Sprintf("Yth. %s,\n\n%s\n\nBuka permohonan: %s\n\nSalam,\nHak Akses — %s\n\n"+
		"E-mail ini dikirim otomatis oleh layanan Kerjasama Pemanfaatan Data Kependudukan Melalui Hak Akses; mohon tidak dibalas.\n",
		name, body, url, sender)
}

// messageContext is what a message says about one transition.
type messageContext struct {
	def         *actionDef
	from        workflow.State
	number      string
	institution string
	tenant      string
	actor       string
	reason      string
	slaDays     int
}

// message is a notification's title and text for one party, in Bahasa Indonesia:
// what happened to which application of which institution, why (when a reason
// was given), and what the party should do next.
func (m messageContext) message(aud audience) (title, body string) {
	n := m.def.Notice
	app := fmt.Sprintf("permohonan %s dari %s", m.number, m.institution)
	if aud == toDirjen && !n.officeNamed {
		// The national inbox spans every tenant.
		app = fmt.Sprintf("permohonan %s dari %s (Disdukcapil %s)", m.number, m.institution, m.tenant)
	}
	fill := strings.NewReplacer("{App}", capital(app), "{app}", app, "{tenant}", m.tenant, "{actor}", m.actor,
		"{deadline}", fmt.Sprintf("paling lambat %d hari kerja (standar pelayanan)", m.slaDays))
	title, what := m.def.Event.HistoryLabel(), n.what
	if r, ok := n.after[m.from]; ok {
		title, what = r.title, r.what
	}
	next, ok := n.next[aud]
	if !ok {
		next = n.next[anyone]
	}
	parts := []string{fill.Replace(what)}
	if m.reason != "" {
		parts = append(parts, "Alasan: "+strings.TrimRight(m.reason, ".")+".")
	}
	parts = append(parts, "Langkah berikutnya: "+fill.Replace(next))
	return title + ": " + m.number, strings.Join(parts, " ")
}

// capital upper-cases the first letter of a sentence.
func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
