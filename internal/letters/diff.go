package letters

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"

	"github.com/hakakses/hakakses/internal/workflow"
)

// ClauseChange says what happened to a clause between two versions of a PKS.
type ClauseChange string

const (
	ClauseAdded   ClauseChange = "added"
	ClauseRemoved ClauseChange = "removed"
	ClauseChanged ClauseChange = "changed"
)

// LineOp says what happened to one line of a clause body.
type LineOp string

const (
	LineEqual   LineOp = "equal"
	LineAdded   LineOp = "added"
	LineRemoved LineOp = "removed"
)

// LineChange is one line of a clause's diff. OldLine and NewLine are 1-based
// line numbers in the old and new body; 0 where the line does not exist.
type LineChange struct {
	Op      LineOp
	Text    string
	OldLine int
	NewLine int
}

// ClauseDiff is one clause that differs between two versions. Lines is the
// whole body as a line diff, unchanged lines included, so the screen can show
// each change in its context.
type ClauseDiff struct {
	Key      workflow.ClauseKey
	Title    string // the new title; the old one for a removed clause
	OldTitle string // set only when the title itself changed
	Change   ClauseChange
	Lines    []LineChange
}

// DiffClauses compares two versions of a PKS, from the older to the newer,
// clause by clause and returns only the clauses that differ, in the order of
// the newer version with removed clauses where they used to stand. Clauses are matched by Key, and extra
// clauses (empty Key) by title, so that moving or renumbering a Pasal is not
// reported as a change of its text.
func DiffClauses(from, to []Clause) []ClauseDiff {
	identity := func(c Clause) string {
		if c.Key != "" {
			return "key:" + string(c.Key)
		}
		return "title:" + strings.ToLower(cleanLine(c.Title))
	}
	oldAt := map[string][]int{}
	for i, c := range from {
		id := identity(c)
		oldAt[id] = append(oldAt[id], i)
	}
	matchedOld := make([]bool, len(from))
	var out []ClauseDiff
	nextOld := 0 // removed clauses before this index have been reported
	flushRemoved := func(upTo int) {
		for ; nextOld < upTo; nextOld++ {
			if !matchedOld[nextOld] {
				c := from[nextOld]
				out = append(out, ClauseDiff{Key: c.Key, Title: c.Title, Change: ClauseRemoved, Lines: diffLines(splitLines(c.Body), nil)})
			}
		}
	}
	// Match first so that removed clauses can be placed by position.
	newMatch := make([]int, len(to))
	for j, c := range to {
		newMatch[j] = -1
		id := identity(c)
		if q := oldAt[id]; len(q) > 0 {
			newMatch[j] = q[0]
			oldAt[id] = q[1:]
			matchedOld[q[0]] = true
		}
	}
	for j, c := range to {
		i := newMatch[j]
		if i < 0 {
			out = append(out, ClauseDiff{Key: c.Key, Title: c.Title, Change: ClauseAdded, Lines: diffLines(nil, splitLines(c.Body))})
			continue
		}
		if i >= nextOld {
			flushRemoved(i)
			nextOld = i + 1
		}
		o := from[i]
		titleChanged := cleanLine(o.Title) != cleanLine(c.Title)
		lines := diffLines(splitLines(o.Body), splitLines(c.Body))
		if !titleChanged && !hasChange(lines) {
			continue
		}
		d := ClauseDiff{Key: c.Key, Title: c.Title, Change: ClauseChanged, Lines: lines}
		if titleChanged {
			d.OldTitle = o.Title
		}
		out = append(out, d)
	}
	flushRemoved(len(from))
	return out
}

// splitLines splits a body into lines, ignoring line-ending style and
// trailing spaces, which the editor's textarea does not preserve reliably.
func splitLines(body string) []string {
	body = strings.TrimRight(strings.ReplaceAll(body, "\r\n", "\n"), "\n")
	if body == "" {
		return nil
	}
	ls := strings.Split(body, "\n")
	for i, l := range ls {
		ls[i] = strings.TrimRight(l, " \t\r")
	}
	return ls
}

func hasChange(ls []LineChange) bool {
	for _, l := range ls {
		if l.Op != LineEqual {
			return true
		}
	}
	return false
}

// MaxDiffLines caps the lines per side that are diffed line by line: the
// clause limits allow a body of 20,000 characters, so at most 10,000 lines. A
// longer body (older data, a changed limit) is shown as replaced whole.
const MaxDiffLines = 10_000

// Below exactLines lines in all the diff is exact (a minimal edit script); above,
// the Myers search is cut after diffTimeLimit and the library's half-match
// speed-up may give a slightly longer, still correct, script.
const (
	exactLines    = 2_000
	diffTimeLimit = time.Second
)

// diffLines is a line diff on Myers' algorithm with its linear-space bisection
// (github.com/sergi/go-diff, the Go port of Google's diff-match-patch): memory
// grows with the number of lines, not with their product as the textbook LCS
// table did (197 MB for two 5,000-line bodies). Lines are mapped to one rune
// each, so the character diff is a line diff. Where a run of lines was replaced
// the removals are listed before the additions, as readers of diffs expect.
func diffLines(a, b []string) []LineChange {
	if len(a) > MaxDiffLines || len(b) > MaxDiffLines {
		return replaced(a, b)
	}
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0
	if len(a)+len(b) > exactLines {
		dmp.DiffTimeout = diffTimeLimit
	}
	ra, rb, _ := dmp.DiffLinesToRunes(joinLines(a), joinLines(b))
	out := make([]LineChange, 0, max(len(a), len(b)))
	i, j := 0, 0 // next unreported line of a and b
	var added []LineChange
	flushAdded := func() { out = append(out, added...); added = added[:0] }
	for _, d := range dmp.DiffMainRunes(ra, rb, false) {
		n := utf8.RuneCountInString(d.Text) // one rune per line
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			flushAdded()
			for range n {
				out = append(out, LineChange{Op: LineEqual, Text: a[i], OldLine: i + 1, NewLine: j + 1})
				i, j = i+1, j+1
			}
		case diffmatchpatch.DiffDelete:
			for range n {
				out = append(out, LineChange{Op: LineRemoved, Text: a[i], OldLine: i + 1})
				i++
			}
		case diffmatchpatch.DiffInsert:
			for range n {
				added = append(added, LineChange{Op: LineAdded, Text: b[j], NewLine: j + 1})
				j++
			}
		}
	}
	flushAdded()
	return out
}

// joinLines gives each line its own terminator, so that the last line is not
// mistaken for a different one when only the other side has more after it.
func joinLines(ls []string) string {
	var sb strings.Builder
	for _, l := range ls {
		sb.WriteString(l)
		sb.WriteByte('\n')
	}
	return sb.String()
}

func replaced(a, b []string) []LineChange {
	out := make([]LineChange, 0, len(a)+len(b))
	for i, l := range a {
		out = append(out, LineChange{Op: LineRemoved, Text: l, OldLine: i + 1})
	}
	for j, l := range b {
		out = append(out, LineChange{Op: LineAdded, Text: l, NewLine: j + 1})
	}
	return out
}
