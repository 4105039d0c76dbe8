package server_test

import (
	"context"
	"testing"
	"time"

	"github.com/hakakses/hakakses/internal/app"
)

// startJobs runs the env's River job queue (no periodic schedule; e-mails kept
// for the dev mailbox), stopped before the database closes.
func (e *env) startJobs(send app.SendMail) {
	e.t.Helper()
	if err := e.App.NewJobs(app.JobOptions{Send: send}); err != nil {
		e.t.Fatal(err)
	}
	if err := e.App.Jobs.Start(context.Background()); err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		e.App.Jobs.Stop(ctx)
	})
}

// waitFor polls cond until it holds, failing after 30 seconds.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting: %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
