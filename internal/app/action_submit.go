package app

import (
	"encoding/json"

	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// Submit (item 1): the lembaga sends its completed draft, or resubmits a returned
// one. The guards check items 2a–f and the signed request letter, stored with the
// draft; the institution as it stands now is frozen into the application.
var _ = define(actionDef{
	Event: workflow.Submit,
	Help:  "Permohonan diteruskan ke Disdukcapil. Standar pelayanan 2 hari kerja mulai dihitung sejak diajukan.",
	Open:  true,
	change: func(c *fireCtx, ch *store.Change) {
		ch.Submitted = true
		ch.Snapshot, _ = json.Marshal(map[string]string{"nama": c.inst.Name, "jenis": c.inst.Type, "alamat": c.inst.Address,
			"pimpinan": c.inst.HeadName, "jabatan": c.inst.HeadPosition})
	},
	Notice: notice{
		to: always(toStaff),
		text: func(m *messageContext, _ audience) (string, string) {
			what := capital(m.app) + " telah diajukan oleh " + m.actor + "."
			if m.from == workflow.Returned {
				m.title = "Permohonan diajukan ulang"
				what = capital(m.app) + " telah diperbaiki dan diajukan ulang oleh " + m.actor + "."
			}
			return what, "periksa kelengkapan permohonan, lalu teruskan kepada Dirjen Dukcapil atau kembalikan kepada lembaga dengan alasannya, " + m.deadline + "."
		},
	},
})
