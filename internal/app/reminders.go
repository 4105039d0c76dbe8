package app

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"

	"github.com/hakakses/hakakses/internal/calendar"
	"github.com/hakakses/hakakses/internal/i18n"
	"github.com/hakakses/hakakses/internal/idfmt"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// Reminders and escalations. A sweep every few minutes (one River job, scheduled
// once across instances) looks at the injected clock and sends what has fallen due:
//
//   - a Disdukcapil clock due within one office hour: the petugas; overdue: the
//     petugas again, and the kepala (escalation);
//   - a new registration: the tenant's staff; still unverified after its own
//     2-working-day clock: petugas and kepala;
//   - an active agreement 90, 30 and 7 days before its PKS ends: the lembaga and
//     the staff; a semester report falling due (its semester ended): the lembaga;
//     late: the lembaga and the staff;
//   - each morning from 07.00 WIB, the Dirjen liaison: a digest of what waits on them.
//
// Every message is claimed in reminder_log before it is written, in the same
// transaction, so each goes out once however often and wherever the sweep runs.
// Each user may take a kind of reminder in-app only (no e-mail).

// Job kinds of the reminder sweeps.
const (
	KindSendReminders = "send_reminders"
	KindDirjenDigest  = "dirjen_digest"
)

// SendRemindersJob runs the reminder sweep.
type SendRemindersJob struct{}

// Kind names the job for River.
func (SendRemindersJob) Kind() string { return KindSendReminders }

// DirjenDigestJob sends the Dirjen liaison's daily digest.
type DirjenDigestJob struct{}

// Kind names the job for River.
func (DirjenDigestJob) Kind() string { return KindDirjenDigest }

// Reminder preference kinds: what a user chooses a channel for.
const (
	PrefDeadline     = "deadline"
	PrefRegistration = "registration"
	PrefPKSEnd       = "pks_end"
	PrefReport       = "report"
	PrefDirjenDigest = "dirjen_digest"
)

// PKSReminderDays are the days before a PKS ends on which its parties are told.
var PKSReminderDays = []int{7, 30, 90} // ascending

// DigestHour is when the Dirjen's daily digest goes out (WIB).
const DigestHour = 7

func reminderSchedule() []periodicWork {
	return []periodicWork{
		{args: SendRemindersJob{}, schedule: river.PeriodicInterval(5 * time.Minute), period: 5 * time.Minute},
		{args: DirjenDigestJob{}, schedule: river.PeriodicInterval(time.Hour), period: time.Hour},
	}
}

func addReminderWorkers(a *App, workers *river.Workers) {
	river.AddWorker(workers, countingWork[SendRemindersJob](a, "reminders sent", a.SendReminders))
	river.AddWorker(workers, river.WorkFunc(func(ctx context.Context, _ *river.Job[DirjenDigestJob]) error {
		_, err := a.SendDirjenDigest(ctx)
		return err
	}))
}

// SendReminders runs every reminder sweep once at the clock's now and reports how
// many reminders it sent (each to one or more people).
func (a *App) SendReminders(ctx context.Context) (int, error) {
	s := &sweep{app: a, now: a.Clock.Now(), tenants: map[int64]tenantCal{}}
	for _, step := range []func(context.Context) error{s.deadlines, s.registrations, s.agreements, s.surveys} {
		if err := step(ctx); err != nil {
			return s.sent, err
		}
	}
	return s.sent, nil
}

type tenantCal struct {
	t   Tenant
	cal *calendar.Calendar
}

// sweep is one run: the instant it stands on, and the tenants' calendars it loaded.
type sweep struct {
	app     *App
	now     time.Time
	tenants map[int64]tenantCal
	sent    int
}

func (s *sweep) tenant(ctx context.Context, id int64) (tenantCal, error) {
	if tc, ok := s.tenants[id]; ok {
		return tc, nil
	}
	var tc tenantCal
	err := s.app.DB.ReadTx(ctx, store.System(), func(tx pgx.Tx) error {
		t, err := tenantByID(ctx, tx, id)
		if err != nil {
			return err
		}
		cal, err := calendarFor(ctx, tx, t)
		tc = tenantCal{t: t, cal: cal}
		return err
	})
	if err != nil {
		return tc, fmt.Errorf("tenant %d calendar: %w", id, err)
	}
	s.tenants[id] = tc
	return tc, nil
}

// message is one reminder: its ledger key, who gets it and what it says.
type message struct {
	kind     string // reminder_log kind
	subject  int64
	mark     string
	tenantID *int64
	pref     string
	// To whom: the roles of the tenant (or national accounts when tenantID is nil),
	// restricted to one institution's users when institution is set.
	roles       []string
	institution int64
	appID       int64
	// text is the title and body in a reader's language (each addressee's own).
	text   func(loc *i18n.Localizer) (title, body string)
	link   func(role string) string
	sender string
}

// send claims the message and, if this run is first, writes its notifications and
// e-mails, all in one transaction.
func (s *sweep) send(ctx context.Context, msgs ...message) error {
	err := s.app.DB.Tx(ctx, store.System(), func(tx pgx.Tx) error {
		for _, m := range msgs {
			first, err := store.ClaimReminder(ctx, tx, m.kind, m.subject, m.mark, m.tenantID, s.now)
			if err != nil {
				return fmt.Errorf("claim %s reminder: %w", m.kind, err)
			}
			if !first {
				continue
			}
			if err := s.app.writeReminder(ctx, tx, m, s.now); err != nil {
				return err
			}
			s.sent++
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("send %s reminder about %d: %w", msgs[0].kind, msgs[0].subject, err)
	}
	return nil
}

func (a *App) writeReminder(ctx context.Context, tx pgx.Tx, m message, now time.Time) error {
	who, err := store.Addressees(ctx, tx, m.tenantID, m.institution, m.roles, m.pref)
	if err != nil {
		return fmt.Errorf("addressees: %w", err)
	}
	var notes []store.NewNotification
	var mails []store.NewMail
	for _, u := range who {
		link := m.link(u.Role)
		loc := i18n.For(i18n.Lang(u.Language)) // loaded with the addressees
		title, body := m.text(loc)
		notes = append(notes, store.NewNotification{TenantID: u.TenantID, UserID: u.UserID, ApplicationID: m.appID,
			Title: title, Body: body, Link: link})
		if u.Channel == "inapp" {
			continue
		}
		mails = append(mails, store.NewMail{TenantID: m.tenantID, To: u.Email, Subject: "[Hak Akses] " + title,
			Body: loc.T("rem.mail", "Name", u.Name, "Body", body, "URL", strings.TrimRight(a.BaseURL, "/")+link, "Sender", m.sender)})
	}
	if err := store.InsertNotifications(ctx, tx, notes, now); err != nil {
		return fmt.Errorf("insert notifications: %w", err)
	}
	return a.queueMail(ctx, tx, mails, now)
}

var (
	rolesPetugas = []string{"petugas"}
	rolesKepala  = []string{"kepala"}
	rolesStaff   = []string{"petugas", "kepala"}
	rolesLembaga = []string{"lembaga"}
)

// ClockMark is the ledger mark of one running clock: a clock restarted or moved by
// a calendar change is a new deadline, reminded afresh.
func ClockMark(clock string, due time.Time) string {
	return clock + "@" + strconv.FormatInt(due.Unix(), 10)
}

// deadlines: due within one office hour, or overdue (with the escalation).
func (s *sweep) deadlines(ctx context.Context) error {
	var list []store.OpenClock
	err := s.app.DB.ReadTx(ctx, store.System(), func(tx pgx.Tx) error {
		var err error
		// Fourteen days cover one office hour across the longest run of holidays.
		list, err = store.ClocksDueBefore(ctx, tx, s.now.Add(14*24*time.Hour), 5000)
		return err
	})
	if err != nil {
		return fmt.Errorf("clocks due: %w", err)
	}
	for _, c := range list {
		tc, err := s.tenant(ctx, c.TenantID)
		if err != nil {
			return err
		}
		tid, slug := c.TenantID, tc.t.Slug
		link := func(string) string { return applicationLink(toStaff, slug, c.ID) }
		base := message{subject: c.ID, mark: ClockMark(c.Clock, c.DueAt), tenantID: &tid, pref: PrefDeadline, appID: c.ID,
			link: link, sender: "Disdukcapil " + tc.t.Name}
		zone := tc.t.Location()
		text := func(key string) func(*i18n.Localizer) (string, string) {
			return func(loc *i18n.Localizer) (string, string) {
				return loc.T(key+".title", "Number", c.Number), loc.T(key+".body", "Number", c.Number, "Institution", c.Institution,
					"Due", localTime(loc, c.DueAt, zone))
			}
		}
		switch {
		case !s.now.Before(c.DueAt):
			over := base
			over.kind, over.roles = "overdue", rolesPetugas
			over.text = text("rem.overdue")
			esc := base
			esc.kind, esc.roles = "escalation", rolesKepala
			esc.text = text("rem.escalation")
			if err := s.send(ctx, over, esc); err != nil {
				return err
			}
		case tc.cal.Remaining(s.now, c.DueAt) <= time.Hour:
			soon := base
			soon.kind, soon.roles = "due_soon", rolesPetugas
			soon.text = text("rem.due_soon")
			if err := s.send(ctx, soon); err != nil {
				return err
			}
		}
	}
	return nil
}

// RegistrationDays is the working-day clock of a new registration's verification.
const RegistrationDays = 2

// registrations: a new one tells the staff; one unverified after its clock escalates.
func (s *sweep) registrations(ctx context.Context) error {
	var list []store.PendingRegistration
	err := s.app.DB.ReadTx(ctx, store.System(), func(tx pgx.Tx) error {
		var err error
		list, err = store.PendingRegistrations(ctx, tx, 5000)
		return err
	})
	if err != nil {
		return fmt.Errorf("pending registrations: %w", err)
	}
	for _, r := range list {
		tc, err := s.tenant(ctx, r.TenantID)
		if err != nil {
			return err
		}
		tid, slug := r.TenantID, tc.t.Slug
		link := func(string) string { return "/" + slug + "/kantor/lembaga/" + strconv.FormatInt(r.ID, 10) }
		due := tc.cal.Deadline(r.CreatedAt, RegistrationDays)
		name, zone := r.Name, tc.t.Location()
		text := func(key string) func(*i18n.Localizer) (string, string) {
			return func(loc *i18n.Localizer) (string, string) {
				return loc.T(key+".title", "Name", name), loc.T(key+".body", "Name", name, "Due", localTime(loc, due, zone))
			}
		}
		msgs := []message{{kind: "registration", subject: r.ID, mark: "baru", tenantID: &tid, pref: PrefRegistration,
			roles: rolesStaff, link: link, sender: "Disdukcapil " + tc.t.Name, text: text("rem.registration")}}
		if !s.now.Before(due) {
			msgs = append(msgs, message{kind: "registration_overdue", subject: r.ID, mark: ClockMark("registration", due),
				tenantID: &tid, pref: PrefDeadline, roles: rolesStaff, link: link, sender: "Disdukcapil " + tc.t.Name,
				text: text("rem.registration_overdue")})
		}
		if err := s.send(ctx, msgs...); err != nil {
			return err
		}
	}
	return nil
}

// agreements: PKS ending in 90, 30, 7 days; semester reports due or late.
func (s *sweep) agreements(ctx context.Context) error {
	var list []store.Agreement
	err := s.app.DB.ReadTx(ctx, store.System(), func(tx pgx.Tx) error {
		var err error
		list, err = store.ActiveAgreements(ctx, tx, s.now.AddDate(100, 0, 0))
		return err
	})
	if err != nil {
		return fmt.Errorf("active agreements: %w", err)
	}
	for _, ag := range list {
		tc, err := s.tenant(ctx, ag.TenantID)
		if err != nil {
			return err
		}
		tid, slug := ag.TenantID, tc.t.Slug
		link := func(role string) string {
			if role == "lembaga" {
				return applicationLink(toLembaga, slug, ag.ID)
			}
			return applicationLink(toStaff, slug, ag.ID)
		}
		base := message{subject: ag.ID, tenantID: &tid, appID: ag.ID, link: link, sender: "Disdukcapil " + tc.t.Name}
		var msgs []message
		today := tc.cal.DateOf(s.now)
		end := calendar.Date{Year: ag.PKSEnd.Year(), Month: ag.PKSEnd.Month(), Day: ag.PKSEnd.Day()}
		left := daysBetween(today, end)
		for _, n := range PKSReminderDays { // the nearest threshold crossed only
			if left >= 0 && left <= n {
				m := base
				m.kind, m.mark, m.pref = "pks_end", strconv.Itoa(n)+":"+end.String(), PrefPKSEnd
				m.roles = []string{"lembaga", "petugas", "kepala"}
				m.text = func(loc *i18n.Localizer) (string, string) {
					return loc.T("rem.pks_end.title", "Days", n, "Number", ag.Number),
						loc.T("rem.pks_end.body", "Number", ag.Number, "Institution", ag.Institution,
							"End", dateIn(loc, ag.PKSEnd), "Count", left)
				}
				msgs = append(msgs, m)
				break
			}
		}
		// Semester reports: the existing rule decides what is due (reportStatus).
		events := make([]store.Event, len(ag.Reports))
		for i, at := range ag.Reports {
			events[i] = store.Event{Event: "file_report", At: at}
		}
		start, endT := ag.PKSStart, ag.PKSEnd
		rs, ok := reportStatus(store.Application{State: workflow.State(ag.State), PKSStart: &start, PKSEnd: &endT}, events, s.now)
		if ok && !rs.NextDue.IsZero() && !s.now.Before(rs.NextDue.AddDate(0, -ReportGrace, 0)) {
			m := base
			m.kind, m.mark, m.pref, m.roles = "report_due", rs.NextDue.Format("2006-01-02"), PrefReport, rolesLembaga
			nextDue := rs.NextDue
			m.text = func(loc *i18n.Localizer) (string, string) {
				return loc.T("rem.report_due.title", "Number", ag.Number),
					loc.T("rem.report_due.body", "Number", ag.Number, "Due", dateIn(loc, nextDue))
			}
			msgs = append(msgs, m)
		}
		if ok && rs.Overdue() {
			m := base
			m.kind, m.mark, m.pref = "report_late", strconv.Itoa(rs.Due), PrefReport
			m.roles = []string{"lembaga", "petugas", "kepala"}
			missing, due := rs.Due-rs.Filed, rs.Due
			m.text = func(loc *i18n.Localizer) (string, string) {
				return loc.T("rem.report_late.title", "Number", ag.Number),
					loc.T("rem.report_late.body", "Institution", ag.Institution, "Count", missing, "Due", due, "Number", ag.Number)
			}
			msgs = append(msgs, m)
		}
		if len(msgs) > 0 {
			if err := s.send(ctx, msgs...); err != nil {
				return err
			}
		}
	}
	return nil
}

// SendDirjenDigest sends each Dirjen liaison, once a day from DigestHour WIB, the
// list of applications waiting on them (nothing when none waits). It reports how
// many digests it sent.
func (a *App) SendDirjenDigest(ctx context.Context) (int, error) {
	now := a.Clock.Now()
	local := now.In(wibZone())
	if local.Hour() < DigestHour {
		return 0, nil
	}
	s := &sweep{app: a, now: now}
	var list []store.WaitingOnDirjen
	var total int
	var liaisons []store.Addressee
	err := a.DB.ReadTx(ctx, store.System(), func(tx pgx.Tx) error {
		var err error
		if list, total, err = store.WaitingOnDirjenList(ctx, tx, 20); err != nil {
			return err
		}
		liaisons, err = store.Addressees(ctx, tx, nil, 0, []string{"dirjen"}, PrefDirjenDigest)
		return err
	})
	if err != nil || total == 0 {
		return 0, err
	}
	// The digest's text, in each language a liaison reads (built once per language).
	text := func(loc *i18n.Localizer) (string, string) {
		var b strings.Builder
		b.WriteString(loc.T("rem.digest.lead", "Count", total))
		for _, w := range list {
			what := loc.T("rem.digest.what_approval")
			if w.State == "dwh_requested" {
				what = loc.T("rem.digest.what_dwh")
			}
			b.WriteString(loc.T("rem.digest.item", "Number", w.Number, "Institution", w.Institution, "Tenant", w.Tenant,
				"What", what, "Since", dateIn(loc, w.Since.In(wibZone()))))
		}
		if total > len(list) {
			b.WriteString(loc.T("rem.digest.more", "Count", total-len(list)))
		}
		return loc.T("rem.digest.title", "Count", total), b.String()
	}
	day := local.Format("2006-01-02")
	for _, u := range liaisons {
		m := message{kind: "dirjen_digest", subject: u.UserID, mark: day, pref: PrefDirjenDigest, roles: []string{"dirjen"},
			link: func(string) string { return "/dirjen/" }, sender: "Ditjen Dukcapil Kemendagri", text: text}
		if err := s.sendTo(ctx, m, u); err != nil {
			return s.sent, err
		}
	}
	return s.sent, nil
}

// sendTo is send for a message to one user only (the digest is per liaison).
func (s *sweep) sendTo(ctx context.Context, m message, u store.Addressee) error {
	return s.app.DB.Tx(ctx, store.System(), func(tx pgx.Tx) error {
		first, err := store.ClaimReminder(ctx, tx, m.kind, m.subject, m.mark, nil, s.now)
		if err != nil || !first {
			return err
		}
		loc := i18n.For(i18n.Lang(u.Language))
		title, body := m.text(loc)
		notes := []store.NewNotification{{UserID: u.UserID, Title: title, Body: body, Link: m.link(u.Role)}}
		if err := store.InsertNotifications(ctx, tx, notes, s.now); err != nil {
			return fmt.Errorf("insert digest notification: %w", err)
		}
		s.sent++
		if u.Channel == "inapp" {
			return nil
		}
		return s.app.queueMail(ctx, tx, []store.NewMail{{To: u.Email, Subject: "[Hak Akses] " + title,
			Body: loc.T("rem.digest.mail", "Name", u.Name, "Body", body, "URL", strings.TrimRight(s.app.BaseURL, "/")+m.link(u.Role))}}, s.now)
	})
}

func daysBetween(from, to calendar.Date) int {
	a := time.Date(from.Year, from.Month, from.Day, 0, 0, 0, 0, time.UTC)
	b := time.Date(to.Year, to.Month, to.Day, 0, 0, 0, 0, time.UTC)
	return int(b.Sub(a).Hours() / 24)
}

func wibZone() *time.Location {
	if loc, err := time.LoadLocation("Asia/Jakarta"); err == nil {
		return loc
	}
	return time.FixedZone("WIB", 7*3600)
}

var bulan = [...]string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
	"Oktober", "November", "Desember"}

// formatDate prints a date as "9 Maret 2028".
func formatDate(t time.Time) string {
	return fmt.Sprintf("%d %s %d", t.Day(), bulan[t.Month()-1], t.Year())
}

// dateIn is formatDate in a reader's language: "9 Maret 2028", "9 March 2028".
func dateIn(loc *i18n.Localizer, t time.Time) string {
	return idfmt.For(string(loc.Lang())).Date(t)
}

// localTime is formatLocal in a reader's language: "10 Maret 2026 16.00 WIB",
// "10 March 2026 16:00 WIB" (the zone's abbreviation as the tenant's zone names it).
func localTime(loc *i18n.Localizer, t time.Time, zone *time.Location) string {
	f, lt := idfmt.For(string(loc.Lang())), t.In(zone)
	return f.Date(lt) + " " + f.Clock(lt) + " " + lt.Format("MST")
}

// formatLocal prints an instant in a zone as "10 Maret 2026 16.00 WIB".
func formatLocal(t time.Time, loc *time.Location) string {
	lt := t.In(loc)
	return fmt.Sprintf("%s %02d.%02d %s", formatDate(lt), lt.Hour(), lt.Minute(), lt.Format("MST"))
}
