package server_test

import (
	"net/http"
	"strings"
	"testing"
)

func TestDashboardsForStaffDirjenAndAdmin(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.notifSubmitted()
	k := e.loginAs(t, "kepala").get("/oki/kantor/dasbor")
	if k.Status != http.StatusOK || strings.Count(k.Body, "<svg") != 2 || !strings.Contains(k.Body, `aria-labelledby="states-chart-title states-chart-desc"`) ||
		!strings.Contains(k.Body, `data-testid="dashboard-step"`) || strings.Contains(k.Body, `data-testid="dashboard-provinces"`) ||
		!strings.Contains(k.Body, `href="/oki/kantor/ekspor/permohonan?format=xlsx"`) || !strings.Contains(k.Body, "Diajukan") {
		t.Fatalf("kepala dashboard: %s", k)
	}
	d := e.loginAs(t, "dirjen").get("/dirjen/dasbor")
	if d.Status != http.StatusOK || !strings.Contains(d.Body, `data-testid="dashboard-province"`) ||
		!strings.Contains(d.Body, "Sumatera Selatan") || !strings.Contains(d.Body, `href="/dirjen/ekspor/permohonan?format=csv"`) {
		t.Fatalf("dirjen dashboard: %s", d)
	}
	a := e.loginAs(t, "admin").get("/admin/dasbor")
	if a.Status != http.StatusOK || !strings.Contains(a.Body, `data-testid="dashboard-provinces"`) || strings.Contains(a.Body, "ekspor/permohonan") {
		t.Fatalf("admin dashboard: %s", a)
	}
	if r := e.loginAs(t, "lembaga").get("/oki/kantor/dasbor"); r.Status == http.StatusOK {
		t.Errorf("lembaga dashboard: %s", r)
	}
}
