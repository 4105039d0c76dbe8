package main

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// baselineList is the bare handler's page: a table of one page of applications.
var baselineList = template.Must(template.New("list").Parse(`<!doctype html><html lang="id"><head><title>Daftar</title></head><body>
<table>{{range .}}<tr><td>{{.ID}}</td><td>{{.Number}}</td><td>{{.State}}</td><td>{{.Since.Format "02-01-2006 15:04"}}</td></tr>{{end}}</table>
</body></html>`))

type baselineRow struct {
	ID     int64
	Number string
	State  string
	Since  time.Time
}

// baseline serves the same stack as the product with nothing of the product: chi,
// a pgx pool and html/template over one indexed query (an institution's newest 25).
// Its throughput is what every page is compared with.
func baseline(dbURL, addr string) error {
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, dbURL)
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	defer pool.Close()
	r := chi.NewRouter()
	r.Get("/healthz", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok\n")) }) //nolint:errcheck // best effort
	r.Get("/list", func(w http.ResponseWriter, r *http.Request) {
		tenant, _ := strconv.ParseInt(r.URL.Query().Get("tenant"), 10, 64)
		inst, _ := strconv.ParseInt(r.URL.Query().Get("institution"), 10, 64)
		rows, err := pool.Query(r.Context(), `SELECT id, number, state, state_since FROM applications
			WHERE tenant_id = $1 AND institution_id = $2 ORDER BY created_at DESC, id DESC LIMIT 25`, tenant, inst)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		defer rows.Close()
		var list []baselineRow
		for rows.Next() {
			var b baselineRow
			if err := rows.Scan(&b.ID, &b.Number, &b.State, &b.Since); err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			list = append(list, b)
		}
		if rows.Err() != nil {
			http.Error(w, rows.Err().Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		baselineList.Execute(w, list) //nolint:errcheck // the client may have gone
	})
	return http.ListenAndServe(addr, r)
}
