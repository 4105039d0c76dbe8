package letters

import (
	"reflect"
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
