package server

import (
	_ "embed"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/i18n"
	"github.com/hakakses/hakakses/internal/workflow"
	"github.com/hakakses/hakakses/web"
)

// The JSON API /api/v1: the same application services as the pages, for
// programs. A personal API token (created on /akun/token) authenticates as its
// user: same role, tenant and institution, same rules. Errors are RFC 9457
// problem details. openapi.json describes every route; the tests validate every
// response against it.

//go:embed openapi.json
var openAPIDocument []byte

func (s *Server) apiRoutes(r chi.Router) {
	r.Use(withAPILocale)
	r.Get("/openapi.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(openAPIDocument)
	})
	r.Group(func(r chi.Router) {
		r.Use(s.apiAuth)
		r.Get("/applications", s.apiListApplications)
		r.Post("/applications", s.apiCreateDraft)
		r.Get("/applications/{id}", s.apiApplication)
		r.Put("/applications/{id}/draft", s.apiSaveDraft)
		r.Post("/applications/{id}/events/{event}", s.apiFire)
	})
	r.NotFound(func(w http.ResponseWriter, r *http.Request) {
		problem(w, http.StatusNotFound, tr(r, "api.not_found"), tr(r, "api.no_such_path"), nil)
	})
	r.MethodNotAllowed(func(w http.ResponseWriter, r *http.Request) {
		problem(w, http.StatusMethodNotAllowed, tr(r, "api.method_not_allowed"), tr(r, "api.method_not_allowed_detail"), nil)
	})
}

// Problem is an RFC 9457 problem details object.
type Problem struct {
	Type   string            `json:"type"`
	Title  string            `json:"title"`
	Status int               `json:"status"`
	Detail string            `json:"detail,omitempty"`
	Errors map[string]string `json:"errors,omitempty"` // field → message, for 422
}

func problem(w http.ResponseWriter, status int, title, detail string, fields map[string]string) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(Problem{Type: "about:blank", Title: title, Status: status, Detail: detail, Errors: fields})
}

// apiFail answers an operation's error as a problem, with the status statusOf
// gives the pages; anything else is a logged 500 without internals.
func (s *Server) apiFail(w http.ResponseWriter, r *http.Request, err error) {
	var e *app.Error
	if !errors.As(err, &e) {
		s.log.ErrorContext(r.Context(), "api error", "method", r.Method, "path", r.URL.Path, "err", err)
		problem(w, http.StatusInternalServerError, tr(r, "api.server_error"), tr(r, "api.server_error_detail"), nil)
		return
	}
	// The title is the HTTP status text, the same in both languages as before;
	// the app's message and field messages are translated at the edge.
	problem(w, statusOf(e.Code), http.StatusText(statusOf(e.Code)), appText(r, e.Message), appFields(r, e.Fields))
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// apiLimiter allows each token apiRate requests per minute (fixed window).
type apiLimiter struct {
	mu      sync.Mutex
	window  int64
	counts  map[string]int
	perMins int
}

const apiRate = 300

func (l *apiLimiter) allow(key string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if w := now.Unix() / 60; w != l.window {
		l.window, l.counts = w, map[string]int{}
	}
	l.counts[key]++
	return l.counts[key] <= l.perMins
}

// apiAuth authenticates "Authorization: Bearer <token>" and rate-limits per token.
func (s *Server) apiAuth(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || token == "" {
			w.Header().Set("WWW-Authenticate", `Bearer realm="hakakses"`)
			problem(w, http.StatusUnauthorized, tr(r, "api.token_required"), tr(r, "api.token_required_detail"), nil)
			return
		}
		if !s.apiLimit.allow(token, s.app.Clock.Now()) {
			w.Header().Set("Retry-After", "60")
			problem(w, http.StatusTooManyRequests, tr(r, "api.rate_limited"), tr(r, "api.rate_limited_detail"), nil)
			return
		}
		p, err := s.app.PrincipalByAPIToken(r.Context(), token)
		if err != nil {
			if app.ErrorCode(err) == app.CodeUnauthorized {
				w.Header().Set("WWW-Authenticate", `Bearer realm="hakakses", error="invalid_token"`)
			}
			s.apiFail(w, r, err)
			return
		}
		if who, ok := r.Context().Value(logUserKey).(*logUser); ok {
			who.id = p.UserID
		}
		// From here the token's user's own choice of language comes first.
		ctx := web.WithLocale(withPrincipal(r.Context(), p), apiLocale(r, p.Language))
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

type apiListItem struct {
	ID          int64     `json:"id"`
	Number      string    `json:"number"`
	Institution string    `json:"institution"`
	Tenant      string    `json:"tenant"`
	State       string    `json:"state"`
	StateSince  time.Time `json:"state_since"`
	UpdatedAt   time.Time `json:"updated_at"`
	Overdue     bool      `json:"overdue"`
}

type apiList struct {
	Items    []apiListItem `json:"items"`
	Page     int           `json:"page"`
	NextPage int           `json:"next_page,omitempty"`
}

// apiListApplications is the caller's list: a lembaga's own applications, an
// office's work queue, the Dirjen's inbox.
func (s *Server) apiListApplications(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	var res app.ListResult
	var err error
	switch p.Role {
	case workflow.RoleLembaga:
		res, err = s.app.MyApplications(r.Context(), p, page)
	case workflow.RolePetugas, workflow.RoleKepala:
		res, err = s.app.Queue(r.Context(), p, app.QueueFilter{Page: page})
	case workflow.RoleDirjen:
		res, err = s.app.Inbox(r.Context(), p, app.InboxFilter{Page: page})
	default:
		problem(w, http.StatusForbidden, tr(r, "api.forbidden"), tr(r, "api.no_list_for_role"), nil)
		return
	}
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	out := apiList{Items: []apiListItem{}, Page: res.Page}
	if res.HasNext {
		out.NextPage = res.Page + 1
	}
	for _, row := range res.Rows {
		out.Items = append(out.Items, apiListItem{ID: row.ID, Number: row.Number, Institution: row.Institution, Tenant: row.TenantSlug,
			State: string(row.State), StateSince: row.StateSince, UpdatedAt: row.UpdatedAt, Overdue: row.Overdue})
	}
	writeJSON(w, http.StatusOK, out)
}

type apiEvent struct {
	Seq       int       `json:"seq"`
	Event     string    `json:"event"`
	From      string    `json:"from,omitempty"`
	To        string    `json:"to"`
	At        time.Time `json:"at"`
	ActorRole string    `json:"actor_role"`
	ActorName string    `json:"actor_name"`
	Hash      string    `json:"hash"`
}

type apiDocument struct {
	ID          int64     `json:"id"`
	Kind        string    `json:"kind"`
	Version     int       `json:"version"`
	Filename    string    `json:"filename"`
	ContentType string    `json:"content_type"`
	SizeBytes   int       `json:"size_bytes"`
	SHA256      string    `json:"sha256"`
	Generated   bool      `json:"generated"`
	CreatedAt   time.Time `json:"created_at"`
}

type apiApplication struct {
	ID          int64         `json:"id"`
	Number      string        `json:"number"`
	Tenant      string        `json:"tenant"`
	Institution string        `json:"institution"`
	State       string        `json:"state"`
	Version     int           `json:"version"`
	Purpose     string        `json:"purpose"`
	UpdatedAt   time.Time     `json:"updated_at"`
	Available   []string      `json:"available_events"`
	History     []apiEvent    `json:"history"`
	Documents   []apiDocument `json:"documents"`
}

// apiAppID is the {id} of the path; anything but a positive number is a 404
// problem (ok false, the answer written).
func apiAppID(w http.ResponseWriter, r *http.Request) (id int64, ok bool) {
	id, err := strconv.ParseInt(chi.URLParam(r, "id"), 10, 64)
	if err != nil || id <= 0 {
		problem(w, http.StatusNotFound, tr(r, "api.not_found"), tr(r, "msg.application_not_found"), nil)
		return 0, false
	}
	return id, true
}

func (s *Server) apiApplication(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	id, ok := apiAppID(w, r)
	if !ok {
		return
	}
	d, err := s.app.Application(r.Context(), p, id)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	out := apiApplication{ID: d.App.ID, Number: d.App.Number, Tenant: d.Tenant.Slug, Institution: d.Institution.Name,
		State: string(d.State), Version: d.App.Version, Purpose: d.App.Purpose, UpdatedAt: d.App.UpdatedAt,
		Available: []string{}, History: []apiEvent{}, Documents: []apiDocument{}}
	for _, ev := range d.Available {
		out.Available = append(out.Available, string(ev))
	}
	for _, e := range d.Events {
		out.History = append(out.History, apiEvent{Seq: e.Seq, Event: string(e.Event), From: string(e.From), To: string(e.To), At: e.At,
			ActorRole: string(e.ActorRole), ActorName: e.ActorName, Hash: hex.EncodeToString(e.Hash)})
	}
	for _, doc := range d.Documents {
		out.Documents = append(out.Documents, apiDocument{ID: doc.ID, Kind: doc.Kind, Version: doc.Version, Filename: doc.Filename,
			ContentType: doc.ContentType, SizeBytes: doc.SizeBytes, SHA256: hex.EncodeToString(doc.SHA256), Generated: doc.Generated, CreatedAt: doc.CreatedAt})
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiCreateDraft(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	id, err := s.app.CreateDraft(r.Context(), p, 0)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/applications/"+strconv.FormatInt(id, 10))
	writeJSON(w, http.StatusCreated, map[string]int64{"id": id})
}

type apiFile struct {
	Filename      string `json:"filename"`
	ContentBase64 string `json:"content_base64"`
}

type apiDraft struct {
	Version           int                `json:"version"`
	Purpose           string             `json:"purpose"`
	AccessMethods     []string           `json:"access_methods"`
	ReturnData        string             `json:"return_data"`
	TermMonths        int                `json:"term_months"`
	Elements          map[string]string  `json:"elements"`
	EligPublicService bool               `json:"eligibility_public_service"`
	EligNoVertical    bool               `json:"eligibility_no_vertical"`
	Files             map[string]apiFile `json:"files"`
	// The papers' own numbers and dates (YYYY-MM-DD): the lembaga's request
	// letter and, for a badan hukum, its eligibility statement and the
	// supervising authority's recommendation.
	RequestLetterNumber  string `json:"request_letter_number"`
	RequestLetterDate    string `json:"request_letter_date"`
	StatementNumber      string `json:"statement_number"`
	StatementDate        string `json:"statement_date"`
	RecommendationNumber string `json:"recommendation_number"`
	RecommendationDate   string `json:"recommendation_date"`
	RecommendedBy        string `json:"recommended_by"`
}

// decodeJSON reads a request body of at most the upload limit plus a third
// (base64), refusing unknown fields; a bad body is a 400 problem.
func (s *Server) decodeJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	limit := s.cfg.MaxUploadBytes*4/3*6 + 1<<20 // a handful of base64 files
	if limit <= 1<<20 {
		limit = 64 << 20
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, limit))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		problem(w, http.StatusBadRequest, tr(r, "api.bad_request"), tr(r, "api.bad_json", "Err", err.Error()), nil)
		return false
	}
	return true
}

// apiBody is a write's JSON body with the files it carries.
type apiBody interface{ files() map[string]apiFile }

func (d *apiDraft) files() map[string]apiFile  { return d.Files }
func (a *apiAction) files() map[string]apiFile { return a.Files }

// apiInput reads a write to an application: the {id}, the JSON body into in, and
// its base64 files decoded. ok is false when a problem has been answered (404,
// 400, or 422 naming each unreadable file).
func (s *Server) apiInput(w http.ResponseWriter, r *http.Request, in apiBody) (id int64, files map[string]app.Upload, ok bool) {
	if id, ok = apiAppID(w, r); !ok || !s.decodeJSON(w, r, in) {
		return 0, nil, false
	}
	files = map[string]app.Upload{}
	bad := map[string]string{}
	for kind, f := range in.files() {
		b, err := base64.StdEncoding.DecodeString(f.ContentBase64)
		if err != nil {
			bad[kind] = tr(r, "api.bad_base64")
			continue
		}
		files[kind] = app.Upload{Filename: f.Filename, Content: b}
	}
	if len(bad) > 0 {
		problem(w, http.StatusUnprocessableEntity, tr(r, "api.incomplete"), tr(r, "api.files_unreadable"), bad)
		return 0, nil, false
	}
	return id, files, true
}

func (s *Server) apiSaveDraft(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	var in apiDraft
	id, files, ok := s.apiInput(w, r, &in)
	if !ok {
		return
	}
	term := ""
	if in.TermMonths > 0 {
		term = strconv.Itoa(in.TermMonths)
	}
	err := s.app.SaveDraft(r.Context(), p, id, in.Version, app.DraftInput{Purpose: in.Purpose, AccessMethods: in.AccessMethods,
		ReturnData: in.ReturnData, TermMonths: term, Elements: in.Elements, EligPublicService: in.EligPublicService,
		EligNoVertical: in.EligNoVertical, Files: files,
		RequestLetterNumber: in.RequestLetterNumber, RequestLetterDate: in.RequestLetterDate,
		StatementNumber: in.StatementNumber, StatementDate: in.StatementDate, RecommendationNumber: in.RecommendationNumber,
		RecommendationDate: in.RecommendationDate, RecommendedBy: in.RecommendedBy})
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.apiApplication(w, r)
}

type apiAction struct {
	Version int                 `json:"version"`
	Fields  map[string][]string `json:"fields"`
	Files   map[string]apiFile  `json:"files"`
}

// apiFire performs any event the caller's role may fire, through the same action
// definitions as the pages' forms: fields carry the form's names and values.
func (s *Server) apiFire(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	ev, ok := workflow.ValidEvent(chi.URLParam(r, "event"))
	if !ok {
		problem(w, http.StatusNotFound, tr(r, "api.not_found"), tr(r, "api.unknown_event"), nil)
		return
	}
	var in apiAction
	id, files, ok := s.apiInput(w, r, &in)
	if !ok {
		return
	}
	if err := s.app.Fire(r.Context(), p, id, app.Action{Event: ev, Version: in.Version, Form: url.Values(in.Fields), Files: files}); err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.apiApplication(w, r)
}

// The API's language (problem details' title, detail and field messages): the
// token's user's choice if any (set in apiAuth), else Accept-Language, else
// Bahasa Indonesia. Programs carry no language cookie worth trusting, so the
// page cookie is not read here.
func apiLocale(r *http.Request, user string) web.Locale {
	l := i18n.For(i18n.Resolve(user, "", r.Header.Get("Accept-Language")))
	return web.Locale{Lang: string(l.Lang()), T: l.T}
}

// withAPILocale sets the API's language before the token is known (an
// unknown path, a missing token).
func withAPILocale(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(web.WithLocale(r.Context(), apiLocale(r, ""))))
	})
}
