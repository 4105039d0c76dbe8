package server_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/i18n"
	"github.com/hakakses/hakakses/internal/skm"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// agree fails when the catalogue's Indonesian text of key is not the
// definition's own label, or when English has no text of its own.
func agree(t *testing.T, key, label string) {
	t.Helper()
	if got := i18n.For(i18n.ID).T(key); got != label {
		t.Errorf("%s: catalogue says %q, the definition says %q", key, got, label)
	}
	if got := i18n.For(i18n.EN).T(key); got == key || (got == label && !sameInEnglish[label]) {
		t.Errorf("%s: no English text (got %q)", key, got)
	}
}

// sameInEnglish are labels that read the same in both languages.
var sameInEnglish = map[string]bool{"Web Service": true, "Web Portal": true, "Web service": true}

// TestApplicationLabelsAgreeWithDefinitions: the application pages show
// document kinds, access methods and data elements through catalogue keys, so
// Indonesian pages must keep reading as their definitions say (the documents'
// labels in app, the methods' in workflow, the elements' in the reference data
// of the database), and every one must have English.
func TestApplicationLabelsAgreeWithDefinitions(t *testing.T) {
	t.Parallel()
	kinds := app.DocumentKinds()
	if len(kinds) < 25 {
		t.Fatalf("app.DocumentKinds lists only %d kinds", len(kinds))
	}
	for _, k := range kinds {
		agree(t, "doc."+k, app.DocumentLabel(k))
	}
	for _, m := range workflow.AccessMethods {
		agree(t, "method."+string(m), m.Label())
	}
	for _, ev := range workflow.Events {
		agree(t, "action."+string(ev), ev.Label())
		agree(t, "event."+string(ev), ev.HistoryLabel())
	}
	agree(t, "action.submit_again", workflow.Submit.LabelFrom(workflow.Returned))
	for _, c := range []workflow.ClockKind{workflow.ClockVerifyForward, workflow.ClockPrepareAgreement, workflow.ClockSendDWHRequest,
		workflow.ClockHandOverUserID, workflow.ClockReviseAgreement, workflow.ClockVerifyAddendum, workflow.ClockPrepareAddendum} {
		agree(t, "clock."+string(c), c.Label())
	}
	for _, st := range []workflow.ReportState{workflow.ReportNotDue, workflow.ReportOverdue, workflow.ReportFiled, workflow.ReportAccepted, workflow.ReportReturned} {
		agree(t, "report."+string(st), st.Label())
	}
	for _, k := range []workflow.SanctionKind{workflow.SanctionTeguran, workflow.SanctionPenghentian, workflow.SanctionPencabutan, workflow.SanctionPemulihan} {
		agree(t, "sanction."+string(k), k.Label())
	}
	for _, g := range workflow.SanctionGrounds {
		agree(t, "ground."+string(g), g.Label())
	}
	for _, c := range []string{"aplikasi_data_balikan", "web_service", "surat_elektronik", "media_penyimpanan"} {
		agree(t, "channel."+c, workflow.ChannelLabel(c))
	}
	for _, el := range skm.Elements {
		agree(t, "skm."+el.Code+".name", el.Name)
		agree(t, "skm."+el.Code+".question", el.Question)
	}
	for i, label := range skm.Scale {
		agree(t, fmt.Sprintf("skm.scale.%d", i+1), label)
	}
	// The signing form words its counterparty's label for a legal entity.
	d := &app.Detail{Available: []workflow.Event{workflow.Sign}}
	d.Institution.Type = workflow.BadanHukum
	found := false
	for _, f := range d.ActionForms(nil) {
		for _, x := range f.Fields {
			if x.Name == "counterparty_signer" {
				found = true
				agree(t, "field.sign.counterparty_signer.badan_hukum", x.Label)
			}
		}
	}
	if !found {
		t.Error("the signing form has no counterparty_signer field")
	}
	texts := app.ActionTexts()
	if len(texts) < 150 {
		t.Fatalf("app.ActionTexts lists only %d texts: the action definitions are no longer all read", len(texts))
	}
	for key, text := range texts {
		agree(t, key, text)
	}
	e := newEnv(t)
	ctx := context.Background()
	var elements []store.DataElement
	if err := e.DB.ReadTx(ctx, store.System(), func(tx pgx.Tx) (err error) {
		elements, err = store.DataElements(ctx, tx)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if len(elements) != 31 {
		t.Fatalf("the reference data has %d data elements, the catalogue 31", len(elements))
	}
	for _, el := range elements {
		agree(t, "element."+el.Code, el.Name)
	}
}
