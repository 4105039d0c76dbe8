package app_test

import (
	"context"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/export"
)

// BenchmarkNationalExport200k streams the Dirjen's national export of 200 250
// applications (of 267 000 seeded, those forwarded) from PostgreSQL to a discarding
// writer, and reports the peak heap in use while it runs.
func BenchmarkNationalExport200k(b *testing.B) {
	f := newFixture(b)
	seedScale(b, f, 267_000)
	conn, err := pgx.Connect(f.ctx, f.url)
	if err != nil {
		b.Fatal(err)
	}
	var visible int
	if _, err := conn.Exec(f.ctx, `UPDATE applications SET submitted_at = created_at WHERE state <> 'draft'`); err != nil {
		b.Fatal(err)
	}
	conn.QueryRow(f.ctx, `SELECT count(*) FROM applications WHERE forwarded_at IS NOT NULL AND submitted_at IS NOT NULL`).Scan(&visible)
	conn.Close(f.ctx)
	for _, format := range []export.Format{export.CSV, export.XLSX} {
		b.Run(string(format), func(b *testing.B) {
			var peak atomic.Uint64
			stop := make(chan struct{})
			go func() {
				runtime.GC()
				var m runtime.MemStats
				for {
					runtime.ReadMemStats(&m)
					if m.HeapInuse > peak.Load() {
						peak.Store(m.HeapInuse)
					}
					select {
					case <-stop:
						return
					case <-time.After(5 * time.Millisecond):
					}
				}
			}()
			rows := &rowCounter{}
			b.ResetTimer()
			for range b.N {
				w, err := export.New(format, discard{}, "Permohonan")
				if err != nil {
					b.Fatal(err)
				}
				counted := &counting{Writer: w, n: rows}
				if err := f.app.ExportApplications(context.Background(), f.dirjen, counted); err != nil {
					b.Fatal(err)
				}
				if err := w.Close(); err != nil {
					b.Fatal(err)
				}
			}
			close(stop)
			if got := int(rows.n.Load()) / b.N; got != visible || visible < 200_000 {
				b.Fatalf("exported %d rows, want the %d the Dirjen sees", got, visible)
			}
			b.ReportMetric(float64(visible), "rows")
			b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
		})
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

type rowCounter struct{ n atomic.Int64 }

type counting struct {
	export.Writer
	n *rowCounter
}

func (c *counting) Row(cells []any) error { c.n.n.Add(1); return c.Writer.Row(cells) }
