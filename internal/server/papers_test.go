package server_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/store"
)

// trackingCode reads an application's tracking code.
func (e *env) trackingCode(id int64) string {
	e.t.Helper()
	ctx := context.Background()
	var code string
	if err := e.DB.ReadTx(ctx, store.System(), func(tx pgx.Tx) error {
		return tx.QueryRow(ctx, `SELECT tracking_code FROM applications WHERE id = $1`, id).Scan(&code)
	}); err != nil {
		e.t.Fatal(err)
	}
	return code
}

// Submitting from the page confirms it with a link to the bukti pengajuan; the
// PDF, read back with pdftotext, carries the real number, tracking code,
// institution, office, submission time and the 2-working-day deadline, on one
// page. The link stays on the detail page; a draft has none.
func TestSubmissionReceipt(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.completeDraft()
	lembaga := e.loginAs(t, "lembaga")
	base := fmt.Sprintf("/oki/lembaga/permohonan/%d", id)
	if res := lembaga.get(base + "/bukti-pengajuan.pdf"); res.Status != 422 {
		t.Fatalf("receipt of a draft: %s, want 422", res)
	}
	if strings.Contains(lembaga.get(base).Body, `data-testid="receipt"`) {
		t.Fatalf("a draft offers a bukti pengajuan")
	}
	res := lembaga.post(base+"/aksi/submit", map[string][]string{"version": {strconv.Itoa(e.appVersion(id))}})
	if res.Status != 303 || res.Location() != base {
		t.Fatalf("submit: %s", res)
	}
	page := lembaga.get(base)
	doc := parseHTML(t, page.Body)
	confirm := byTestID(doc, "submitted-confirmation")
	if confirm == nil {
		t.Fatalf("no confirmation after submitting:\n%s", page.Body)
	}
	for _, testID := range []string{"receipt-confirmation", "receipt"} {
		if a := byTestID(doc, testID); a == nil || attr(a, "href") != base+"/bukti-pengajuan.pdf" {
			t.Errorf("link %s to the receipt missing", testID)
		}
	}
	// The confirmation is shown once; the link on the page stays.
	again := parseHTML(t, lembaga.get(base).Body)
	if byTestID(again, "submitted-confirmation") != nil || byTestID(again, "receipt") == nil {
		t.Errorf("on the next view: confirmation %v, link %v; want no confirmation, the link",
			byTestID(again, "submitted-confirmation") != nil, byTestID(again, "receipt") != nil)
	}

	pdf := lembaga.get(base + "/bukti-pengajuan.pdf")
	if pdf.Status != 200 || pdf.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("receipt: %d %s", pdf.Status, pdf.Header.Get("Content-Type"))
	}
	txt := pdftotext(t, []byte(pdf.Body))
	var number string
	ctx := context.Background()
	e.DB.ReadTx(ctx, store.System(), func(tx pgx.Tx) error {
		return tx.QueryRow(ctx, `SELECT number FROM applications WHERE id = $1`, id).Scan(&number)
	})
	// demoNow is Tuesday 11 March 2025, 09.00 WIB: working day 1; the deadline is
	// the close of working day 2.
	for _, want := range []string{"BUKTI PENGAJUAN PERMOHONAN", number, e.trackingCode(id),
		"Dinas Kesehatan Kabupaten Ogan Komering Ilir",
		"Dinas Kependudukan dan Pencatatan Sipil Kabupaten Ogan Komering Ilir",
		"Selasa, 11 Maret 2025 pukul 09.00 WIB", "2 (dua) hari kerja",
		"Batas waktu verifikasi", ": Rabu, 12 Maret 2025 pukul 16.00 WIB", "paling lambat Rabu, 12 Maret 2025 pukul 16.00 WIB", "http://localhost/oki/lacak", "Langkah selanjutnya"} {
		if !strings.Contains(txt, want) {
			t.Errorf("receipt lacks %q:\n%s", want, txt)
		}
	}
	if n := pdfPages(t, []byte(pdf.Body)); n != 1 {
		t.Errorf("receipt has %d pages, want 1", n)
	}
	// Another institution's lembaga does not get it.
	colleagueElsewhere := e.newClient(t)
	oku := e.onboardOKU()
	colleagueElsewhere.login(oku.LembagaEmail, oku.Password)
	if res := colleagueElsewhere.get(base + "/bukti-pengajuan.pdf"); res.Status != 404 {
		t.Errorf("another tenant's lembaga: %s, want 404", res)
	}
}
