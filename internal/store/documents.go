package store

import (
	"context"
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
