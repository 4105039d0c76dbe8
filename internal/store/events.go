package store

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"
)

// Event is one entry of an application's history.
type Event struct {
	ID            int64           `db:"id"`
	TenantID      int64           `db:"tenant_id"`
	ApplicationID int64           `db:"application_id"`
	Seq           int             `db:"seq"`
	Event         string          `db:"event"`
	From          *string         `db:"from_state"`
	To            string          `db:"to_state"`
	ActorID       *int64          `db:"actor_id"`
	ActorRole     string          `db:"actor_role"`
	ActorName     string          `db:"actor_name"`
	At            time.Time       `db:"at"`
	Data          json.RawMessage `db:"data"`
	DocumentIDs   []int64         `db:"document_ids"`
	PrevHash      []byte          `db:"prev_hash"`
	Hash          []byte          `db:"hash"`
}

const eventColumns = `id, tenant_id, application_id, seq, event, from_state, to_state, actor_id, actor_role, actor_name,
	at, data, document_ids, prev_hash, hash`

// NewEvent is what a transition records.
type NewEvent struct {
	TenantID      int64
	ApplicationID int64
	Event         string
	From          string // "" for the creating entry
	To            string
	ActorID       *int64
	ActorRole     string
	ActorName     string
	At            time.Time
	Data          map[string]any
	DocumentIDs   []int64
}

// AppendEvent adds an entry at the end of the application's chain. The caller has
// already won the compare-and-set on the application row, which serialises writers
// of one chain.
func AppendEvent(ctx context.Context, q pgx.Tx, e NewEvent) (Event, error) {
	var prev []byte
	seq := 1
	err := q.QueryRow(ctx, `SELECT seq + 1, hash FROM application_events WHERE tenant_id = $1 AND application_id = $2
		ORDER BY seq DESC LIMIT 1`, e.TenantID, e.ApplicationID).Scan(&seq, &prev)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return Event{}, err
	}
	return appendEvent(ctx, q, e, seq, prev)
}

// AppendEventAfter is AppendEvent for a caller that read the chain in this
// transaction before winning the compare-and-set on the application row (which
// no other writer of the chain can have won since): last is the chain's last
// entry as read then, nil for an empty chain. It saves reading the head again.
func AppendEventAfter(ctx context.Context, q pgx.Tx, e NewEvent, last *Event) (Event, error) {
	if last == nil {
		return appendEvent(ctx, q, e, 1, nil)
	}
	if last.TenantID != e.TenantID || last.ApplicationID != e.ApplicationID {
		return Event{}, fmt.Errorf("store: history entry %d is not application %d's", last.ID, e.ApplicationID)
	}
	return appendEvent(ctx, q, e, last.Seq+1, last.Hash)
}

func appendEvent(ctx context.Context, q pgx.Tx, e NewEvent, seq int, prev []byte) (Event, error) {
	data, err := canonicalJSON(e.Data)
	if err != nil {
		return Event{}, err
	}
	if e.DocumentIDs == nil {
		e.DocumentIDs = []int64{}
	}
	ev := Event{
		TenantID: e.TenantID, ApplicationID: e.ApplicationID, Seq: seq, Event: e.Event, To: e.To,
		ActorID: e.ActorID, ActorRole: e.ActorRole, ActorName: e.ActorName,
		// PostgreSQL keeps microseconds; hash what will be read back.
		At: e.At.UTC().Truncate(time.Microsecond), Data: data, DocumentIDs: e.DocumentIDs, PrevHash: prev,
	}
	if e.From != "" {
		from := e.From
		ev.From = &from
	}
	ev.Hash = HashEvent(ev)
	err = q.QueryRow(ctx, `INSERT INTO application_events (tenant_id, application_id, seq, event, from_state, to_state,
		actor_id, actor_role, actor_name, at, data, document_ids, prev_hash, hash)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
		ev.TenantID, ev.ApplicationID, ev.Seq, ev.Event, ev.From, ev.To, ev.ActorID, ev.ActorRole, ev.ActorName,
		ev.At, []byte(ev.Data), ev.DocumentIDs, ev.PrevHash, ev.Hash).Scan(&ev.ID)
	if err != nil {
		return Event{}, fmt.Errorf("insert history entry: %w", err)
	}
	// The row keeps the chain's head, so a deleted last entry is caught.
	tag, err := q.Exec(ctx, `UPDATE applications SET history_count = $3, history_head = $4 WHERE tenant_id = $1 AND id = $2`,
		ev.TenantID, ev.ApplicationID, ev.Seq, ev.Hash)
	if err != nil {
		return Event{}, fmt.Errorf("store history head: %w", err)
	}
	if tag.RowsAffected() != 1 {
		return Event{}, fmt.Errorf("store history head of application %d: %w", ev.ApplicationID, ErrNotFound)
	}
	return ev, nil
}

// Events returns an application's history in order.
func Events(ctx context.Context, q pgx.Tx, tenantID, appID int64) ([]Event, error) {
	rows, err := q.Query(ctx, `SELECT `+eventColumns+` FROM application_events WHERE tenant_id = $1 AND application_id = $2 ORDER BY seq`, tenantID, appID)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[Event])
}

// HashEvent is SHA-256 over the predecessor's hash and every field of the entry,
// each length-prefixed so no two different entries encode alike. The data is
// canonical JSON (keys sorted) re-encoded from what PostgreSQL returns.
func HashEvent(e Event) []byte {
	h := newChainHash()
	h.bytes(e.PrevHash)
	h.num(e.TenantID)
	h.num(e.ApplicationID)
	h.num(int64(e.Seq))
	h.text(e.Event)
	h.optText(e.From)
	h.text(e.To)
	h.optNum(e.ActorID)
	h.text(e.ActorRole)
	h.text(e.ActorName)
	h.instant(e.At)
	h.json(e.Data)
	for _, id := range e.DocumentIDs {
		h.num(id)
	}
	return h.sum()
}

func canonicalJSON(v map[string]any) (json.RawMessage, error) {
	if v == nil {
		v = map[string]any{}
	}
	b, err := json.Marshal(v) // encoding/json sorts map keys
	if err != nil {
		return nil, err
	}
	return canonicalJSONRaw(b)
}

// canonicalJSONRaw re-encodes JSON with sorted keys and numbers kept as written,
// so a value survives the round trip through jsonb unchanged.
func canonicalJSONRaw(b []byte) (json.RawMessage, error) {
	if len(b) == 0 || string(b) == "{}" {
		return json.RawMessage("{}"), nil // most entries carry no data
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return json.Marshal(v)
}

// ChainBreak names an application whose history does not hold, and the first
// entry where it fails (0 when the chain itself holds but disagrees with the row).
type ChainBreak struct {
	TenantID      int64
	ApplicationID int64
	Seq           int
	Reason        string
}

// VerifyChains streams every application's history (system scope), holding one
// entry at a time so memory stays flat however large the table, then compares
// each chain's end with the head and state stored on its application row. It
// returns every application that fails (the first failure of each), and how many
// entries it checked.
func VerifyChains(ctx context.Context, q pgx.Tx) ([]ChainBreak, int, error) {
	var breaks []ChainBreak
	n, err := verifyEntries(ctx, q, func(b ChainBreak) { breaks = append(breaks, b) })
	if err != nil {
		return nil, n, fmt.Errorf("verify history entries: %w", err)
	}
	broken := map[[2]int64]bool{}
	for _, b := range breaks {
		broken[[2]int64{b.TenantID, b.ApplicationID}] = true
	}
	rows, err := q.Query(ctx, `SELECT a.tenant_id, a.id, a.state, a.history_count, a.history_head,
			COALESCE(e.seq, 0), e.hash, COALESCE(e.to_state, '')
		FROM applications a
		LEFT JOIN LATERAL (SELECT seq, hash, to_state FROM application_events e
			WHERE e.tenant_id = a.tenant_id AND e.application_id = a.id ORDER BY seq DESC LIMIT 1) e ON true
		ORDER BY a.tenant_id, a.id`)
	if err != nil {
		return nil, n, fmt.Errorf("read history heads: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var tenant, id int64
		var state, lastTo string
		var count, lastSeq int
		var head, lastHash []byte
		if err := rows.Scan(&tenant, &id, &state, &count, &head, &lastSeq, &lastHash, &lastTo); err != nil {
			return nil, n, fmt.Errorf("read history head: %w", err)
		}
		if broken[[2]int64{tenant, id}] {
			continue
		}
		brk := func(reason string) {
			breaks = append(breaks, ChainBreak{TenantID: tenant, ApplicationID: id, Seq: lastSeq, Reason: reason})
		}
		switch {
		case lastSeq != count:
			brk(fmt.Sprintf("riwayat berakhir di entri %d, padahal permohonan mencatat %d entri (entri terakhir hilang)", lastSeq, count))
		case !bytes.Equal(lastHash, head):
			brk("hash entri terakhir tidak cocok dengan yang dicatat permohonan")
		case state != lastTo:
			brk(fmt.Sprintf("status permohonan %q tidak sesuai riwayat (%q)", state, lastTo))
		}
	}
	if err := rows.Err(); err != nil {
		return nil, n, fmt.Errorf("read history heads: %w", err)
	}
	slices.SortFunc(breaks, func(a, b ChainBreak) int {
		if a.TenantID != b.TenantID {
			return cmp.Compare(a.TenantID, b.TenantID)
		}
		return cmp.Compare(a.ApplicationID, b.ApplicationID)
	})
	return breaks, n, nil
}

// verifyEntries checks every chain entry by entry and reports the first bad
// entry of each application.
func verifyEntries(ctx context.Context, q pgx.Tx, report func(ChainBreak)) (int, error) {
	rows, err := q.Query(ctx, `SELECT `+eventColumns+` FROM application_events ORDER BY tenant_id, application_id, seq`)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var prev *Event
	skip := false // the current application already failed
	n := 0
	for rows.Next() {
		e, err := pgx.RowToStructByName[Event](rows)
		if err != nil {
			return n, err
		}
		n++
		first := prev == nil || prev.TenantID != e.TenantID || prev.ApplicationID != e.ApplicationID
		if first {
			skip = false
		}
		wantSeq, wantPrev := 1, []byte(nil)
		if !first {
			wantSeq, wantPrev = prev.Seq+1, prev.Hash
		}
		reason := ""
		switch {
		case e.Seq != wantSeq:
			reason = fmt.Sprintf("urutan %d, seharusnya %d (entri hilang)", e.Seq, wantSeq)
		case !bytes.Equal(e.PrevHash, wantPrev):
			reason = "hash pendahulu tidak cocok"
		case !bytes.Equal(HashEvent(e), e.Hash):
			reason = "isi entri tidak cocok dengan hash-nya (diubah)"
		}
		if reason != "" && !skip {
			report(ChainBreak{TenantID: e.TenantID, ApplicationID: e.ApplicationID, Seq: e.Seq, Reason: reason})
			skip = true
		}
		prev = &e
	}
	return n, rows.Err()
}

// ApprovalLetter is the number and date (YYYY-MM-DD) of the Dirjen's latest
// approval letter as the application's history recorded it; both empty when the
// history has none.
func ApprovalLetter(ctx context.Context, q pgx.Tx, tenantID, appID int64) (number, date string, err error) {
	var num, d *string
	err = q.QueryRow(ctx, `SELECT data->>'letter_number', data->>'letter_date' FROM application_events
		WHERE tenant_id = $1 AND application_id = $2 AND event = 'approve' ORDER BY seq DESC LIMIT 1`, tenantID, appID).Scan(&num, &d)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", "", nil
	}
	if err != nil {
		return "", "", fmt.Errorf("store: approval letter of application %d: %w", appID, err)
	}
	if num == nil {
		return "", "", nil
	}
	if d != nil {
		date = *d
	}
	return *num, date, nil
}

// Step is a history entry reduced to what clocks read.
type Step struct {
	Event string
	From  *string
	To    string
	At    time.Time
}

// HistoriesWithEvents streams, application by application in one query, the
// whole history of every application of the tenant that recorded one of events
// in [from, to).
func HistoriesWithEvents(ctx context.Context, q pgx.Tx, tenantID int64, from, to time.Time, events []string, each func(appID int64, steps []Step)) error {
	rows, err := q.Query(ctx, `SELECT e.application_id, e.event, e.from_state, e.to_state, e.at
		FROM application_events e
		WHERE e.tenant_id = $1 AND e.application_id IN (
			SELECT DISTINCT application_id FROM application_events
			WHERE tenant_id = $1 AND at >= $2 AND at < $3 AND event = ANY($4))
		ORDER BY e.application_id, e.seq`, tenantID, from, to, events)
	if err != nil {
		return fmt.Errorf("store: histories with events: %w", err)
	}
	defer rows.Close()
	var current int64
	var steps []Step
	for rows.Next() {
		var id int64
		var s Step
		if err := rows.Scan(&id, &s.Event, &s.From, &s.To, &s.At); err != nil {
			return fmt.Errorf("store: histories with events: %w", err)
		}
		if id != current && len(steps) > 0 {
			each(current, steps)
			steps = steps[:0]
		}
		current = id
		steps = append(steps, s)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: histories with events: %w", err)
	}
	if len(steps) > 0 {
		each(current, steps)
	}
	return nil
}
