package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertype"

	"github.com/hakakses/hakakses/internal/store"
)

// Background work runs on River, a job queue kept in the product's own PostgreSQL:
//
//   - every e-mail in the outbox gets a delivery job, inserted in the transaction
//     that wrote the message (a rolled-back transition queues nothing); the job
//     sends outside any transaction, the queue retries a failure with the outbox's
//     backoff and finally discards it, where the platform admin sees it (FailedJobs);
//   - every webhook event likewise (webhook_delivery.go), with its own backoff;
//   - periodic work (expiry of agreements, deadline recompute, housekeeping,
//     reminders, the outbox sweep) is scheduled by the queue's elected leader
//     only, so it runs once however many instances serve, and each kind is unique
//     per period should leadership change hands mid-period.
//
// Business time inside every job is the App's injected clock; River keeps its
// own wall-clock time for scheduling.

// Job kinds, as River stores them.
const (
	KindDeliverMail        = "deliver_mail"
	KindExpireAgreements   = "expire_agreements"
	KindRecomputeDeadlines = "recompute_deadlines"
	KindHousekeeping       = "housekeeping"
	KindOutboxSweep        = "outbox_sweep"
)

// DeliverMailJob delivers one outbox message.
type DeliverMailJob struct {
	OutboxID int64 `json:"outbox_id"`
}

// Kind names the job for River.
func (DeliverMailJob) Kind() string { return KindDeliverMail }

// InsertOpts: as many attempts as the outbox policy allows; one live job per message.
func (DeliverMailJob) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: MaxMailAttempts, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// ExpireAgreementsJob ends the agreements whose PKS term has passed.
type ExpireAgreementsJob struct{}

// Kind names the job for River.
func (ExpireAgreementsJob) Kind() string { return KindExpireAgreements }

// RecomputeDeadlinesJob refreshes every tenant's stored deadlines from its calendar.
type RecomputeDeadlinesJob struct{}

// Kind names the job for River.
func (RecomputeDeadlinesJob) Kind() string { return KindRecomputeDeadlines }

// HousekeepingJob prunes expired sessions and old login attempts.
type HousekeepingJob struct{}

// Kind names the job for River.
func (HousekeepingJob) Kind() string { return KindHousekeeping }

// OutboxSweepJob queues a delivery job for any pending message or webhook event
// without one (written before the queue existed, or by a path that could not queue).
type OutboxSweepJob struct{}

// Kind names the job for River.
func (OutboxSweepJob) Kind() string { return KindOutboxSweep }

// JobOptions configures the job queue of one instance.
type JobOptions struct {
	// Send delivers e-mail; nil keeps messages in the development mailbox.
	Send SendMail
	// Workers is how many jobs this instance works at once (default 4).
	Workers int
	// Periodic, when false, schedules no periodic work (tests insert jobs themselves).
	Periodic bool
	// WebhookTimeout bounds each webhook delivery attempt (default 10 s; tests
	// shorten it to see a silent receiver fail without waiting).
	WebhookTimeout time.Duration
}

// periodicWork is one recurring job: what, how often, and the period within
// which it is unique (so a change of leader mid-period does not run it twice).
type periodicWork struct {
	args     river.JobArgs
	schedule river.PeriodicSchedule
	period   time.Duration
}

// schedule is the recurring work, each run once per period across all instances.
func schedule() []periodicWork {
	every := func(d time.Duration, args river.JobArgs) periodicWork {
		return periodicWork{args: args, schedule: river.PeriodicInterval(d), period: d}
	}
	work := []periodicWork{
		every(10*time.Minute, ExpireAgreementsJob{}),
		every(10*time.Minute, RecomputeDeadlinesJob{}),
		every(10*time.Minute, HousekeepingJob{}),
		every(10*time.Minute, OutboxSweepJob{}),
	}
	return append(work, reminderSchedule()...)
}

// PeriodicKinds lists the kinds of the recurring jobs.
func PeriodicKinds() []string {
	var kinds []string
	for _, w := range schedule() {
		kinds = append(kinds, w.args.Kind())
	}
	return kinds
}

func periodicJobs() []*river.PeriodicJob {
	var jobs []*river.PeriodicJob
	for _, w := range schedule() {
		jobs = append(jobs, river.NewPeriodicJob(w.schedule, func() (river.JobArgs, *river.InsertOpts) {
			return w.args, &river.InsertOpts{UniqueOpts: river.UniqueOpts{ByPeriod: w.period}}
		}, &river.PeriodicJobOpts{RunOnStart: true}))
	}
	return jobs
}

// countingWork is a periodic job that does run and logs how many things it did
// (agreements expired, reminders sent), when any.
func countingWork[T river.JobArgs](a *App, did string, run func(context.Context) (int, error)) river.Worker[T] {
	return river.WorkFunc(func(ctx context.Context, _ *river.Job[T]) error {
		n, err := run(ctx)
		if n > 0 {
			a.Log.Info(did, "count", n)
		}
		return err
	})
}

// NewJobs builds this instance's job queue over the App's pool and sets a.Jobs,
// through which operations queue work in their own transactions. Start it with
// a.Jobs.Start and stop it before the pool closes.
func (a *App) NewJobs(opts JobOptions) error {
	workers := river.NewWorkers()
	river.AddWorker(workers, &deliverMailWorker{app: a, send: opts.Send})
	timeout := opts.WebhookTimeout
	if timeout <= 0 {
		timeout = webhookTimeout
	}
	river.AddWorker(workers, &deliverWebhookWorker{app: a, client: webhookClient(a.WebhookAllowPrivate, timeout)})
	river.AddWorker(workers, countingWork[ExpireAgreementsJob](a, "agreements expired", a.ExpireDue))
	river.AddWorker(workers, river.WorkFunc(func(ctx context.Context, _ *river.Job[RecomputeDeadlinesJob]) error {
		// Stored deadlines follow the calendar even when a recompute after a holiday
		// change failed in its request: a fixed handful of queries per tenant.
		_, err := a.RecomputeDeadlines(ctx, 0)
		return err
	}))
	river.AddWorker(workers, river.WorkFunc(func(ctx context.Context, _ *river.Job[HousekeepingJob]) error {
		return a.Housekeeping(ctx)
	}))
	river.AddWorker(workers, river.WorkFunc(func(ctx context.Context, _ *river.Job[OutboxSweepJob]) error {
		if err := a.sweepOutbox(ctx); err != nil {
			return err
		}
		return a.sweepWebhooks(ctx)
	}))
	addReminderWorkers(a, workers)
	n := opts.Workers
	if n <= 0 {
		n = 4
	}
	cfg := &river.Config{
		Queues:     map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: n}},
		Workers:    workers,
		Logger:     a.Log,
		JobTimeout: 10 * time.Minute,
	}
	if opts.Periodic {
		cfg.PeriodicJobs = periodicJobs()
	}
	client, err := river.NewClient(riverpgxv5.New(a.DB.JobPool()), cfg)
	if err != nil {
		return fmt.Errorf("job queue: %w", err)
	}
	a.Jobs = client
	return nil
}

// queueMail puts e-mails in the outbox and, when the queue runs, a delivery job
// for each, all in the caller's transaction.
func (a *App) queueMail(ctx context.Context, tx pgx.Tx, mails []store.NewMail, now time.Time) error {
	ids, err := store.EnqueueMail(ctx, tx, mails, now)
	if err != nil {
		return fmt.Errorf("enqueue mail: %w", err)
	}
	if a.Jobs == nil || len(ids) == 0 {
		return nil // the sweep queues them once a queue runs
	}
	return a.queueJobs(ctx, tx, ids, func(id int64) river.JobArgs { return DeliverMailJob{OutboxID: id} })
}

// queueJobs inserts one job per ID in tx, in one batch (their unique options
// make a job that already exists a no-op).
func (a *App) queueJobs(ctx context.Context, tx pgx.Tx, ids []int64, job func(int64) river.JobArgs) error {
	if len(ids) == 0 {
		return nil
	}
	params := make([]river.InsertManyParams, len(ids))
	for i, id := range ids {
		params[i] = river.InsertManyParams{Args: job(id)}
	}
	if _, err := a.Jobs.InsertManyTx(ctx, tx, params); err != nil {
		return fmt.Errorf("queue %s jobs: %w", params[0].Args.Kind(), err)
	}
	return nil
}

// sweepOutbox queues delivery of pending messages that have no job; the unique
// option makes it a no-op for those that have one.
func (a *App) sweepOutbox(ctx context.Context) error {
	return a.DB.Tx(ctx, store.System(), func(tx pgx.Tx) error {
		ids, err := store.PendingMailIDs(ctx, tx, 1000)
		if err != nil {
			return fmt.Errorf("pending mail: %w", err)
		}
		return a.queueJobs(ctx, tx, ids, func(id int64) river.JobArgs { return DeliverMailJob{OutboxID: id} })
	})
}

type deliverMailWorker struct {
	river.WorkerDefaults[DeliverMailJob]
	app  *App
	send SendMail
}

func (w *deliverMailWorker) Work(ctx context.Context, job *river.Job[DeliverMailJob]) error {
	return w.app.DeliverMail(ctx, job.Args.OutboxID, w.send, job.Attempt, job.MaxAttempts)
}

// NextRetry follows the outbox policy (1, 2, 4 … minutes after the failed attempt)
// rather than River's default.
func (w *deliverMailWorker) NextRetry(job *river.Job[DeliverMailJob]) time.Time {
	at := job.ScheduledAt
	if job.AttemptedAt != nil {
		at = *job.AttemptedAt
	}
	return at.Add(mailRetryDelay(job.Attempt))
}

// Timeout bounds one SMTP conversation.
func (w *deliverMailWorker) Timeout(*river.Job[DeliverMailJob]) time.Duration { return 2 * time.Minute }

// FailedJob is a job the queue gave up on or is retrying, as the platform admin
// sees it.
type FailedJob struct {
	ID          int64
	Kind        string
	State       string // "discarded" (given up) or "retryable" (tries again at ScheduledAt)
	Attempt     int
	MaxAttempts int
	LastError   string
	AttemptedAt time.Time
	ScheduledAt time.Time
}

// FailedJobs lists up to limit jobs that failed, newest first: those given up and
// those waiting to retry. Only the platform admin may see them.
func (a *App) FailedJobs(ctx context.Context, p Principal, limit int) ([]FailedJob, error) {
	if err := requireAdmin(p); err != nil {
		return nil, err
	}
	if a.Jobs == nil {
		return nil, nil
	}
	res, err := a.Jobs.JobList(ctx, river.NewJobListParams().
		States(rivertype.JobStateDiscarded, rivertype.JobStateRetryable).
		OrderBy(river.JobListOrderByID, river.SortOrderDesc).First(limit))
	if err != nil {
		return nil, fmt.Errorf("list failed jobs: %w", err)
	}
	out := make([]FailedJob, 0, len(res.Jobs))
	for _, j := range res.Jobs {
		f := FailedJob{ID: j.ID, Kind: j.Kind, State: string(j.State), Attempt: j.Attempt, MaxAttempts: j.MaxAttempts,
			ScheduledAt: j.ScheduledAt}
		if j.AttemptedAt != nil {
			f.AttemptedAt = *j.AttemptedAt
		}
		if n := len(j.Errors); n > 0 {
			f.LastError = truncate(j.Errors[n-1].Error, maxErrorLen)
		}
		out = append(out, f)
	}
	return out, nil
}

// RetryJob makes a failed job run again now (the admin's "coba lagi").
func (a *App) RetryJob(ctx context.Context, p Principal, id int64) error {
	if err := requireAdmin(p); err != nil {
		return err
	}
	if a.Jobs == nil {
		return NotFound("Tugas")
	}
	if _, err := a.Jobs.JobRetry(ctx, id); err != nil {
		if errors.Is(err, river.ErrNotFound) {
			return NotFound("Tugas")
		}
		return fmt.Errorf("retry job %d: %w", id, err)
	}
	return nil
}
