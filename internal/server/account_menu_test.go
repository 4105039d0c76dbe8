package server_test

import (
	"net/http"
	"slices"
	"testing"

	xhtml "golang.org/x/net/html"
)

// hrefs lists the links inside n.
func hrefs(n *xhtml.Node) []string {
	var out []string
	var walk func(*xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode && n.Data == "a" {
			for _, a := range n.Attr {
				if a.Key == "href" {
					out = append(out, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

// Every signed-in user finds their API tokens in the account menu, next to the
// password, and the link leads to the token page.
func TestAccountMenuLinksTheAPITokenPageForEveryRole(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, role := range []string{"lembaga", "petugas", "kepala", "dirjen", "admin"} {
		c := e.loginAs(t, role)
		home, _ := c.follow("/beranda")
		if home.Status != http.StatusOK {
			t.Fatalf("%s home: %s", role, home)
		}
		menu := byTestID(parseHTML(t, home.Body), "api-token-link")
		if menu == nil {
			t.Fatalf("%s: no API token link in the account menu", role)
		}
		if links := hrefs(menu.Parent); !slices.Contains(links, "/akun/token") || !slices.Contains(links, "/akun/kata-sandi") {
			t.Errorf("%s: account menu links %v, want the token page beside the password", role, links)
		}
		if text(menu) != "Token API" {
			t.Errorf("%s: link text %q", role, text(menu))
		}
		if page := c.get("/akun/token"); page.Status != http.StatusOK || byTestID(parseHTML(t, page.Body), "create-token") == nil {
			t.Errorf("%s: the linked token page: %s", role, page)
		}
	}
	if home := e.newClient(t).get("/"); byTestID(parseHTML(t, home.Body), "api-token-link") != nil {
		t.Error("an anonymous visitor sees the API token link")
	}
}
