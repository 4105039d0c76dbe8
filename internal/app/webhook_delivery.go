package app

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"

	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// Outgoing webhooks follow the Standard Webhooks scheme (standardwebhooks.com):
// every transition of a tenant's application, when the tenant has a webhook, is
// queued in the transition's own transaction (a rolled-back transition tells
// nobody) as one event whose body and Webhook-Id stay the same on every attempt.
// A River job POSTs it with
//
//	Webhook-Id: msg_…
//	Webhook-Timestamp: <Unix seconds of this attempt>
//	Webhook-Signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">
//
// keyed with the secret's bytes (the base64 after "whsec_"). A 2xx answer
// delivers it; anything else, or no answer within 10 s, is retried with backoff
// (webhookRetryDelays) and given up after MaxWebhookAttempts.

// WebhookEventType is the only event type so far.
const WebhookEventType = "application.state_changed"

// WebhookEvent is the JSON body of an event: what the API already shows of an
// application, no personal data.
type WebhookEvent struct {
	ID            string    `json:"id"`   // the Webhook-Id header too
	Type          string    `json:"type"` // WebhookEventType
	Tenant        string    `json:"tenant"`
	ApplicationID int64     `json:"application_id"`
	Number        string    `json:"number"`
	FromState     string    `json:"from_state"`
	ToState       string    `json:"to_state"`
	Event         string    `json:"event"`
	OccurredAt    time.Time `json:"occurred_at"`
}

// MaxWebhookAttempts is how often an event is tried before it is given up.
const MaxWebhookAttempts = 8

// webhookRetryDelays is the wait after each failed attempt (Standard Webhooks'
// suggested schedule): a receiver may be down for a day and still get every
// event.
var webhookRetryDelays = []time.Duration{5 * time.Second, 5 * time.Minute, 30 * time.Minute, 2 * time.Hour,
	5 * time.Hour, 10 * time.Hour, 10 * time.Hour}

// webhookRetryDelay is how long to wait after the attempt-th failed attempt.
func webhookRetryDelay(attempt int) time.Duration {
	if attempt < 1 {
		attempt = 1
	}
	return webhookRetryDelays[min(attempt, len(webhookRetryDelays))-1]
}

// newMessageID is a fresh Webhook-Id.
func newMessageID() string {
	var b [16]byte
	rand.Read(b[:])
	return "msg_" + hex.EncodeToString(b[:])
}

// SignWebhook is the Webhook-Signature of body sent as message id at timestamp
// (Unix seconds), with secret ("whsec_…"). Receivers compute the same (see
// docs/operations.md) and compare in constant time.
func SignWebhook(secret, id string, timestamp int64, body []byte) (string, error) {
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, webhookSecretPrefix))
	if err != nil {
		return "", fmt.Errorf("webhook secret is not base64: %w", err)
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(id + "." + strconv.FormatInt(timestamp, 10) + "."))
	mac.Write(body)
	return "v1," + base64.StdEncoding.EncodeToString(mac.Sum(nil)), nil
}

// queueWebhook records a transition's event for the tenant's webhook, if it has
// one, and queues its delivery job, in the transition's transaction. The tenant
// is the application's own (webhook_enqueue reads it from the application row).
func (a *App) queueWebhook(ctx context.Context, tx pgx.Tx, ap store.Application, t Tenant, event workflow.Event,
	from, to workflow.State, now time.Time) error {
	ev := WebhookEvent{ID: newMessageID(), Type: WebhookEventType, Tenant: t.Slug, ApplicationID: ap.ID,
		Number: ap.Number, FromState: string(from), ToState: string(to), Event: string(event), OccurredAt: now.UTC()}
	body, err := json.Marshal(ev)
	if err != nil {
		return fmt.Errorf("webhook event: %w", err)
	}
	id, err := store.EnqueueWebhook(ctx, tx, store.NewWebhookEvent{ApplicationID: ap.ID, MessageID: ev.ID, Event: ev.Event,
		From: ev.FromState, To: ev.ToState, Body: string(body), At: now})
	if err != nil || id == 0 || a.Jobs == nil {
		return err // no webhook, or no queue yet: the sweep queues it once one runs
	}
	if _, err := a.Jobs.InsertTx(ctx, tx, DeliverWebhookJob{DeliveryID: id}, nil); err != nil {
		return fmt.Errorf("queue webhook delivery: %w", err)
	}
	return nil
}

// DeliverWebhook makes one attempt to deliver a queued event: the attempt-th of
// maxAttempts (the queue's). It reads the delivery and its own tenant's webhook,
// POSTs outside any transaction, then records the outcome. A failure is returned
// so the queue retries it; the last attempt's failure gives it up. A delivery
// already settled is not sent again; one whose tenant removed its webhook is
// given up without sending.
func (a *App) DeliverWebhook(ctx context.Context, client *http.Client, id int64, attempt, maxAttempts int) error {
	var d store.WebhookDelivery
	var w store.Webhook
	var has bool
	err := a.DB.ReadTx(ctx, store.System(), func(tx pgx.Tx) error {
		var err error
		d, w, has, err = store.WebhookDeliveryForSend(ctx, tx, id)
		return err
	})
	if errors.Is(err, store.ErrNotFound) {
		return nil // pruned
	}
	if err != nil {
		return fmt.Errorf("read webhook delivery %d: %w", id, err)
	}
	if d.DeliveredAt != nil || d.FailedAt != nil {
		return nil
	}
	res := store.WebhookAttempt{}
	var sendErr error
	if !has {
		res.Error, res.GiveUp = "webhook sudah dihapus; peristiwa tidak dikirim", true
	} else {
		res.Status, sendErr = a.postWebhook(ctx, client, w, d)
		if sendErr != nil {
			res.Error = truncate(describeSendError(sendErr, client.Timeout), maxErrorLen)
			res.GiveUp = attempt >= maxAttempts
			a.Log.Warn("webhook not delivered", "delivery_id", d.ID, "tenant_id", d.TenantID, "attempt", attempt, "err", res.Error)
		} else {
			res.Delivered = true
		}
	}
	res.At = a.Clock.Now()
	// What was sent is recorded even when ctx ends meanwhile.
	dbCtx := context.WithoutCancel(ctx)
	err = a.DB.Tx(dbCtx, store.System(), func(tx pgx.Tx) error {
		return store.RecordWebhookAttempt(dbCtx, tx, id, res)
	})
	if err != nil {
		return fmt.Errorf("record webhook delivery %d: %w", id, err)
	}
	if sendErr != nil {
		return fmt.Errorf("deliver webhook %d: %w", id, sendErr)
	}
	return nil
}

// errStatus is a receiver's answer other than 2xx.
type errStatus int

func (e errStatus) Error() string {
	return fmt.Sprintf("penerima menjawab HTTP %d %s", int(e), http.StatusText(int(e)))
}

// postWebhook sends one attempt; status is the receiver's answer, if any.
func (a *App) postWebhook(ctx context.Context, client *http.Client, w store.Webhook, d store.WebhookDelivery) (*int, error) {
	// The wall clock, not the business clock: receivers compare it with their own
	// to refuse replays (a demo's HAKAKSES_NOW must not make every event stale).
	ts := time.Now().Unix()
	sig, err := SignWebhook(w.Secret, d.MessageID, ts, []byte(d.Body))
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.URL, bytes.NewReader([]byte(d.Body)))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "HakAkses-Webhook/1")
	req.Header.Set("Webhook-Id", d.MessageID)
	req.Header.Set("Webhook-Timestamp", strconv.FormatInt(ts, 10))
	req.Header.Set("Webhook-Signature", sig)
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // let the connection be reused
	status := resp.StatusCode
	if status < 200 || status > 299 {
		return &status, errStatus(status)
	}
	return &status, nil
}

// DeliverWebhookJob delivers one queued event.
type DeliverWebhookJob struct {
	DeliveryID int64 `json:"delivery_id"`
}

// KindDeliverWebhook names the job for River.
const KindDeliverWebhook = "deliver_webhook"

// Kind names the job for River.
func (DeliverWebhookJob) Kind() string { return KindDeliverWebhook }

// InsertOpts: as many attempts as the webhook policy allows; one live job per event.
func (DeliverWebhookJob) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: MaxWebhookAttempts, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

type deliverWebhookWorker struct {
	river.WorkerDefaults[DeliverWebhookJob]
	app    *App
	client *http.Client
}

func (w *deliverWebhookWorker) Work(ctx context.Context, job *river.Job[DeliverWebhookJob]) error {
	return w.app.DeliverWebhook(ctx, w.client, job.Args.DeliveryID, job.Attempt, job.MaxAttempts)
}

// NextRetry follows webhookRetryDelays rather than River's default.
func (w *deliverWebhookWorker) NextRetry(job *river.Job[DeliverWebhookJob]) time.Time {
	at := job.ScheduledAt
	if job.AttemptedAt != nil {
		at = *job.AttemptedAt
	}
	return at.Add(webhookRetryDelay(job.Attempt))
}

// Timeout bounds the job: the attempt's own 10 s and the two transactions.
func (w *deliverWebhookWorker) Timeout(*river.Job[DeliverWebhookJob]) time.Duration {
	return webhookTimeout + 20*time.Second
}

// sweepWebhooks queues delivery of pending events that have no job (queued when
// no queue ran); the unique option makes it a no-op for those that have one.
func (a *App) sweepWebhooks(ctx context.Context) error {
	return a.DB.Tx(ctx, store.System(), func(tx pgx.Tx) error {
		ids, err := store.PendingWebhookDeliveryIDs(ctx, tx, 1000)
		if err != nil {
			return err
		}
		return a.queueJobs(ctx, tx, ids, func(id int64) river.JobArgs { return DeliverWebhookJob{DeliveryID: id} })
	})
}
