package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// PendingUpload is a file a user chose in a form that was refused, kept for that
// user's next save of the form (migration 000023). Content is filled only by
// PendingUploadContents.
type PendingUpload struct {
	TenantID      int64
	ApplicationID int64
	UserID        int64
	Kind          string
	Filename      string
	ContentType   string
	SizeBytes     int
	SHA256        []byte
	Content       []byte
	CreatedAt     time.Time
}

// PutPendingUpload keeps a file for (application, user, kind), replacing the one
// kept before: choosing again in the same control supersedes it.
func PutPendingUpload(ctx context.Context, q pgx.Tx, u PendingUpload) error {
	_, err := q.Exec(ctx, `INSERT INTO pending_uploads (tenant_id, application_id, user_id, kind, filename, content_type,
		size_bytes, sha256, content, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
		ON CONFLICT (tenant_id, application_id, user_id, kind) DO UPDATE SET filename = EXCLUDED.filename,
			content_type = EXCLUDED.content_type, size_bytes = EXCLUDED.size_bytes, sha256 = EXCLUDED.sha256,
			content = EXCLUDED.content, created_at = EXCLUDED.created_at`,
		u.TenantID, u.ApplicationID, u.UserID, u.Kind, u.Filename, u.ContentType, len(u.Content), u.SHA256, u.Content, u.CreatedAt)
	if err != nil {
		return fmt.Errorf("store: keep pending upload %s of application %d: %w", u.Kind, u.ApplicationID, err)
	}
	return nil
}

// PendingUploads lists, without their bytes, the files a user has pending on an
// application, in kind order.
func PendingUploads(ctx context.Context, q pgx.Tx, tenantID, appID, userID int64) ([]PendingUpload, error) {
	rows, err := q.Query(ctx, `SELECT tenant_id, application_id, user_id, kind, filename, content_type, size_bytes, sha256, created_at
		FROM pending_uploads WHERE tenant_id = $1 AND application_id = $2 AND user_id = $3 ORDER BY kind`, tenantID, appID, userID)
	if err != nil {
		return nil, fmt.Errorf("store: list pending uploads of application %d: %w", appID, err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (PendingUpload, error) {
		var u PendingUpload
		err := r.Scan(&u.TenantID, &u.ApplicationID, &u.UserID, &u.Kind, &u.Filename, &u.ContentType, &u.SizeBytes, &u.SHA256, &u.CreatedAt)
		return u, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: list pending uploads of application %d: %w", appID, err)
	}
	return out, nil
}

// PendingUploadContents returns, with their bytes, a user's pending files of the
// given kinds on an application, locking them so that a concurrent removal
// waits for the save that uses them.
func PendingUploadContents(ctx context.Context, q pgx.Tx, tenantID, appID, userID int64, kinds []string) ([]PendingUpload, error) {
	rows, err := q.Query(ctx, `SELECT tenant_id, application_id, user_id, kind, filename, content_type, size_bytes, sha256, content, created_at
		FROM pending_uploads WHERE tenant_id = $1 AND application_id = $2 AND user_id = $3 AND kind = ANY($4)
		ORDER BY kind FOR UPDATE`, tenantID, appID, userID, kinds)
	if err != nil {
		return nil, fmt.Errorf("store: read pending uploads of application %d: %w", appID, err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (PendingUpload, error) {
		var u PendingUpload
		err := r.Scan(&u.TenantID, &u.ApplicationID, &u.UserID, &u.Kind, &u.Filename, &u.ContentType, &u.SizeBytes, &u.SHA256, &u.Content, &u.CreatedAt)
		return u, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: read pending uploads of application %d: %w", appID, err)
	}
	return out, nil
}

// DeletePendingUploads drops a user's pending files of the given kinds on an
// application (used, replaced or removed) and says how many there were.
func DeletePendingUploads(ctx context.Context, q pgx.Tx, tenantID, appID, userID int64, kinds []string) (int64, error) {
	tag, err := q.Exec(ctx, `DELETE FROM pending_uploads WHERE tenant_id = $1 AND application_id = $2 AND user_id = $3 AND kind = ANY($4)`,
		tenantID, appID, userID, kinds)
	if err != nil {
		return 0, fmt.Errorf("store: delete pending uploads of application %d: %w", appID, err)
	}
	return tag.RowsAffected(), nil
}

// DeletePendingUpload deletes the file of one kind a user kept on an
// application and returns its name; ok is false when there was none.
func DeletePendingUpload(ctx context.Context, q pgx.Tx, tenantID, appID, userID int64, kind string) (name string, ok bool, err error) {
	err = q.QueryRow(ctx, `DELETE FROM pending_uploads WHERE tenant_id = $1 AND application_id = $2 AND user_id = $3 AND kind = $4
		RETURNING filename`, tenantID, appID, userID, kind).Scan(&name)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("store: delete pending upload %s of application %d: %w", kind, appID, err)
	}
	return name, true, nil
}

// PrunePendingUploads deletes pending files kept since before the given instant:
// nobody came back to use them.
func PrunePendingUploads(ctx context.Context, q pgx.Tx, before time.Time) (int64, error) {
	tag, err := q.Exec(ctx, `DELETE FROM pending_uploads WHERE created_at < $1`, before)
	if err != nil {
		return 0, fmt.Errorf("store: prune pending uploads: %w", err)
	}
	return tag.RowsAffected(), nil
}
