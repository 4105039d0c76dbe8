package main

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/hakakses/hakakses/internal/config"
	"github.com/hakakses/hakakses/internal/testdb"
)

// A replica that does not answer at start-up does not stop the server: it logs a
// warning and reads go to the primary. (That reads return to the standby once it
// answers is proved with a real standby in internal/app's replica tests.)
func TestServerStartsWithAnUnreachableReplicaAndReadsFromThePrimary(t *testing.T) {
	t.Parallel()
	primary, _ := testdb.Open(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close() // nothing listens there now: connections are refused
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	cfg := config.Config{
		ReplicaURL:       fmt.Sprintf("postgres://hakakses@127.0.0.1:%d/hakakses?sslmode=disable", port),
		ReplicaMaxLag:    5 * time.Second,
		DBConnectTimeout: time.Second, DBStatementTimeout: time.Second, DBLockTimeout: time.Second,
	}
	start := time.Now()
	reads, err := openReads(context.Background(), cfg, primary, log)
	if err != nil {
		t.Fatalf("an unreachable replica stopped the start-up: %v", err)
	}
	t.Cleanup(reads.Replica.Close)
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("start-up waited %s for the replica", d)
	}
	if !strings.Contains(logs.String(), "level=WARN") || !strings.Contains(logs.String(), "read replica unreachable at start-up") {
		t.Errorf("no warning logged:\n%s", logs.String())
	}
	if got := reads.DB(context.Background()); got != primary {
		t.Fatal("reads go to the unreachable replica")
	}
	if reads.LastError() == nil {
		t.Error("no reason recorded for leaving the replica")
	}

	// A URL that cannot be parsed is still a configuration error.
	cfg.ReplicaURL = "postgres://%zz"
	if _, err := openReads(context.Background(), cfg, primary, log); err == nil || !strings.Contains(err.Error(), "HAKAKSES_DATABASE_REPLICA_URL") {
		t.Errorf("unparsable replica URL: %v", err)
	}
}
