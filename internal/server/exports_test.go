package server_test

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/xuri/excelize/v2"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

func TestStaffAndDirjenExportApplicationsAsCSVAndXLSX(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	first := e.notifSubmitted()
	second := e.notifSubmitted()
	var number1, number2 string
	var version int
	if err := e.DB.ReadTx(ctx, store.System(), func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, `SELECT number, version FROM applications WHERE id = $1`, first).Scan(&number1, &version); err != nil {
			return err
		}
		return tx.QueryRow(ctx, `SELECT number FROM applications WHERE id = $1`, second).Scan(&number2)
	}); err != nil {
		t.Fatal(err)
	}
	if err := e.App.Fire(ctx, e.notifPrincipal("petugas"), first, app.Action{Event: workflow.Forward, Version: version}); err != nil {
		t.Fatal(err)
	}
	kepala := e.loginAs(t, "kepala")
	csv := kepala.get("/oki/kantor/ekspor/permohonan?format=csv")
	if csv.Status != http.StatusOK || !strings.HasPrefix(csv.Header.Get("Content-Type"), "text/csv") ||
		!strings.Contains(csv.Header.Get("Content-Disposition"), `attachment; filename="permohonan-oki-`) {
		t.Fatalf("csv: %s", csv)
	}
	lines := strings.Split(strings.TrimSpace(strings.TrimPrefix(csv.Body, "\ufeff")), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "Nomor permohonan,Lembaga,Kabupaten/Kota,Provinsi,Status,Diajukan") ||
		!strings.HasPrefix(lines[1], number1+",") || !strings.Contains(lines[1], ","+workflow.Forwarded.Label()+",") ||
		!strings.Contains(lines[1], e.Clock.Now().Format("02/01/2006 15.04")+" WIB") || !strings.HasPrefix(lines[2], number2+",") {
		t.Fatalf("csv lines: %q", lines)
	}
	xlsx := kepala.get("/oki/kantor/ekspor/permohonan?format=xlsx")
	f, err := excelize.OpenReader(bytes.NewReader([]byte(xlsx.Body)))
	if err != nil {
		t.Fatalf("xlsx: %v (%s)", err, xlsx)
	}
	rows, err := f.GetRows("Permohonan")
	if err != nil || len(rows) != 3 || rows[0][0] != "Nomor permohonan" || rows[1][0] != number1 || rows[2][0] != number2 {
		t.Fatalf("xlsx rows %v, %v", rows, err)
	}
	// The Dirjen: only what was forwarded.
	dirjen := e.loginAs(t, "dirjen")
	d := dirjen.get("/dirjen/ekspor/permohonan?format=csv")
	if d.Status != http.StatusOK || !strings.Contains(d.Body, number1) || strings.Contains(d.Body, number2) ||
		!strings.Contains(d.Header.Get("Content-Disposition"), "permohonan-nasional-") {
		t.Fatalf("dirjen csv: %s", d)
	}
	if r := kepala.get("/oki/kantor/ekspor/permohonan?format=pdf"); r.Status != http.StatusNotFound {
		t.Errorf("format pdf: %s", r)
	}
	if r := e.loginAs(t, "lembaga").get("/oki/kantor/ekspor/permohonan?format=csv"); r.Status == http.StatusOK {
		t.Errorf("lembaga exporting the office's applications: %s", r)
	}
	if r := kepala.get("/dirjen/ekspor/permohonan?format=csv"); r.Status == http.StatusOK {
		t.Errorf("kepala exporting the national list: %s", r)
	}
	ikm := kepala.get("/oki/kantor/ikm/ekspor?format=xlsx")
	if ikm.Status != http.StatusOK || ikm.Header.Get("Content-Type") != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		t.Errorf("ikm xlsx: %s", ikm)
	}
}
