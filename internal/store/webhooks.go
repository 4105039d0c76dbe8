package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// Webhook is a tenant's outgoing webhook: its endpoint and signing secret. Row-level
// security shows it to the tenant's kepala, the platform admin and the delivery
// worker only (migration 22).
type Webhook struct {
	TenantID  int64     `db:"tenant_id"`
	URL       string    `db:"url"`
	Secret    string    `db:"secret"`
	CreatedAt time.Time `db:"created_at"`
	UpdatedAt time.Time `db:"updated_at"`
}

const webhookColumns = `tenant_id, url, secret, created_at, updated_at`

// WebhookOf reads a tenant's webhook; ErrNotFound when it has none.
func WebhookOf(ctx context.Context, q pgx.Tx, tenantID int64) (Webhook, error) {
	rows, err := q.Query(ctx, `SELECT `+webhookColumns+` FROM tenant_webhooks WHERE tenant_id = $1`, tenantID)
	if err != nil {
		return Webhook{}, fmt.Errorf("store: read webhook of tenant %d: %w", tenantID, err)
	}
	w, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Webhook])
	if errors.Is(err, pgx.ErrNoRows) {
		return Webhook{}, ErrNotFound
	}
	if err != nil {
		return Webhook{}, fmt.Errorf("store: read webhook of tenant %d: %w", tenantID, err)
	}
	return w, nil
}

// SetWebhookURL points a tenant's webhook at url, creating it with secret when the
// tenant has none; an existing webhook keeps its secret. It reports whether it
// created one.
func SetWebhookURL(ctx context.Context, q pgx.Tx, tenantID int64, url, secret string, now time.Time) (bool, error) {
	var created bool
	err := q.QueryRow(ctx, `INSERT INTO tenant_webhooks (tenant_id, url, secret, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $4)
		ON CONFLICT (tenant_id) DO UPDATE SET url = EXCLUDED.url, updated_at = EXCLUDED.updated_at
		RETURNING xmax = 0`, tenantID, url, secret, now).Scan(&created)
	if err != nil {
		return false, fmt.Errorf("store: set webhook of tenant %d: %w", tenantID, err)
	}
	return created, nil
}

// SetWebhookSecret replaces a tenant's signing secret; ErrNotFound without a webhook.
func SetWebhookSecret(ctx context.Context, q pgx.Tx, tenantID int64, secret string, now time.Time) error {
	tag, err := q.Exec(ctx, `UPDATE tenant_webhooks SET secret = $2, updated_at = $3 WHERE tenant_id = $1`, tenantID, secret, now)
	if err != nil {
		return fmt.Errorf("store: replace webhook secret of tenant %d: %w", tenantID, err)
	}
	if tag.RowsAffected() == 0 {
		return ErrNotFound
	}
	return nil
}

// DeleteWebhook removes a tenant's webhook (its deliveries stay listed; those
// still pending are given up at their next attempt). ErrNotFound without one.
func DeleteWebhook(ctx context.Context, q pgx.Tx, tenantID int64) error {
	tag, err := q.Exec(ctx, `DELETE FROM tenant_webhooks WHERE tenant_id = $1`, tenantID)
	if err != nil {
		return fmt.Errorf("store: delete webhook of tenant %d: %w", tenantID, err)
	}
	if tag.RowsAffected() == 0 {
		return ErrNotFound
	}
	return nil
}

// NewWebhookEvent is one transition's event, as the transition queues it.
type NewWebhookEvent struct {
	ApplicationID int64
	MessageID     string // msg_ and 32 hex digits: the Webhook-Id header and the body's id
	Event         string
	From, To      string
	Body          string // the JSON sent, byte for byte, on every attempt
	At            time.Time
}

// EnqueueWebhook records ev for delivery to the webhook of the application's own
// tenant (webhook_enqueue, migration 22), in the transition's transaction. It
// returns the delivery's ID, or 0 when that tenant has no webhook.
func EnqueueWebhook(ctx context.Context, q pgx.Tx, ev NewWebhookEvent) (int64, error) {
	var id *int64
	err := q.QueryRow(ctx, `SELECT webhook_enqueue($1, $2, $3, $4, $5, $6, $7)`,
		ev.ApplicationID, ev.MessageID, ev.Event, ev.From, ev.To, ev.Body, ev.At).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: queue webhook event of application %d: %w", ev.ApplicationID, err)
	}
	if id == nil {
		return 0, nil
	}
	return *id, nil
}

// WebhookDelivery is one event's delivery and its outcome so far.
type WebhookDelivery struct {
	ID            int64      `db:"id"`
	TenantID      int64      `db:"tenant_id"`
	ApplicationID int64      `db:"application_id"`
	MessageID     string     `db:"message_id"`
	Number        string     `db:"number"`
	Event         string     `db:"event"`
	FromState     string     `db:"from_state"`
	ToState       string     `db:"to_state"`
	Body          string     `db:"body"`
	CreatedAt     time.Time  `db:"created_at"`
	Attempts      int        `db:"attempts"`
	LastAttemptAt *time.Time `db:"last_attempt_at"`
	LastStatus    *int       `db:"last_status"`
	LastError     *string    `db:"last_error"`
	DeliveredAt   *time.Time `db:"delivered_at"`
	FailedAt      *time.Time `db:"failed_at"`
}

const webhookDeliveryColumns = `id, tenant_id, application_id, message_id, number, event, from_state, to_state, body,
	created_at, attempts, last_attempt_at, last_status, last_error, delivered_at, failed_at`

// WebhookDeliveryForSend reads a delivery with the webhook of its own tenant
// (system scope): the endpoint is looked up by the delivery's tenant, so an event
// goes nowhere else. hasWebhook is false when that tenant has none (any more).
func WebhookDeliveryForSend(ctx context.Context, q pgx.Tx, id int64) (d WebhookDelivery, w Webhook, hasWebhook bool, err error) {
	rows, err := q.Query(ctx, `SELECT `+webhookDeliveryColumns+` FROM webhook_deliveries WHERE id = $1`, id)
	if err != nil {
		return d, w, false, fmt.Errorf("store: read webhook delivery %d: %w", id, err)
	}
	d, err = pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[WebhookDelivery])
	if errors.Is(err, pgx.ErrNoRows) {
		return d, w, false, ErrNotFound
	}
	if err != nil {
		return d, w, false, fmt.Errorf("store: read webhook delivery %d: %w", id, err)
	}
	w, err = WebhookOf(ctx, q, d.TenantID)
	if errors.Is(err, ErrNotFound) {
		return d, w, false, nil
	}
	return d, w, err == nil, err
}

// WebhookAttempt is the outcome of one delivery attempt.
type WebhookAttempt struct {
	Status    *int   // the receiver's HTTP status; nil when it did not answer
	Error     string // "" when delivered
	Delivered bool
	GiveUp    bool // a failure that is final
	At        time.Time
}

// RecordWebhookAttempt stores an attempt's outcome on a delivery still pending;
// on one already settled (a repeated job) it changes nothing.
func RecordWebhookAttempt(ctx context.Context, q pgx.Tx, id int64, a WebhookAttempt) error {
	var errText *string
	if !a.Delivered {
		errText = &a.Error
	}
	_, err := q.Exec(ctx, `UPDATE webhook_deliveries SET attempts = attempts + 1, last_attempt_at = @at,
			last_status = @status, last_error = @err,
			delivered_at = CASE WHEN @delivered THEN @at::timestamptz END,
			failed_at = CASE WHEN NOT @delivered AND @give_up THEN @at::timestamptz END
		WHERE id = @id AND delivered_at IS NULL AND failed_at IS NULL`,
		pgx.NamedArgs{"id": id, "at": a.At, "status": a.Status, "err": errText, "delivered": a.Delivered, "give_up": a.GiveUp})
	if err != nil {
		return fmt.Errorf("store: record webhook delivery %d: %w", id, err)
	}
	return nil
}

// WebhookDeliveries is a page of a tenant's deliveries, newest first, from
// before (an ID; 0 for the newest), by keyset: limit+1 rows are read so the
// caller knows whether an older page exists.
func WebhookDeliveries(ctx context.Context, q pgx.Tx, tenantID, before int64, limit int) ([]WebhookDelivery, error) {
	rows, err := q.Query(ctx, `SELECT `+webhookDeliveryColumns+` FROM webhook_deliveries
		WHERE tenant_id = $1 AND ($2 = 0 OR id < $2) ORDER BY id DESC LIMIT $3`, tenantID, before, limit+1)
	if err != nil {
		return nil, fmt.Errorf("store: list webhook deliveries of tenant %d: %w", tenantID, err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[WebhookDelivery])
	if err != nil {
		return nil, fmt.Errorf("store: list webhook deliveries of tenant %d: %w", tenantID, err)
	}
	return out, nil
}

// PendingWebhookDeliveryIDs lists up to limit deliveries neither delivered nor
// given up, oldest first (system scope), for the sweep that queues any without a job.
func PendingWebhookDeliveryIDs(ctx context.Context, q pgx.Tx, limit int) ([]int64, error) {
	rows, err := q.Query(ctx, `SELECT id FROM webhook_deliveries WHERE delivered_at IS NULL AND failed_at IS NULL
		ORDER BY id LIMIT $1`, limit)
	if err != nil {
		return nil, fmt.Errorf("store: pending webhook deliveries: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("store: pending webhook deliveries: %w", err)
	}
	return ids, nil
}

// PruneWebhookDeliveries deletes settled deliveries created before cutoff (system
// scope), so the table does not grow with every transition forever.
func PruneWebhookDeliveries(ctx context.Context, q pgx.Tx, cutoff time.Time) (int64, error) {
	tag, err := q.Exec(ctx, `DELETE FROM webhook_deliveries
		WHERE created_at < $1 AND (delivered_at IS NOT NULL OR failed_at IS NOT NULL)`, cutoff)
	if err != nil {
		return 0, fmt.Errorf("store: prune webhook deliveries: %w", err)
	}
	return tag.RowsAffected(), nil
}
