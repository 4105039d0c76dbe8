package app

import (
	"context"
	"fmt"
	"io"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/store"
)

// MoveDocuments is `hakakses documents migrate`: it moves every document's bytes
// to ("blob") or back from ("db") the bucket, one document per transaction, in id
// order, and reports progress to log. It is resumable: an interrupted run leaves
// each document wholly in one place (at worst an extra object), and the next run
// picks up the documents still in the other storage. Bytes are checked against
// the recorded SHA-256 on both sides of every move: after writing an object it is
// read back and compared before the row lets go of the bytes.
func (a *App) MoveDocuments(ctx context.Context, objs Objects, to string, log io.Writer) (moved int, err error) {
	from := map[string]string{"blob": "db", "db": "blob"}[to]
	if from == "" {
		return 0, fmt.Errorf("move documents: target %q is neither blob nor db", to)
	}
	var after int64
	for {
		var ids []int64
		err := a.DB.ReadTx(ctx, store.System(), func(tx pgx.Tx) error {
			var err error
			ids, err = store.DocumentIDsIn(ctx, tx, from, after, 100)
			return err
		})
		if err != nil {
			return moved, err
		}
		if len(ids) == 0 {
			return moved, nil
		}
		for _, id := range ids {
			if err := ctx.Err(); err != nil {
				return moved, err
			}
			// A document once begun is finished (at most one object of 10 MB):
			// cancellation takes effect between documents.
			done, err := a.moveDocument(context.WithoutCancel(ctx), objs, id, from, to)
			if err != nil {
				return moved, err
			}
			if done {
				moved++
			}
			after = id
		}
		fmt.Fprintf(log, "%d dokumen dipindahkan ke %s (sampai id %d)\n", moved, to, after)
	}
}

func (a *App) moveDocument(ctx context.Context, objs Objects, id int64, from, to string) (bool, error) {
	done := false
	err := a.DB.Tx(ctx, store.System(), func(tx pgx.Tx) error {
		d, err := store.LockDocument(ctx, tx, id)
		if err != nil {
			return err
		}
		if d.Storage != from {
			return nil // moved by a concurrent run
		}
		key := DocumentKey(d.SHA256)
		switch to {
		case "blob":
			if err := verifyContent(d.Document, d.Content); err != nil {
				return err
			}
			if err := objs.Put(ctx, key, d.ContentType, d.Content); err != nil {
				return fmt.Errorf("document %d: %w", id, err)
			}
			back, err := objs.Get(ctx, key, int64(d.SizeBytes))
			if err != nil {
				return fmt.Errorf("document %d: read back: %w", id, err)
			}
			if err := verifyContent(d.Document, back); err != nil {
				return fmt.Errorf("read back: %w", err)
			}
			err = store.SetDocumentStorage(ctx, tx, id, "blob", nil)
			done = err == nil
			return err
		default:
			content, err := objs.Get(ctx, key, int64(d.SizeBytes))
			if err != nil {
				return fmt.Errorf("document %d: %w", id, err)
			}
			if err := verifyContent(d.Document, content); err != nil {
				return err
			}
			err = store.SetDocumentStorage(ctx, tx, id, "db", content)
			done = err == nil
			return err
		}
	})
	if err != nil {
		return false, fmt.Errorf("move document %d to %s: %w", id, to, err)
	}
	return done, nil
}

// DocumentFault is a document whose bytes are missing or not the recorded ones.
type DocumentFault struct {
	DocumentID, TenantID, ApplicationID int64
	Reason                              string
}

// VerifyDocuments reads every document's bytes (from the row, else from objs;
// objs may be nil when none were moved) and checks each against its recorded
// size and SHA-256: after a restore it proves the documents came back whole.
// It returns the number checked and every fault found.
func (a *App) VerifyDocuments(ctx context.Context, objs Objects) (checked int, faults []DocumentFault, err error) {
	var after int64
	for {
		var ids []int64
		err := a.DB.ReadTx(ctx, store.System(), func(tx pgx.Tx) error {
			var err error
			ids, err = store.DocumentIDsAfter(ctx, tx, after, 100)
			return err
		})
		if err != nil || len(ids) == 0 {
			return checked, faults, err
		}
		for _, id := range ids {
			var d store.StoredDocument
			err := a.DB.ReadTx(ctx, store.System(), func(tx pgx.Tx) error {
				var err error
				d, err = store.ReadStoredDocument(ctx, tx, id)
				return err
			})
			if err != nil {
				return checked, faults, err
			}
			content := d.Content
			fault := ""
			if d.Storage == "blob" {
				if objs == nil {
					fault = "bytes are in object storage and HAKAKSES_BLOB_URL is not set"
				} else if content, err = objs.Get(ctx, DocumentKey(d.SHA256), int64(d.SizeBytes)); err != nil {
					fault = err.Error()
				}
			}
			if fault == "" && verifyContent(d.Document, content) != nil {
				fault = "bytes do not match the recorded size and SHA-256"
			}
			if fault != "" {
				faults = append(faults, DocumentFault{DocumentID: d.ID, TenantID: d.TenantID, ApplicationID: d.ApplicationID, Reason: fault})
			}
			checked++
			after = id
		}
	}
}
