package server

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/workflow"
	"github.com/hakakses/hakakses/web"
)

// The page reads the app's typed records of the life after signing: a
// sanction's ground is described from its kind and months (or its own text),
// and an addendum says what it changes.
func TestAfterSigningViewDescribesSanctionsAndAddenda(t *testing.T) {
	at := time.Date(2026, 9, 1, 3, 0, 0, 0, time.UTC)
	d := &app.Detail{State: workflow.Suspended, Tenant: app.Tenant{TimeZone: "Asia/Jakarta"}, Now: at,
		After: app.AfterSigningDetail{
			Sanctions: []app.Sanction{
				{Kind: workflow.SanctionPenghentian, Ground: workflow.GroundLateReport, GroundMonths: 3,
					UserIDs: []string{"dinkes.verif", "dinkes.bio"}, LetterNumber: "400/9", ImposedRole: workflow.RoleKepala, ImposedAt: at},
				{Kind: workflow.SanctionTeguran, GroundText: "Uraian dasar lama", ImposedRole: workflow.RoleDirjen, ImposedAt: at},
			},
			Addenda: []app.Addendum{
				{Seq: 1, AddsElements: true, Status: "signed", Number: "400/10"},
				{Seq: 2, IPAddresses: []string{"10.0.0.7"}, AddUserIDs: 2, Status: "requested"},
			},
		}}
	r := httptest.NewRequest(http.MethodGet, "/oki/kantor/permohonan/1", nil)
	r = r.WithContext(web.WithLocale(r.Context(), localeFor(r, "id")))
	v := (*Server)(nil).afterSigningView(r, app.Principal{Role: workflow.RoleKepala}, d, "/oki/kantor/permohonan/1")

	if len(v.Sanctions) != 2 {
		t.Fatalf("sanctions = %+v", v.Sanctions)
	}
	s := v.Sanctions[0]
	if s.Kind != "Penghentian sementara hak akses" || s.Ground != "Laporan semester terlambat 3 bulan" ||
		s.UserIDs != "dinkes.verif, dinkes.bio" || s.By != "Kepala Disdukcapil" || !strings.Contains(s.At, "2026") {
		t.Errorf("suspension row = %+v", s)
	}
	if s := v.Sanctions[1]; s.Ground != "Uraian dasar lama" || s.By != "Penghubung Dirjen Dukcapil" {
		t.Errorf("a sanction without a typed ground shows its text: %+v", s)
	}
	if len(v.Addenda) != 2 {
		t.Fatalf("addenda = %+v", v.Addenda)
	}
	if a := v.Addenda[0]; a.Change != "tambahan elemen data" || a.Status != "ditandatangani" || a.Title != "Adendum ke-1" {
		t.Errorf("addendum adding elements = %+v", a)
	}
	if a := v.Addenda[1]; a.Change != "IP LAN: 10.0.0.7; tambahan 2 User ID" || a.Status != "sedang diproses" {
		t.Errorf("addendum changing the network = %+v", a)
	}
}
