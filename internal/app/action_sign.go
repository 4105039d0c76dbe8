package app

import (
	"github.com/hakakses/hakakses/internal/idfmt"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// Sign (item 11): both signatures of the PKS are recorded with the signed scans.
// Who signs for the institution depends on its type; the PKS term runs from
// today.
var _ = define(actionDef{
	Event: workflow.Sign,
	Open:  true,
	Fields: []Field{
		{Name: "kepala_signer", Key: "signature.kepala_disdukcapil", Kind: KindText, Label: "Ditandatangani oleh Kepala Disdukcapil",
			Limit: maxShortTextLen, prefill: func(d *Detail) Value { return Value{Text: d.Tenant.KepalaName} }},
		{Name: "counterparty_signer", Key: "signature.counterparty", Kind: KindText, Label: "Ditandatangani oleh kepala perangkat daerah",
			Limit: maxShortTextLen, prefill: func(d *Detail) Value { return Value{Text: d.Institution.HeadName} },
			labelFor: func(d *Detail) string {
				if d.Institution.Type == workflow.BadanHukum {
					return "Ditandatangani oleh pimpinan badan hukum"
				}
				return "Ditandatangani oleh kepala perangkat daerah"
			}},
	},
	Uploads: []UploadSpec{{Kind: DocSignedPKS, Required: true}, {Kind: DocSignedJuknis}},
	History: []HistoryDetail{{"kepala_disdukcapil", "Kepala Disdukcapil"}, {"pihak_kedua", "Pihak kedua"}, {"berlaku_sampai", "Berlaku sampai"}},
	facts: func(c *fireCtx, f *workflow.Facts) error {
		f.KepalaDisdukcapilSigner = c.in.Text("kepala_signer")
		f.CounterpartySigner = c.in.Text("counterparty_signer")
		return nil
	},
	change: func(c *fireCtx, ch *store.Change) {
		// A PKS signed on 10 March for 12 months is valid through 9 March of the
		// next year: pks_end is the last valid day.
		start := dateOnly(c.now.In(c.loc))
		end := start.AddDate(0, deref(c.ap.TermMonths), -1)
		ch.PKSStart, ch.PKSEnd = &start, &end
		c.record("kepala_disdukcapil", c.in.Text("kepala_signer"))
		c.record("pihak_kedua", c.in.Text("counterparty_signer"))
		c.record("berlaku_sampai", idfmt.Date(end))
	},
	Notice: notice{
		to:   []audience{toLembaga},
		what: "PKS untuk {app} telah ditandatangani kedua pihak.",
		next: map[audience]string{anyone: "kirim surat permintaan User ID dan IP LAN beserta Surat Pernyataan Jaringan Tertutup."},
	},
})
