package web

import (
	"strconv"
	"strings"
)

func itoa(n int) string { return strconv.Itoa(n) }

func diffMark(op string) string {
	switch op {
	case "added":
		return "+ "
	case "removed":
		return "- "
	}
	return "  "
}

// barWidth scales a value to at most 400 units of a bar chart's width.
func barWidth(v, max float64) float64 {
	if max <= 0 || v <= 0 {
		return 0
	}
	return 400 * min(v, max) / max
}

// colHeight scales a count to at most 160 units of a column chart's height.
func colHeight(n, max int) float64 {
	if max <= 0 || n <= 0 {
		return 0
	}
	return 160 * float64(min(n, max)) / float64(max)
}

// firstLine is the start of a text as a collapsed list shows it: its first
// line, cut at about 90 characters.
func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if r := []rune(s); len(r) > 90 {
		return string(r[:90]) + "…"
	}
	return s
}
