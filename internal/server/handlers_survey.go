package server

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/skm"
	"github.com/hakakses/hakakses/web"
)

// surveyRequest is the caller and the survey of the path; a malformed ID is a
// 404 (ok false, answered).
func (s *Server) surveyRequest(w http.ResponseWriter, r *http.Request) (app.Principal, int64, bool) {
	id, ok := surveyID(r)
	if !ok {
		s.notFound(w, r)
		return app.Principal{}, 0, false
	}
	p, _ := principalFrom(r.Context())
	return p, id, true
}

// surveyForm shows the lembaga its satisfaction survey.
func (s *Server) surveyForm(w http.ResponseWriter, r *http.Request) {
	p, id, ok := s.surveyRequest(w, r)
	if !ok {
		return
	}
	v, err := s.app.Survey(r.Context(), p, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, web.SurveyView(s.surveyFormView(r, v, v.Answers, v.Suggestion, "", nil)))
}

func (s *Server) surveyFormView(r *http.Request, v app.SurveyView, answers [9]int, suggestion, msg string, fields map[string]string) web.SurveyForm {
	f := web.SurveyForm{Page: s.page(r, tr(r, "apps.survey.title")), Action: r.URL.Path, Number: v.Number,
		Answered: v.Answered, Error: msg, Fields: fields, Suggestion: suggestion}
	for i, label := range skm.Scale {
		f.Scale = append(f.Scale, translated(r, "skm.scale."+strconv.Itoa(i+1), label))
	}
	for i, e := range skm.Elements {
		f.Elements = append(f.Elements, web.SurveyElement{Field: strings.ToLower(e.Code), Name: translated(r, "skm."+e.Code+".name", e.Name),
			Question: translated(r, "skm."+e.Code+".question", e.Question), Value: answers[i]})
	}
	return f
}

// answerSurvey records the lembaga's answers.
func (s *Server) answerSurvey(w http.ResponseWriter, r *http.Request) {
	p, id, ok := s.surveyRequest(w, r)
	if !ok {
		return
	}
	var answers [9]int
	for i, e := range skm.Elements {
		answers[i], _ = strconv.Atoi(r.PostFormValue(strings.ToLower(e.Code))) // not a number: 0, refused below
	}
	suggestion := r.PostFormValue("suggestion")
	err := s.app.AnswerSurvey(r.Context(), p, id, answers, suggestion)
	if e, ok := err.(*app.Error); ok && e.Code == app.CodeInvalid {
		v, verr := s.app.Survey(r.Context(), p, id)
		if verr != nil {
			s.fail(w, r, verr)
			return
		}
		s.render(w, r, http.StatusUnprocessableEntity, web.SurveyView(s.surveyFormView(r, v, answers, suggestion, appText(r, e.Message), appFields(r, e.Fields))))
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(r.Context(), tr(r, "apps.survey.thanks"))
	http.Redirect(w, r, r.URL.Path, http.StatusSeeOther)
}

func surveyID(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(chi.URLParam(r, "id"), 10, 64)
	return id, err == nil && id > 0
}

// satisfactionIndex shows the IKM per semester: the tenant's for its staff, the
// national one for the Dirjen.
func (s *Server) satisfactionIndex(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	idx, err := s.app.SatisfactionIndex(r.Context(), p)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f := fmtOf(r)
	v := web.IKMPage{Page: s.page(r, tr(r, "apps.ikm.title")), Scope: tr(r, "apps.dash.scope_national"),
		Export: strings.TrimSuffix(r.URL.Path, "/") + "/ekspor"}
	if t, ok := tenantFrom(r.Context()); ok && p.IsStaff() {
		v.Scope = tr(r, "apps.dash.scope_tenant", "Name", t.Name)
	}
	for _, e := range skm.Elements {
		v.Elements = append(v.Elements, e.Code)
	}
	v.Chart = web.BarChart{ID: "ikm-chart", Title: tr(r, "apps.ikm.chart_title"), Max: 100, Desc: tr(r, "apps.ikm.chart_desc")}
	for _, si := range idx {
		row := web.IKMRow{Semester: tr(r, "apps.ikm.semester", "Semester", si.Semester, "Year", si.Year), Respondents: si.Respondents,
			IKM: f.Decimal(si.IKM, 4), Value: f.Decimal(si.Value, 2), Grade: si.Grade, Label: gradeLabel(r, si.Label)}
		for _, n := range si.NRR {
			row.NRR = append(row.NRR, f.Decimal(n, 2))
		}
		v.Semesters = append(v.Semesters, row)
		v.Chart.Bars = append(v.Chart.Bars, web.Bar{Label: row.Semester, Value: si.Value, Text: row.Value + " (" + si.Grade + ")"})
	}
	s.render(w, r, http.StatusOK, web.IKMView(v))
}

func ikmElements() []string {
	var out []string
	for _, e := range skm.Elements {
		out = append(out, e.Code)
	}
	return out
}

// decimal prints v with n decimals and a decimal comma, as Indonesian reports do.
func decimal(v float64, n int) string {
	return strings.Replace(strconv.FormatFloat(v, 'f', n, 64), ".", ",", 1)
}

// gradeLabel is an IKM grade's words (skm.Grade: the scale's own labels).
func gradeLabel(r *http.Request, label string) string {
	for i, l := range skm.Scale {
		if l == label {
			return translated(r, "skm.scale."+strconv.Itoa(i+1), label)
		}
	}
	return label
}
