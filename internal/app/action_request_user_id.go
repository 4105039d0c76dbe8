package app

import (
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// RequestUserID (item 4c): the lembaga asks for User IDs with its IP LAN
// addresses, its request letter and the Surat Pernyataan Jaringan Tertutup.
// After the Dirjen returned a DWH request, the old statement is what was found
// wanting, so only one uploaded with this request counts.
var _ = define(actionDef{
	Event: workflow.RequestUserID,
	Help:  "Lampirkan surat permohonan User ID dan IP LAN serta Surat Pernyataan Jaringan Tertutup.",
	Open:  true,
	Fields: []Field{
		{Name: "ip_addresses", Kind: KindLines, Label: "Alamat IP LAN (satu per baris; IPv4, IPv6, atau CIDR)",
			Limit: maxShortTextLen, MaxItems: 50, TooMany: "Paling banyak %d alamat IP.",
			prefill: func(d *Detail) Value { return Value{Lines: d.App.IPAddresses} }},
	},
	Uploads: []UploadSpec{{Kind: DocUserIDRequest, PDFOnly: true, Required: true}, {Kind: DocClosedNetwork, Required: true}},
	History: []HistoryDetail{{"ip_addresses", "IP LAN"}},
	facts: func(c *fireCtx, f *workflow.Facts) error {
		f.IPAddresses = cleanList(c.in.Lines("ip_addresses"))
		returned, err := c.dwhReturned()
		if err != nil {
			return err
		}
		if returned {
			f.HasClosedNetworkStatement = c.uploaded(DocClosedNetwork)
		}
		return nil
	},
	refine: func(c *fireCtx, ge *workflow.GuardError) {
		if returned, err := c.dwhReturned(); err != nil || !returned {
			return
		}
		for i, pr := range ge.Problems {
			if pr.Field == "closed_network_statement" {
				ge.Problems[i].Message = closedNetworkReupload
			}
		}
	},
	change: func(c *fireCtx, ch *store.Change) {
		ch.IPAddresses = cleanList(c.in.Lines("ip_addresses"))
		c.record("ip_addresses", ch.IPAddresses)
	},
	Notice: notice{
		to:   []audience{toStaff},
		what: "Lembaga meminta User ID dan IP LAN untuk {app}.",
		next: map[audience]string{anyone: "kirim permohonan akses DWH kepada Dirjen Dukcapil, {deadline}."},
	},
})

// closedNetworkReupload is the message for a User ID request repeated after the
// Dirjen returned the DWH request.
const closedNetworkReupload = "Permohonan akses DWH dikembalikan Dirjen: unggah Surat Pernyataan Jaringan Tertutup yang baru bersama permohonan ini; surat yang lama tidak dapat dipakai lagi."

// dwhReturned reports whether the Dirjen returned the DWH request after the
// latest User ID request.
func (c *fireCtx) dwhReturned() (bool, error) {
	events, err := store.Events(c.ctx, c.tx, c.ap.TenantID, c.ap.ID)
	if err != nil {
		return false, err
	}
	returned := false
	for _, e := range events {
		switch workflow.Event(e.Event) {
		case workflow.RequestUserID:
			returned = false
		case workflow.ReturnDWH:
			returned = true
		}
	}
	return returned, nil
}
