package app

import (
	"github.com/hakakses/hakakses/internal/letters"
	"github.com/hakakses/hakakses/internal/workflow"
)

// RequestDWH (item 4d): the office asks the Dirjen for DWH access with a
// generated letter that cites the PKS, the Juknis and the closed-network
// statement sent with it.
var _ = define(actionDef{
	Event:   workflow.RequestDWH,
	Help:    "Surat permohonan akses DWH Terpusat dibuat otomatis, dengan salinan PKS, Juknis, dan Surat Pernyataan Jaringan Tertutup sebagai lampiran.",
	Open:    true,
	History: []HistoryDetail{{"letter_number", "Nomor surat"}},
	effect: func(c *fireCtx) error {
		approval, err := c.approvalReference()
		if err != nil {
			return err
		}
		refs := letters.DWHReferences{Approval: approval}
		if d, ok := c.latest[DocSignedPKS]; ok {
			refs.PKS = letters.Reference{Number: "PKS " + c.ap.Number, Date: d.CreatedAt}
		}
		if d, ok := c.latest[DocSignedJuknis]; ok {
			refs.Juknis = letters.Reference{Number: "Juknis " + c.ap.Number, Date: d.CreatedAt}
		}
		if d, ok := c.latest[DocUserIDRequest]; ok {
			refs.UserIDRequest = letters.Reference{Number: "permohonan User ID " + c.ap.Number, Date: d.CreatedAt}
		}
		if d, ok := c.latest[DocClosedNetwork]; ok {
			refs.NetworkStatement = letters.Reference{Number: "pernyataan jaringan tertutup " + c.ap.Number, Date: d.CreatedAt}
		}
		return c.issueLetter(LetterDWHRequest, DocDWHRequest, "permohonan-akses-dwh-"+c.ap.Number+".pdf", func(meta letters.LetterMeta) ([]byte, error) {
			return letters.DWHAccessRequest(OfficeOf(c.t), c.letterApp(), meta, refs)
		})
	},
	Notice: notice{
		to:          []audience{toDirjen},
		officeNamed: true,
		what:        "Disdukcapil {tenant} mengajukan akses DWH Terpusat untuk {app}.",
		next:        map[audience]string{anyone: "periksa PKS, Juknis, dan Surat Pernyataan Jaringan Tertutup, lalu setujui dan terbitkan User ID, atau kembalikan dengan alasannya."},
	},
})
