package app

import (
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// RequestChanges: the lembaga asks for changes to the drafts, through its
// comments per pasal and/or a general note; the office answers with a new
// version within its service standard.
var _ = define(actionDef{
	Event:   workflow.RequestChanges,
	Help:    "Tuliskan komentar pada pasal yang perlu diubah (bagian Pembahasan draf), atau catatan umum di bawah.",
	Fields:  []Field{{Name: "reason", Kind: KindLongText, Label: "Catatan umum permintaan perubahan", Limit: maxReasonLen}},
	History: []HistoryDetail{agreementVersionDetail, reasonDetail},
	facts: func(c *fireCtx, f *workflow.Facts) error {
		if err := c.negotiation(f); err != nil {
			return err
		}
		f.Reason = c.in.Text("reason")
		n, err := store.CountComments(c.ctx, c.tx, c.ap.TenantID, c.ap.ID, f.DraftVersion, string(workflow.RoleLembaga))
		f.Comments = n
		return err
	},
	effect: func(c *fireCtx) error {
		c.record(agreementVersionDetail.Key, c.facts.DraftVersion)
		c.recordReason()
		return nil
	},
	Notice: notice{
		to:   []audience{toStaff},
		what: "Lembaga meminta perubahan draf PKS dan Juknis untuk {app}.",
		next: map[audience]string{anyone: "baca komentar per pasal dan susun versi baru, {deadline}."},
	},
})
