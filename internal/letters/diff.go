package letters

import (
	"strings"

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

// diffLines is a longest-common-subsequence line diff. Clause bodies are a few
// dozen lines, so the quadratic table is cheap; where a line was replaced the
// removal is listed before the addition, as readers of diffs expect.
func diffLines(a, b []string) []LineChange {
	n, m := len(a), len(b)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []LineChange
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && a[i] == b[j]:
			out = append(out, LineChange{Op: LineEqual, Text: a[i], OldLine: i + 1, NewLine: j + 1})
			i++
			j++
		case i < n && (j == m || lcs[i+1][j] >= lcs[i][j+1]):
			out = append(out, LineChange{Op: LineRemoved, Text: a[i], OldLine: i + 1})
			i++
		default:
			out = append(out, LineChange{Op: LineAdded, Text: b[j], NewLine: j + 1})
			j++
		}
	}
	return out
}
