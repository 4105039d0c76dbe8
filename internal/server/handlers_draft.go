package server

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/workflow"
	"github.com/hakakses/hakakses/web"
)

// elementGroups splits the catalogue of 31 (in order a … ee) into groups a clerk
// recognises from the KK and KTP.
var elementGroups = []struct {
	title    string // catalogue key
	from, to int
}{
	{"apps.group.identity", 0, 9},
	{"apps.group.family", 9, 17},
	{"apps.group.address", 17, 19},
	{"apps.group.civil", 19, 27},
	{"apps.group.biometric", 27, 31},
}

// draftForm shows the lembaga's application form.
func (s *Server) draftForm(w http.ResponseWriter, r *http.Request) {
	p, d, ok := s.loadApplication(w, r)
	if !ok {
		return
	}
	id := d.App.ID
	st := d.State
	if st != workflow.Draft && st != workflow.Returned {
		http.Redirect(w, r, s.appBase(r, p, id), http.StatusSeeOther)
		return
	}
	var typed *app.DraftInput
	var failed *app.Error
	if rf := s.takeRefused(r); rf != nil {
		if rf.Message != "" { // else only the typed values come back (after "Hapus")
			failed = rf.err()
		}
		if rf.Values != nil {
			in := draftInput(rf.Values)
			typed = &in
		}
	}
	pending, err := s.app.PendingUploads(r.Context(), p, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, web.DraftFormView(s.draftView(r, p, d, typed, failed, pending)))
}

// draftInput reads the draft form's text fields.
func draftInput(f url.Values) app.DraftInput {
	in := app.DraftInput{Purpose: f.Get("purpose"), AccessMethods: f["access_methods"], ReturnData: f.Get("return_data"),
		TermMonths: f.Get("term_months"), Elements: map[string]string{},
		EligPublicService: f.Get("elig_public_service") != "", EligNoVertical: f.Get("elig_no_vertical") != "",
		RequestLetterNumber: f.Get("request_letter_number"), RequestLetterDate: f.Get("request_letter_date"),
		StatementNumber: f.Get("eligibility_statement_number"), StatementDate: f.Get("eligibility_statement_date"),
		RecommendationNumber: f.Get("recommendation_number"), RecommendationDate: f.Get("recommendation_date"),
		RecommendedBy: f.Get("recommended_by")}
	for _, code := range f["element"] {
		in.Elements[code] = strings.TrimSpace(f.Get("justification_" + code))
	}
	return in
}

func (s *Server) draftView(r *http.Request, p app.Principal, d *app.Detail, in *app.DraftInput, failed *app.Error, pending map[string]app.PendingUpload) web.DraftForm {
	base := s.appBase(r, p, d.App.ID)
	v := web.DraftForm{Page: s.page(r, tr(r, "apps.form.title")), Action: base + "/ubah", BackHref: base, Number: d.App.Number, Institution: d.Institution.Name,
		Version: d.App.Version, Fields: map[string]string{}, BadanHukum: d.Institution.Type == workflow.BadanHukum}
	if d.State == workflow.Returned {
		v.ReturnNote = d.LastReason(workflow.Return)
	}
	chosen := map[string]string{}
	methods := map[string]bool{}
	if in != nil {
		v.Purpose, v.ReturnData, v.TermMonths = in.Purpose, in.ReturnData, in.TermMonths
		v.RequestNumber, v.RequestDate = in.RequestLetterNumber, in.RequestLetterDate
		v.StatementNumber, v.StatementDate = in.StatementNumber, in.StatementDate
		v.RecommendationNumber, v.RecommendationDate, v.RecommendedBy = in.RecommendationNumber, in.RecommendationDate, in.RecommendedBy
		chosen = in.Elements
		for _, m := range in.AccessMethods {
			methods[m] = true
		}
	} else {
		v.Purpose, v.ReturnData = d.App.Purpose, d.App.ReturnData
		if d.App.TermMonths > 0 {
			v.TermMonths = strconv.Itoa(d.App.TermMonths)
		}
		ps := d.Papers
		v.RequestNumber, v.RequestDate = ps.RequestLetter.Number, ps.RequestLetter.DateValue()
		v.StatementNumber, v.StatementDate = ps.EligibilityStatement.Number, ps.EligibilityStatement.DateValue()
		v.RecommendationNumber, v.RecommendationDate = ps.Recommendation.Number, ps.Recommendation.DateValue()
		v.RecommendedBy = ps.RecommendedBy
		for _, e := range d.Elements {
			chosen[e.Code] = e.Justification
		}
		for _, m := range d.App.AccessMethods {
			methods[string(m)] = true
		}
	}
	if failed != nil {
		v.Error = failed.Message
		if failed.Fields != nil {
			v.Fields = failed.Fields
		}
		v.Summary = errorSummary(failed, draftAnchors(d))
	}
	for _, m := range workflow.AccessMethods {
		v.Methods = append(v.Methods, web.Option{Value: string(m), Label: methodLabel(r, m), Selected: methods[string(m)]})
	}
	for _, g := range elementGroups {
		grp := web.ElementGroup{Title: tr(r, g.title)}
		for i := g.from; i < g.to && i < len(d.Catalog); i++ {
			c := d.Catalog[i]
			just, checked := chosen[c.Code]
			grp.Elements = append(grp.Elements, web.ElementChoice{Code: c.Code, Letter: c.Letter, Name: elementName(r, c.Code, c.Name), Protected: c.Protected, Checked: checked, Justification: just})
		}
		v.Groups = append(v.Groups, grp)
	}
	kinds := []string{app.DocRequestLetter}
	if v.BadanHukum {
		kinds = append(kinds, app.DocAktaPendirian, app.DocSKKemenkumham, app.DocIzinUsaha, app.DocSuratDomisili,
			app.DocEligibility, app.DocRecommendation)
		v.StatementTemplate = base + "/surat-pernyataan.pdf"
	}
	for _, k := range kinds {
		ff := web.FileField{Name: k, Label: documentLabel(r, k), Accept: "application/pdf"}
		if k != app.DocRequestLetter {
			ff.Accept = "application/pdf,image/png,image/jpeg"
		}
		if doc, ok := d.Latest[k]; ok {
			ff.Stored = doc.Filename
		}
		ff.Template = formatHref(p, d, base, k)
		if u, ok := pending[k]; ok {
			ff.Pending, ff.PendingUntil = u.Text(), whenIn(r, u.Until, d.Tenant.Location())
		}
		v.Files = append(v.Files, ff)
	}
	return v
}

// saveDraft stores the form; with errors the form comes back filled in.
func (s *Server) saveDraft(w http.ResponseWriter, r *http.Request) {
	id, ok := idParam(r, "id")
	if !ok {
		s.notFound(w, r)
		return
	}
	p, _ := principalFrom(r.Context())
	r.Body = http.MaxBytesReader(w, r.Body, 6*s.cfg.MaxUploadBytes+(2<<20))
	var in app.DraftInput
	var values url.Values // what the form is shown again with; nil shows the stored draft
	var err error
	if perr := r.ParseMultipartForm(8 << 20); perr != nil && !errors.Is(perr, http.ErrNotMultipart) {
		// Nothing of the form could be read: show the stored draft, untouched,
		// rather than an empty form that would erase it when saved.
		err = app.Invalid(tr(r, "apps.draft.too_large", "Limit", limitText(s.cfg.MaxUploadBytes)), nil)
	} else {
		values = r.Form
		version, _ := strconv.Atoi(values.Get("version"))
		in = draftInput(values)
		in.Files, in.FileProblems, err = readUploads(r.MultipartForm, s.cfg.MaxUploadBytes)
		if kind := values.Get("hapus_lampiran"); kind != "" && err == nil {
			s.removeFromDraft(w, r, p, id, kind, in, values)
			return
		}
		if err == nil {
			err = s.app.SaveDraft(r.Context(), p, id, version, in)
		}
	}
	base := s.appBase(r, p, id)
	if err == nil && values.Get("ajukan") != "" {
		// "Simpan dan ajukan": the saved draft is submitted at its new version.
		d, derr := s.app.Application(r.Context(), p, id)
		if derr != nil {
			s.fail(w, r, derr)
			return
		}
		serr := s.app.Fire(r.Context(), p, id, app.Action{Event: workflow.Submit, Version: d.App.Version, Form: url.Values{}})
		var e *app.Error
		switch {
		case serr == nil:
			s.flash(r.Context(), tr(r, "apps.draft.saved_submitted"))
			s.markSubmitted(r, id)
			http.Redirect(w, r, base, http.StatusSeeOther)
		case errors.As(serr, &e) && e.Code == app.CodeInvalid:
			fields := map[string]string{}
			for k, msg := range e.Fields {
				fields[draftFieldKey(k)] = msg
			}
			s.redirectRefused(w, r, refused{Path: base + "/ubah"}, &app.Error{Code: e.Code,
				Message: tr(r, "apps.draft.saved_not_submitted"), Fields: fields})
		default:
			s.fail(w, r, serr)
		}
		return
	}
	if err == nil {
		s.flash(r.Context(), tr(r, "apps.draft.saved"))
		http.Redirect(w, r, base, http.StatusSeeOther)
		return
	}
	e, ok := s.formError(w, r, err, app.CodeInvalid, app.CodeConflict)
	if !ok {
		return
	}
	if e.Code == app.CodeConflict {
		// A draft the user cannot see (another institution's) also fails its
		// version check: that is a 404, not a refusal to show back on its form.
		if _, verr := s.app.Application(r.Context(), p, id); verr != nil {
			s.fail(w, r, verr)
			return
		}
	}
	s.redirectRefused(w, r, refused{Path: base + "/ubah", Values: values}, e)
}

// eligibilityStatement serves the surat pernyataan a badan hukum's pimpinan
// prints, signs over a meterai and uploads with the draft (item 11b).
func (s *Server) eligibilityStatement(w http.ResponseWriter, r *http.Request) {
	_, d, ok := s.loadApplication(w, r)
	if !ok {
		return
	}
	pdf, err := app.EligibilityStatementDraft(d)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Disposition", `attachment; filename="surat-pernyataan-badan-hukum.pdf"`)
	h.Set("Cache-Control", "private, no-store")
	w.Write(pdf)
}
