package app

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// A tenant's webhook is configured by its kepala (on the settings page) or by
// the platform admin (for any tenant). The secret is generated here, never typed,
// and returned only by the operation that generated it.

// webhookSecretPrefix marks a Standard Webhooks secret.
const webhookSecretPrefix = "whsec_"

// webhookPageSize is how many deliveries a page lists.
const webhookPageSize = 20

func newWebhookSecret() string {
	var b [32]byte
	rand.Read(b[:])
	return webhookSecretPrefix + base64.StdEncoding.EncodeToString(b[:])
}

// mayManageWebhook: the tenant's own kepala, or the platform admin.
func mayManageWebhook(p Principal, tenantID int64) error {
	if p.Role == workflow.RoleAdmin || (p.Role == workflow.RoleKepala && p.TenantID == tenantID && tenantID != 0) {
		return nil
	}
	return Forbidden("Hanya Kepala Disdukcapil atau admin platform yang dapat mengatur webhook.")
}

// WebhookDeliveryRow is one event's delivery as the settings page lists it.
type WebhookDeliveryRow struct {
	ID            int64
	MessageID     string
	ApplicationID int64
	Number        string
	Event         workflow.Event
	ToState       workflow.State
	CreatedAt     time.Time
	Status        string // "terkirim", "menunggu", "gagal"
	Attempts      int
	HTTPStatus    int // the last answer's status; 0 when none
	LastError     string
	LastAttemptAt *time.Time
}

// WebhookPanel is what the settings page shows of a tenant's webhook.
type WebhookPanel struct {
	Configured bool
	URL        string
	UpdatedAt  time.Time
	Deliveries []WebhookDeliveryRow
	// Older is the ?sebelum= of the next (older) page; 0 when none.
	Older int64
}

// Webhook is a tenant's webhook and one page of its deliveries, newest first,
// starting before the delivery ID before (0: the newest). Never the secret.
func (a *App) Webhook(ctx context.Context, p Principal, tenantID, before int64) (WebhookPanel, error) {
	if err := mayManageWebhook(p, tenantID); err != nil {
		return WebhookPanel{}, err
	}
	var v WebhookPanel
	err := a.DB.ReadTx(ctx, p.Scope(), func(tx pgx.Tx) error {
		w, err := store.WebhookOf(ctx, tx, tenantID)
		switch {
		case err == nil:
			v.Configured, v.URL, v.UpdatedAt = true, w.URL, w.UpdatedAt
		case !errors.Is(err, store.ErrNotFound):
			return err
		}
		rows, err := store.WebhookDeliveries(ctx, tx, tenantID, max(before, 0), webhookPageSize)
		if err != nil {
			return err
		}
		if len(rows) > webhookPageSize {
			rows = rows[:webhookPageSize]
			v.Older = rows[len(rows)-1].ID
		}
		for _, d := range rows {
			v.Deliveries = append(v.Deliveries, deliveryRow(d))
		}
		return nil
	})
	return v, err
}

func deliveryRow(d store.WebhookDelivery) WebhookDeliveryRow {
	r := WebhookDeliveryRow{ID: d.ID, MessageID: d.MessageID, ApplicationID: d.ApplicationID, Number: d.Number,
		Event: workflow.Event(d.Event), ToState: workflow.State(d.ToState), CreatedAt: d.CreatedAt, Attempts: d.Attempts,
		LastAttemptAt: d.LastAttemptAt}
	switch {
	case d.DeliveredAt != nil:
		r.Status = "terkirim"
	case d.FailedAt != nil:
		r.Status = "gagal"
	default:
		r.Status = "menunggu"
	}
	if d.LastStatus != nil {
		r.HTTPStatus = *d.LastStatus
	}
	if d.LastError != nil {
		r.LastError = *d.LastError
	}
	return r
}

// SaveWebhook points the tenant's webhook at rawURL. A tenant without one gets
// it with a new secret, returned this once; an existing webhook keeps its secret
// ("" is returned). Errors: CodeForbidden, CodeInvalid with a message on "url".
func (a *App) SaveWebhook(ctx context.Context, p Principal, tenantID int64, rawURL string) (string, error) {
	if err := mayManageWebhook(p, tenantID); err != nil {
		return "", err
	}
	u, msg := checkWebhookURL(rawURL, a.WebhookAllowPrivate)
	if msg != "" {
		return "", Invalid("Webhook belum dapat disimpan. "+msg, map[string]string{"webhook_url": msg})
	}
	secret := newWebhookSecret()
	var created bool
	err := a.DB.Tx(ctx, p.Scope(), func(tx pgx.Tx) error {
		var err error
		if created, err = store.SetWebhookURL(ctx, tx, tenantID, u, secret, a.Clock.Now()); err != nil {
			return err
		}
		return a.auditWebhook(ctx, tx, p, tenantID, map[string]any{"webhook": "simpan", "url": u})
	})
	if err != nil {
		return "", err
	}
	a.Log.Info("webhook saved", "tenant_id", tenantID, "user_id", p.UserID, "created", created)
	if !created {
		return "", nil
	}
	return secret, nil
}

// RotateWebhookSecret replaces the tenant's signing secret and returns the new
// one, this once; events are signed with it from the next attempt on. Errors:
// CodeForbidden, CodeNotFound (no webhook).
func (a *App) RotateWebhookSecret(ctx context.Context, p Principal, tenantID int64) (string, error) {
	if err := mayManageWebhook(p, tenantID); err != nil {
		return "", err
	}
	secret := newWebhookSecret()
	err := a.DB.Tx(ctx, p.Scope(), func(tx pgx.Tx) error {
		if err := store.SetWebhookSecret(ctx, tx, tenantID, secret, a.Clock.Now()); err != nil {
			return err
		}
		return a.auditWebhook(ctx, tx, p, tenantID, map[string]any{"webhook": "rahasia_baru"})
	})
	if err != nil {
		return "", mapStoreErr(err, "Webhook")
	}
	a.Log.Info("webhook secret replaced", "tenant_id", tenantID, "user_id", p.UserID)
	return secret, nil
}

// DeleteWebhook removes the tenant's webhook: no event is queued from now on,
// and those still pending are given up. Errors: CodeForbidden, CodeNotFound.
func (a *App) DeleteWebhook(ctx context.Context, p Principal, tenantID int64) error {
	if err := mayManageWebhook(p, tenantID); err != nil {
		return err
	}
	err := a.DB.Tx(ctx, p.Scope(), func(tx pgx.Tx) error {
		if err := store.DeleteWebhook(ctx, tx, tenantID); err != nil {
			return err
		}
		return a.auditWebhook(ctx, tx, p, tenantID, map[string]any{"webhook": "hapus"})
	})
	if err != nil {
		return mapStoreErr(err, "Webhook")
	}
	a.Log.Info("webhook deleted", "tenant_id", tenantID, "user_id", p.UserID)
	return nil
}

func (a *App) auditWebhook(ctx context.Context, tx pgx.Tx, p Principal, tenantID int64, data map[string]any) error {
	return a.audit(ctx, tx, auditEntry{tenantID: &tenantID, actor: &p, event: AuditSettingsChange,
		subject: "webhook:tenant:" + strconv.FormatInt(tenantID, 10), data: data})
}
