package store

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// AuditEvent is one entry of the audit trail.
type AuditEvent struct {
	ID        int64     `db:"id"`
	Seq       int64     `db:"seq"`
	TenantID  *int64    `db:"tenant_id"`
	At        time.Time `db:"at"`
	ActorID   *int64    `db:"actor_id"`
	ActorRole string    `db:"actor_role"`
	Event     string    `db:"event"`
	Subject   string    `db:"subject"`
	Client    string    `db:"client"`
	Data      []byte    `db:"data"`
	PrevHash  []byte    `db:"prev_hash"`
	Hash      []byte    `db:"hash"`
}

const auditColumns = `id, seq, tenant_id, at, actor_id, actor_role, event, subject, client, data, prev_hash, hash`

// AppendAudit adds an entry at the end of the audit chain, in the caller's
// transaction: the entry stands or falls with the change it records. The stored
// head (audit_chain_head) is locked, read and moved on in the same transaction,
// which also serialises appends; verify compares the chain with it, so deleting
// the newest entries is caught.
func AppendAudit(ctx context.Context, q pgx.Tx, e AuditEvent, data map[string]any) error {
	var count int64
	var prev []byte
	if err := q.QueryRow(ctx, `SELECT count, hash FROM audit_chain_head WHERE chain = 'audit' FOR UPDATE`).Scan(&count, &prev); err != nil {
		return fmt.Errorf("read audit head: %w", err)
	}
	e.Seq = count + 1
	raw, err := canonicalJSON(data)
	if err != nil {
		return fmt.Errorf("encode audit data: %w", err)
	}
	e.Data, e.PrevHash = raw, prev
	e.At = e.At.UTC().Truncate(time.Microsecond)
	e.Hash = HashAudit(e)
	_, err = q.Exec(ctx, `INSERT INTO audit_events (seq, tenant_id, at, actor_id, actor_role, event, subject, client, data, prev_hash, hash)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
		e.Seq, e.TenantID, e.At, e.ActorID, e.ActorRole, e.Event, e.Subject, e.Client, e.Data, e.PrevHash, e.Hash)
	if err != nil {
		return fmt.Errorf("append audit entry: %w", err)
	}
	if _, err := q.Exec(ctx, `UPDATE audit_chain_head SET count = $1, hash = $2 WHERE chain = 'audit'`, e.Seq, e.Hash); err != nil {
		return fmt.Errorf("move audit head: %w", err)
	}
	return nil
}

// HashAudit is SHA-256 over the predecessor's hash and every field, each
// length-prefixed.
func HashAudit(e AuditEvent) []byte {
	h := newChainHash()
	h.bytes(e.PrevHash)
	h.num(e.Seq)
	h.optNum(e.TenantID)
	h.instant(e.At)
	h.optNum(e.ActorID)
	h.text(e.ActorRole)
	h.text(e.Event)
	h.text(e.Subject)
	h.text(e.Client)
	h.json(e.Data)
	return h.sum()
}

// AuditFilter narrows the audit list; Before pages back (keyset: entries with a
// smaller ID).
type AuditFilter struct {
	TenantID *int64 // the admin's filter; a kepala's scope already limits it
	Event    string
	Before   int64
	Limit    int
}

// AuditEvents lists the entries the scope may read, newest first.
func AuditEvents(ctx context.Context, q pgx.Tx, f AuditFilter) ([]AuditEvent, error) {
	if f.Limit <= 0 {
		f.Limit = 50
	}
	rows, err := q.Query(ctx, `SELECT `+auditColumns+` FROM audit_events
		WHERE ($1::bigint IS NULL OR tenant_id = $1) AND ($2 = '' OR event = $2) AND ($3 = 0 OR id < $3)
		ORDER BY id DESC LIMIT $4`, f.TenantID, f.Event, f.Before, f.Limit)
	if err != nil {
		return nil, fmt.Errorf("list audit entries: %w", err)
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[AuditEvent])
}

// VerifyAudit checks the whole audit chain (system scope) against itself and
// against the stored head, and returns the first bad entry's sequence number and
// why, or 0, and how many entries it checked. Entries missing at the end of the
// chain are named by the first missing sequence number.
func VerifyAudit(ctx context.Context, q pgx.Tx) (int64, string, int, error) {
	var headCount int64
	var headHash []byte
	if err := q.QueryRow(ctx, `SELECT count, hash FROM audit_chain_head WHERE chain = 'audit'`).Scan(&headCount, &headHash); err != nil {
		return 0, "", 0, fmt.Errorf("read audit head: %w", err)
	}
	rows, err := q.Query(ctx, `SELECT `+auditColumns+` FROM audit_events ORDER BY seq`)
	if err != nil {
		return 0, "", 0, fmt.Errorf("read audit chain: %w", err)
	}
	defer rows.Close()
	var prev []byte
	var want int64 = 1
	n := 0
	for rows.Next() {
		e, err := pgx.RowToStructByName[AuditEvent](rows)
		if err != nil {
			return 0, "", n, fmt.Errorf("read audit entry: %w", err)
		}
		n++
		switch {
		case e.Seq != want:
			return want, fmt.Sprintf("urutan %d, seharusnya %d (entri hilang)", e.Seq, want), n, nil
		case !bytes.Equal(e.PrevHash, prev):
			return e.Seq, "hash pendahulu tidak cocok", n, nil
		case !bytes.Equal(HashAudit(e), e.Hash):
			return e.Seq, "isi entri tidak cocok dengan hash-nya (diubah)", n, nil
		}
		prev, want = e.Hash, want+1
	}
	if err := rows.Err(); err != nil {
		return 0, "", n, fmt.Errorf("read audit chain: %w", err)
	}
	switch last := want - 1; {
	case last < headCount:
		return want, fmt.Sprintf("kepala rantai mencatat %d entri, tabel hanya berisi sampai entri %d (entri terakhir hilang)", headCount, last), n, nil
	case last > headCount:
		return headCount + 1, fmt.Sprintf("entri %d sampai %d tidak tercatat di kepala rantai (%d entri)", headCount+1, last, headCount), n, nil
	case !bytes.Equal(prev, headHash):
		return last, "hash entri terakhir tidak cocok dengan kepala rantai", n, nil
	}
	return 0, "", n, nil
}
