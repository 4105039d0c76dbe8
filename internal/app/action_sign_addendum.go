package app

import (
	"fmt"

	"github.com/hakakses/hakakses/internal/letters"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// SignAddendum: the addendum is generated, numbered and signed like the PKS; its
// changes apply to the application and the PKS stays active, amended.
var _ = define(actionDef{
	Event: workflow.SignAddendum,
	Open:  true,
	Help:  "Adendum dibuat otomatis dengan nomor surat, seperti PKS.",
	Fields: []Field{
		{Name: "kepala_signer", Key: "signature.kepala_disdukcapil", Kind: KindText, Label: "Ditandatangani oleh Kepala Disdukcapil",
			Limit: maxShortTextLen, prefill: func(d *Detail) Value { return Value{Text: d.Tenant.KepalaName} }},
		{Name: "counterparty_signer", Key: "signature.counterparty", Kind: KindText, Label: "Ditandatangani oleh pimpinan lembaga",
			Limit: maxShortTextLen, prefill: func(d *Detail) Value { return Value{Text: d.Institution.HeadName} }},
	},
	Uploads: []UploadSpec{{Kind: DocSignedAddendum, Required: true, Fresh: true}},
	History: []HistoryDetail{{"letter_number", "Nomor adendum"}, {"adendum_ke", "Adendum ke"}},
	facts: func(c *fireCtx, f *workflow.Facts) error {
		f.KepalaDisdukcapilSigner, f.CounterpartySigner = c.in.Text("kepala_signer"), c.in.Text("counterparty_signer")
		return addendumFacts(c, f)
	},
	change: func(c *fireCtx, ch *store.Change) {
		if ips := c.facts.Addendum.IPAddresses; ips != nil {
			ch.IPAddresses = ips
		}
	},
	effect: signAddendumEffect,
	Notice: notice{
		to:   []audience{toLembaga},
		what: "Adendum PKS untuk {app} telah ditandatangani; perubahannya berlaku.",
		next: map[audience]string{anyone: "tidak ada tindakan lanjutan."},
	},
})

func signAddendumEffect(c *fireCtx) error {
	var f workflow.Facts
	open, err := c.openAddendum(&f)
	if err != nil {
		return err
	}
	a := c.facts.Addendum
	var els []letters.Element
	var storeEls []store.Element
	for _, e := range a.AddElements {
		els = append(els, RequestedElement{DataElement: c.catalog.Lookup(e.Code), Justification: e.Justification}.letter())
		storeEls = append(storeEls, store.Element{Code: e.Code, Justification: e.Justification})
	}
	n, err := c.number(LetterAddendum)
	if err != nil {
		return err
	}
	pdf, err := letters.Addendum(OfficeOf(c.t), c.letterApp(), letters.AgreementMeta{Number: n.number, Date: c.now.In(c.loc)},
		letters.AddendumChange{Seq: open.Seq, PKS: c.pksReference(), Purpose: a.Purpose, AddElements: els, IPAddresses: a.IPAddresses, AddUserIDs: a.AddUserIDs})
	if err != nil {
		return generationError(err)
	}
	doc, err := c.storePDF(DocAddendumDraft, fmt.Sprintf("adendum-%d-%s.pdf", open.Seq, c.ap.Number), pdf)
	if err != nil {
		return err
	}
	if err := c.recordLetter(n, doc.ID); err != nil {
		return err
	}
	c.docIDs = append(c.docIDs, doc.ID)
	if err := store.ApplyAddendum(c.ctx, c.tx, c.ap.TenantID, c.ap.ID, a.Purpose, storeEls, nil); err != nil {
		return err
	}
	signed := c.now
	c.record("letter_number", n.number)
	c.record("adendum_ke", open.Seq)
	return store.UpdateAddendum(c.ctx, c.tx, c.ap.TenantID, c.ap.ID, open.ID, store.AddendumUpdate{Status: "signed", Number: n.number,
		DocumentID: &doc.ID, SignedAt: &signed})
}
