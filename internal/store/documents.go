package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// Document is a stored file's metadata.
type Document struct {
	ID            int64     `db:"id"`
	TenantID      int64     `db:"tenant_id"`
	ApplicationID int64     `db:"application_id"`
	Kind          string    `db:"kind"`
	Version       int       `db:"version"`
	Filename      string    `db:"filename"`
	ContentType   string    `db:"content_type"`
	SizeBytes     int       `db:"size_bytes"`
	SHA256        []byte    `db:"sha256"`
	Generated     bool      `db:"generated"`
	CreatedBy     *int64    `db:"created_by"`
	CreatedAt     time.Time `db:"created_at"`
}

const documentColumns = `id, tenant_id, application_id, kind, version, filename, content_type, size_bytes, sha256, generated, created_by, created_at`

// NewDocument is a file to store.
type NewDocument struct {
	TenantID      int64
	ApplicationID int64
	Kind          string
	Filename      string
	ContentType   string
	SHA256        []byte
	Content       []byte
	Generated     bool
	CreatedBy     *int64
}

// InsertDocument stores a new version of a document kind; earlier versions stay.
func InsertDocument(ctx context.Context, q pgx.Tx, d NewDocument, now time.Time) (Document, error) {
	rows, err := q.Query(ctx, `INSERT INTO documents (tenant_id, application_id, kind, version, filename, content_type,
		size_bytes, sha256, generated, content, created_by, created_at)
		VALUES ($1, $2, $3, (SELECT COALESCE(max(version), 0) + 1 FROM documents WHERE tenant_id = $1 AND application_id = $2 AND kind = $3),
		        $4, $5, $6, $7, $8, $9, $10, $11)
		RETURNING `+documentColumns,
		d.TenantID, d.ApplicationID, d.Kind, d.Filename, d.ContentType, len(d.Content), d.SHA256, d.Generated, d.Content, d.CreatedBy, now)
	if err != nil {
		return Document{}, err
	}
	return pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Document])
}

// LatestDocuments returns the newest version of each document kind of an application.
func LatestDocuments(ctx context.Context, q pgx.Tx, tenantID, appID int64) (map[string]Document, error) {
	rows, err := q.Query(ctx, `SELECT DISTINCT ON (kind) `+documentColumns+` FROM documents
		WHERE tenant_id = $1 AND application_id = $2 ORDER BY kind, version DESC`, tenantID, appID)
	if err != nil {
		return nil, err
	}
	docs, err := pgx.CollectRows(rows, pgx.RowToStructByName[Document])
	if err != nil {
		return nil, err
	}
	out := make(map[string]Document, len(docs))
	for _, d := range docs {
		out[d.Kind] = d
	}
	return out, nil
}

// DocumentsOf lists every document version of an application, newest first.
func DocumentsOf(ctx context.Context, q pgx.Tx, tenantID, appID int64) ([]Document, error) {
	rows, err := q.Query(ctx, `SELECT `+documentColumns+` FROM documents WHERE tenant_id = $1 AND application_id = $2
		ORDER BY created_at DESC, id DESC`, tenantID, appID)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[Document])
}

// DocumentContent returns a document's metadata and bytes.
func DocumentContent(ctx context.Context, q pgx.Tx, appID, docID int64) (Document, []byte, error) {
	var content []byte
	rows, err := q.Query(ctx, `SELECT `+documentColumns+`, content FROM documents WHERE application_id = $1 AND id = $2`, appID, docID)
	if err != nil {
		return Document{}, nil, err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return Document{}, nil, err
		}
		return Document{}, nil, ErrNotFound
	}
	var d Document
	err = rows.Scan(&d.ID, &d.TenantID, &d.ApplicationID, &d.Kind, &d.Version, &d.Filename, &d.ContentType,
		&d.SizeBytes, &d.SHA256, &d.Generated, &d.CreatedBy, &d.CreatedAt, &content)
	return d, content, err
}

// InsertBlobDocument stores a new document version whose bytes are already in
// object storage: the row keeps size and SHA-256, storage 'blob', no content.
func InsertBlobDocument(ctx context.Context, q pgx.Tx, d NewDocument, now time.Time) (Document, error) {
	rows, err := q.Query(ctx, `INSERT INTO documents (tenant_id, application_id, kind, version, filename, content_type,
		size_bytes, sha256, generated, storage, content, created_by, created_at)
		VALUES ($1, $2, $3, (SELECT COALESCE(max(version), 0) + 1 FROM documents WHERE tenant_id = $1 AND application_id = $2 AND kind = $3),
		        $4, $5, $6, $7, $8, 'blob', NULL, $9, $10)
		RETURNING `+documentColumns,
		d.TenantID, d.ApplicationID, d.Kind, d.Filename, d.ContentType, len(d.Content), d.SHA256, d.Generated, d.CreatedBy, now)
	if err != nil {
		return Document{}, fmt.Errorf("insert document %s: %w", d.Kind, err)
	}
	return pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Document])
}

// DocumentIDsAfter returns, in id order, up to limit document IDs after afterID.
func DocumentIDsAfter(ctx context.Context, q pgx.Tx, afterID int64, limit int) ([]int64, error) {
	rows, err := q.Query(ctx, `SELECT id FROM documents WHERE id > $1 ORDER BY id LIMIT $2`, afterID, limit)
	if err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	return pgx.CollectRows(rows, pgx.RowTo[int64])
}

// DocumentIDsIn returns, in id order, up to limit documents after afterID whose
// bytes are in storage ("db" or "blob"): the keyset walk of a storage move.
func DocumentIDsIn(ctx context.Context, q pgx.Tx, storage string, afterID int64, limit int) ([]int64, error) {
	rows, err := q.Query(ctx, `SELECT id FROM documents WHERE storage = $1 AND id > $2 ORDER BY id LIMIT $3`, storage, afterID, limit)
	if err != nil {
		return nil, fmt.Errorf("list documents in %s: %w", storage, err)
	}
	return pgx.CollectRows(rows, pgx.RowTo[int64])
}

// StoredDocument is a document's metadata with where its bytes are.
type StoredDocument struct {
	Document
	Storage string
	Content []byte // nil when Storage is "blob"
}

// LockDocument reads a document for a storage move, locking its row.
func LockDocument(ctx context.Context, q pgx.Tx, id int64) (StoredDocument, error) {
	return storedDocument(ctx, q, id, " FOR UPDATE")
}

// ReadStoredDocument reads a document with its bytes if they are in the database.
func ReadStoredDocument(ctx context.Context, q pgx.Tx, id int64) (StoredDocument, error) {
	return storedDocument(ctx, q, id, "")
}

func storedDocument(ctx context.Context, q pgx.Tx, id int64, lock string) (StoredDocument, error) {
	var d StoredDocument
	err := q.QueryRow(ctx, `SELECT `+documentColumns+`, storage, content FROM documents WHERE id = $1`+lock, id).Scan(
		&d.ID, &d.TenantID, &d.ApplicationID, &d.Kind, &d.Version, &d.Filename, &d.ContentType,
		&d.SizeBytes, &d.SHA256, &d.Generated, &d.CreatedBy, &d.CreatedAt, &d.Storage, &d.Content)
	if err != nil {
		return d, fmt.Errorf("lock document %d: %w", id, notFound(err))
	}
	return d, nil
}

// SetDocumentStorage moves a document's bytes: to "blob" (content dropped; the
// object must already be written) or to "db" (content restored; the database
// checks it against the recorded SHA-256).
func SetDocumentStorage(ctx context.Context, q pgx.Tx, id int64, storage string, content []byte) error {
	tag, err := q.Exec(ctx, `UPDATE documents SET storage = $2, content = $3 WHERE id = $1`, id, storage, content)
	if err != nil {
		return fmt.Errorf("move document %d to %s: %w", id, storage, err)
	}
	if tag.RowsAffected() != 1 {
		return fmt.Errorf("move document %d to %s: %w", id, storage, ErrNotFound)
	}
	return nil
}
