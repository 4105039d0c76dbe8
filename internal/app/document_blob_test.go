package app_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"io"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/objstore"
	"github.com/hakakses/hakakses/internal/s3test"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// bucket is a fresh bucket on a real S3-compatible server (Versity S3 Gateway)
// the test starts itself.
func bucket(t *testing.T) *objstore.Bucket {
	t.Helper()
	srv := s3test.Start(t)
	b, err := objstore.Open(srv.BucketURL("hakakses-test"), srv.AccessKey, srv.Secret)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.EnsureBucket(context.Background()); err != nil {
		t.Fatal(err)
	}
	return b
}

// storageOf counts the documents kept in each storage.
func (f *fixture) storageOf() map[string]int {
	f.t.Helper()
	out := map[string]int{}
	err := f.db.ReadTx(f.ctx, store.System(), func(tx pgx.Tx) error {
		rows, err := tx.Query(f.ctx, `SELECT storage, count(*) FROM documents GROUP BY storage`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var s string
			var n int
			if err := rows.Scan(&s, &n); err != nil {
				return err
			}
			out[s] = n
		}
		return rows.Err()
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return out
}

// allDocuments reads every document of application id back through the app, as
// the petugas downloads them, and returns their bytes by document ID.
func (f *fixture) allDocuments(id int64) map[int64][]byte {
	f.t.Helper()
	d, err := f.app.Application(f.ctx, f.petugas, id)
	if err != nil {
		f.t.Fatal(err)
	}
	out := map[int64][]byte{}
	for _, doc := range d.Documents {
		_, content, err := f.app.Document(f.ctx, f.petugas, id, doc.ID)
		if err != nil {
			f.t.Fatalf("document %d (%s): %v", doc.ID, doc.Kind, err)
		}
		if sum := sha256.Sum256(content); !bytes.Equal(sum[:], doc.SHA256) {
			f.t.Fatalf("document %d: bytes do not match the recorded SHA-256", doc.ID)
		}
		out[doc.ID] = content
	}
	return out
}

// With HAKAKSES_BLOB_URL set, uploads and generated letters of a whole lifecycle
// go to the bucket (the rows keep no bytes) and come back identical; bytes
// changed in the bucket behind the product's back are refused, not served.
func TestDocumentsRoundTripThroughARealS3ServerAndAreVerifiedOnRead(t *testing.T) {
	f := newFixture(t)
	b := bucket(t)
	f.app.Documents = app.BlobDocuments{Objects: b}
	id := f.completeDraft()
	f.toActive(id)

	if got := f.storageOf(); got["db"] != 0 || got["blob"] < 8 {
		t.Fatalf("documents by storage after a lifecycle on the bucket: %v", got)
	}
	docs := f.allDocuments(id)
	var letter app.Document
	d, _ := f.app.Application(f.ctx, f.petugas, id)
	for _, doc := range d.Documents {
		if doc.Generated {
			letter = doc
		}
	}
	if letter.ID == 0 || !bytes.HasPrefix(docs[letter.ID], []byte("%PDF-")) {
		t.Fatalf("a generated letter did not come back as a PDF from the bucket")
	}

	// Someone with bucket access swaps the bytes of the letter.
	if err := b.Put(f.ctx, app.DocumentKey(letter.SHA256), "application/pdf", []byte("%PDF-1.4 forged")); err != nil {
		t.Fatal(err)
	}
	_, _, err := f.app.Document(f.ctx, f.petugas, id, letter.ID)
	if !errors.Is(err, app.ErrDocumentCorrupt) {
		t.Fatalf("a substituted object: want ErrDocumentCorrupt, got %v", err)
	}
}

// `hakakses documents migrate` moves existing bytes from PostgreSQL to the bucket
// and back, verifying each; it resumes after an interruption; the database lets
// nothing but the bytes' place change, and only to bytes of the recorded hash.
func TestDocumentsMigrateToTheBucketAndBackResumably(t *testing.T) {
	f := newFixture(t)
	id := f.completeDraft()
	f.fire(f.lembaga, id, app.Action{Event: workflow.Submit})
	f.fire(f.petugas, id, app.Action{Event: workflow.Forward})
	before := f.allDocuments(id)
	total := f.storageOf()["db"]
	if total < 2 {
		t.Fatalf("want an upload and a generated letter in the database, have %d documents", total)
	}
	b := bucket(t)

	// Interrupted after the first document: the rest stays where it was.
	ctx, cancel := context.WithCancel(f.ctx)
	n, err := f.app.MoveDocuments(ctx, cancelAfterPut{Objects: b, cancel: cancel}, "blob", io.Discard)
	if !errors.Is(err, context.Canceled) || n != 1 {
		t.Fatalf("interrupted move: moved %d, err %v; want 1 and context.Canceled", n, err)
	}
	if got := f.storageOf(); got["blob"] != 1 || got["db"] != total-1 {
		t.Fatalf("after an interrupted move: %v", got)
	}
	// The app reads a half-moved set correctly when configured for the bucket.
	f.app.Documents = app.BlobDocuments{Objects: b}
	assertSameDocuments(t, before, f.allDocuments(id))

	if n, err := f.app.MoveDocuments(f.ctx, b, "blob", io.Discard); err != nil || n != total-1 {
		t.Fatalf("resumed move: moved %d, err %v; want %d", n, err, total-1)
	}
	if got := f.storageOf(); got["db"] != 0 || got["blob"] != total {
		t.Fatalf("after the move to the bucket: %v", got)
	}
	assertSameDocuments(t, before, f.allDocuments(id))

	// The database refuses any other change of a document row, and bytes moved
	// back that are not the recorded ones.
	err = f.db.Tx(f.ctx, store.System(), func(tx pgx.Tx) error {
		_, err := tx.Exec(f.ctx, `UPDATE documents SET storage = 'db', content = '\x00' WHERE application_id = $1`, id)
		return err
	})
	if err == nil {
		t.Fatal("moving wrong bytes back into a document row was accepted")
	}
	err = f.db.Tx(f.ctx, store.System(), func(tx pgx.Tx) error {
		_, err := tx.Exec(f.ctx, `UPDATE documents SET filename = 'lain.pdf' WHERE application_id = $1`, id)
		return err
	})
	if err == nil {
		t.Fatal("renaming a document was accepted")
	}

	// And back: bytes in PostgreSQL again, the default store reads them.
	if n, err := f.app.MoveDocuments(f.ctx, b, "db", io.Discard); err != nil || n != total {
		t.Fatalf("move back: moved %d, err %v; want %d", n, err, total)
	}
	f.app.Documents = nil
	if got := f.storageOf(); got["blob"] != 0 || got["db"] != total {
		t.Fatalf("after the move back: %v", got)
	}
	assertSameDocuments(t, before, f.allDocuments(id))
}

// cancelAfterPut cancels the move once the first object is written.
type cancelAfterPut struct {
	app.Objects
	cancel func()
}

func (c cancelAfterPut) Put(ctx context.Context, key, contentType string, content []byte) error {
	defer c.cancel()
	return c.Objects.Put(ctx, key, contentType, content)
}

func assertSameDocuments(t *testing.T, want, got map[int64][]byte) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d documents, want %d", len(got), len(want))
	}
	for id, b := range want {
		if !bytes.Equal(got[id], b) {
			t.Fatalf("document %d changed", id)
		}
	}
}
