package app

import "github.com/hakakses/hakakses/internal/workflow"

// SubmitProblems is what still stands between a draft and its submission, as the
// submit guard would find it now: the completeness checklist the lembaga sees
// before "Ajukan". Empty when the draft may be submitted.
func (d *Detail) SubmitProblems() []workflow.Problem {
	ap, inst := d.App, d.Institution
	has := func(kind string) bool { _, ok := d.Latest[kind]; return ok }
	f := workflow.Facts{
		InstitutionName:     inst.Name,
		InstitutionType:     workflow.InstitutionType(inst.Type),
		InstitutionVerified: inst.Status == InstitutionVerified,
		LegalDocuments: workflow.LegalDocuments{AktaPendirian: has(DocAktaPendirian), SKKemenkumham: has(DocSKKemenkumham),
			IzinUsaha: has(DocIzinUsaha), SuratDomisili: has(DocSuratDomisili)},
		Eligibility:      workflow.Eligibility{PublicServiceInRegion: ap.EligPublicService, NoVerticalRelation: ap.EligNoVertical},
		Purpose:          ap.Purpose,
		ReturnData:       ap.ReturnData,
		TermMonths:       deref(ap.TermMonths),
		HasRequestLetter: has(DocRequestLetter),
	}
	for _, m := range ap.AccessMethods {
		f.AccessMethods = append(f.AccessMethods, workflow.AccessMethod(m))
	}
	byCode := map[string]DataElement{}
	for _, c := range d.Catalog {
		byCode[c.Code] = c
	}
	for _, e := range d.Elements {
		c := byCode[e.Code]
		f.DataElements = append(f.DataElements, workflow.DataElement{Code: e.Code, Name: c.Name, Protected: c.Protected, Justification: e.Justification})
	}
	return workflow.Check(workflow.Submit, f)
}
