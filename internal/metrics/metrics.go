// Package metrics is the product's Prometheus instrumentation: HTTP requests by
// route pattern, transitions by event, background job failures, and, read at
// each scrape, SLA breaches, the e-mail queue and the connection pool. It is
// served on its own listen address (HAKAKSES_METRICS_ADDR), never on the public
// one. A nil *Metrics records nothing, so tests and tools need none.
package metrics

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics holds the collectors of one process.
type Metrics struct {
	reg         *prometheus.Registry
	requests    *prometheus.CounterVec
	duration    *prometheus.HistogramVec
	transitions *prometheus.CounterVec
	jobFailures *prometheus.CounterVec
}

// New returns the collectors, registered with a registry of their own (plus the
// Go runtime and process collectors).
func New() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "hakakses_http_requests_total",
			Help: "HTTP requests answered, by method, chi route pattern and status code.",
		}, []string{"method", "route", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "hakakses_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by method and chi route pattern.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"method", "route"}),
		transitions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "hakakses_transitions_total",
			Help: "Workflow transitions committed, by event.",
		}, []string{"event"}),
		jobFailures: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "hakakses_job_failures_total",
			Help: "Background job runs that failed (each retry counts), by job kind.",
		}, []string{"job"}),
	}
	m.reg.MustRegister(m.requests, m.duration, m.transitions, m.jobFailures,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the registry in the Prometheus exposition format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// Request records one answered HTTP request. route is the chi pattern (e.g.
// "/{tenant}/kantor/permohonan/{id}"), never the raw path, so the number of
// series stays bounded; unmatched paths share one label.
func (m *Metrics) Request(method, route string, status int, d time.Duration) {
	if m == nil {
		return
	}
	if route == "" {
		route = "unmatched"
	}
	m.requests.WithLabelValues(method, route, strconv.Itoa(status)).Inc()
	m.duration.WithLabelValues(method, route).Observe(d.Seconds())
}

// Transition records one committed workflow transition.
func (m *Metrics) Transition(event string) {
	if m == nil {
		return
	}
	m.transitions.WithLabelValues(event).Inc()
}

// JobFailed records one failed run of a background job.
func (m *Metrics) JobFailed(job string) {
	if m == nil {
		return
	}
	m.jobFailures.WithLabelValues(job).Inc()
}

// Snapshot is the state read from the database at each scrape.
type Snapshot struct {
	OverdueByClock map[string]int64 // running SLA clocks past their due instant, by clock
	MailPending    int64            // e-mails waiting to be sent (due or backing off)
	MailFailed     int64            // e-mails abandoned after the last attempt
	JobsQueued     int64            // background jobs waiting, scheduled, retrying or running
	JobsDiscarded  int64            // background jobs given up
}

// PoolStats is what the pool figures are read from (the store's DB, or a pgxpool).
type PoolStats interface{ Stat() *pgxpool.Stat }

// WatchDatabase adds, read at each scrape, the pool's statistics and the
// database Snapshot that read returns (bounded by a 5-second timeout; a failed
// read is reported as hakakses_snapshot_up 0, not as stale figures).
func (m *Metrics) WatchDatabase(pool PoolStats, read func(context.Context) (Snapshot, error)) {
	if m == nil {
		return
	}
	m.reg.MustRegister(&dbCollector{pool: pool, read: read})
}

var (
	descOverdue = prometheus.NewDesc("hakakses_sla_overdue_applications",
		"Applications whose running SLA clock is past due now (a breach of the service standard), by clock.", []string{"clock"}, nil)
	descMailPending = prometheus.NewDesc("hakakses_mail_queue_pending",
		"E-mails in the outbox not yet sent and not abandoned (the job queue depth).", nil, nil)
	descMailFailed = prometheus.NewDesc("hakakses_mail_queue_failed",
		"E-mails abandoned after the last delivery attempt.", nil, nil)
	descJobsQueued = prometheus.NewDesc("hakakses_job_queue_depth",
		"Background jobs waiting, scheduled, retrying or running.", nil, nil)
	descJobsDiscarded = prometheus.NewDesc("hakakses_job_queue_discarded",
		"Background jobs the queue gave up on (kept for the admin's failed-jobs page).", nil, nil)
	descUp = prometheus.NewDesc("hakakses_snapshot_up",
		"1 when the database figures of this scrape could be read, else 0.", nil, nil)
	descPoolTotal = prometheus.NewDesc("hakakses_db_pool_connections",
		"Connections in the pool, by state.", []string{"state"}, nil)
	descPoolMax = prometheus.NewDesc("hakakses_db_pool_max_connections",
		"The pool's maximum size.", nil, nil)
	descPoolWaits = prometheus.NewDesc("hakakses_db_pool_acquire_waits_total",
		"Acquires that had to wait for a connection (the pool was exhausted).", nil, nil)
	descPoolWait = prometheus.NewDesc("hakakses_db_pool_acquire_wait_seconds_total",
		"Total time spent waiting for a connection.", nil, nil)
)

type dbCollector struct {
	pool PoolStats
	read func(context.Context) (Snapshot, error)
}

func (c *dbCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descOverdue, descMailPending, descMailFailed, descJobsQueued, descJobsDiscarded, descUp, descPoolTotal, descPoolMax, descPoolWaits, descPoolWait} {
		ch <- d
	}
}

func (c *dbCollector) Collect(ch chan<- prometheus.Metric) {
	st := c.pool.Stat()
	ch <- prometheus.MustNewConstMetric(descPoolTotal, prometheus.GaugeValue, float64(st.AcquiredConns()), "acquired")
	ch <- prometheus.MustNewConstMetric(descPoolTotal, prometheus.GaugeValue, float64(st.IdleConns()), "idle")
	ch <- prometheus.MustNewConstMetric(descPoolTotal, prometheus.GaugeValue, float64(st.ConstructingConns()), "constructing")
	ch <- prometheus.MustNewConstMetric(descPoolMax, prometheus.GaugeValue, float64(st.MaxConns()))
	ch <- prometheus.MustNewConstMetric(descPoolWaits, prometheus.CounterValue, float64(st.EmptyAcquireCount()))
	ch <- prometheus.MustNewConstMetric(descPoolWait, prometheus.CounterValue, st.AcquireDuration().Seconds())

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	snap, err := c.read(ctx)
	if err != nil {
		ch <- prometheus.MustNewConstMetric(descUp, prometheus.GaugeValue, 0)
		return
	}
	ch <- prometheus.MustNewConstMetric(descUp, prometheus.GaugeValue, 1)
	for clock, n := range snap.OverdueByClock {
		ch <- prometheus.MustNewConstMetric(descOverdue, prometheus.GaugeValue, float64(n), clock)
	}
	ch <- prometheus.MustNewConstMetric(descMailPending, prometheus.GaugeValue, float64(snap.MailPending))
	ch <- prometheus.MustNewConstMetric(descMailFailed, prometheus.GaugeValue, float64(snap.MailFailed))
	ch <- prometheus.MustNewConstMetric(descJobsQueued, prometheus.GaugeValue, float64(snap.JobsQueued))
	ch <- prometheus.MustNewConstMetric(descJobsDiscarded, prometheus.GaugeValue, float64(snap.JobsDiscarded))
}
