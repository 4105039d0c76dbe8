package app

import (
	"github.com/hakakses/hakakses/internal/letters"
	"github.com/hakakses/hakakses/internal/workflow"
)

// formatOf maps the upload kinds a lembaga writes itself to their fill-in
// format ("Unduh format surat", letters.Format). The badan hukum's statement
// has its own writer; deeds, the SK Kemenkumham, permits and domicile letters
// are issued by others and have none.
var formatOf = map[string]string{
	DocRequestLetter:  letters.FormatRequestLetter,
	DocRecommendation: letters.FormatRecommendation,
	DocUserIDRequest:  letters.FormatUserIDRequest,
	DocClosedNetwork:  letters.FormatClosedNetwork,
	DocReport:         letters.FormatReport,
	DocEligibility:    "", // EligibilityStatementDraft
}

// HasFormat reports whether the upload kind has a fill-in format for an
// institution of type t (the badan hukum papers only for a badan hukum).
func HasFormat(kind string, t workflow.InstitutionType) bool {
	if _, ok := formatOf[kind]; !ok {
		return false
	}
	return t == workflow.BadanHukum || (kind != DocEligibility && kind != DocRecommendation)
}

// DocumentFormat writes the fill-in format of an upload kind for the
// application as loaded for its lembaga: its institution, head and items, the
// office, and the signed PKS once there is one. The result is generated on
// request and stored nowhere.
func DocumentFormat(d *Detail, kind string) ([]byte, error) {
	if !HasFormat(kind, d.Institution.Type) {
		return nil, NotFound("Format surat")
	}
	if kind == DocEligibility {
		return EligibilityStatementDraft(d)
	}
	la := d.LetterApplication()
	la.HeadNIP = d.HeadNIP
	in := letters.FormatInput{App: la}
	if s := d.Signing; s != nil {
		in.PKS = letters.Reference{Number: s.PKSNumberDisdukcapil, Date: s.SignedOn}
		in.PKSPartnerNumber = s.PKSNumberLembaga
	}
	b, err := letters.Format(formatOf[kind], OfficeOf(d.Tenant), in)
	if err != nil {
		return nil, generationError(err)
	}
	return b, nil
}
