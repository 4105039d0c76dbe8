package letters

import (
	"testing"
	"time"
)

// The receipt is one page with the number, code, times and deadline as given;
// without a deadline it is refused rather than printed with a hole.
func TestSubmissionReceiptOnePage(t *testing.T) {
	wib := time.FixedZone("WIB", 7*3600)
	r := Receipt{Number: "HA-1602-2026-000042", TrackingCode: "ABCDE-FGHJK", Institution: "Dinas Sosial Kabupaten Ogan Komering Ilir",
		Submitted: time.Date(2026, 3, 10, 17, 5, 0, 0, wib), Deadline: time.Date(2026, 3, 12, 16, 0, 0, 0, wib), Zone: "WIB",
		TargetDays: 2, Resubmission: true, TrackURL: "https://hakakses.example/oki/lacak"}
	b, err := SubmissionReceipt(sampleOffice(), r)
	if err != nil {
		t.Fatal(err)
	}
	pages := pdftotext(t, b)
	if len(pages) != 1 {
		t.Fatalf("%d pages, want 1", len(pages))
	}
	requireText(t, pages[0], "HA-1602-2026-000042", "ABCDE-FGHJK", "Diajukan kembali", "Selasa, 10 Maret 2026 pukul 17.05 WIB",
		"paling lambat Kamis, 12 Maret 2026 pukul 16.00 WIB", "https://hakakses.example/oki/lacak")
	r.Deadline = time.Time{}
	if _, err := SubmissionReceipt(sampleOffice(), r); err == nil {
		t.Fatal("a receipt without its deadline was printed")
	}
}
