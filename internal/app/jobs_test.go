package app_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// Jobs run on the real River queue over the test database; business time is the
// fixture's manual clock.

// startJobs starts a job queue for f.app (no periodic schedule: tests insert jobs).
func (f *fixture) startJobs(send app.SendMail) { startQueue(f.t, f.app, send, false) }

func startQueue(t testing.TB, a *app.App, send app.SendMail, periodic bool) {
	t.Helper()
	if err := a.NewJobs(app.JobOptions{Send: send, Periodic: periodic}); err != nil {
		t.Fatal(err)
	}
	if err := a.Jobs.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { // before the pool closes (cleanups run last-in first-out)
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := a.Jobs.Stop(ctx); err != nil {
			t.Errorf("stop queue: %v", err)
		}
	})
}

// secondInstance is another server process on the same database: its own pool,
// its own App, the same clock.
func (f *fixture) secondInstance() *app.App {
	f.t.Helper()
	db, err := store.Open(f.ctx, f.url)
	if err != nil {
		f.t.Fatal(err)
	}
	f.t.Cleanup(db.Close)
	return app.New(db, f.clock, slog.New(slog.NewTextHandler(io.Discard, nil)))
}

// waitFor polls cond until it holds, failing the test after 30 seconds.
func (f *fixture) waitFor(what string, cond func() bool) {
	f.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			f.t.Fatalf("timed out waiting: %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (f *fixture) sentCount() int {
	f.t.Helper()
	return f.count(`SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL`)
}

type jobRow struct {
	State       string
	Attempt     int
	AttemptedAt *time.Time
	ScheduledAt time.Time
}

// job reads one River job as the runtime role sees it.
func (f *fixture) job(id int64) jobRow {
	f.t.Helper()
	var j jobRow
	err := f.db.ReadTx(f.ctx, store.System(), func(tx pgx.Tx) error {
		return tx.QueryRow(f.ctx, `SELECT state::text, attempt, attempted_at, scheduled_at FROM river_job WHERE id = $1`, id).
			Scan(&j.State, &j.Attempt, &j.AttemptedAt, &j.ScheduledAt)
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return j
}

func TestEachMailIsSentOnceByTwoInstancesWorkingTheQueue(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	rec := newRecorder()
	slow := func(to, subject, body string) error {
		time.Sleep(2 * time.Millisecond) // keep the workers overlapping
		return rec.send(to, subject, body)
	}
	other := f.secondInstance()
	f.startJobs(slow)
	startQueue(t, other, slow, false)

	// Forty messages written before any queue ran (no jobs), and two by a
	// transition, whose jobs are inserted in its transaction.
	const old = 40
	f.outboxOf(old)
	if n := f.count(`SELECT count(*) FROM river_job`); n != 0 {
		t.Fatalf("%d jobs queued by a plain outbox insert", n)
	}
	id := f.completeDraft()
	f.fire(f.lembaga, id, app.Action{Event: workflow.Submit})
	if n := f.count(`SELECT count(*) FROM river_job WHERE kind = 'deliver_mail'`); n < 2 {
		t.Fatalf("%d delivery jobs after the submit, want its 2 (or already worked)", n)
	}
	// Both instances sweep the outbox at once: each old message gets one job.
	for _, a := range []*app.App{f.app, other} {
		if _, err := a.Jobs.Insert(f.ctx, app.OutboxSweepJob{}, nil); err != nil {
			t.Fatal(err)
		}
	}
	f.waitFor("every message sent", func() bool { return f.sentCount() == old+2 })
	f.waitFor("the sweeps finished", func() bool {
		return f.count(`SELECT count(*) FROM river_job WHERE kind = 'outbox_sweep' AND state = 'completed'`) == 2
	})
	time.Sleep(300 * time.Millisecond) // a duplicate would show up now
	if rec.calls != old+2 {
		t.Fatalf("%d sends for %d messages", rec.calls, old+2)
	}
	for i := range old {
		if n := rec.sent[fmt.Sprintf("Pesan %03d", i)]; n != 1 {
			t.Errorf("Pesan %03d sent %d times", i, n)
		}
	}
	if n := f.count(`SELECT count(*) FROM river_job WHERE kind = 'deliver_mail'`); n != old+2 {
		t.Errorf("%d delivery jobs, want one per message (%d)", n, old+2)
	}
	for _, m := range f.mails() {
		if !m.Sent || m.Delivery == nil || *m.Delivery != "smtp" || m.Attempts != 1 || m.Error != nil {
			t.Errorf("after delivery: %+v", m)
		}
	}
}

func TestARolledBackTransitionQueuesNoMail(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.startJobs(nil)
	mails := []store.NewMail{{TenantID: &f.petugas.TenantID, To: "x@dinkes.test", Subject: "S", Body: "B"}}
	boom := errors.New("boom")
	err := f.db.Tx(f.ctx, store.TenantScope(f.petugas.TenantID), func(tx pgx.Tx) error {
		if err := app.QueueMailForTest(f.app, f.ctx, tx, mails, f.clock.Now()); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatal(err)
	}
	if n := f.count(`SELECT count(*) FROM river_job`) + f.count(`SELECT count(*) FROM outbox`); n != 0 {
		t.Fatalf("%d jobs and messages left by a rolled-back transaction", n)
	}
}

func TestFailedMailIsRetriedWithBackoffThenGivenUpAndShownToTheAdmin(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.outboxOf(2)
	rec := newRecorder()
	recovering := 1
	rec.fail = func(to string) error {
		switch to {
		case "penerima000@dinkes.test":
			if recovering > 0 {
				recovering--
				return errors.New("421 4.3.0 server busy")
			}
			return nil
		}
		return errors.New("550 5.1.1 mailbox unavailable")
	}
	f.startJobs(rec.send)
	admin := f.admin()
	ids := map[string]int64{}
	for _, m := range f.mails() {
		res, err := f.app.Jobs.Insert(f.ctx, app.DeliverMailJob{OutboxID: m.ID}, nil)
		if err != nil {
			t.Fatal(err)
		}
		ids[m.To] = res.Job.ID
	}
	settled := func(id int64, attempt int) func() bool {
		return func() bool {
			j := f.job(id)
			return j.Attempt == attempt && (j.State == "retryable" || j.State == "discarded" || j.State == "completed")
		}
	}

	// The first message fails once, then goes out when retried.
	busy := ids["penerima000@dinkes.test"]
	f.waitFor("first attempt of message 0", settled(busy, 1))
	if j := f.job(busy); j.State != "retryable" || j.ScheduledAt.Sub(*j.AttemptedAt) != time.Minute {
		t.Fatalf("after a failure: %+v, want retryable one minute later", j)
	}
	if m := f.mails()[0]; m.Sent || m.Attempts != 1 || m.Error == nil || *m.Error != "421 4.3.0 server busy" {
		t.Fatalf("outbox after a failure: %+v", m)
	}
	// A job that does not exist is named as such, once ("Tugas tidak ditemukan.").
	var missing *app.Error
	if err := f.app.RetryJob(f.ctx, admin, 1<<40); !errors.As(err, &missing) || missing.Message != "Tugas tidak ditemukan." {
		t.Fatalf("retrying a job that does not exist: %v", err)
	}
	if err := f.app.RetryJob(f.ctx, admin, busy); err != nil {
		t.Fatal(err)
	}
	f.waitFor("second attempt of message 0", settled(busy, 2))
	if m := f.mails()[0]; f.job(busy).State != "completed" || !m.Sent || m.Attempts != 2 || m.Error != nil {
		t.Fatalf("after recovery: job %+v, outbox %+v", f.job(busy), m)
	}

	// The second fails every time: 1, 2, 4 … minutes apart, given up after ten.
	dead := ids["penerima001@dinkes.test"]
	var delays []time.Duration
	for attempt := 1; attempt <= app.MaxMailAttempts; attempt++ {
		f.waitFor(fmt.Sprintf("attempt %d", attempt), settled(dead, attempt))
		j := f.job(dead)
		if attempt == app.MaxMailAttempts {
			if j.State != "discarded" {
				t.Fatalf("after the last attempt: %+v", j)
			}
			break
		}
		delays = append(delays, j.ScheduledAt.Sub(*j.AttemptedAt))
		if err := f.app.RetryJob(f.ctx, admin, dead); err != nil { // do not wait hours
			t.Fatal(err)
		}
	}
	want := []time.Duration{time.Minute, 2 * time.Minute, 4 * time.Minute, 8 * time.Minute, 16 * time.Minute,
		32 * time.Minute, 64 * time.Minute, 128 * time.Minute, 256 * time.Minute}
	if !slices.Equal(delays, want) {
		t.Fatalf("backoff %v, want %v", delays, want)
	}
	m := f.mails()[1]
	if !m.Failed || m.Sent || m.Attempts != app.MaxMailAttempts || m.Error == nil || *m.Error != "550 5.1.1 mailbox unavailable" {
		t.Fatalf("outbox after giving up: %+v", m)
	}
	if rec.sent["Pesan 001"] != 0 || rec.sent["Pesan 000"] != 1 || rec.calls != 2+app.MaxMailAttempts {
		t.Fatalf("sent %v in %d calls", rec.sent, rec.calls)
	}

	failed, err := f.app.FailedJobs(f.ctx, admin, 50)
	if err != nil || len(failed) != 1 {
		t.Fatalf("failed jobs = %+v, %v", failed, err)
	}
	if j := failed[0]; j.ID != dead || j.Kind != app.KindDeliverMail || j.State != "discarded" ||
		j.Attempt != app.MaxMailAttempts || !strings.Contains(j.LastError, "550 5.1.1 mailbox unavailable") {
		t.Errorf("failed job = %+v", j)
	}
	if _, err := f.app.FailedJobs(f.ctx, f.kepala, 50); app.ErrorCode(err) != app.CodeForbidden {
		t.Errorf("kepala listing failed jobs: %v", err)
	}
	if err := f.app.RetryJob(f.ctx, f.petugas, dead); app.ErrorCode(err) != app.CodeForbidden {
		t.Errorf("petugas retrying a job: %v", err)
	}
	if err := f.app.RetryJob(f.ctx, admin, 999999); app.ErrorCode(err) != app.CodeNotFound {
		t.Errorf("retrying a missing job: %v", err)
	}
}

func TestExpiryJobEndsAgreementsByTheInjectedClock(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id := f.completeDraft()
	f.toActive(id) // PKS valid to 2028-03-09
	f.startJobs(nil)
	run := func() {
		t.Helper()
		res, err := f.app.Jobs.Insert(f.ctx, app.ExpireAgreementsJob{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		f.waitFor("expiry job done", func() bool { return f.job(res.Job.ID).State == "completed" })
	}
	f.clock.Set(time.Date(2028, 3, 9, 23, 59, 0, 0, wib))
	run()
	if f.state(id) != workflow.Active {
		t.Fatalf("state %s on the PKS's last day", f.state(id))
	}
	f.clock.Set(time.Date(2028, 3, 10, 0, 0, 0, 0, wib))
	run()
	if f.state(id) != workflow.Expired {
		t.Fatalf("state %s the morning after the last day", f.state(id))
	}
}

func TestPeriodicWorkRunsOnceAcrossInstances(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	other := f.secondInstance()
	third := f.secondInstance()
	for _, a := range []*app.App{f.app, other, third} {
		startQueue(t, a, nil, true)
	}
	kinds := app.PeriodicKinds()
	if len(kinds) < 4 {
		t.Fatalf("periodic kinds %v", kinds)
	}
	// Each runs on start, scheduled by the one elected leader.
	for _, k := range kinds {
		f.waitFor(k+" completed", func() bool {
			return f.count(`SELECT count(*) FROM river_job WHERE kind = $1 AND state = 'completed'`, k) >= 1
		})
	}
	time.Sleep(2 * time.Second) // time for any other instance to schedule its own
	for _, k := range kinds {
		if n := f.count(`SELECT count(*) FROM river_job WHERE kind = $1`, k); n != 1 {
			t.Errorf("%s scheduled %d times by three instances", k, n)
		}
	}
	if n := f.count(`SELECT count(*) FROM river_job WHERE state IN ('retryable', 'discarded')`); n != 0 {
		t.Errorf("%d periodic jobs failed", n)
	}
}
