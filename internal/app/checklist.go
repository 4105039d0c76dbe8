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
		Eligibility: workflow.Eligibility{HasStatement: has(DocEligibility), HasRecommendation: has(DocRecommendation),
			RecommendedBy: d.Papers.RecommendedBy},
		Purpose:          ap.Purpose,
		ReturnData:       ap.ReturnData,
		TermMonths:       ap.TermMonths,
		HasRequestLetter: has(DocRequestLetter),
		Now:              d.Now,

		RequestLetterNumber: d.Papers.RequestLetter.Number,
		RequestLetterDate:   d.Papers.RequestLetter.Date,
	}
	f.AccessMethods = ap.AccessMethods
	for _, e := range d.Elements {
		f.DataElements = append(f.DataElements, e.fact())
	}
	return workflow.Check(workflow.Submit, f)
}
