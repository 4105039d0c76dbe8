package app

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/calendar"
	"github.com/hakakses/hakakses/internal/idfmt"
	"github.com/hakakses/hakakses/internal/letters"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// identities is what an application records of its documents' own numbers and
// dates, and of who signed (issue 8): the guards check them and the letters
// cite them, never the application's tracking number.
type identities struct {
	ids         store.Identities
	signing     store.AgreementSigning
	signed      bool
	approval    letters.Reference // the Dirjen's approval letter (step 3), from the history
	userIDs     []store.IssuedUserIDOfKind
	dataBalikan *store.IssuedUserIDOfKind
	headNIP     string
	lambang     []byte
	dwhApproval letters.Reference // the Dirjen's DWH approval letter (step 5), from the history
}

func loadIdentities(ctx context.Context, tx pgx.Tx, ap store.Application) (identities, error) {
	var d identities
	var err error
	if d.ids, err = store.IdentitiesOf(ctx, tx, ap.TenantID, ap.ID); err != nil {
		return d, err
	}
	if d.signing, d.signed, err = store.AgreementSigningOf(ctx, tx, ap.TenantID, ap.ID); err != nil {
		return d, err
	}
	if d.userIDs, d.dataBalikan, err = store.UserIDsByKind(ctx, tx, ap.TenantID, ap.ID); err != nil {
		return d, err
	}
	if d.headNIP, err = store.InstitutionHeadNIP(ctx, tx, ap.TenantID, ap.InstitutionID); err != nil {
		return d, err
	}
	events, err := store.Events(ctx, tx, ap.TenantID, ap.ID)
	if err != nil {
		return d, err
	}
	d.readHistory(events)
	return d, nil
}

// identitiesOf is loadIdentities from what store.ApplicationDetail read.
func identitiesOf(rows store.DetailRows) identities {
	d := identities{ids: rows.Identities, headNIP: rows.HeadNIP}
	if rows.Signing != nil {
		d.signing, d.signed = *rows.Signing, true
	}
	d.userIDs, d.dataBalikan = store.SplitUserIDs(rows.UserIDs)
	d.readHistory(rows.Events)
	return d
}

// readHistory finds the Dirjen's letters the history recorded.
func (d *identities) readHistory(events []store.Event) {
	for _, e := range events {
		var data map[string]any
		if json.Unmarshal(e.Data, &data) != nil {
			continue
		}
		switch workflow.Event(e.Event) {
		case workflow.Approve:
			d.approval = letterReferenceOf(data)
		case workflow.ApproveDWH:
			d.dwhApproval = letterReferenceOf(data)
		}
	}
}

// letterReferenceOf reads the letter number and date a Dirjen event recorded.
func letterReferenceOf(data map[string]any) letters.Reference {
	var ref letters.Reference
	if n, ok := data["letter_number"].(string); ok {
		ref.Number = n
	}
	if s, ok := data["letter_date"].(string); ok {
		ref.Date = recordedDate(s)
	}
	return ref
}

// identityFacts adds to the guards' facts what issue 8 records of the
// application: the request letter's number and date, the badan hukum's
// eligibility documents, the signing on record, the closed-network
// statement's identity and the people on record. Each action adds its own
// input on top (actionDef.facts).
func (c *fireCtx) identityFacts(f *workflow.Facts) {
	d := c.ids
	if d.ids.RequestLetterNumber != nil {
		f.RequestLetterNumber = *d.ids.RequestLetterNumber
	}
	if d.ids.RequestLetterDate != nil {
		f.RequestLetterDate = *d.ids.RequestLetterDate
	}
	f.Eligibility = workflow.Eligibility{HasStatement: c.has(DocEligibility), HasRecommendation: c.has(DocRecommendation)}
	if d.ids.RecommendedBy != nil {
		f.Eligibility.RecommendedBy = *d.ids.RecommendedBy
	}
	f.HasSignedJuknis = c.has(DocSignedJuknis)
	// Step 4d sends the signed Juknis, never a draft.
	f.HasJuknisDocument = c.has(DocSignedJuknis)
	f.ApprovalDate = d.approval.Date
	f.TenantKepalaName = c.t.KepalaName
	f.RegisteredHeadName = c.inst.HeadName
	s := d.signing
	f.PKSNumberDisdukcapil, f.PKSNumberLembaga = deref0(s.PKSNumberDisdukcapil), deref0(s.PKSNumberLembaga)
	f.JuknisNumbers = []string{deref0(s.JuknisNumberDisdukcapil), deref0(s.JuknisNumberLembaga)}
	if d.signed {
		f.SigningDate = s.SignedOn
	}
	if d.ids.ClosedNetworkStatementNumber != nil {
		f.ClosedNetworkStatementNumber = *d.ids.ClosedNetworkStatementNumber
	}
	if d.ids.ClosedNetworkStatementDate != nil {
		f.ClosedNetworkStatementDate = *d.ids.ClosedNetworkStatementDate
	}
}

// completePaper records a paper's number and date from the fields
// <paper>_number and <paper>_date when the application lacks either: one filed
// before they were asked for. saved reports whether it wrote; call
// reloadIdentities before citing them.
func (c *fireCtx) completePaper(number *string, date *time.Time, paper string,
	save func(ctx context.Context, q pgx.Tx, tenantID, appID int64, number string, date time.Time) error) (saved bool, err error) {
	if number != nil && date != nil {
		return false, nil
	}
	if err := save(c.ctx, c.tx, c.ap.TenantID, c.ap.ID, c.in.Text(paper+"_number"), dateOnly(c.in.Date(paper+"_date"))); err != nil {
		return false, fmt.Errorf("%s: %w", paper, err)
	}
	return true, nil
}

// reloadIdentities reads the identities again after an action recorded some,
// so the letters it generates cite them.
func (c *fireCtx) reloadIdentities() error {
	lambang := c.ids.lambang
	ids, err := loadIdentities(c.ctx, c.tx, c.ap)
	if err != nil {
		return err
	}
	ids.lambang = lambang
	c.ids = ids
	return nil
}

// office is the tenant's letterhead with its lambang daerah.
func (c *fireCtx) office() letters.Office {
	o := OfficeOf(c.t)
	o.Logo = c.ids.lambang
	return o
}

func orElse(s, alt string) string {
	if strings.TrimSpace(s) != "" {
		return s
	}
	return alt
}

func deref0(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func nonBlank(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func compactNIP(s string) string { return strings.ReplaceAll(strings.TrimSpace(s), " ", "") }

// letterIdentities fills a letters.Application with what the paper cites: the
// lembaga's own request letter, the badan hukum's eligibility documents on
// file, the head's NIP, and only the lembaga's User IDs with their category.
func (d identities) letterApplication(la letters.Application, inst Institution, latest map[string]store.Document) letters.Application {
	la.RequestLetter = letters.Reference{}
	if d.ids.RequestLetterNumber != nil {
		la.RequestLetter.Number = *d.ids.RequestLetterNumber
	}
	if d.ids.RequestLetterDate != nil {
		la.RequestLetter.Date = *d.ids.RequestLetterDate
	}
	la.HeadNIP = d.headNIP
	_, stmt := latest[DocEligibility]
	_, rec := latest[DocRecommendation]
	la.Eligibility = letters.Eligibility{StatementOnFile: stmt, RecommendationOnFile: rec}
	if d.ids.EligibilityStatementNumber != nil {
		la.Eligibility.Statement.Number = *d.ids.EligibilityStatementNumber
	}
	if d.ids.EligibilityStatementDate != nil {
		la.Eligibility.Statement.Date = *d.ids.EligibilityStatementDate
	}
	if d.ids.RecommendationNumber != nil {
		la.Eligibility.Recommendation.Number = *d.ids.RecommendationNumber
	}
	if d.ids.RecommendationDate != nil {
		la.Eligibility.Recommendation.Date = *d.ids.RecommendationDate
	}
	if d.ids.RecommendedBy != nil {
		la.Eligibility.RecommendedBy = *d.ids.RecommendedBy
	}
	la.UserIDs = nil
	for _, u := range d.userIDs {
		la.UserIDs = append(la.UserIDs, letters.UserID{ID: u.UserID, Category: u.Category, Description: "Akses DWH Terpusat"})
	}
	return la
}

// dwhReferences are the documents the DWH request cites, by their own numbers.
func (d identities) dwhReferences(latest map[string]store.Document) letters.DWHReferences {
	refs := letters.DWHReferences{Approval: d.approval}
	if d.signed {
		s := d.signing
		refs.PKS = letters.Reference{Number: deref0(s.PKSNumberDisdukcapil), Date: s.SignedOn}
		refs.PKSPartnerNumber = deref0(s.PKSNumberLembaga)
		refs.Juknis = letters.Reference{Number: deref0(s.JuknisNumberDisdukcapil), Date: s.SignedOn}
		refs.JuknisPartnerNumber = deref0(s.JuknisNumberLembaga)
	}
	if d.ids.ClosedNetworkStatementNumber != nil {
		refs.NetworkStatement.Number = *d.ids.ClosedNetworkStatementNumber
	}
	if d.ids.ClosedNetworkStatementDate != nil {
		refs.NetworkStatement.Date = *d.ids.ClosedNetworkStatementDate
	}
	return refs
}

// signers are the people recorded at signing, for the letters.
func (d identities) signers() letters.Signers {
	if !d.signed {
		return letters.Signers{}
	}
	s := d.signing
	return letters.Signers{
		Kepala:       letters.Signatory{Name: s.KepalaName, NIP: s.KepalaNIP, Rank: s.KepalaRank},
		KepalaActing: s.KepalaActing,
		Counterparty: letters.Signatory{Name: s.CounterpartyName, NIP: s.CounterpartyNIP, Position: s.CounterpartyPosition},
	}
}

// requestIdentity reads the draft form's letter numbers and dates; a date
// that does not parse is reported beside its field.
func requestIdentity(in DraftInput, f form) store.RequestIdentity {
	text := func(field, s string) *string {
		s = strings.TrimSpace(s)
		f.max(field, s, maxShortTextLen)
		if s == "" {
			return nil
		}
		return &s
	}
	date := func(field, s string) *time.Time {
		s = strings.TrimSpace(s)
		if s == "" {
			return nil
		}
		d, err := time.Parse("2006-01-02", s)
		if err != nil {
			f.set(field, "Gunakan format tanggal yang benar (hari, bulan, tahun).")
			return nil
		}
		return &d
	}
	return store.RequestIdentity{
		RequestLetterNumber:        text("request_letter_number", in.RequestLetterNumber),
		RequestLetterDate:          date("request_letter_date", in.RequestLetterDate),
		EligibilityStatementNumber: text("eligibility_statement_number", in.StatementNumber),
		EligibilityStatementDate:   date("eligibility_statement_date", in.StatementDate),
		RecommendationNumber:       text("recommendation_number", in.RecommendationNumber),
		RecommendationDate:         date("recommendation_date", in.RecommendationDate),
		RecommendedBy:              text("recommended_by", in.RecommendedBy),
	}
}

// reachedAt is the history as the stage model reads it: each state entered, and
// when, in the tenant's time.
func reachedAt(events []store.Event, loc *time.Location) []workflow.Reached {
	out := make([]workflow.Reached, 0, len(events))
	for _, e := range events {
		out = append(out, workflow.Reached{State: workflow.State(e.To), At: e.At.In(loc)})
	}
	return out
}

// zoneAbbrev is the tenant's zone as Indonesians write it.
func zoneAbbrev(t Tenant) string { return calendar.ZoneAbbr(t.TimeZone) }

// EligibilityStatementDraft writes the surat pernyataan for a badan hukum's
// pimpinan to sign (item 11b), from the application as loaded for its viewer.
func EligibilityStatementDraft(d *Detail) ([]byte, error) {
	if d.Institution.Type != workflow.BadanHukum {
		return nil, NotFound("Surat pernyataan")
	}
	la := d.LetterApplication()
	b, err := letters.EligibilityStatement(OfficeOf(d.Tenant), la, letters.LetterMeta{})
	if err != nil {
		return nil, generationError(err)
	}
	return b, nil
}

// recordedDate reads a date a history event recorded: as YYYY-MM-DD, or as
// idfmt.Date wrote it for the history ("10 Maret 2026"). Zero when neither.
func recordedDate(s string) time.Time {
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t
	}
	for m := time.January; m <= time.December; m++ {
		probe := time.Date(2000, m, 1, 0, 0, 0, 0, time.UTC)
		name := strings.Fields(idfmt.Date(probe))[1]
		var day, year int
		var month string
		if n, _ := fmt.Sscanf(s, "%d %s %d", &day, &month, &year); n == 3 && month == name {
			return time.Date(year, m, day, 0, 0, 0, 0, time.UTC)
		}
	}
	return time.Time{}
}
