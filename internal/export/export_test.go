package export_test

import (
	"bytes"
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/hakakses/hakakses/internal/export"
)

var columns = []string{"Nomor permohonan", "Lembaga", "Kabupaten/Kota", "Status", "Diajukan", "Hari kerja"}

func row(i int) []any {
	return []any{fmt.Sprintf("HA-1602-2026-%06d", i), "Dinas Kesehatan Kabupaten Ogan Komering Ilir", "Kab. Ogan Komering Ilir",
		"Menunggu verifikasi", "10/03/2026 10.00 WIB", i % 7}
}

func TestCSVHasABOMTheHeaderAndQuotedCells(t *testing.T) {
	var b bytes.Buffer
	w, _ := export.New(export.CSV, &b, "")
	w.Header(columns)
	w.Row([]any{"HA-1", `Dinas "Sehat", Kayuagung`, "OKI", "Aktif", "", 3})
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	want := "\ufeffNomor permohonan,Lembaga,Kabupaten/Kota,Status,Diajukan,Hari kerja\nHA-1,\"Dinas \"\"Sehat\"\", Kayuagung\",OKI,Aktif,,3\n"
	if b.String() != want {
		t.Fatalf("csv = %q", b.String())
	}
}

func TestXLSXReadsBackWithHeaderAndRows(t *testing.T) {
	var b bytes.Buffer
	w, err := export.New(export.XLSX, &b, "Permohonan")
	if err != nil {
		t.Fatal(err)
	}
	w.Header(columns)
	for i := range 3 {
		w.Row(row(i))
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Permohonan")
	if err != nil || len(rows) != 4 || rows[0][0] != "Nomor permohonan" || rows[3][0] != "HA-1602-2026-000002" || rows[2][5] != "1" {
		t.Fatalf("rows = %v, %v", rows, err)
	}
}

// BenchmarkExport200k writes 200 000 rows and reports the peak heap in use while
// writing: the exports stream, so it stays bounded whatever the row count.
func BenchmarkExport200k(b *testing.B) {
	for _, f := range []export.Format{export.CSV, export.XLSX} {
		b.Run(string(f), func(b *testing.B) {
			b.ReportAllocs()
			var peak atomic.Uint64
			stop := make(chan struct{})
			go samplePeak(&peak, stop)
			var size int64
			for range b.N {
				out := &countWriter{}
				w, err := export.New(f, out, "Permohonan")
				if err != nil {
					b.Fatal(err)
				}
				w.Header(columns)
				for i := range 200_000 {
					if err := w.Row(row(i)); err != nil {
						b.Fatal(err)
					}
				}
				if err := w.Close(); err != nil {
					b.Fatal(err)
				}
				size = out.n
			}
			close(stop)
			b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
			b.ReportMetric(float64(size)/(1<<20), "file-MB")
		})
	}
}

func samplePeak(peak *atomic.Uint64, stop chan struct{}) {
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
}

type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }
