package server

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/export"
)

// exportApplications streams the applications the caller may list as CSV or XLSX
// (?format=csv|xlsx): the tenant's for its staff, the forwarded ones for the Dirjen.
func (s *Server) exportApplications(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	s.streamExport(w, r, "permohonan", "Permohonan", func(ew export.Writer) error {
		return s.app.ExportApplications(r.Context(), p, ew)
	})
}

// exportIKM downloads the IKM table per semester.
func (s *Server) exportIKM(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	idx, err := s.app.SatisfactionIndex(r.Context(), p)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.streamExport(w, r, "ikm", "IKM", func(ew export.Writer) error {
		cols := []string{"Tahun", "Semester", "Responden"}
		for _, e := range ikmElements() {
			cols = append(cols, "NRR "+e)
		}
		cols = append(cols, "IKM", "Nilai IKM (25–100)", "Mutu pelayanan", "Kinerja")
		if err := ew.Header(cols); err != nil {
			return err
		}
		for _, si := range idx {
			cells := []any{si.Year, si.Semester, si.Respondents}
			for _, n := range si.NRR {
				cells = append(cells, decimal(n, 2))
			}
			cells = append(cells, decimal(si.IKM, 4), decimal(si.Value, 2), si.Grade, si.Label)
			if err := ew.Row(cells); err != nil {
				return err
			}
		}
		return nil
	})
}

// streamExport answers with an attachment written by write in the requested format.
func (s *Server) streamExport(w http.ResponseWriter, r *http.Request, name, sheet string, write func(export.Writer) error) {
	f, ok := export.ParseFormat(r.URL.Query().Get("format"))
	if !ok {
		s.notFound(w, r)
		return
	}
	scope := "nasional"
	if t, ok := tenantFrom(r.Context()); ok && t.Slug != "" {
		scope = t.Slug
	}
	filename := fmt.Sprintf("%s-%s-%s.%s", name, scope, s.app.Clock.Now().Format("20060102"), f)
	w.Header().Set("Content-Type", f.ContentType())
	w.Header().Set("Content-Disposition", `attachment; filename="`+strings.ReplaceAll(filename, `"`, "")+`"`)
	w.Header().Set("Cache-Control", "no-store")
	ew, err := export.New(f, w, sheet)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if err := write(ew); err != nil {
		// The status line may be gone already; what is sent is cut short.
		s.log.Error("export", "path", r.URL.Path, "err", err)
		if app.ErrorCode(err) != "" {
			s.fail(w, r, err)
		}
		return
	}
	if err := ew.Close(); err != nil {
		s.log.Error("export", "path", r.URL.Path, "err", err)
	}
}
