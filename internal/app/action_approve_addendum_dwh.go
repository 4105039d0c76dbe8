package app

import (
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// ApproveAddendumDWH: the Dirjen approves the DWH changes, with the new User IDs
// when more were asked for.
var _ = define(actionDef{
	Event: workflow.ApproveAddendumDWH,
	Open:  true,
	Help:  "Catat User ID baru bila adendum menambah User ID; kosongkan bila hanya IP LAN yang berubah.",
	Fields: []Field{{Name: "user_ids", Kind: KindLines, Label: `User ID yang diterbitkan (satu per baris; boleh "userid;kategori")`,
		MaxItems: 20, TooMany: "Paling banyak %d User ID sekaligus.", check: checkUserIDLine}},
	History: []HistoryDetail{{"user_ids", "User ID"}},
	facts: func(c *fireCtx, f *workflow.Facts) error {
		f.UserIDs = issuedUserIDs(c.in.Lines("user_ids"))
		return addendumFacts(c, f)
	},
	effect: func(c *fireCtx) error {
		// Only new IP LAN addresses: no User ID, and none recorded.
		if len(c.in.Lines("user_ids")) > 0 {
			ids, err := c.issueUserIDs("User ID tersebut sudah pernah diterbitkan.")
			if err != nil {
				return err
			}
			c.record("user_ids", ids)
		}
		return c.updateAddendum(store.AddendumUpdate{Status: "requested", DWHApproved: true})
	},
	Notice: notice{
		to:   []audience{toLembaga, toStaff},
		what: "Perubahan akses DWH (adendum) untuk {app} disetujui.",
		next: map[audience]string{anyone: "susun dan tandatangani adendum, {deadline}."},
	},
})
