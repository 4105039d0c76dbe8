package app

import "github.com/hakakses/hakakses/internal/workflow"

// ReviseAgreement: a new version of the PKS and Juknis drafts while the parties
// negotiate; the editor, checks and documents of prepare_agreement, folded by
// default and told differently.
var _ = define(func() actionDef {
	d := *prepareAgreement
	d.Event, d.Open = workflow.ReviseAgreement, false
	d.Notice.what = "Draf PKS dan Juknis untuk {app} telah direvisi; versi terbaru tersedia."
	d.Notice.next = map[audience]string{anyone: "periksa versi terbaru draf PKS dan Juknis sebelum penandatanganan."}
	return d
}())
