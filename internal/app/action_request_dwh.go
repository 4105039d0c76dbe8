package app

import (
	"github.com/hakakses/hakakses/internal/letters"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// RequestDWH (item 4d): the office asks the Dirjen for DWH access with a
// generated letter that cites, by their own numbers, the signed PKS (both
// parties' numbers and the signing date), the Juknis and the closed-network
// statement sent with it. An application signed before those numbers were
// recorded is asked for them here; recorded numbers are never overwritten.
var _ = define(actionDef{
	Event: workflow.RequestDWH,
	Help:  "Surat permohonan akses DWH Terpusat dibuat otomatis, dengan salinan PKS, Juknis, dan Surat Pernyataan Jaringan Tertutup sebagai lampiran.",
	Open:  true,
	Fields: []Field{
		{Name: "pks_number_disdukcapil", Kind: KindText, Label: "Nomor PKS pihak Disdukcapil", Limit: maxShortTextLen,
			Hint: "Tercatat saat penandatanganan; isi hanya bila kosong (PKS lama).",
			prefill: func(d *Detail) Value {
				return Value{Text: signingNumber(d, func(s *Signing) string { return s.PKSNumberDisdukcapil })}
			}},
		{Name: "pks_number_lembaga", Kind: KindText, Label: "Nomor PKS pihak lembaga pengguna", Limit: maxShortTextLen,
			prefill: func(d *Detail) Value {
				return Value{Text: signingNumber(d, func(s *Signing) string { return s.PKSNumberLembaga })}
			}},
		{Name: "juknis_number_disdukcapil", Key: "juknis_numbers", Kind: KindText, Label: "Nomor Juknis pihak Disdukcapil", Limit: maxShortTextLen,
			prefill: func(d *Detail) Value {
				return Value{Text: signingNumber(d, func(s *Signing) string { return s.JuknisNumberDisdukcapil })}
			}},
		{Name: "juknis_number_lembaga", Kind: KindText, Label: "Nomor Juknis pihak lembaga pengguna (bila ada)", Limit: maxShortTextLen,
			prefill: func(d *Detail) Value {
				return Value{Text: signingNumber(d, func(s *Signing) string { return s.JuknisNumberLembaga })}
			}},
		{Name: "closed_network_statement_number", Kind: KindText, Label: "Nomor Surat Pernyataan Jaringan Tertutup", Limit: maxShortTextLen,
			Hint:    "Tercatat dari permohonan User ID; isi hanya bila kosong.",
			prefill: func(d *Detail) Value { return Value{Text: d.Papers.ClosedNetworkStatement.Number} }},
		{Name: "closed_network_statement_date", Kind: KindDate, Label: "Tanggal Surat Pernyataan Jaringan Tertutup",
			prefill: func(d *Detail) Value { return Value{Text: d.Papers.ClosedNetworkStatement.DateValue()} }},
	},
	History: []HistoryDetail{{"letter_number", "Nomor surat"}},
	facts: func(c *fireCtx, f *workflow.Facts) error {
		f.PKSNumberDisdukcapil = orElse(f.PKSNumberDisdukcapil, c.in.Text("pks_number_disdukcapil"))
		f.PKSNumberLembaga = orElse(f.PKSNumberLembaga, c.in.Text("pks_number_lembaga"))
		f.JuknisNumbers = []string{orElse(f.JuknisNumbers[0], c.in.Text("juknis_number_disdukcapil")),
			orElse(f.JuknisNumbers[1], c.in.Text("juknis_number_lembaga"))}
		if c.ids.ids.ClosedNetworkStatementNumber == nil {
			f.ClosedNetworkStatementNumber = c.in.Text("closed_network_statement_number")
		}
		if c.ids.ids.ClosedNetworkStatementDate == nil {
			f.ClosedNetworkStatementDate = c.in.Date("closed_network_statement_date")
		}
		return nil
	},
	effect: func(c *fireCtx) error {
		if c.ids.signed {
			if err := store.CompleteAgreementNumbers(c.ctx, c.tx, c.ap.TenantID, c.ap.ID, c.in.Text("pks_number_disdukcapil"),
				c.in.Text("pks_number_lembaga"), c.in.Text("juknis_number_disdukcapil"), c.in.Text("juknis_number_lembaga")); err != nil {
				return err
			}
		}
		if _, err := c.completePaper(c.ids.ids.ClosedNetworkStatementNumber, c.ids.ids.ClosedNetworkStatementDate,
			"closed_network_statement", store.SetClosedNetworkStatement); err != nil {
			return err
		}
		if err := c.reloadIdentities(); err != nil {
			return err
		}
		refs := c.ids.dwhReferences(c.latest)
		if d, ok := c.latest[DocUserIDRequest]; ok {
			// The lembaga's User ID request letter is cited by the day it came in.
			refs.UserIDRequest = letters.Reference{Date: d.CreatedAt.In(c.loc)}
		}
		return c.issueLetter(LetterDWHRequest, DocDWHRequest, "permohonan-akses-dwh-"+c.ap.Number+".pdf", func(meta letters.LetterMeta) ([]byte, error) {
			return letters.DWHAccessRequest(c.office(), c.letterApp(), meta, refs)
		})
	},
	Notice: notice{
		to:          []audience{toDirjen},
		officeNamed: true,
		what:        "Disdukcapil {tenant} mengajukan akses DWH Terpusat untuk {app}.",
		next:        map[audience]string{anyone: "periksa PKS, Juknis, dan Surat Pernyataan Jaringan Tertutup, lalu setujui dan terbitkan User ID, atau kembalikan dengan alasannya."},
	},
})

// signingNumber shows a number recorded at signing, or "" before.
func signingNumber(d *Detail, of func(*Signing) string) string {
	if d.Signing == nil {
		return ""
	}
	return of(d.Signing)
}
