package app

import "github.com/hakakses/hakakses/internal/workflow"

// ReviseAgreement: a new version of the PKS and Juknis drafts while the parties
// negotiate; the same editor and checks as prepare_agreement.
var _ = define(actionDef{
	Event:   workflow.ReviseAgreement,
	Help:    agreementHelp,
	Fields:  agreementFields,
	History: []HistoryDetail{agreementVersionDetail},
	facts:   agreementFacts,
	effect:  generateAgreement,
	Notice: notice{
		to: always(toLembaga),
		text: func(m *messageContext, _ audience) (string, string) {
			return "Draf PKS dan Juknis untuk " + m.app + " telah direvisi; versi terbaru tersedia.",
				"periksa versi terbaru draf PKS dan Juknis sebelum penandatanganan."
		},
	},
})
