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
