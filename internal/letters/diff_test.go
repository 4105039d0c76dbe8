package letters

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"testing"

	"github.com/hakakses/hakakses/internal/workflow"
)

func TestDiffClausesFindsAChangedLine(t *testing.T) {
	older := []Clause{{Key: workflow.ClauseJangkaWaktu, Title: "Jangka Waktu", Body: "(1) Berlaku 1 (satu) tahun.\n(2) Dapat diperpanjang."}}
	newer := []Clause{{Key: workflow.ClauseJangkaWaktu, Title: "Jangka Waktu", Body: "(1) Berlaku 2 (dua) tahun.\n(2) Dapat diperpanjang."}}
	got := DiffClauses(older, newer)
	want := []ClauseDiff{{
		Key: workflow.ClauseJangkaWaktu, Title: "Jangka Waktu", Change: ClauseChanged,
		Lines: []LineChange{
			{Op: LineRemoved, Text: "(1) Berlaku 1 (satu) tahun.", OldLine: 1},
			{Op: LineAdded, Text: "(1) Berlaku 2 (dua) tahun.", NewLine: 1},
			{Op: LineEqual, Text: "(2) Dapat diperpanjang.", OldLine: 2, NewLine: 2},
		},
	}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}

func TestDiffClausesReportsAddedRemovedAndRetitledClauses(t *testing.T) {
	older := []Clause{
		{Key: workflow.ClauseMaksud, Title: "Maksud", Body: "A"},
		{Title: "Sanksi", Body: "S1\nS2"},
		{Key: workflow.ClauseTujuan, Title: "Tujuan", Body: "B"},
	}
	newer := []Clause{
		{Key: workflow.ClauseMaksud, Title: "Maksud dan Dasar", Body: "A"},
		{Key: workflow.ClauseTujuan, Title: "Tujuan", Body: "B"},
		{Title: "Keadaan Kahar", Body: "K"},
	}
	got := DiffClauses(older, newer)
	if len(got) != 3 {
		t.Fatalf("got %d diffs, want 3: %+v", len(got), got)
	}
	if got[0].Change != ClauseChanged || got[0].OldTitle != "Maksud" || got[0].Title != "Maksud dan Dasar" {
		t.Errorf("retitled clause: %+v", got[0])
	}
	if got[1].Change != ClauseRemoved || got[1].Title != "Sanksi" || len(got[1].Lines) != 2 || got[1].Lines[0].Op != LineRemoved {
		t.Errorf("removed clause (reported where it stood): %+v", got[1])
	}
	if got[2].Change != ClauseAdded || got[2].Title != "Keadaan Kahar" || got[2].Lines[0].Op != LineAdded {
		t.Errorf("added clause: %+v", got[2])
	}
}

func TestDiffClausesIgnoresMovedClausesAndLineEndings(t *testing.T) {
	clauses := DefaultPKSClauses(sampleOffice(), sampleApp())
	moved := append([]Clause{}, clauses[len(clauses)-1])
	moved = append(moved, clauses[:len(clauses)-1]...)
	moved[1].Body = moved[1].Body + "\r\n"
	if got := DiffClauses(clauses, moved); len(got) != 0 {
		t.Errorf("reordering reported as %d changes: %+v", len(got), got)
	}
}

func TestDiffLinesInsertsAndDeletesInTheMiddle(t *testing.T) {
	got := diffLines([]string{"a", "b", "c", "d"}, []string{"a", "x", "c", "d", "e"})
	var ops []string
	for _, l := range got {
		ops = append(ops, string(l.Op[0])+l.Text)
	}
	want := []string{"ea", "rb", "ax", "ec", "ed", "ae"}
	if !reflect.DeepEqual(ops, want) {
		t.Errorf("got %v, want %v", ops, want)
	}
}

// Every line diff, whatever its shape, rebuilds both bodies with consistent line
// numbers; on bodies small enough to check against a full LCS table it keeps as
// many lines unchanged as the longest common subsequence allows.
func TestDiffLinesRebuildsBothSidesAndIsMinimalOnSmallBodies(t *testing.T) {
	rnd := rand.New(rand.NewPCG(12, 34))
	for n := 0; n < 500; n++ {
		a := randomLines(rnd, rnd.IntN(30), 4)
		b := randomLines(rnd, rnd.IntN(30), 4)
		got := diffLines(a, b)
		old, neu, equal := rebuild(t, got)
		if !slices.Equal(old, a) || !slices.Equal(neu, b) {
			t.Fatalf("diff of %q → %q does not rebuild them: %+v", a, b, got)
		}
		if want := lcsLength(a, b); equal != want {
			t.Fatalf("diff of %q → %q keeps %d lines, the LCS is %d", a, b, equal, want)
		}
	}
}

// At the largest clause the limits allow, a diff still rebuilds both sides, and
// beyond the cap the clause is reported as replaced whole.
func TestDiffLinesHandlesTheLargestClauseAndCapsLongerOnes(t *testing.T) {
	a, b := largestClausePair()
	got := diffLines(a, b)
	old, neu, equal := rebuild(t, got)
	if !slices.Equal(old, a) || !slices.Equal(neu, b) {
		t.Fatal("the largest clause's diff does not rebuild both versions")
	}
	if equal < MaxDiffLines*8/10 {
		t.Errorf("only %d of %d lines kept as unchanged; a tenth were edited", equal, MaxDiffLines)
	}
	longer := append(append([]string{}, a...), "one line too many")
	capped := diffLines(longer, b)
	if len(capped) != len(longer)+len(b) || capped[0].Op != LineRemoved || capped[len(capped)-1].Op != LineAdded {
		t.Errorf("a body over the cap: want it replaced whole, got %d changes", len(capped))
	}
}

// BenchmarkDiffLargestClause diffs two versions of a clause at the largest size
// the limits allow (10,000 lines, one in ten edited); the old LCS table needed
// 197 MB for half of that.
func BenchmarkDiffLargestClause(b *testing.B) {
	x, y := largestClausePair()
	b.ReportAllocs()
	for b.Loop() {
		diffLines(x, y)
	}
}

// BenchmarkDiffLargestClauseRewritten: the worst case, every line different.
func BenchmarkDiffLargestClauseRewritten(b *testing.B) {
	x := randomLines(rand.New(rand.NewPCG(1, 2)), MaxDiffLines, 1_000_000)
	y := randomLines(rand.New(rand.NewPCG(3, 4)), MaxDiffLines, 1_000_000)
	b.ReportAllocs()
	for b.Loop() {
		diffLines(x, y)
	}
}

func largestClausePair() (a, b []string) {
	rnd := rand.New(rand.NewPCG(5, 6))
	a = randomLines(rnd, MaxDiffLines, 1_000_000)
	b = append([]string{}, a...)
	for i := 0; i < len(b); i += 10 {
		switch rnd.IntN(3) {
		case 0:
			b[i] = b[i] + " (diubah)"
		case 1:
			b[i] = "baris baru " + strconv.Itoa(i)
		default:
			b[i] = a[(i+5)%len(a)]
		}
	}
	return a, b
}

func randomLines(rnd *rand.Rand, n, alphabet int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = "baris " + strconv.Itoa(rnd.IntN(alphabet))
	}
	return out
}

// rebuild returns the old and new bodies a diff describes, checking that line
// numbers count up without gaps, and the number of unchanged lines.
func rebuild(t *testing.T, d []LineChange) (old, neu []string, equal int) {
	t.Helper()
	for _, l := range d {
		if l.Op != LineAdded {
			old = append(old, l.Text)
			if l.OldLine != len(old) {
				t.Fatalf("old line number %d, want %d", l.OldLine, len(old))
			}
		}
		if l.Op != LineRemoved {
			neu = append(neu, l.Text)
			if l.NewLine != len(neu) {
				t.Fatalf("new line number %d, want %d", l.NewLine, len(neu))
			}
		}
		if l.Op == LineEqual {
			equal++
		}
	}
	return old, neu, equal
}

func lcsLength(a, b []string) int {
	prev := make([]int, len(b)+1)
	for i := range a {
		cur := make([]int, len(b)+1)
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(prev[j+1], cur[j])
			}
		}
		prev = cur
	}
	return prev[len(b)]
}
