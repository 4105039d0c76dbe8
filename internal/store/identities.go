package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// Identities are the numbers and dates an application's documents carry on
// paper (issue 8): each recorded where it arises, NULL until then (and for
// applications from before they were asked for).
type Identities struct {
	RequestLetterNumber          *string    `db:"request_letter_number"`
	RequestLetterDate            *time.Time `db:"request_letter_date"`
	EligibilityStatementNumber   *string    `db:"eligibility_statement_number"`
	EligibilityStatementDate     *time.Time `db:"eligibility_statement_date"`
	RecommendationNumber         *string    `db:"recommendation_number"`
	RecommendationDate           *time.Time `db:"recommendation_date"`
	RecommendedBy                *string    `db:"recommended_by"`
	ClosedNetworkStatementNumber *string    `db:"closed_network_statement_number"`
	ClosedNetworkStatementDate   *time.Time `db:"closed_network_statement_date"`
}

// IdentitiesOf reads an application's document identities.
func IdentitiesOf(ctx context.Context, q pgx.Tx, tenantID, appID int64) (Identities, error) {
	rows, err := q.Query(ctx, `SELECT request_letter_number, request_letter_date, eligibility_statement_number,
		eligibility_statement_date, recommendation_number, recommendation_date, recommended_by,
		closed_network_statement_number, closed_network_statement_date
		FROM applications WHERE tenant_id = @tenant AND id = @app`, pgx.NamedArgs{"tenant": tenantID, "app": appID})
	if err != nil {
		return Identities{}, fmt.Errorf("reading document identities: %w", err)
	}
	id, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Identities])
	return id, notFound(err)
}

// RequestIdentity is what the lembaga records of its own request letter and,
// for a badan hukum, of its eligibility evidence (item 1, 11b).
type RequestIdentity struct {
	RequestLetterNumber        *string
	RequestLetterDate          *time.Time
	EligibilityStatementNumber *string
	EligibilityStatementDate   *time.Time
	RecommendationNumber       *string
	RecommendationDate         *time.Time
	RecommendedBy              *string
}

// SetRequestIdentity records the request letter's and the eligibility
// documents' numbers and dates, in the transaction that saved the draft (and
// bumped its version to version); an application submitted before these were
// asked for may be completed until it is forwarded.
func SetRequestIdentity(ctx context.Context, q pgx.Tx, tenantID, appID int64, version int, r RequestIdentity) error {
	tag, err := q.Exec(ctx, `UPDATE applications SET request_letter_number = @number, request_letter_date = @date,
		eligibility_statement_number = @stmt_number, eligibility_statement_date = @stmt_date,
		recommendation_number = @rec_number, recommendation_date = @rec_date, recommended_by = @rec_by
		WHERE tenant_id = @tenant AND id = @app AND version = @version AND state IN ('draft', 'returned', 'submitted')`,
		pgx.NamedArgs{"tenant": tenantID, "app": appID, "version": version, "number": r.RequestLetterNumber,
			"date": r.RequestLetterDate, "stmt_number": r.EligibilityStatementNumber, "stmt_date": r.EligibilityStatementDate,
			"rec_number": r.RecommendationNumber, "rec_date": r.RecommendationDate, "rec_by": r.RecommendedBy})
	if err != nil {
		return fmt.Errorf("recording the request letter's identity: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return ErrConflict
	}
	return nil
}

// SetClosedNetworkStatement records the Surat Pernyataan Jaringan Tertutup's
// own number and date (item 4c), in the transaction of the User ID request.
func SetClosedNetworkStatement(ctx context.Context, q pgx.Tx, tenantID, appID int64, number string, date time.Time) error {
	tag, err := q.Exec(ctx, `UPDATE applications SET closed_network_statement_number = @number,
		closed_network_statement_date = @date WHERE tenant_id = @tenant AND id = @app`,
		pgx.NamedArgs{"tenant": tenantID, "app": appID, "number": number, "date": date})
	if err != nil {
		return fmt.Errorf("recording the closed-network statement's number: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return ErrNotFound
	}
	return nil
}

// AgreementSigning is the signing of a PKS as it stands on the paper (item 11).
type AgreementSigning struct {
	TenantID                int64     `db:"tenant_id"`
	ApplicationID           int64     `db:"application_id"`
	SignedOn                time.Time `db:"signed_on"`
	PKSNumberDisdukcapil    *string   `db:"pks_number_disdukcapil"`
	PKSNumberLembaga        *string   `db:"pks_number_lembaga"`
	JuknisNumberDisdukcapil *string   `db:"juknis_number_disdukcapil"`
	JuknisNumberLembaga     *string   `db:"juknis_number_lembaga"`
	KepalaName              string    `db:"kepala_name"`
	KepalaNIP               string    `db:"kepala_nip"`
	KepalaRank              string    `db:"kepala_rank"`
	KepalaActing            string    `db:"kepala_acting"`
	CounterpartyName        string    `db:"counterparty_name"`
	CounterpartyPosition    string    `db:"counterparty_position"`
	CounterpartyNIP         string    `db:"counterparty_nip"`
	CounterpartyEditReason  string    `db:"counterparty_edit_reason"`
	RecordedAt              time.Time `db:"recorded_at"`
}

// RecordAgreementSigning stores the signing, once per application, in the sign
// transition's transaction.
func RecordAgreementSigning(ctx context.Context, q pgx.Tx, s AgreementSigning) error {
	_, err := q.Exec(ctx, `INSERT INTO agreement_signings (tenant_id, application_id, signed_on, pks_number_disdukcapil,
		pks_number_lembaga, juknis_number_disdukcapil, juknis_number_lembaga, kepala_name, kepala_nip, kepala_rank,
		kepala_acting, counterparty_name, counterparty_position, counterparty_nip, counterparty_edit_reason, recorded_at)
		VALUES (@tenant, @app, @signed_on, @pks_d, @pks_l, @juknis_d, @juknis_l, @kepala_name, @kepala_nip, @kepala_rank,
		@kepala_acting, @cp_name, @cp_position, @cp_nip, @cp_reason, @recorded_at)`,
		pgx.NamedArgs{"tenant": s.TenantID, "app": s.ApplicationID, "signed_on": s.SignedOn,
			"pks_d": s.PKSNumberDisdukcapil, "pks_l": s.PKSNumberLembaga, "juknis_d": s.JuknisNumberDisdukcapil,
			"juknis_l": s.JuknisNumberLembaga, "kepala_name": s.KepalaName, "kepala_nip": s.KepalaNIP,
			"kepala_rank": s.KepalaRank, "kepala_acting": s.KepalaActing, "cp_name": s.CounterpartyName,
			"cp_position": s.CounterpartyPosition, "cp_nip": s.CounterpartyNIP, "cp_reason": s.CounterpartyEditReason,
			"recorded_at": s.RecordedAt})
	if IsUniqueViolation(err, "") {
		return ErrConflict
	}
	if err != nil {
		return fmt.Errorf("recording the PKS signing: %w", err)
	}
	return nil
}

// CompleteAgreementNumbers fills in the numbers of an agreement signed before
// they were asked for; numbers already recorded are never overwritten.
func CompleteAgreementNumbers(ctx context.Context, q pgx.Tx, tenantID, appID int64, pksD, pksL, juknisD, juknisL string) error {
	tag, err := q.Exec(ctx, `UPDATE agreement_signings SET
		pks_number_disdukcapil = COALESCE(pks_number_disdukcapil, NULLIF(@pks_d, '')),
		pks_number_lembaga = COALESCE(pks_number_lembaga, NULLIF(@pks_l, '')),
		juknis_number_disdukcapil = COALESCE(juknis_number_disdukcapil, NULLIF(@juknis_d, '')),
		juknis_number_lembaga = COALESCE(juknis_number_lembaga, NULLIF(@juknis_l, ''))
		WHERE tenant_id = @tenant AND application_id = @app`,
		pgx.NamedArgs{"tenant": tenantID, "app": appID, "pks_d": pksD, "pks_l": pksL, "juknis_d": juknisD, "juknis_l": juknisL})
	if err != nil {
		return fmt.Errorf("completing the PKS numbers: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return ErrNotFound
	}
	return nil
}

// AgreementSigningOf reads an application's signing; ok is false before it
// was signed.
func AgreementSigningOf(ctx context.Context, q pgx.Tx, tenantID, appID int64) (s AgreementSigning, ok bool, err error) {
	rows, err := q.Query(ctx, `SELECT tenant_id, application_id, signed_on, pks_number_disdukcapil, pks_number_lembaga,
		juknis_number_disdukcapil, juknis_number_lembaga, kepala_name, kepala_nip, kepala_rank, kepala_acting,
		counterparty_name, counterparty_position, counterparty_nip, counterparty_edit_reason, recorded_at
		FROM agreement_signings WHERE tenant_id = @tenant AND application_id = @app`,
		pgx.NamedArgs{"tenant": tenantID, "app": appID})
	if err != nil {
		return AgreementSigning{}, false, fmt.Errorf("reading the PKS signing: %w", err)
	}
	list, err := pgx.CollectRows(rows, pgx.RowToStructByName[AgreementSigning])
	if err != nil || len(list) == 0 {
		return AgreementSigning{}, false, err
	}
	return list[0], true, nil
}

// User ID kinds (item 5): the lembaga's accounts, and the Disdukcapil's own
// User ID data balikan daerah, which never goes on the handover record.
const (
	UserIDLembaga     = "lembaga"
	UserIDDataBalikan = "data_balikan_daerah"
)

// IssuedUserIDOfKind is a User ID on record with its kind.
type IssuedUserIDOfKind struct {
	UserID   string    `db:"user_id"`
	Category string    `db:"category"`
	Kind     string    `db:"kind"`
	IssuedAt time.Time `db:"issued_at"`
}

// IssueDataBalikanUserID records the Disdukcapil's User ID data balikan
// daerah, apart from the lembaga's (one per application).
func IssueDataBalikanUserID(ctx context.Context, q pgx.Tx, tenantID, appID int64, userID string, now time.Time) error {
	_, err := q.Exec(ctx, `INSERT INTO issued_user_ids (tenant_id, application_id, user_id, category, kind, issued_at)
		VALUES (@tenant, @app, @user_id, 'data balikan', @kind, @now)`,
		pgx.NamedArgs{"tenant": tenantID, "app": appID, "user_id": userID, "kind": UserIDDataBalikan, "now": now})
	if IsUniqueViolation(err, "") {
		return ErrConflict
	}
	if err != nil {
		return fmt.Errorf("recording the data balikan User ID: %w", err)
	}
	return nil
}

// UserIDsByKind lists an application's User IDs: the lembaga's, and the data
// balikan daerah one (nil when none was recorded).
func UserIDsByKind(ctx context.Context, q pgx.Tx, tenantID, appID int64) (lembaga []IssuedUserIDOfKind, dataBalikan *IssuedUserIDOfKind, err error) {
	rows, err := q.Query(ctx, `SELECT user_id, category, kind, issued_at FROM issued_user_ids
		WHERE tenant_id = @tenant AND application_id = @app ORDER BY kind, user_id`,
		pgx.NamedArgs{"tenant": tenantID, "app": appID})
	if err != nil {
		return nil, nil, fmt.Errorf("reading User IDs: %w", err)
	}
	all, err := pgx.CollectRows(rows, pgx.RowToStructByName[IssuedUserIDOfKind])
	if err != nil {
		return nil, nil, fmt.Errorf("reading User IDs: %w", err)
	}
	lembaga, dataBalikan = SplitUserIDs(all)
	return lembaga, dataBalikan, nil
}

// SplitUserIDs parts an application's User IDs into the lembaga's and the data
// balikan daerah one (nil when none was recorded).
func SplitUserIDs(all []IssuedUserIDOfKind) (lembaga []IssuedUserIDOfKind, dataBalikan *IssuedUserIDOfKind) {
	for i := range all {
		if all[i].Kind == UserIDDataBalikan {
			dataBalikan = &all[i]
			continue
		}
		lembaga = append(lembaga, all[i])
	}
	return lembaga, dataBalikan
}

// SetLambangDaerah stores the tenant's emblem (PNG; nil removes it). Row-level
// security lets only the tenant's kepala (or the platform) change it.
func SetLambangDaerah(ctx context.Context, q pgx.Tx, tenantID int64, png []byte) error {
	tag, err := q.Exec(ctx, `UPDATE tenants SET lambang_daerah = @png WHERE id = @tenant`,
		pgx.NamedArgs{"tenant": tenantID, "png": png})
	if err != nil {
		return fmt.Errorf("storing the lambang daerah: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return ErrNotFound
	}
	return nil
}

// LambangDaerah reads the tenant's emblem; nil when none was uploaded.
func LambangDaerah(ctx context.Context, q pgx.Tx, tenantID int64) ([]byte, error) {
	var png []byte
	err := q.QueryRow(ctx, `SELECT lambang_daerah FROM tenants WHERE id = @tenant`, pgx.NamedArgs{"tenant": tenantID}).Scan(&png)
	if err != nil {
		return nil, notFound(err)
	}
	return png, nil
}

// SetInstitutionHeadNIP records the NIP of a perangkat daerah's head.
func SetInstitutionHeadNIP(ctx context.Context, q pgx.Tx, tenantID, institutionID int64, nip string) error {
	tag, err := q.Exec(ctx, `UPDATE institutions SET head_nip = @nip WHERE tenant_id = @tenant AND id = @inst`,
		pgx.NamedArgs{"tenant": tenantID, "inst": institutionID, "nip": nip})
	if err != nil {
		return fmt.Errorf("recording the head's NIP: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return ErrNotFound
	}
	return nil
}

// InstitutionHeadNIP reads the NIP of an institution's head ("" when none).
func InstitutionHeadNIP(ctx context.Context, q pgx.Tx, tenantID, institutionID int64) (string, error) {
	var nip string
	err := q.QueryRow(ctx, `SELECT head_nip FROM institutions WHERE tenant_id = @tenant AND id = @inst`,
		pgx.NamedArgs{"tenant": tenantID, "inst": institutionID}).Scan(&nip)
	if err != nil {
		return "", notFound(err)
	}
	return nip, nil
}

// CompleteRequestLetter fills in the request letter's number and date of an
// application submitted before they were asked for (staff copy them from the
// paper letter when forwarding); recorded values are never overwritten.
func CompleteRequestLetter(ctx context.Context, q pgx.Tx, tenantID, appID int64, number string, date time.Time) error {
	_, err := q.Exec(ctx, `UPDATE applications SET
		request_letter_number = COALESCE(request_letter_number, NULLIF(@number, '')),
		request_letter_date = COALESCE(request_letter_date, @date)
		WHERE tenant_id = @tenant AND id = @app`,
		pgx.NamedArgs{"tenant": tenantID, "app": appID, "number": number, "date": date})
	if err != nil {
		return fmt.Errorf("completing the request letter's number: %w", err)
	}
	return nil
}
