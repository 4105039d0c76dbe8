package app

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/i18n"
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
		actor: actorName(p), system: isSystemActor(p), reason: strings.TrimSpace(reason), slaDays: t.SLATargetDays}
	tenantID := ap.TenantID
	var notes []store.NewNotification
	var mails []store.NewMail
	for _, r := range recipients {
		aud, ok := audienceOf(r.Role)
		if !ok {
			continue
		}
		// Each recipient reads it in their own language (users.language, loaded
		// with the recipients; none chosen is Indonesian).
		loc := i18n.For(i18n.Lang(r.Language))
		title, body := mc.message(aud, loc)
		link := applicationLink(aud, t.Slug, ap.ID)
		notes = append(notes, store.NewNotification{TenantID: r.TenantID, UserID: r.UserID, ApplicationID: ap.ID,
			Title: title, Body: body, Link: link})
		mails = append(mails, store.NewMail{TenantID: &tenantID, To: r.Email, Subject: "[Hak Akses] " + title,
			Body: a.mailBody(loc, r.Name, body, link, aud, t.Name)})
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
	if isSystemActor(p) {
		return "Sistem Hak Akses"
	}
	return p.Name
}

// isSystemActor: the action has no person to name (a timer, or an account without a name).
func isSystemActor(p Principal) bool {
	return p.Role == workflow.RoleSystem || strings.TrimSpace(p.Name) == ""
}

// mailBody wraps a notification's text as a letter to its recipient, with an
// absolute link when the base URL is known.
func (a *App) mailBody(loc *i18n.Localizer, name, body, link string, aud audience, tenant string) string {
	url := strings.TrimRight(a.BaseURL, "/") + link
	sender := "Disdukcapil " + tenant
	if aud == toDirjen {
		sender = "Ditjen Dukcapil Kemendagri"
	}
	return loc.T("mail.transition.body", "Name", name, "Body", body, "URL", url, "Sender", sender)
}

// messageContext is what a message says about one transition.
type messageContext struct {
	def         *actionDef
	from        workflow.State
	number      string
	institution string
	tenant      string
	actor       string
	system      bool // no person acted: the actor is named in the reader's language
	reason      string
	slaDays     int
}

// message is a notification's title and text for one party, in the language of
// loc: what happened to which application of which institution, why (when a
// reason was given), and what the party should do next. The notice's texts come
// from the catalogue by key (noticeKey); the Indonesian there equals the
// literals of the action definitions (TestNoticeCatalogueMatchesActions).
func (m messageContext) message(aud audience, loc *i18n.Localizer) (title, body string) {
	n := m.def.Notice
	ev := m.def.Event
	app := loc.T("mail.app", "Number", m.number, "Institution", m.institution)
	if aud == toDirjen && !n.officeNamed {
		// The national inbox spans every tenant.
		app = loc.T("mail.app_national", "Number", m.number, "Institution", m.institution, "Tenant", m.tenant)
	}
	actor := m.actor
	if m.system {
		actor = loc.T("mail.system_actor")
	}
	fill := strings.NewReplacer("{App}", capital(app), "{app}", app, "{tenant}", m.tenant, "{actor}", actor,
		"{deadline}", loc.T("mail.deadline", "Count", m.slaDays))
	title = textOr(loc, "event."+string(ev), ev.HistoryLabel())
	what := textOr(loc, noticeKey(ev, "what"), n.what)
	if r, ok := n.after[m.from]; ok {
		title = textOr(loc, noticeKey(ev, "after."+string(m.from)+".title"), r.title)
		what = textOr(loc, noticeKey(ev, "after."+string(m.from)+".what"), r.what)
	}
	next, ok := n.next[aud]
	nextKey := noticeKey(ev, "next."+aud.key())
	if !ok {
		next, nextKey = n.next[anyone], noticeKey(ev, "next."+anyone.key())
	}
	next = textOr(loc, nextKey, next)
	parts := []string{fill.Replace(what)}
	if m.reason != "" {
		parts = append(parts, loc.T("mail.reason", "Reason", strings.TrimRight(m.reason, ".")))
	}
	parts = append(parts, loc.T("mail.next", "Next", fill.Replace(next)))
	return title + ": " + m.number, strings.Join(parts, " ")
}

// noticeKey is the catalogue key of one text of an action's notice:
// mail.<event>.what, mail.<event>.next.<party>, mail.<event>.after.<state>.title.
func noticeKey(ev workflow.Event, part string) string { return "mail." + string(ev) + "." + part }

// key names a party in catalogue keys.
func (a audience) key() string {
	switch a {
	case toLembaga:
		return "lembaga"
	case toStaff:
		return "staff"
	case toDirjen:
		return "dirjen"
	}
	return "anyone"
}

// textOr is the catalogue's text of key, or fallback (the definition's own
// Indonesian) when the catalogue lacks it, so a message never shows a key.
func textOr(loc *i18n.Localizer, key, fallback string) string {
	if s := loc.T(key); s != key {
		return s
	}
	return fallback
}

// capital upper-cases the first letter of a sentence.
func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
