package letters

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hakakses/hakakses/internal/workflow"
)

// TestWriteSamples writes one of each document, for a person to open or render
// (pdftoppm -png -r 60) and look at; layout is the one thing the other tests
// cannot judge. Set LETTERS_SAMPLE_DIR to keep them; otherwise they go to a
// temporary folder and only their generation is checked.
func TestWriteSamples(t *testing.T) {
	dir := os.Getenv("LETTERS_SAMPLE_DIR")
	if dir == "" {
		dir = t.TempDir()
	}
	for _, s := range allSamples() {
		b, err := s.gen()
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if err := os.WriteFile(filepath.Join(dir, s.name+".pdf"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

type sample struct {
	name string
	gen  func() ([]byte, error)
}

func allSamples() []sample {
	office, app := sampleOffice(), sampleApp()
	am := sampleAgreementMeta()
	draft := am
	draft.Number, draft.PartnerNumber, draft.Date, draft.DraftVersion = "", "", time.Time{}, 2
	pksRef := Reference{Number: am.Number, Date: am.Date}
	refs := DWHReferences{
		Approval:         am.Approval,
		PKS:              pksRef,
		Juknis:           Reference{Number: "400.12.4.4/32/JUKNIS/DUKCAPIL.OKI/2026", Date: am.Date},
		UserIDRequest:    Reference{Number: "460/171/DINSOS/2026", Date: time.Date(2026, 4, 8, 0, 0, 0, 0, wib)},
		NetworkStatement: Reference{Number: "460/172/DINSOS/2026", Date: time.Date(2026, 4, 8, 0, 0, 0, 0, wib)},
	}
	bh := sampleBadanHukum()
	withLogo := office
	withLogo.Logo = sampleLogo()
	return []sample{
		{"surat-pengantar", func() ([]byte, error) { return ForwardingLetter(office, app, sampleMeta()) }},
		{"surat-pengantar-badan-hukum", func() ([]byte, error) { return ForwardingLetter(withLogo, bh, sampleMeta()) }},
		{"pks", func() ([]byte, error) { return PKS(office, app, am, DefaultPKSClauses(office, app)) }},
		{"pks-draf-badan-hukum", func() ([]byte, error) { return PKS(withLogo, bh, draft, DefaultPKSClauses(office, bh)) }},
		{"juknis", func() ([]byte, error) {
			jm := am
			jm.Number, jm.PartnerNumber = refs.Juknis.Number, ""
			return Juknis(office, app, jm, pksRef, DefaultJuknisSections(office, app))
		}},
		{"permohonan-dwh", func() ([]byte, error) { return DWHAccessRequest(office, app, sampleMeta(), refs) }},
		{"berita-acara", func() ([]byte, error) {
			return HandoverRecord(office, app, sampleMeta(), Handover{DWHApproval: refs.Approval, PKS: pksRef})
		}},
		{"permohonan-dwh-nomor-para-pihak", func() ([]byte, error) {
			return DWHAccessRequest(withLogo, app, sampleMeta(), sampleDWHRefs())
		}},
		{"surat-pernyataan-badan-hukum", func() ([]byte, error) { return EligibilityStatement(office, bh, LetterMeta{}) }},
		{"penghentian-sementara", func() ([]byte, error) {
			return SanctionLetter(office, app, sampleMeta(), Sanction{Kind: workflow.SanctionPenghentian,
				Ground: workflow.GroundLateReport, Months: 3, PKS: pksRef, UserIDs: []string{"dinsos_oki.ws01"}})
		}},
		{"adendum", func() ([]byte, error) {
			return Addendum(office, app, am, AddendumChange{Seq: 1, PKS: pksRef, IPAddresses: []string{"10.16.4.0/24"}})
		}},
		{"evaluasi-semester", func() ([]byte, error) {
			return EvaluationRecap(office, sampleMeta(), Recap{Semester: "Semester I 2026", Rows: []RecapRow{
				{Institution: app.InstitutionName, PKS: pksRef.Number, Due: 1, Received: 1, Accepted: 1}}})
		}},
	}
}
