package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/testdb"
)

// Batches of open clocks, taken one after another, cover every open clock of the
// tenant exactly once, each with its whole history.
func TestOpenClockBatchesCoverEveryClockOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	u := testdb.New(t)
	conn, err := pgx.Connect(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := store.SeedScale(ctx, conn, store.ScaleOptions{Seed: 3, Applications: 1_000, LargestTenant: 400,
		LargestInstitution: 100, Institutions: 600, Now: now, PasswordHash: "x"}); err != nil {
		t.Fatal(err)
	}
	st, err := store.ScaleStatsOf(ctx, conn)
	if err != nil {
		t.Fatal(err)
	}
	var want []int64
	rows, err := conn.Query(ctx, `SELECT id FROM applications WHERE tenant_id = $1 AND sla_due_at IS NOT NULL ORDER BY id`, st.LargestTenantID)
	if err != nil {
		t.Fatal(err)
	}
	if want, err = pgx.CollectRows(rows, pgx.RowTo[int64]); err != nil || len(want) < 20 {
		t.Fatalf("%d open clocks (%v); the seed should give dozens", len(want), err)
	}
	var got []int64
	var after int64
	tx, err := conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck // read only
	for batches := 0; ; batches++ {
		ids, history, err := store.OpenClockHistories(ctx, tx, st.LargestTenantID, after, 7)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range ids {
			if h := history[id]; len(h) == 0 || h[0].Seq != 1 || h[len(h)-1].Seq != len(h) {
				t.Errorf("application %d: history incomplete in its batch", id)
			}
		}
		got = append(got, ids...)
		if len(ids) < 7 {
			break
		}
		after = ids[len(ids)-1]
	}
	if !slices.Equal(got, want) {
		t.Errorf("batches gave %d clocks, want %d", len(got), len(want))
	}
}
