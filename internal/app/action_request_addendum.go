package app

import (
	"encoding/json"

	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// RequestAddendum: the lembaga asks to amend its active PKS — new IP LAN
// addresses, more User IDs, more data elements or a new purpose.
var _ = define(actionDef{
	Event: workflow.RequestAddendum,
	Help:  "Perubahan elemen data atau tujuan diteruskan kembali kepada Dirjen; perubahan IP LAN atau User ID melalui permohonan akses DWH.",
	Fields: []Field{
		{Name: "addendum_ips", Key: "ip_addresses", Kind: KindLines, Label: "Alamat IP LAN setelah adendum (satu per baris)",
			Hint: "Biarkan bila tidak berubah.", MaxItems: 50, TooMany: "Paling banyak %d alamat IP.", Limit: maxShortTextLen,
			prefill: func(d *Detail) Value { return Value{Lines: d.App.IPAddresses} }},
		{Name: "add_user_ids", Kind: KindNumber, Label: "Tambahan User ID", Limit: 2},
		{Name: "addendum_elements", Key: "data_elements", Kind: KindLines, Label: `Elemen data tambahan (kode katalog per baris; boleh "kode;alasan")`,
			MaxItems: 31, TooMany: "Paling banyak %d elemen.", Limit: maxJustificationLen},
		{Name: "addendum_purpose", Key: "purpose", Kind: KindLongText, Label: "Tujuan pemanfaatan yang baru (kosongkan bila tetap)", Limit: maxPurposeLen},
		{Name: "reason", Kind: KindLongText, Label: "Alasan adendum", Limit: maxReasonLen},
	},
	Uploads: []UploadSpec{{Kind: DocAddendumRequest, PDFOnly: true, Required: true, Fresh: true}, {Kind: DocClosedNetwork, Fresh: true}},
	History: []HistoryDetail{{"ip_addresses", "IP LAN"}, {"add_user_ids", "Tambahan User ID"}, reasonDetail},
	facts:   requestAddendumFacts,
	effect: func(c *fireCtx) error {
		a := c.facts.Addendum
		els := []storedElement{}
		for _, e := range a.AddElements {
			els = append(els, storedElement{e.Code, e.Justification})
		}
		raw, _ := json.Marshal(els)
		if _, err := store.InsertAddendum(c.ctx, c.tx, store.NewAddendum{TenantID: c.ap.TenantID, ApplicationID: c.ap.ID, Purpose: a.Purpose,
			AddElements: raw, IPAddresses: a.IPAddresses, AddUserIDs: a.AddUserIDs, Reason: c.in.Text("reason")}, c.now); err != nil {
			return onConflict(err, Conflict("Adendum lain sedang diproses."))
		}
		if a.IPAddresses != nil {
			c.record("ip_addresses", a.IPAddresses)
		}
		c.record("add_user_ids", a.AddUserIDs)
		c.recordReason()
		return nil
	},
	Notice: notice{
		to:   []audience{toStaff},
		what: "Lembaga mengajukan adendum PKS untuk {app}.",
		next: map[audience]string{anyone: "periksa permohonan adendum, lalu teruskan kepada Dirjen, ajukan perubahan akses DWH, atau kembalikan, {deadline}."},
	},
})
