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
		to: always(toDirjen),
		text: func(m *messageContext, _ audience) (string, string) {
			return "Disdukcapil " + m.tenant + " mengajukan perubahan akses DWH (adendum) untuk " + m.app + ".",
				"periksa perubahan IP LAN atau User ID, lalu setujui atau tolak."
		},
	},
})
