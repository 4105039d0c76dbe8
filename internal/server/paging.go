package server

import (
	"net/http"
	"strconv"

	"github.com/hakakses/hakakses/web"
)

// pageNum reads ?halaman=N: 1 when absent or not a page number.
func pageNum(r *http.Request) int {
	n, err := strconv.Atoi(r.URL.Query().Get("halaman"))
	if err != nil || n < 1 {
		return 1
	}
	return n
}

// pager links the neighbouring pages of a list, keeping its other query
// parameters (filters, search); an empty link means there is no such page.
func pager(r *http.Request, page int, hasNext bool) (prev, next string) {
	link := func(n int) string {
		q := r.URL.Query()
		q.Set("halaman", strconv.Itoa(n))
		return r.URL.Path + "?" + q.Encode()
	}
	if page > 1 {
		prev = link(page - 1)
	}
	if hasNext {
		next = link(page + 1)
	}
	return prev, next
}

// pagesPager is pager for a list that knows its number of pages.
func pagesPager(r *http.Request, page, pages int) web.Pager {
	p := web.Pager{Page: page, Pages: pages}
	p.PrevHref, p.NextHref = pager(r, page, page < pages)
	return p
}

// cursorParam carries a keyset list's position: the next page starts after the
// row it names, however deep (app.ListResult.NextCursor).
const cursorParam = "setelah"

// keysetPager is pager for a list with a next-page cursor: the next link starts
// right after this page (a range scan), the previous one goes back by number.
func keysetPager(r *http.Request, page int, hasNext bool, cursor string) (prev, next string) {
	link := func(n int, after string) string {
		q := r.URL.Query()
		q.Set("halaman", strconv.Itoa(n))
		q.Del(cursorParam)
		if after != "" {
			q.Set(cursorParam, after)
		}
		return r.URL.Path + "?" + q.Encode()
	}
	if page > 1 {
		prev = link(page-1, "")
	}
	if hasNext {
		next = link(page+1, cursor)
	}
	return prev, next
}
