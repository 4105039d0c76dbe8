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
		ch.Snapshot, _ = json.Marshal(map[string]string{"nama": c.inst.Name, "jenis": string(c.inst.Type), "alamat": c.inst.Address,
			"pimpinan": c.inst.HeadName, "jabatan": c.inst.HeadPosition})
	},
	Notice: notice{
		to:   []audience{toStaff},
		what: "{App} telah diajukan oleh {actor}.",
		after: map[workflow.State]reworded{workflow.Returned: {"Permohonan diajukan ulang",
			"{App} telah diperbaiki dan diajukan ulang oleh {actor}."}},
		next: map[audience]string{anyone: "periksa kelengkapan permohonan, lalu teruskan kepada Dirjen Dukcapil atau kembalikan kepada lembaga dengan alasannya, {deadline}."},
	},
})
