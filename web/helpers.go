package web

import "strconv"

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
