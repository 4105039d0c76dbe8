package app_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// The application page reads everything in one statement
// (store.ApplicationDetail); each of its lists must be what the store function
// that reads that list alone returns, in the same order, for every viewer.
func TestApplicationDetailReadsWhatTheSingleReadsDo(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id := f.completeDraft()
	// Every list filled: negotiation comments and an agreed version, a staff
	// note, a semester report, a sanction and its reinstatement, a delivery and
	// an addendum, on top of the letters, documents and User IDs of the steps.
	f.fire(f.lembaga, id, app.Action{Event: workflow.Submit})
	f.fire(f.petugas, id, app.Action{Event: workflow.Forward})
	f.fire(f.dirjen, id, app.Action{Event: workflow.Approve, Form: form("letter_number", "400.12/1234/Dukcapil", "letter_date", day(f.clock.Now())),
		Files: map[string]app.Upload{app.DocDirjenApproval: pdf("persetujuan.pdf")}})
	f.fire(f.petugas, id, f.agreementAction(id, workflow.PrepareAgreement))
	for _, body := range []string{"Mohon pasal 5 diperjelas.", "Pasal 7 cukup."} {
		if err := f.app.AddComment(f.ctx, f.lembaga, id, "pks", 5, body, nil); err != nil {
			t.Fatal(err)
		}
	}
	f.fire(f.lembaga, id, app.Action{Event: workflow.AgreeAgreement})
	f.fire(f.kepala, id, f.signAction())
	f.fire(f.lembaga, id, f.requestUserIDAction())
	f.fire(f.petugas, id, app.Action{Event: workflow.RequestDWH})
	f.fire(f.dirjen, id, f.approveDWHAction())
	f.fire(f.petugas, id, app.Action{Event: workflow.HandOver})
	for _, body := range []string{"Berkas asli di lemari 3.", "Operator sudah dilatih."} {
		if err := f.app.AddStaffNote(f.ctx, f.petugas, id, body); err != nil {
			t.Fatal(err)
		}
	}
	f.clock.Set(time.Date(2026, 7, 20, 10, 0, 0, 0, wib))
	f.fire(f.lembaga, id, app.Action{Event: workflow.FileReport, Files: map[string]app.Upload{app.DocReport: pdf("laporan.pdf")}})
	f.clock.Set(time.Date(2026, 11, 3, 10, 0, 0, 0, wib))
	f.fire(f.petugas, id, app.Action{Event: workflow.Suspend, Form: form("ground", "late_report", "ground_months", "3")})
	f.fire(f.kepala, id, app.Action{Event: workflow.Reinstate, Form: form("reason", "Laporan telah diterima.")})
	f.fire(f.lembaga, id, app.Action{Event: workflow.RecordDataBalikan, Form: form("period_start", "2026-07-01",
		"period_end", "2026-09-30", "channel", "aplikasi_data_balikan", "records", "4200")})
	f.fire(f.lembaga, id, app.Action{Event: workflow.RequestAddendum, Form: form("reason", "Loket baru di kantor kecamatan",
		"addendum_ips", "10.20.30.0/24\n10.20.31.5\n10.20.32.7"),
		Files: map[string]app.Upload{app.DocAddendumRequest: pdf("permohonan-adendum.pdf"), app.DocClosedNetwork: pdf("jaringan-baru.pdf")}})

	for _, p := range []app.Principal{f.petugas, f.lembaga, f.dirjen} {
		s := p.Scope()
		if p.Role == workflow.RoleLembaga {
			s.InstitutionID = p.InstitutionID
		}
		staff := p.IsStaff()
		err := f.db.ReadTx(f.ctx, s, func(tx pgx.Tx) error {
			got, err := store.ApplicationDetail(f.ctx, tx, s, id, store.DetailOptions{TrackingCode: true, StaffNotes: staff})
			if err != nil {
				return err
			}
			var want store.DetailRows
			if want.App, err = store.ApplicationByID(f.ctx, tx, s, id); err != nil {
				return err
			}
			t := want.App.TenantID
			want.TrackingCode, _ = store.TrackingCode(f.ctx, tx, s, id)
			want.Institution, _ = store.InstitutionByID(f.ctx, tx, t, want.App.InstitutionID)
			want.HeadNIP, _ = store.InstitutionHeadNIP(f.ctx, tx, t, want.App.InstitutionID)
			want.Catalog, _ = store.DataElements(f.ctx, tx)
			want.Elements, _ = store.Elements(f.ctx, tx, t, id)
			want.Documents, _ = store.DocumentsOf(f.ctx, tx, t, id)
			want.Events, _ = store.Events(f.ctx, tx, t, id)
			want.Agreements, _ = store.AgreementVersions(f.ctx, tx, t, id)
			want.Identities, _ = store.IdentitiesOf(f.ctx, tx, t, id)
			if sg, ok, _ := store.AgreementSigningOf(f.ctx, tx, t, id); ok {
				want.Signing = &sg
			}
			// The page reads User IDs as UserIDsByKind parts them.
			lembaga, dataBalikan, _ := store.UserIDsByKind(f.ctx, tx, t, id)
			gotLembaga, gotDataBalikan := store.SplitUserIDs(got.UserIDs)
			if !sameDetail(gotLembaga, lembaga) || !sameDetail(gotDataBalikan, dataBalikan) || len(lembaga) == 0 || dataBalikan == nil {
				f.t.Errorf("%s: User IDs in one statement %+v, %+v; alone %+v, %+v", p.Role, gotLembaga, gotDataBalikan, lembaga, dataBalikan)
			}
			want.UserIDs = got.UserIDs
			want.Comments, _ = store.Comments(f.ctx, tx, t, id)
			want.Agreed, _ = store.AgreedVersion(f.ctx, tx, t, id)
			if staff {
				want.StaffNotes, _ = store.StaffNotes(f.ctx, tx, t, id)
			}
			want.Reports, _ = store.SemesterReports(f.ctx, tx, t, id)
			want.Sanctions, _ = store.Sanctions(f.ctx, tx, t, id)
			want.Addenda, _ = store.Addenda(f.ctx, tx, t, id)
			want.Deliveries, err = store.Deliveries(f.ctx, tx, t, id)
			if err != nil {
				return err
			}
			gv, wv := reflect.ValueOf(got), reflect.ValueOf(want)
			for i := range gv.NumField() {
				name := gv.Type().Field(i).Name
				g, w := gv.Field(i).Interface(), wv.Field(i).Interface()
				if !sameDetail(g, w) {
					f.t.Errorf("%s: %s in one statement:\n%+v\nalone:\n%+v", p.Role, name, g, w)
				}
				if reflect.ValueOf(w).Kind() == reflect.Slice && reflect.ValueOf(w).Len() == 0 && (name != "StaffNotes" || staff) {
					f.t.Errorf("%s: %s is empty: the test fills every list", p.Role, name)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatalf("%s: %v", p.Role, err)
		}
	}
}

// sameDetail compares two reads of one value: instants by the instant (both
// come from PostgreSQL in the session's zone), empty and nil lists alike.
func sameDetail(a, b any) bool {
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	if va.Kind() == reflect.Slice && va.Len() == 0 && vb.Len() == 0 {
		return true
	}
	return reflect.DeepEqual(normalise(va).Interface(), normalise(vb).Interface())
}

// normalise copies v with every time.Time in UTC.
func normalise(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		out := reflect.New(v.Type().Elem())
		out.Elem().Set(normalise(v.Elem()))
		return out
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			out.Index(i).Set(normalise(v.Index(i)))
		}
		return out
	case reflect.Struct:
		if t, ok := v.Interface().(time.Time); ok {
			return reflect.ValueOf(t.UTC())
		}
		out := reflect.New(v.Type()).Elem()
		for i := range v.NumField() {
			if !v.Type().Field(i).IsExported() {
				return v
			}
			out.Field(i).Set(normalise(v.Field(i)))
		}
		return out
	}
	return v
}
