package store

import (
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"strconv"
	"time"
)

// chainHash hashes one entry of a hash chain (the application history, the
// audit trail): SHA-256 over its fields, each length-prefixed so no two
// different entries encode alike. A change here breaks every stored chain.
type chainHash struct{ h hash.Hash }

func newChainHash() chainHash { return chainHash{sha256.New()} }

func (c chainHash) bytes(b []byte) {
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(len(b)))
	c.h.Write(n[:])
	c.h.Write(b)
}

func (c chainHash) text(s string) { c.bytes([]byte(s)) }

func (c chainHash) num(v int64) { c.text(strconv.FormatInt(v, 10)) }

// optNum and optText hash an absent value as an empty field.
func (c chainHash) optNum(v *int64) {
	if v == nil {
		c.bytes(nil)
		return
	}
	c.num(*v)
}

func (c chainHash) optText(s *string) {
	if s == nil {
		c.bytes(nil)
		return
	}
	c.text(*s)
}

func (c chainHash) instant(t time.Time) { c.text(t.UTC().Format(time.RFC3339Nano)) }

// json hashes a JSON value in canonical form (keys sorted), re-encoded from
// what PostgreSQL returns.
func (c chainHash) json(raw []byte) {
	data, _ := canonicalJSONRaw(raw)
	c.bytes(data)
}

func (c chainHash) sum() []byte { return c.h.Sum(nil) }
