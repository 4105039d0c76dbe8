package app

import "github.com/hakakses/hakakses/internal/workflow"

// RequestAddendumDWH: IP LAN or User ID changes go to the Dirjen through the DWH
// steps (after the Dirjen approved any change of elements or purpose).
var _ = define(actionDef{
	Event: workflow.RequestAddendumDWH,
	Open:  true,
	Help:  "Perubahan IP LAN atau User ID diajukan kepada Dirjen Dukcapil melalui permohonan akses DWH.",
	facts: addendumFacts,
	Notice: notice{
		to:   []audience{toDirjen},
		what: "Disdukcapil {tenant} mengajukan perubahan akses DWH (adendum) untuk {app}.",
		next: map[audience]string{anyone: "periksa perubahan IP LAN atau User ID, lalu setujui atau tolak."},
	},
})
