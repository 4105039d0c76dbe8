package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

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
	return d, nil
}

// letterReferenceOf reads the letter number and date a Dirjen event recorded.
func letterReferenceOf(data map[string]any) letters.Reference {
	var ref letters.Reference
	if n, ok := data["letter_number"].(string); ok {
		ref.Number = n
	}
	if s, ok := data["letter_date"].(string); ok {
		ref.Date, _ = time.Parse("2006-01-02", s)
	}
	return ref
}

// applyIdentityFacts adds to the guards' facts what issue 8 records: the
// request letter's number and date, the badan hukum's eligibility documents,
// the signing as typed on the sign form, the closed-network statement's
// identity, the two kinds of User ID and the Dirjen's DWH approval letter.
func applyIdentityFacts(f *workflow.Facts, d identities, act Action, t store.Tenant, inst store.Institution,
	latest map[string]store.Document, files map[string]checkedFile) {
	has := func(kind string) bool {
		_, stored := latest[kind]
		_, uploaded := files[kind]
		return stored || uploaded
	}
	_, dwhScan := files[DocDWHApproval]
	if d.ids.RequestLetterNumber != nil {
		f.RequestLetterNumber = *d.ids.RequestLetterNumber
	}
	if d.ids.RequestLetterDate != nil {
		f.RequestLetterDate = *d.ids.RequestLetterDate
	}
	if act.Event == workflow.Forward { // an application from before: staff complete it from the paper
		if d.ids.RequestLetterNumber == nil {
			f.RequestLetterNumber = act.RequestLetterNumber
		}
		if d.ids.RequestLetterDate == nil {
			f.RequestLetterDate = act.RequestLetterDate
		}
	}
	f.Eligibility = workflow.Eligibility{HasStatement: has(DocEligibility), HasRecommendation: has(DocRecommendation)}
	if d.ids.RecommendedBy != nil {
		f.Eligibility.RecommendedBy = *d.ids.RecommendedBy
	}
	f.HasSignedJuknis = has(DocSignedJuknis)
	// Step 4d sends the signed Juknis, never a draft.
	f.HasJuknisDocument = has(DocSignedJuknis)
	f.ApprovalDate = d.approval.Date
	f.TenantKepalaName = t.KepalaName
	f.RegisteredHeadName = inst.HeadName

	switch act.Event {
	case workflow.Sign:
		f.PKSNumberDisdukcapil, f.PKSNumberLembaga = act.PKSNumberDisdukcapil, act.PKSNumberLembaga
		f.JuknisNumbers = []string{act.JuknisNumberDisdukcapil, act.JuknisNumberLembaga}
		f.SigningDate = act.SigningDate
		f.KepalaActing, f.KepalaSignerNIP = act.KepalaActing, act.KepalaNIP
		f.CounterpartyNIP, f.CounterpartyEditReason = act.CounterpartyNIP, act.CounterpartyReason
	default:
		s := d.signing
		f.PKSNumberDisdukcapil, f.PKSNumberLembaga = deref0(s.PKSNumberDisdukcapil), deref0(s.PKSNumberLembaga)
		f.JuknisNumbers = []string{deref0(s.JuknisNumberDisdukcapil), deref0(s.JuknisNumberLembaga)}
		if d.signed {
			f.SigningDate = s.SignedOn
		}
		if act.Event == workflow.RequestDWH { // signed before the numbers were asked for
			f.PKSNumberDisdukcapil = orElse(f.PKSNumberDisdukcapil, act.PKSNumberDisdukcapil)
			f.PKSNumberLembaga = orElse(f.PKSNumberLembaga, act.PKSNumberLembaga)
			f.JuknisNumbers = []string{orElse(deref0(s.JuknisNumberDisdukcapil), act.JuknisNumberDisdukcapil),
				orElse(deref0(s.JuknisNumberLembaga), act.JuknisNumberLembaga)}
		}
	}
	switch act.Event {
	case workflow.RequestUserID:
		f.ClosedNetworkStatementNumber, f.ClosedNetworkStatementDate = act.StatementNumber, act.StatementDate
	default:
		if d.ids.ClosedNetworkStatementNumber != nil {
			f.ClosedNetworkStatementNumber = *d.ids.ClosedNetworkStatementNumber
		} else if act.Event == workflow.RequestDWH {
			f.ClosedNetworkStatementNumber = act.StatementNumber
		}
		if d.ids.ClosedNetworkStatementDate != nil {
			f.ClosedNetworkStatementDate = *d.ids.ClosedNetworkStatementDate
		} else if act.Event == workflow.RequestDWH {
			f.ClosedNetworkStatementDate = act.StatementDate
		}
	}
	if act.Event == workflow.ApproveDWH {
		f.DataBalikanUserID = act.DataBalikanUserID
		f.HasLetterScan = dwhScan
	}
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

// recordIdentities stores, in the transition's transaction, the facts an event
// brings: the signing, the closed-network statement's number, the Disdukcapil's
// data balikan User ID. data is the history entry's payload.
func recordIdentities(ctx context.Context, tx pgx.Tx, ap store.Application, d identities, act Action, now time.Time, data map[string]any) error {
	opt := func(s string) *string {
		if s = strings.TrimSpace(s); s == "" {
			return nil
		}
		return &s
	}
	switch act.Event {
	case workflow.Sign:
		err := store.RecordAgreementSigning(ctx, tx, store.AgreementSigning{TenantID: ap.TenantID, ApplicationID: ap.ID,
			SignedOn:             dateOnly(act.SigningDate),
			PKSNumberDisdukcapil: opt(act.PKSNumberDisdukcapil), PKSNumberLembaga: opt(act.PKSNumberLembaga),
			JuknisNumberDisdukcapil: opt(act.JuknisNumberDisdukcapil), JuknisNumberLembaga: opt(act.JuknisNumberLembaga),
			KepalaName: strings.TrimSpace(act.KepalaSigner), KepalaNIP: compactNIP(act.KepalaNIP), KepalaRank: strings.TrimSpace(act.KepalaRank),
			KepalaActing: act.KepalaActing, CounterpartyName: strings.TrimSpace(act.CounterpartySigner),
			CounterpartyPosition: strings.TrimSpace(act.CounterpartyPosition), CounterpartyNIP: compactNIP(act.CounterpartyNIP),
			CounterpartyEditReason: strings.TrimSpace(act.CounterpartyReason), RecordedAt: now})
		if err != nil {
			return fmt.Errorf("recording the signing: %w", err)
		}
		data["tanggal_tanda_tangan"] = act.SigningDate.Format("2006-01-02")
		data["nomor_pks_disdukcapil"] = strings.TrimSpace(act.PKSNumberDisdukcapil)
		data["nomor_pks_lembaga"] = strings.TrimSpace(act.PKSNumberLembaga)
		data["nomor_juknis"] = strings.TrimSpace(strings.Join(nonBlank(act.JuknisNumberDisdukcapil, act.JuknisNumberLembaga), ", "))
	case workflow.Forward:
		if d.ids.RequestLetterNumber == nil || d.ids.RequestLetterDate == nil {
			if err := store.CompleteRequestLetter(ctx, tx, ap.TenantID, ap.ID, strings.TrimSpace(act.RequestLetterNumber), dateOnly(act.RequestLetterDate)); err != nil {
				return err
			}
			data["nomor_surat_permohonan"] = strings.TrimSpace(act.RequestLetterNumber)
		}
	case workflow.RequestDWH:
		if d.signed {
			if err := store.CompleteAgreementNumbers(ctx, tx, ap.TenantID, ap.ID, strings.TrimSpace(act.PKSNumberDisdukcapil),
				strings.TrimSpace(act.PKSNumberLembaga), strings.TrimSpace(act.JuknisNumberDisdukcapil), strings.TrimSpace(act.JuknisNumberLembaga)); err != nil {
				return err
			}
		}
		if d.ids.ClosedNetworkStatementNumber == nil || d.ids.ClosedNetworkStatementDate == nil {
			if err := store.SetClosedNetworkStatement(ctx, tx, ap.TenantID, ap.ID, strings.TrimSpace(act.StatementNumber), dateOnly(act.StatementDate)); err != nil {
				return err
			}
		}
	case workflow.RequestUserID:
		if err := store.SetClosedNetworkStatement(ctx, tx, ap.TenantID, ap.ID, strings.TrimSpace(act.StatementNumber), dateOnly(act.StatementDate)); err != nil {
			return err
		}
		data["nomor_pernyataan_jaringan"] = strings.TrimSpace(act.StatementNumber)
	case workflow.ApproveDWH:
		id := strings.TrimSpace(act.DataBalikanUserID)
		if err := store.IssueDataBalikanUserID(ctx, tx, ap.TenantID, ap.ID, id, now); err != nil {
			if errors.Is(err, store.ErrConflict) {
				return Invalid("User ID belum dapat dicatat.", map[string]string{"data_balikan_user_id": "User ID data balikan daerah tersebut sudah tercatat untuk permohonan ini."})
			}
			return err
		}
		data["letter_number"] = strings.TrimSpace(act.LetterNumber)
		data["letter_date"] = act.LetterDate.Format("2006-01-02")
	}
	return nil
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
func (d identities) letterApplication(la letters.Application, inst store.Institution, latest map[string]store.Document) letters.Application {
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
func zoneAbbrev(t store.Tenant) string {
	return map[string]string{"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}[t.TimeZone]
}

// EligibilityStatementDraft writes the surat pernyataan for a badan hukum's
// pimpinan to sign (item 11b), from the application as loaded for its viewer.
func EligibilityStatementDraft(d *Detail) ([]byte, error) {
	if d.Institution.Type != string(workflow.BadanHukum) {
		return nil, NotFound("Surat pernyataan")
	}
	la := LetterApplication(d.App, d.Institution, d.Catalog, d.Elements, nil)
	b, err := letters.EligibilityStatement(OfficeOf(d.Tenant), la, letters.LetterMeta{})
	if err != nil {
		return nil, generationError(err)
	}
	return b, nil
}
