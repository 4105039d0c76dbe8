package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// NextLetterSeq advances the tenant's letter counter for year and returns the new
// number. The row lock it takes lasts until the transaction ends, so numbers are
// handed out one at a time, and a rollback returns the number: no gaps, no repeats.
func NextLetterSeq(ctx context.Context, q pgx.Tx, tenantID int64, year int) (int, error) {
	var seq int
	err := q.QueryRow(ctx, `INSERT INTO letter_sequences (tenant_id, year, last) VALUES ($1, $2, 1)
		ON CONFLICT (tenant_id, year) DO UPDATE SET last = letter_sequences.last + 1
		RETURNING last`, tenantID, year).Scan(&seq)
	return seq, err
}

// Letter is an issued letter number.
type Letter struct {
	TenantID      int64
	Year          int
	Seq           int
	Number        string
	Kind          string
	ApplicationID int64
	DocumentID    *int64
}

// InsertLetter records an issued number against its application and document.
func InsertLetter(ctx context.Context, q pgx.Tx, l Letter, now time.Time) error {
	_, err := q.Exec(ctx, `INSERT INTO letters (tenant_id, year, seq, number, kind, application_id, document_id, issued_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, l.TenantID, l.Year, l.Seq, l.Number, l.Kind, l.ApplicationID, l.DocumentID, now)
	return err
}

// LetterSeqs lists the sequence numbers issued for a tenant and year, in order.
func LetterSeqs(ctx context.Context, q pgx.Tx, tenantID int64, year int) ([]int, error) {
	rows, err := q.Query(ctx, `SELECT seq FROM letters WHERE tenant_id = $1 AND year = $2 ORDER BY seq`, tenantID, year)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[int])
}
