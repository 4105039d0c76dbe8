package app

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/idfmt"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// Pending uploads (issue 13): when a form is refused because another field
// failed, the files chosen in that same request are not thrown away. They are
// kept for the user who chose them, shown on the form again as attached, and
// used by the next successful save of the form unless a new file replaces them.
// A file that failed its own check is never kept: its field says why.

// PendingUploadTTL is how long a kept file waits for the form's next save before
// housekeeping drops it: long enough to come back the next working day after a
// long weekend, short enough that abandoned scans do not pile up.
const PendingUploadTTL = 7 * 24 * time.Hour

// PendingUpload is a kept file as a form shows it.
type PendingUpload struct {
	Kind      string
	Filename  string
	SizeBytes int
	Until     time.Time // when housekeeping drops it unless the form is saved
}

// Text is "surat.pdf (120 KB)".
func (u PendingUpload) Text() string {
	return u.Filename + " (" + idfmt.Bytes(int64(u.SizeBytes)) + ")"
}

// PendingUploads lists the files p has kept on an application, by kind.
func (a *App) PendingUploads(ctx context.Context, p Principal, appID int64) (map[string]PendingUpload, error) {
	out := map[string]PendingUpload{}
	if p.UserID == 0 {
		return out, nil
	}
	err := a.DB.ReadTx(ctx, scope(p), func(tx pgx.Tx) error {
		ap, err := store.ApplicationByID(ctx, tx, scope(p), appID)
		if err != nil {
			return err
		}
		rows, err := store.PendingUploads(ctx, tx, ap.TenantID, appID, p.UserID)
		for _, r := range rows {
			out[r.Kind] = PendingUpload{Kind: r.Kind, Filename: r.Filename, SizeBytes: r.SizeBytes, Until: r.CreatedAt.Add(PendingUploadTTL)}
		}
		return err
	})
	return out, mapStoreErr(err, "Permohonan")
}

// RemovePendingUpload drops the file of kind p kept on an application ("Hapus")
// and returns its name; removed is false when p kept none of that kind (already
// removed, used or expired). Another user's kept file is never touched: row-level
// security hides it. An application p cannot see is "not found".
func (a *App) RemovePendingUpload(ctx context.Context, p Principal, appID int64, kind string) (name string, removed bool, err error) {
	err = a.DB.Tx(ctx, scope(p), func(tx pgx.Tx) error {
		ap, err := store.ApplicationByID(ctx, tx, scope(p), appID)
		if err != nil {
			return err
		}
		name, removed, err = store.DeletePendingUpload(ctx, tx, ap.TenantID, appID, p.UserID, kind)
		return err
	})
	return name, removed, mapStoreErr(err, "Permohonan")
}

// RemoveFromDraft is "Hapus" pressed on the draft form: the kept file of kind
// is dropped and the files chosen meanwhile are kept, checked as a save checks
// them, in one transaction; problems names those that fail their check.
func (a *App) RemoveFromDraft(ctx context.Context, p Principal, appID int64, kind string, in DraftInput) (name string, removed bool, problems map[string]string, err error) {
	if p.Role != workflow.RoleLembaga {
		return "", false, nil, Forbidden("")
	}
	delete(in.Files, kind)
	files, problems := a.checkDraftFiles(in)
	err = a.DB.Tx(ctx, scope(p), func(tx pgx.Tx) error {
		ap, err := store.ApplicationByID(ctx, tx, scope(p), appID)
		if err != nil {
			return err
		}
		if name, removed, err = store.DeletePendingUpload(ctx, tx, ap.TenantID, appID, p.UserID, kind); err != nil {
			return err
		}
		_, err = a.keepFilesTx(ctx, tx, p, ap.TenantID, appID, files)
		return err
	})
	return name, removed, problems, mapStoreErr(err, "Permohonan")
}

// keepRefused keeps the checked files of a refused request as pending uploads
// and says so in the refusal. Only invalid input, which the user fixes on the
// same form, keeps files; a conflict (the application moved on, the form may be
// gone) or anything else is returned unchanged. When keeping fails, the refusal asks for the files again
// rather than claiming they are attached.
func (a *App) keepRefused(ctx context.Context, p Principal, appID int64, files map[string]checkedFile, refusal error) error {
	var e *Error
	if len(files) == 0 || p.UserID == 0 || !errors.As(refusal, &e) || e.Code != CodeInvalid {
		return refusal
	}
	names, err := a.keepFiles(ctx, p, appID, files)
	out := &Error{Code: e.Code, Message: e.Message, Fields: e.Fields, Err: e.Err}
	if err != nil {
		if !errors.Is(err, store.ErrNotFound) {
			a.Log.ErrorContext(ctx, "keep pending uploads", "application", appID, "err", err)
		}
		out.Message += " Berkas yang Anda pilih belum tersimpan; pilih ulang berkasnya sebelum mengirim kembali."
		return out
	}
	out.Message += " Berkas yang Anda pilih (" + strings.Join(names, ", ") + ") tetap terlampir dan dipakai saat formulir dikirim kembali; tidak perlu memilihnya ulang."
	return out
}

// keepFiles stores checked files as p's pending uploads of an application p
// sees, replacing those of the same kinds, and returns their names.
func (a *App) keepFiles(ctx context.Context, p Principal, appID int64, files map[string]checkedFile) ([]string, error) {
	var names []string
	err := a.DB.Tx(ctx, scope(p), func(tx pgx.Tx) error {
		ap, err := store.ApplicationByID(ctx, tx, scope(p), appID)
		if err != nil {
			return err
		}
		names, err = a.keepFilesTx(ctx, tx, p, ap.TenantID, appID, files)
		return err
	})
	return names, err
}

// keepFilesTx stores files as p's pending uploads of the application in tx and
// returns their names, in kind order.
func (a *App) keepFilesTx(ctx context.Context, tx pgx.Tx, p Principal, tenantID, appID int64, files map[string]checkedFile) ([]string, error) {
	now := a.Clock.Now()
	names := make([]string, 0, len(files))
	for _, kind := range slices.Sorted(maps.Keys(files)) {
		f := files[kind]
		if err := store.PutPendingUpload(ctx, tx, store.PendingUpload{TenantID: tenantID, ApplicationID: appID, UserID: p.UserID,
			Kind: f.Kind, Filename: f.Filename, ContentType: f.ContentType, SHA256: f.SHA256, Content: f.Content, CreatedAt: now}); err != nil {
			return nil, err
		}
		names = append(names, f.Filename)
	}
	return names, nil
}

// usePending adds to files the kinds it lacks from p's kept files, and drops
// every kept file of those kinds: used now, or replaced by the new file. It runs
// in the saving transaction, so a save that fails after all keeps them.
func (a *App) usePending(ctx context.Context, tx pgx.Tx, p Principal, tenantID, appID int64, kinds []string, files map[string]checkedFile) (map[string]checkedFile, error) {
	out := make(map[string]checkedFile, len(files))
	for k, f := range files {
		out[k] = f
	}
	if p.UserID == 0 || len(kinds) == 0 {
		return out, nil
	}
	kept, err := store.PendingUploadContents(ctx, tx, tenantID, appID, p.UserID, kinds)
	if err != nil || len(kept) == 0 {
		return out, err
	}
	for _, u := range kept {
		if _, replaced := out[u.Kind]; replaced {
			continue
		}
		if sum := sha256.Sum256(u.Content); !bytes.Equal(sum[:], u.SHA256) {
			return nil, fmt.Errorf("app: pending upload %s of application %d: %w", u.Kind, appID, ErrDocumentCorrupt)
		}
		out[u.Kind] = checkedFile{Kind: u.Kind, Filename: u.Filename, ContentType: u.ContentType, SHA256: u.SHA256, Content: u.Content}
	}
	if _, err := store.DeletePendingUploads(ctx, tx, tenantID, appID, p.UserID, kinds); err != nil {
		return nil, err
	}
	return out, nil
}
