package app

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hakakses/hakakses/internal/letters"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// PrepareAgreement (items 4a, 4b, 8–10): the office drafts the PKS and the Juknis,
// pre-filled from the application; each save is a new version, rendered as PDF.
var prepareAgreement = define(actionDef{
	Event:   workflow.PrepareAgreement,
	Help:    agreementHelp,
	Open:    true,
	Fields:  agreementFields,
	History: []HistoryDetail{agreementVersionDetail},
	facts:   agreementFacts,
	effect:  generateAgreement,
	Notice: notice{
		to:   []audience{toLembaga},
		what: "Draf Perjanjian Kerja Sama (PKS) dan Petunjuk Teknis (Juknis) untuk {app} telah disusun Disdukcapil {tenant}.",
		next: map[audience]string{anyone: "periksa draf PKS dan Juknis, lalu siapkan penandatanganan oleh pimpinan lembaga bersama Kepala Disdukcapil."},
	},
})

const agreementHelp = "Draf PKS dan Juknis diisi dari data permohonan. Ubah seperlunya; PDF dibuat untuk setiap versi."

var agreementVersionDetail = HistoryDetail{Key: "agreement_version", Label: "Versi PKS/Juknis"}

// agreementFields are the PKS clause editor and the Juknis section editor, shared
// by prepare_agreement and revise_agreement.
var agreementFields = []Field{
	{Name: "clause", Key: "clauses", Kind: KindClauses, Label: "Perjanjian Kerja Sama (PKS)",
		Hint:  "Pasal bertanda ★ wajib ada (butir 8–10). Setiap penyimpanan membuat versi baru; versi lama tetap tersimpan.",
		Limit: maxClauseTitleLen, BodyMax: maxClauseBodyLen, MaxItems: 60, TooMany: "PKS paling banyak %d pasal.", Item: "pasal %d",
		prefill: func(d *Detail) Value { c, _ := agreementDraft(d); return Value{Clauses: c} }},
	{Name: "juknis", Kind: KindSections, Label: "Petunjuk Teknis (Juknis)",
		Limit: maxClauseTitleLen, BodyMax: maxClauseBodyLen, MaxItems: 30, TooMany: "Juknis paling banyak %d bab.", Item: "bab %d Juknis",
		prefill: func(d *Detail) Value { _, s := agreementDraft(d); return Value{Sections: s} }},
}

// agreementDraft is what the editor starts from: the latest saved version, else
// the defaults built from the application.
func agreementDraft(d *Detail) ([]letters.Clause, []letters.Section) {
	if len(d.Agreements) > 0 {
		return d.Agreements[0].PKS, d.Agreements[0].Juknis
	}
	la := d.LetterApplication()
	office := OfficeOf(d.Tenant)
	return letters.DefaultPKSClauses(office, la), letters.DefaultJuknisSections(office, la)
}

// agreementFacts gives the guards every clause and the Juknis text, so a
// revision cannot drop a mandatory clause.
func agreementFacts(c *fireCtx, f *workflow.Facts) error {
	if clauses := c.in["clause"].Clauses; len(clauses) > 0 {
		f.Clauses = map[workflow.ClauseKey]string{}
		for _, cl := range clauses {
			if cl.Key != "" {
				f.Clauses[cl.Key] = cl.Body
			}
		}
	}
	var juknis []string
	for _, s := range c.in["juknis"].Sections {
		juknis = append(juknis, s.Body)
	}
	f.Juknis = strings.TrimSpace(strings.Join(juknis, "\n"))
	return nil
}

// generateAgreement renders and stores a new version of the PKS and Juknis drafts.
func generateAgreement(c *fireCtx) error {
	version, err := store.NextAgreementVersion(c.ctx, c.tx, c.t.ID, c.ap.ID)
	if err != nil {
		return err
	}
	approval, err := c.approvalReference()
	if err != nil {
		return err
	}
	clauses, sections := c.in["clause"].Clauses, c.in["juknis"].Sections
	la := c.letterApp()
	meta := letters.AgreementMeta{Approval: approval, DraftVersion: version}
	pks, err := letters.PKS(c.office(), la, meta, clauses)
	if err != nil {
		return generationError(err)
	}
	juknis, err := letters.Juknis(c.office(), la, meta, letters.Reference{}, sections)
	if err != nil {
		return generationError(err)
	}
	pd, err := c.storePDF(DocPKSDraft, fmt.Sprintf("draf-pks-%s-v%d.pdf", c.ap.Number, version), pks)
	if err != nil {
		return err
	}
	jd, err := c.storePDF(DocJuknisDraft, fmt.Sprintf("draf-juknis-%s-v%d.pdf", c.ap.Number, version), juknis)
	if err != nil {
		return err
	}
	c.docIDs = append(c.docIDs, pd.ID, jd.ID)
	c.record(agreementVersionDetail.Key, version)
	cj, _ := json.Marshal(clauses)
	sj, _ := json.Marshal(sections)
	return store.InsertAgreementVersion(c.ctx, c.tx, c.t.ID, c.ap.ID, version, cj, sj, pd.ID, jd.ID, c.p.UserID, c.now)
}
