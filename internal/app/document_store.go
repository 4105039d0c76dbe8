package app

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/store"
)

// DocumentStore keeps the bytes of uploaded and generated documents. The metadata
// row (kind, version, SHA-256) is always written in the step's transaction.
//
// The default, PostgresDocuments, keeps the bytes in that same row: a step and its
// documents commit together and one backup holds everything. A deployment that
// outgrows one database can implement this interface over an S3-compatible store
// (gocloud.dev/blob is the field's usual choice): write the object under its
// SHA-256 before the row, set storage = 'blob' and leave content NULL (the schema
// allows it); a rolled-back step then leaves only an unreferenced object for a
// sweeper, never a row without its file.
type DocumentStore interface {
	Put(ctx context.Context, tx pgx.Tx, d store.NewDocument, now time.Time) (store.Document, error)
	Get(ctx context.Context, tx pgx.Tx, appID, docID int64) (store.Document, []byte, error)
}

// PostgresDocuments stores document bytes in PostgreSQL.
type PostgresDocuments struct{}

// Put stores a new document version with its bytes.
func (PostgresDocuments) Put(ctx context.Context, tx pgx.Tx, d store.NewDocument, now time.Time) (store.Document, error) {
	return store.InsertDocument(ctx, tx, d, now)
}

// Get returns a document's metadata and bytes.
func (PostgresDocuments) Get(ctx context.Context, tx pgx.Tx, appID, docID int64) (store.Document, []byte, error) {
	return store.DocumentContent(ctx, tx, appID, docID)
}

func (a *App) documents() DocumentStore {
	if a.Documents != nil {
		return a.Documents
	}
	return PostgresDocuments{}
}
