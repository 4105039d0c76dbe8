package store

import (
	"context"
	"encoding/json"
	"time"

	"github.com/jackc/pgx/v5"
)

// AgreementVersion is one saved draft of the PKS and Juknis.
type AgreementVersion struct {
	Version          int             `db:"version"`
	PKSClauses       json.RawMessage `db:"pks_clauses"`
	JuknisSections   json.RawMessage `db:"juknis_sections"`
	PKSDocumentID    int64           `db:"pks_document_id"`
	JuknisDocumentID int64           `db:"juknis_document_id"`
	CreatedBy        int64           `db:"created_by"`
	CreatedAt        time.Time       `db:"created_at"`
}

// NextAgreementVersion is the number the next draft of an application's PKS and
// Juknis will carry (it is printed on the draft before the row is written).
func NextAgreementVersion(ctx context.Context, q pgx.Tx, tenantID, appID int64) (int, error) {
	var v int
	err := q.QueryRow(ctx, `SELECT COALESCE(max(version), 0) + 1 FROM agreement_versions WHERE tenant_id = $1 AND application_id = $2`,
		tenantID, appID).Scan(&v)
	return v, err
}

// InsertAgreementVersion saves a draft version; the primary key refuses a number
// taken meanwhile.
func InsertAgreementVersion(ctx context.Context, q pgx.Tx, tenantID, appID int64, version int, clauses, sections json.RawMessage, pksDoc, juknisDoc, by int64, now time.Time) error {
	_, err := q.Exec(ctx, `INSERT INTO agreement_versions (tenant_id, application_id, version, pks_clauses, juknis_sections,
		pks_document_id, juknis_document_id, created_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		tenantID, appID, version, []byte(clauses), []byte(sections), pksDoc, juknisDoc, by, now)
	return err
}

// AgreementVersions lists an application's drafts, newest first.
func AgreementVersions(ctx context.Context, q pgx.Tx, tenantID, appID int64) ([]AgreementVersion, error) {
	rows, err := q.Query(ctx, `SELECT version, pks_clauses, juknis_sections, pks_document_id, juknis_document_id, created_by, created_at
		FROM agreement_versions WHERE tenant_id = $1 AND application_id = $2 ORDER BY version DESC`, tenantID, appID)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[AgreementVersion])
}
