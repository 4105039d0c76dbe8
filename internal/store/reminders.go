package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// The reminder sweeps read across tenants in the system scope, each with one query
// per kind however many tenants and applications there are, and claim every
// message in reminder_log before sending it.

// ClaimReminder records that a reminder is being sent and reports whether this
// call was first: the ledger's key makes a reminder go out once, even when two
// instances sweep at the same moment (the second waits for the first's
// transaction and then finds the key taken).
func ClaimReminder(ctx context.Context, q pgx.Tx, kind string, subjectID int64, mark string, tenantID *int64, now time.Time) (bool, error) {
	tag, err := q.Exec(ctx, `INSERT INTO reminder_log (kind, subject_id, mark, tenant_id, sent_at)
		VALUES (@kind, @subject, @mark, @tenant, @now) ON CONFLICT DO NOTHING`,
		pgx.NamedArgs{"kind": kind, "subject": subjectID, "mark": mark, "tenant": tenantID, "now": now})
	if err != nil {
		return false, err
	}
	return tag.RowsAffected() == 1, nil
}

// Addressee is an active account a reminder goes to, with the channel its user
// chose for that kind of reminder ("email" or "inapp").
type Addressee struct {
	UserID   int64  `db:"id"`
	Email    string `db:"email"`
	Name     string `db:"name"`
	Role     string `db:"role"`
	TenantID *int64 `db:"tenant_id"`
	Channel  string `db:"channel"`
	Language string `db:"language"` // users.language, "" when not chosen (Indonesian)
}

// Addressees lists the active accounts of the given roles of a tenant (nil: the
// national accounts), of one institution when institutionID is not 0, with each
// one's channel for prefKind.
func Addressees(ctx context.Context, q pgx.Tx, tenantID *int64, institutionID int64, roles []string, prefKind string) ([]Addressee, error) {
	rows, err := q.Query(ctx, `SELECT u.id, u.email, u.name, u.role, u.tenant_id, COALESCE(p.channel, 'email') AS channel,
		       COALESCE(u.language, '') AS language
		FROM users u LEFT JOIN notification_preferences p ON p.user_id = u.id AND p.kind = @pref
		WHERE u.active AND u.role = ANY(@roles)
		  AND (u.tenant_id = @tenant OR (@tenant::bigint IS NULL AND u.tenant_id IS NULL))
		  AND (@institution = 0 OR u.institution_id = @institution)
		ORDER BY u.id`,
		pgx.NamedArgs{"pref": prefKind, "roles": roles, "tenant": tenantID, "institution": institutionID})
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[Addressee])
}

// OpenClock is an application whose Disdukcapil clock runs, with its due instant.
type OpenClock struct {
	ID            int64     `db:"id"`
	TenantID      int64     `db:"tenant_id"`
	InstitutionID int64     `db:"institution_id"`
	Number        string    `db:"number"`
	Clock         string    `db:"sla_clock"`
	DueAt         time.Time `db:"sla_due_at"`
	Institution   string    `db:"institution"`
}

// ClocksDueBefore lists the running clocks due before an instant whose overdue
// reminder has not gone out yet (mark: clock and due instant, see ClockMark).
func ClocksDueBefore(ctx context.Context, q pgx.Tx, before time.Time, limit int) ([]OpenClock, error) {
	rows, err := q.Query(ctx, `SELECT a.id, a.tenant_id, a.institution_id, a.number, a.sla_clock, a.sla_due_at, i.nama AS institution
		FROM applications a JOIN institutions i ON i.tenant_id = a.tenant_id AND i.id = a.institution_id
		WHERE a.sla_due_at IS NOT NULL AND a.sla_due_at < @before
		  AND NOT EXISTS (SELECT 1 FROM reminder_log r WHERE r.kind = 'overdue' AND r.subject_id = a.id
		                  AND r.mark = a.sla_clock || '@' || floor(extract(epoch FROM a.sla_due_at))::bigint)
		ORDER BY a.sla_due_at, a.id LIMIT @limit`, pgx.NamedArgs{"before": before, "limit": limit})
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[OpenClock])
}

// Agreement is an active agreement, for the PKS-end and report reminders.
type Agreement struct {
	ID            int64       `db:"id"`
	TenantID      int64       `db:"tenant_id"`
	InstitutionID int64       `db:"institution_id"`
	Number        string      `db:"number"`
	State         string      `db:"state"`
	PKSStart      time.Time   `db:"pks_start"`
	PKSEnd        time.Time   `db:"pks_end"`
	Institution   string      `db:"institution"`
	Reports       []time.Time `db:"reports"` // when each usage report was filed, in order
}

// ActiveAgreements lists the active agreements whose PKS ends on or before a date,
// with the instants their semester reports were filed.
func ActiveAgreements(ctx context.Context, q pgx.Tx, endingBy time.Time) ([]Agreement, error) {
	rows, err := q.Query(ctx, `SELECT a.id, a.tenant_id, a.institution_id, a.number, a.state, a.pks_start, a.pks_end,
			i.nama AS institution,
			ARRAY(SELECT e.at FROM application_events e WHERE e.tenant_id = a.tenant_id AND e.application_id = a.id
			      AND e.event = 'file_report' ORDER BY e.seq) AS reports
		FROM applications a JOIN institutions i ON i.tenant_id = a.tenant_id AND i.id = a.institution_id
		WHERE a.state = 'active' AND a.pks_start IS NOT NULL AND a.pks_end <= @by::date
		ORDER BY a.pks_end, a.id`, pgx.NamedArgs{"by": endingBy.Format("2006-01-02")})
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[Agreement])
}

// PendingRegistration is an institution waiting for verification.
type PendingRegistration struct {
	ID        int64     `db:"id"`
	TenantID  int64     `db:"tenant_id"`
	Name      string    `db:"name"`
	CreatedAt time.Time `db:"created_at"`
}

// PendingRegistrations lists institutions waiting for verification whose
// registration_overdue reminder has not gone out, oldest first.
func PendingRegistrations(ctx context.Context, q pgx.Tx, limit int) ([]PendingRegistration, error) {
	rows, err := q.Query(ctx, `SELECT i.id, i.tenant_id, i.nama AS name, i.created_at FROM institutions i
		WHERE i.status = 'pending'
		  AND NOT EXISTS (SELECT 1 FROM reminder_log r WHERE r.kind = 'registration_overdue' AND r.subject_id = i.id)
		ORDER BY i.created_at, i.id LIMIT @limit`, pgx.NamedArgs{"limit": limit})
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[PendingRegistration])
}

// WaitingOnDirjen is an application forwarded to the Dirjen and waiting on them.
type WaitingOnDirjen struct {
	ID          int64     `db:"id"`
	Number      string    `db:"number"`
	State       string    `db:"state"`
	Since       time.Time `db:"state_since"`
	Tenant      string    `db:"tenant"`
	Institution string    `db:"institution"`
}

// WaitingOnDirjenList lists, oldest first, up to limit applications waiting on the
// Dirjen (a decision on a forwarded application, or on a DWH request), and how many
// there are in all.
func WaitingOnDirjenList(ctx context.Context, q pgx.Tx, limit int) ([]WaitingOnDirjen, int, error) {
	var total int
	if err := q.QueryRow(ctx, `SELECT count(*) FROM applications WHERE state IN ('forwarded', 'dwh_requested')`).Scan(&total); err != nil {
		return nil, 0, err
	}
	rows, err := q.Query(ctx, `SELECT a.id, a.number, a.state, a.state_since, t.nama AS tenant, i.nama AS institution
		FROM applications a JOIN tenants t ON t.id = a.tenant_id
		JOIN institutions i ON i.tenant_id = a.tenant_id AND i.id = a.institution_id
		WHERE a.state IN ('forwarded', 'dwh_requested')
		ORDER BY a.state_since, a.id LIMIT @limit`, pgx.NamedArgs{"limit": limit})
	if err != nil {
		return nil, 0, err
	}
	list, err := pgx.CollectRows(rows, pgx.RowToStructByName[WaitingOnDirjen])
	return list, total, err
}

// NotificationPreferences returns a user's channel per reminder kind (kinds not
// chosen are absent: e-mail).
func NotificationPreferences(ctx context.Context, q pgx.Tx, userID int64) (map[string]string, error) {
	rows, err := q.Query(ctx, `SELECT kind, channel FROM notification_preferences WHERE user_id = $1`, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, c string
		if err := rows.Scan(&k, &c); err != nil {
			return nil, err
		}
		out[k] = c
	}
	return out, rows.Err()
}

// SetNotificationPreference stores a user's channel for one kind of reminder.
func SetNotificationPreference(ctx context.Context, q pgx.Tx, userID int64, kind, channel string) error {
	_, err := q.Exec(ctx, `INSERT INTO notification_preferences (user_id, kind, channel) VALUES ($1, $2, $3)
		ON CONFLICT (user_id, kind) DO UPDATE SET channel = EXCLUDED.channel`, userID, kind, channel)
	return err
}
