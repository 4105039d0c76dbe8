// Package config reads the server's configuration from the environment, once, at
// start-up. Nothing else in the product reads environment variables.
package config

import (
	"fmt"
	"net/netip"
	"os"
	"strconv"
	"strings"
	"time"
)

// Config is everything the server can be told from outside.
type Config struct {
	DatabaseURL    string        // DATABASE_URL; empty means "find or provision one" (dev only)
	Addr           string        // HAKAKSES_ADDR, default ":8080"
	BaseURL        string        // HAKAKSES_BASE_URL, for links in e-mails; default http://localhost:8080
	CookieSecure   bool          // HAKAKSES_COOKIE_SECURE, default true
	IdleTimeout    time.Duration // HAKAKSES_SESSION_IDLE, default 30m
	SessionMaxAge  time.Duration // HAKAKSES_SESSION_MAX, default 12h
	LogLevel       string        // HAKAKSES_LOG_LEVEL: debug, info (default), warn, error
	Now            string        // HAKAKSES_NOW: RFC 3339 instant the clock starts at (demo/testing)
	SMTPAddr       string        // HAKAKSES_SMTP_ADDR host:port; empty keeps e-mail in the dev outbox viewer
	SMTPFrom       string        // HAKAKSES_SMTP_FROM
	SMTPUser       string        // HAKAKSES_SMTP_USER
	SMTPPassword   string        // HAKAKSES_SMTP_PASSWORD
	MaxUploadBytes int64         // HAKAKSES_MAX_UPLOAD_MB, default 10
	// TrustedProxies (HAKAKSES_TRUSTED_PROXIES, comma-separated CIDRs or addresses):
	// only a request arriving from one of these has its X-Forwarded-For believed.
	TrustedProxies []netip.Prefix
	// DBConnectTimeout (HAKAKSES_DB_CONNECT_TIMEOUT, default 3s) bounds opening a
	// database connection; DBStatementTimeout (HAKAKSES_DB_STATEMENT_TIMEOUT, 5s)
	// and DBLockTimeout (HAKAKSES_DB_LOCK_TIMEOUT, 3s) bound every statement and
	// every lock wait of a transaction, so an outage answers 503 instead of hanging.
	DBConnectTimeout   time.Duration
	DBStatementTimeout time.Duration
	DBLockTimeout      time.Duration
	// CountStatements (HAKAKSES_COUNT_STATEMENTS) puts each response's SQL
	// statement count in an X-Hakakses-Statements header, for the benchmark and
	// the query budget test; the request log always carries it.
	CountStatements bool
	// MetricsAddr (HAKAKSES_METRICS_ADDR) is where Prometheus metrics are served,
	// on a listener of their own; empty (the default) serves none.
	MetricsAddr string
	// BlobURL (HAKAKSES_BLOB_URL, e.g. s3://hakakses?endpoint=http://minio:9000)
	// keeps document bytes in an S3-compatible bucket; empty keeps them in
	// PostgreSQL. BlobAccessKey and BlobSecretKey are AWS_ACCESS_KEY_ID and
	// AWS_SECRET_ACCESS_KEY.
	BlobURL, BlobAccessKey, BlobSecretKey string
	// ReplicaURL (HAKAKSES_DATABASE_REPLICA_URL) is a streaming standby for the
	// read-only pages; ReplicaMaxLag (HAKAKSES_REPLICA_MAX_LAG, default 5s) is how
	// far behind it may be before reads go back to the primary.
	ReplicaURL    string
	ReplicaMaxLag time.Duration
	// WebhookAllowPrivate (HAKAKSES_WEBHOOK_ALLOW_PRIVATE, default false) lets
	// tenants' webhooks reach loopback and private addresses, and plain HTTP to
	// localhost: for tests and development only.
	WebhookAllowPrivate bool
	// ShutdownTimeout (HAKAKSES_SHUTDOWN_TIMEOUT, default 8s) bounds the graceful
	// shutdown; it must stay below the orchestrator's stop timeout (Docker: 10 s).
	ShutdownTimeout time.Duration
}

// FromEnv reads the configuration, with defaults for everything but DATABASE_URL.
func FromEnv() (Config, error) {
	c := Config{
		DatabaseURL:   os.Getenv("DATABASE_URL"),
		Addr:          env("HAKAKSES_ADDR", ":8080"),
		BaseURL:       env("HAKAKSES_BASE_URL", "http://localhost:8080"),
		LogLevel:      env("HAKAKSES_LOG_LEVEL", "info"),
		Now:           os.Getenv("HAKAKSES_NOW"),
		MetricsAddr:   os.Getenv("HAKAKSES_METRICS_ADDR"),
		BlobURL:       os.Getenv("HAKAKSES_BLOB_URL"),
		ReplicaURL:    os.Getenv("HAKAKSES_DATABASE_REPLICA_URL"),
		BlobAccessKey: os.Getenv("AWS_ACCESS_KEY_ID"),
		BlobSecretKey: os.Getenv("AWS_SECRET_ACCESS_KEY"),
		SMTPAddr:      os.Getenv("HAKAKSES_SMTP_ADDR"),
		SMTPFrom:      env("HAKAKSES_SMTP_FROM", "hakakses@localhost"),
		SMTPUser:      os.Getenv("HAKAKSES_SMTP_USER"),
		SMTPPassword:  os.Getenv("HAKAKSES_SMTP_PASSWORD"),
	}
	var err error
	if c.CookieSecure, err = boolEnv("HAKAKSES_COOKIE_SECURE", true); err != nil {
		return c, err
	}
	if c.CountStatements, err = boolEnv("HAKAKSES_COUNT_STATEMENTS", false); err != nil {
		return c, err
	}
	if c.WebhookAllowPrivate, err = boolEnv("HAKAKSES_WEBHOOK_ALLOW_PRIVATE", false); err != nil {
		return c, err
	}
	if c.IdleTimeout, err = durationEnv("HAKAKSES_SESSION_IDLE", 30*time.Minute); err != nil {
		return c, err
	}
	if c.SessionMaxAge, err = durationEnv("HAKAKSES_SESSION_MAX", 12*time.Hour); err != nil {
		return c, err
	}
	if c.ReplicaMaxLag, err = durationEnv("HAKAKSES_REPLICA_MAX_LAG", 5*time.Second); err != nil {
		return c, err
	}
	if c.ShutdownTimeout, err = durationEnv("HAKAKSES_SHUTDOWN_TIMEOUT", 8*time.Second); err != nil {
		return c, err
	}
	mb, err := intEnv("HAKAKSES_MAX_UPLOAD_MB", 10)
	if err != nil {
		return c, err
	}
	c.MaxUploadBytes = int64(mb) << 20
	if c.TrustedProxies, err = ParsePrefixes(os.Getenv("HAKAKSES_TRUSTED_PROXIES")); err != nil {
		return c, fmt.Errorf("HAKAKSES_TRUSTED_PROXIES: %w", err)
	}
	if c.DBConnectTimeout, err = durationEnv("HAKAKSES_DB_CONNECT_TIMEOUT", 3*time.Second); err != nil {
		return c, err
	}
	if c.DBStatementTimeout, err = durationEnv("HAKAKSES_DB_STATEMENT_TIMEOUT", 5*time.Second); err != nil {
		return c, err
	}
	if c.DBLockTimeout, err = durationEnv("HAKAKSES_DB_LOCK_TIMEOUT", 3*time.Second); err != nil {
		return c, err
	}
	return c, nil
}

// ParsePrefixes reads a comma-separated list of CIDRs ("10.0.0.0/8") or single
// addresses ("192.0.2.7", taken as /32 or /128).
func ParsePrefixes(list string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.Split(list, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if p, err := netip.ParsePrefix(f); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(f)
		if err != nil {
			return nil, fmt.Errorf("%q is neither a CIDR nor an IP address", f)
		}
		a = a.Unmap()
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	return out, nil
}

func env(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func boolEnv(key string, def bool) (bool, error) {
	v := os.Getenv(key)
	if v == "" {
		return def, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return def, fmt.Errorf("%s: %q is not true or false", key, v)
	}
	return b, nil
}

func durationEnv(key string, def time.Duration) (time.Duration, error) {
	v := os.Getenv(key)
	if v == "" {
		return def, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return def, fmt.Errorf("%s: %q is not a positive duration such as 30m", key, v)
	}
	return d, nil
}

func intEnv(key string, def int) (int, error) {
	v := os.Getenv(key)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		return def, fmt.Errorf("%s: %q is not a positive whole number", key, v)
	}
	return n, nil
}
