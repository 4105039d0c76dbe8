// Package web renders the product's pages: templ layouts, pages and components, and
// the embedded static assets. Components receive view models shaped like the screen
// (views.go) and never call services.
package web

import "embed"

// Static holds the CSS, script and images served under /static/.
//
//go:embed static
var Static embed.FS
