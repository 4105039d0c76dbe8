// Package s3test starts a real S3-compatible server for tests: Versity S3
// Gateway (github.com/versity/versitygw) over a temporary folder. The binary is
// built once from the Go module proxy into the user's cache folder
// (scripts/test-deps.sh does it before `make test`; a test run without it builds
// it here, under a file lock so parallel test packages build it once).
package s3test

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// Version is the Versity S3 Gateway release the tests run against.
const Version = "v1.8.0"

const module = "github.com/versity/versitygw/cmd/versitygw"

// Server is one running gateway.
type Server struct {
	Endpoint          string // http://127.0.0.1:PORT
	AccessKey, Secret string
}

// BucketURL is a HAKAKSES_BLOB_URL for bucket on this server.
func (s Server) BucketURL(bucket string) string {
	return "s3://" + bucket + "?endpoint=" + s.Endpoint + "&region=us-east-1"
}

// Binary returns the gateway binary, building it when the cache lacks it.
func Binary() (string, error) {
	dir, err := cacheDir()
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "versitygw")
	if _, err := os.Stat(bin); err == nil {
		return bin, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	lock, err := os.OpenFile(filepath.Join(dir, ".lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return "", err
	}
	defer lock.Close()
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX); err != nil {
		return "", fmt.Errorf("lock %s: %w", dir, err)
	}
	defer syscall.Flock(int(lock.Fd()), syscall.LOCK_UN)
	if _, err := os.Stat(bin); err == nil {
		return bin, nil // built by another package while this one waited
	}
	tmp, err := os.MkdirTemp(dir, "build-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	cmd := exec.Command("go", "install", module+"@"+Version)
	cmd.Dir = tmp // outside any module: go.mod of the project is not touched
	cmd.Env = append(os.Environ(), "GOBIN="+tmp, "CGO_ENABLED=0", "GOFLAGS=-mod=mod")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("build versitygw %s: %w\n%s", Version, err, out.String())
	}
	if err := os.Rename(filepath.Join(tmp, "versitygw"), bin); err != nil {
		return "", err
	}
	return bin, nil
}

// cacheDir is where the built binary is kept: HAKAKSES_TOOLS_DIR, else the
// user's cache folder.
func cacheDir() (string, error) {
	if d := os.Getenv("HAKAKSES_TOOLS_DIR"); d != "" {
		return filepath.Join(d, "versitygw-"+Version), nil
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no cache folder for the versitygw binary (set HAKAKSES_TOOLS_DIR): %w", err)
	}
	return filepath.Join(d, "hakakses", "versitygw-"+Version), nil
}

// Start runs a gateway over a fresh folder until the test ends.
func Start(t testing.TB) Server {
	t.Helper()
	bin, err := Binary()
	if err != nil {
		t.Fatalf("s3test: %v", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	root := t.TempDir()
	s := Server{Endpoint: "http://127.0.0.1:" + strconv.Itoa(port), AccessKey: "hakakses-test", Secret: "hakakses-test-secret"}
	var logs bytes.Buffer
	cmd := exec.Command(bin, "--access", s.AccessKey, "--secret", s.Secret, "--port", "127.0.0.1:"+strconv.Itoa(port),
		"posix", "--nometa", root)
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatalf("s3test: start versitygw: %v", err)
	}
	exited := make(chan struct{})
	var waitErr error
	go func() { waitErr = cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
			<-exited
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.Endpoint+"/", nil)
		if res, err := http.DefaultClient.Do(req); err == nil {
			res.Body.Close()
			return s
		}
		select {
		case <-exited:
			t.Fatalf("s3test: versitygw exited: %v\n%s", waitErr, logs.String())
		case <-ctx.Done():
			t.Fatalf("s3test: versitygw did not answer within 20 s\n%s", logs.String())
		case <-time.After(100 * time.Millisecond):
		}
	}
}
