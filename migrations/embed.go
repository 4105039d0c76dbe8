// Package migrations holds the numbered golang-migrate SQL files, embedded in the
// binary so start-up (and `hakakses migrate`) needs nothing from the file system.
package migrations

import "embed"

// FS holds every *.sql migration.
//
//go:embed *.sql
var FS embed.FS
