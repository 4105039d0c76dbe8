package e2e

import (
	"bytes"
	"context"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"
)

// fetch downloads the file behind link sel with the browser's session cookies
// and requires HTTP 200 with the media type want.
func (e *E) fetch(sel, name, want string) []byte {
	e.t.Helper()
	e.must(sel, "download "+name)
	href := js[string](e, `document.querySelector(`+q(sel)+`).href || ""`)
	if href == "" {
		e.fatalf("download %s: %s has no href", name, sel)
	}
	u, err := url.Parse(href)
	if err != nil || !strings.HasPrefix(href, e.Base+"/") {
		e.fatalf("download %s: link %q does not stay on the site", name, href)
	}
	ctx, cancel := context.WithTimeout(e.ctx, stepTimeout)
	defer cancel()
	jar, err := chromedp.Call(ctx, network.GetCookies, network.GetCookiesParams{URLs: []string{href}})
	if err != nil {
		e.fatalf("download %s: read cookies: %v", name, err)
	}
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	for _, c := range jar.Cookies {
		req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
	}
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		e.fatalf("download %s: %v", name, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		e.fatalf("download %s: %v", name, err)
	}
	if res.StatusCode != http.StatusOK {
		e.fatalf("download %s (%s): HTTP %d, want 200", name, u.Path, res.StatusCode)
	}
	if mt, _, _ := mime.ParseMediaType(res.Header.Get("Content-Type")); mt != want {
		e.fatalf("download %s (%s): Content-Type %q, want %s", name, u.Path, res.Header.Get("Content-Type"), want)
	}
	return body
}

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// exports downloads the CSV and XLSX behind a page's export links and requires
// the header row in both.
func (e *E) exports(name, firstColumn string) {
	e.t.Helper()
	csv := e.fetch(testID("export-csv"), name+".csv", "text/csv")
	if !strings.HasPrefix(strings.TrimPrefix(string(csv), "\ufeff"), firstColumn+",") {
		e.errorf("%s.csv starts %q, want the column %q", name, string(csv[:min(len(csv), 40)]), firstColumn)
	}
	f, err := excelize.OpenReader(bytes.NewReader(e.fetch(testID("export-xlsx"), name+".xlsx", xlsxType)))
	if err != nil {
		e.fatalf("%s.xlsx: %v", name, err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil || len(rows) == 0 || rows[0][0] != firstColumn {
		e.errorf("%s.xlsx rows %v, %v; want the column %q first", name, rows, err, firstColumn)
	}
}

// TestDashboardsIKMAndExports visits every dashboard and IKM page, as the office,
// the Dirjen and the platform admin, and downloads each export in both formats.
func TestDashboardsIKMAndExports(t *testing.T) {
	e := start(t)

	e.login("kepala")
	e.visit("/oki/kantor/dasbor")
	e.must(testID("dashboard")+" svg[role=img]", "office dashboard charts")
	e.must(testID("dashboard-step"), "step durations")
	e.exports("permohonan-oki", "Nomor permohonan")
	e.click(testID("ikm-link"), "oki-kantor-ikm")
	e.must(testID("ikm"), "office IKM")
	e.exports("ikm-oki", "Tahun")
	e.visit("/notifikasi")
	e.click(testID("reminder-settings-link"), "reminder-settings")
	e.must(testID("reminder-deadline"), "reminder choices")

	e.login("dirjen")
	e.visit("/dirjen/dasbor")
	e.must(testID("dashboard-provinces"), "national dashboard provinces")
	e.exports("permohonan-nasional", "Nomor permohonan")
	e.click(testID("ikm-link"), "dirjen-ikm")
	e.must(testID("ikm"), "national IKM")
	e.exports("ikm-nasional", "Tahun")
	e.visit("/dirjen/?q=Ogan")
	e.must(testID("inbox")+", "+testID("empty"), "inbox search")

	e.login("admin")
	e.visit("/admin/dasbor")
	e.must(testID("dashboard-ranking"), "admin national ranking")
	e.click(testID("ikm-link"), "admin-ikm")
	e.must(testID("ikm"), "admin IKM")
	e.exports("ikm-nasional-admin", "Tahun")
	e.visit("/admin/tugas")
	e.must(testID("failed-jobs"), "failed jobs")
}
