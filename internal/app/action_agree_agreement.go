package app

import (
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// AgreeAgreement: the lembaga agrees to the latest version of the drafts; staff
// may sign only that version (a revision voids the agreement).
var _ = define(actionDef{
	Event:   workflow.AgreeAgreement,
	Open:    true,
	Help:    "Dengan menyetujui, lembaga menyepakati versi terakhir draf PKS dan Juknis. Penandatanganan hanya atas versi yang disepakati.",
	History: []HistoryDetail{agreementVersionDetail},
	facts:   func(c *fireCtx, f *workflow.Facts) error { return c.negotiation(f) },
	effect: func(c *fireCtx) error {
		c.record(agreementVersionDetail.Key, c.facts.DraftVersion)
		return store.AcceptAgreement(c.ctx, c.tx, c.ap.TenantID, c.ap.ID, c.facts.DraftVersion, c.p.UserID, c.p.Name, c.now)
	},
	Notice: notice{
		to:   []audience{toStaff},
		what: "Lembaga menyepakati draf PKS dan Juknis untuk {app}.",
		next: map[audience]string{anyone: "siapkan penandatanganan PKS oleh Kepala Disdukcapil dan pimpinan lembaga."},
	},
})
