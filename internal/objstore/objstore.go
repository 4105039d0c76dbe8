// Package objstore is a bucket of an S3-compatible object store (AWS S3, MinIO,
// Versity S3 Gateway, SeaweedFS, Ceph RGW …), over minio-go: put an object,
// read it back whole. It knows nothing of documents.
package objstore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strconv"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// Bucket is one bucket of an S3-compatible server.
type Bucket struct {
	client *minio.Client
	name   string
	prefix string
}

// ErrNotFound is returned for a key the bucket does not hold.
var ErrNotFound = errors.New("object not found")

// Open parses a bucket URL in the style of gocloud.dev/blob:
//
//	s3://BUCKET?endpoint=http://127.0.0.1:7070&region=us-east-1&prefix=hakakses/
//
// endpoint defaults to AWS S3 (https://s3.amazonaws.com); an http:// endpoint
// means no TLS; path-style addressing is used unless the endpoint is AWS. The
// credentials are accessKey and secretKey (AWS_ACCESS_KEY_ID and
// AWS_SECRET_ACCESS_KEY, read by package config).
func Open(rawURL, accessKey, secretKey string) (*Bucket, error) {
	u, err := url.Parse(rawURL)
	if err != nil || u.Scheme != "s3" || u.Host == "" {
		return nil, fmt.Errorf("HAKAKSES_BLOB_URL %q: want s3://BUCKET?endpoint=…", rawURL)
	}
	q := u.Query()
	endpoint := q.Get("endpoint")
	if endpoint == "" {
		endpoint = "https://s3.amazonaws.com"
	}
	ep, err := url.Parse(endpoint)
	if err != nil || ep.Host == "" || (ep.Scheme != "http" && ep.Scheme != "https") {
		return nil, fmt.Errorf("HAKAKSES_BLOB_URL endpoint %q: want http(s)://host[:port]", endpoint)
	}
	lookup := minio.BucketLookupPath
	if ep.Host == "s3.amazonaws.com" {
		lookup = minio.BucketLookupAuto
	}
	if v := q.Get("path_style"); v != "" {
		if b, err := strconv.ParseBool(v); err == nil && !b {
			lookup = minio.BucketLookupDNS
		}
	}
	client, err := minio.New(ep.Host, &minio.Options{
		Creds:        credentials.NewStaticV4(accessKey, secretKey, ""),
		Secure:       ep.Scheme == "https",
		Region:       q.Get("region"),
		BucketLookup: lookup,
	})
	if err != nil {
		return nil, fmt.Errorf("object store client: %w", err)
	}
	return &Bucket{client: client, name: u.Host, prefix: q.Get("prefix")}, nil
}

// Name is the bucket's name.
func (b *Bucket) Name() string { return b.name }

// EnsureBucket creates the bucket when it does not exist (tests, first start
// against a fresh server); an operator usually creates it beforehand.
func (b *Bucket) EnsureBucket(ctx context.Context) error {
	ok, err := b.client.BucketExists(ctx, b.name)
	if err != nil {
		return fmt.Errorf("bucket %s: %w", b.name, err)
	}
	if ok {
		return nil
	}
	if err := b.client.MakeBucket(ctx, b.name, minio.MakeBucketOptions{}); err != nil {
		return fmt.Errorf("create bucket %s: %w", b.name, err)
	}
	return nil
}

// Put writes an object whole.
func (b *Bucket) Put(ctx context.Context, key, contentType string, content []byte) error {
	_, err := b.client.PutObject(ctx, b.name, b.prefix+key, bytes.NewReader(content), int64(len(content)),
		minio.PutObjectOptions{ContentType: contentType, SendContentMd5: true})
	if err != nil {
		return fmt.Errorf("put %s/%s: %w", b.name, b.prefix+key, err)
	}
	return nil
}

// Get reads an object whole, refusing one larger than limit bytes.
func (b *Bucket) Get(ctx context.Context, key string, limit int64) ([]byte, error) {
	obj, err := b.client.GetObject(ctx, b.name, b.prefix+key, minio.GetObjectOptions{})
	if err != nil {
		return nil, fmt.Errorf("get %s/%s: %w", b.name, b.prefix+key, err)
	}
	defer obj.Close()
	data, err := io.ReadAll(io.LimitReader(obj, limit+1))
	if err != nil {
		if minio.ToErrorResponse(err).Code == "NoSuchKey" {
			return nil, fmt.Errorf("get %s/%s: %w", b.name, b.prefix+key, ErrNotFound)
		}
		return nil, fmt.Errorf("get %s/%s: %w", b.name, b.prefix+key, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("get %s/%s: larger than %d bytes", b.name, b.prefix+key, limit)
	}
	return data, nil
}

// Delete removes an object (tests; the product never deletes a document).
func (b *Bucket) Delete(ctx context.Context, key string) error {
	if err := b.client.RemoveObject(ctx, b.name, b.prefix+key, minio.RemoveObjectOptions{}); err != nil {
		return fmt.Errorf("delete %s/%s: %w", b.name, b.prefix+key, err)
	}
	return nil
}
