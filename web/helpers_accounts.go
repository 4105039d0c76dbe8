package web

import "strconv"

// idStr formats a row ID for a hidden form field.
func idStr(id int64) string { return strconv.FormatInt(id, 10) }
