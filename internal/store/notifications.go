package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// Recipient is an account a notification goes to, as notification_recipients
// returns it: only what a message needs.
type Recipient struct {
	UserID   int64  `db:"user_id"`
	Email    string `db:"email"`
	Name     string `db:"name"`
	Role     string `db:"role"`
	TenantID *int64 `db:"tenant_id"` // nil for the Dirjen liaison
	Language string `db:"language"`  // users.language: "id", "en", or "" when not chosen (Indonesian)
}

// NotificationRecipients lists the active accounts of the given roles that an
// application concerns (its institution's lembaga users, its tenant's staff, the
// Dirjen liaison), except one user (the actor). It works from any scope that may
// act on the application, through the SECURITY DEFINER function of migration 4.
// The reason messages quote comes from the transition itself, which appends
// its history entry last (after the letter numbers).
func NotificationRecipients(ctx context.Context, q pgx.Tx, tenantID, appID int64, roles []string, except int64) ([]Recipient, error) {
	rows, err := q.Query(ctx, `SELECT r.user_id, r.email, r.name, r.role, r.tenant_id, r.language
		FROM notification_recipients($1, $2) r
		WHERE r.user_id <> $3
		ORDER BY r.user_id`, appID, roles, except)
	if err != nil {
		return nil, fmt.Errorf("store: notification recipients of application %d in tenant %d: %w", appID, tenantID, err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[Recipient])
	if err != nil {
		return nil, fmt.Errorf("store: notification recipients of application %d in tenant %d: %w", appID, tenantID, err)
	}
	return out, nil
}

// NewNotification is one in-app notification to insert.
type NewNotification struct {
	TenantID      *int64
	UserID        int64
	ApplicationID int64
	Title         string
	Body          string
	Link          string
}

// InsertNotifications adds notifications in one statement.
func InsertNotifications(ctx context.Context, q pgx.Tx, list []NewNotification, now time.Time) error {
	if len(list) == 0 {
		return nil
	}
	n := len(list)
	tenants, users, apps := make([]*int64, n), make([]int64, n), make([]int64, n)
	titles, bodies, links := make([]string, n), make([]string, n), make([]string, n)
	for i, x := range list {
		tenants[i], users[i], apps[i], titles[i], bodies[i], links[i] = x.TenantID, x.UserID, x.ApplicationID, x.Title, x.Body, x.Link
	}
	_, err := q.Exec(ctx, `INSERT INTO notifications (tenant_id, user_id, application_id, title, body, link, created_at)
		SELECT t, u, NULLIF(a, 0), ti, b, l, $7 FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[]) AS x(t, u, a, ti, b, l)`,
		tenants, users, apps, titles, bodies, links, now)
	return err
}

// NewMail is one e-mail to put in the outbox.
type NewMail struct {
	TenantID *int64
	To       string
	Subject  string
	Body     string
}

// EnqueueMail adds e-mails to the outbox in one statement, due at once, and
// returns their IDs in the order given (a delivery job is queued for each).
func EnqueueMail(ctx context.Context, q pgx.Tx, list []NewMail, now time.Time) ([]int64, error) {
	if len(list) == 0 {
		return nil, nil
	}
	n := len(list)
	tenants, tos, subjects, bodies := make([]*int64, n), make([]string, n), make([]string, n), make([]string, n)
	for i, m := range list {
		tenants[i], tos[i], subjects[i], bodies[i] = m.TenantID, m.To, m.Subject, m.Body
	}
	// A transition may add to the outbox but not read it (row-level security), so
	// RETURNING is not allowed: the IDs are drawn from the table's sequence first.
	rows, err := q.Query(ctx, `SELECT nextval(pg_get_serial_sequence('outbox', 'id')) FROM generate_series(1, $1)`, n)
	if err != nil {
		return nil, err
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, err
	}
	_, err = q.Exec(ctx, `INSERT INTO outbox (id, tenant_id, to_address, subject, body, created_at, next_attempt_at)
		SELECT i, t, a, s, b, $6, $6 FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[]) AS x(i, t, a, s, b)`,
		ids, tenants, tos, subjects, bodies, now)
	if err != nil {
		return nil, err
	}
	return ids, nil
}

// Notification is one in-app notification as its recipient sees it.
type Notification struct {
	ID            int64      `db:"id"`
	ApplicationID *int64     `db:"application_id"`
	Title         string     `db:"title"`
	Body          string     `db:"body"`
	Link          string     `db:"link"`
	CreatedAt     time.Time  `db:"created_at"`
	ReadAt        *time.Time `db:"read_at"`
	TimeZone      string     `db:"zona_waktu"` // the recipient's tenant's zone; WIB for national accounts
}

// NotificationsOf lists a user's notifications, newest first.
func NotificationsOf(ctx context.Context, q pgx.Tx, userID int64, limit, offset int) ([]Notification, error) {
	rows, err := q.Query(ctx, `SELECT n.id, n.application_id, n.title, n.body, n.link, n.created_at, n.read_at,
			COALESCE(t.zona_waktu, 'Asia/Jakarta') AS zona_waktu
		FROM notifications n LEFT JOIN tenants t ON t.id = n.tenant_id
		WHERE n.user_id = $1
		ORDER BY n.created_at DESC, n.id DESC LIMIT $2 OFFSET $3`, userID, limit, offset)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[Notification])
}

// UnreadNotifications counts a user's unread notifications.
func UnreadNotifications(ctx context.Context, q pgx.Tx, userID int64) (int, error) {
	var n int
	err := q.QueryRow(ctx, `SELECT count(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL`, userID).Scan(&n)
	return n, err
}

// MarkNotificationRead marks one of a user's notifications read (keeping the first
// reading's time) and returns its link; another user's is ErrNotFound.
func MarkNotificationRead(ctx context.Context, q pgx.Tx, userID, id int64, now time.Time) (string, error) {
	var link string
	err := q.QueryRow(ctx, `UPDATE notifications SET read_at = COALESCE(read_at, $3)
		WHERE id = $2 AND user_id = $1 RETURNING link`, userID, id, now).Scan(&link)
	return link, notFound(err)
}

// MarkAllNotificationsRead marks every unread notification of a user read.
func MarkAllNotificationsRead(ctx context.Context, q pgx.Tx, userID int64, now time.Time) (int64, error) {
	tag, err := q.Exec(ctx, `UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL`, userID, now)
	return tag.RowsAffected(), err
}

// Mail is an outbox row.
type Mail struct {
	ID        int64      `db:"id"`
	To        string     `db:"to_address"`
	Subject   string     `db:"subject"`
	Body      string     `db:"body"`
	CreatedAt time.Time  `db:"created_at"`
	Attempts  int        `db:"attempts"`
	SentAt    *time.Time `db:"sent_at"`
	Delivery  *string    `db:"delivery"`
	LastError *string    `db:"last_error"`
	FailedAt  *time.Time `db:"failed_at"`
}

const mailColumns = `id, to_address, subject, body, created_at, attempts, sent_at, delivery, last_error, failed_at`

// RecentMail lists the newest outbox messages (system scope), for the development
// mailbox.
func RecentMail(ctx context.Context, q pgx.Tx, limit int) ([]Mail, error) {
	rows, err := q.Query(ctx, `SELECT `+mailColumns+` FROM outbox ORDER BY created_at DESC, id DESC LIMIT $1`, limit)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[Mail])
}
