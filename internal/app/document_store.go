package app

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/store"
)

// DocumentStore keeps the bytes of uploaded and generated documents. The metadata
// row (kind, version, size, SHA-256) is always written in the step's transaction.
//
// The default, PostgresDocuments, keeps the bytes in that same row: a step and its
// documents commit together and one backup holds everything. BlobDocuments keeps
// them in an S3-compatible bucket (HAKAKSES_BLOB_URL), so that the database and
// its dumps do not grow with every scan: the object is written under its SHA-256
// before the row, so a rolled-back step leaves at most an unreferenced object,
// never a row without its file. `hakakses documents migrate` moves existing bytes
// either way. Both verify the SHA-256 on every read.
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
	d, content, err := store.DocumentContent(ctx, tx, appID, docID)
	if err != nil {
		return d, nil, err
	}
	if content == nil {
		return d, nil, fmt.Errorf("document %d: its bytes are in object storage, and HAKAKSES_BLOB_URL is not set", d.ID)
	}
	return d, content, verifyContent(d, content)
}

// Objects is the bucket BlobDocuments writes to (an *objstore.Bucket).
type Objects interface {
	Put(ctx context.Context, key, contentType string, content []byte) error
	Get(ctx context.Context, key string, limit int64) ([]byte, error)
}

// BlobDocuments stores document bytes in an S3-compatible bucket, one object per
// distinct content, named by its SHA-256 (identical bytes share one object; an
// object is never overwritten with other bytes, nor deleted).
type BlobDocuments struct{ Objects Objects }

// DocumentKey is the object name of a document's bytes.
func DocumentKey(sha256 []byte) string { return "documents/sha256/" + hex.EncodeToString(sha256) }

// Put writes the object, then the row (storage 'blob').
func (b BlobDocuments) Put(ctx context.Context, tx pgx.Tx, d store.NewDocument, now time.Time) (store.Document, error) {
	if sum := sha256.Sum256(d.Content); !bytes.Equal(sum[:], d.SHA256) {
		return store.Document{}, fmt.Errorf("document %s: SHA-256 does not match its bytes", d.Kind)
	}
	if err := b.Objects.Put(ctx, DocumentKey(d.SHA256), d.ContentType, d.Content); err != nil {
		return store.Document{}, fmt.Errorf("store document %s: %w", d.Kind, err)
	}
	return store.InsertBlobDocument(ctx, tx, d, now)
}

// Get returns a document's metadata and bytes, from the row when they were
// never moved, else from the bucket; either way checked against the SHA-256.
func (b BlobDocuments) Get(ctx context.Context, tx pgx.Tx, appID, docID int64) (store.Document, []byte, error) {
	d, content, err := store.DocumentContent(ctx, tx, appID, docID)
	if err != nil {
		return d, nil, err
	}
	if content == nil {
		if content, err = b.Objects.Get(ctx, DocumentKey(d.SHA256), int64(d.SizeBytes)); err != nil {
			return d, nil, fmt.Errorf("document %d: %w", d.ID, err)
		}
	}
	return d, content, verifyContent(d, content)
}

// verifyContent refuses bytes that are not the ones recorded: a corrupted or
// substituted object is an error, never a silently different document.
func verifyContent(d store.Document, content []byte) error {
	sum := sha256.Sum256(content)
	if len(content) != d.SizeBytes || !bytes.Equal(sum[:], d.SHA256) {
		return fmt.Errorf("document %d: %w", d.ID, ErrDocumentCorrupt)
	}
	return nil
}

// ErrDocumentCorrupt is returned when stored bytes do not match the document's
// recorded size and SHA-256.
var ErrDocumentCorrupt = errors.New("stored bytes do not match the recorded SHA-256")

func (a *App) documents() DocumentStore {
	if a.Documents != nil {
		return a.Documents
	}
	return PostgresDocuments{}
}
