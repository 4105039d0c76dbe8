package server_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
)

// apiClient calls /api/v1 and validates every request and response against the
// OpenAPI document the server itself serves.
type apiClient struct {
	t      *testing.T
	base   string
	router routers.Router
}

func newAPIClient(t *testing.T, e *env) *apiClient {
	t.Helper()
	res, err := http.Get(e.Srv.URL + "/api/v1/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	doc, err := openapi3.NewLoader().LoadFromData(raw)
	if err != nil {
		t.Fatalf("load openapi.json: %v", err)
	}
	if !doc.IsOpenAPI31OrLater() {
		t.Fatalf("openapi.json is %s, want 3.1", doc.OpenAPI)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("openapi.json is not a valid OpenAPI document: %v", err)
	}
	doc.Servers = openapi3.Servers{{URL: e.Srv.URL + "/api/v1"}}
	router, err := legacy.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	return &apiClient{t: t, base: e.Srv.URL + "/api/v1", router: router}
}

type apiResponse struct {
	Status int
	Header http.Header
	Body   []byte
}

func (r apiResponse) decode(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("decode %s: %v", r.Body, err)
	}
}

// do sends a request with token (none when ""), validates the request and the
// response against the document, and returns the response.
func (c *apiClient) do(method, path, token string, body any) apiResponse {
	c.t.Helper()
	var raw []byte
	if body != nil {
		var err error
		if raw, err = json.Marshal(body); err != nil {
			c.t.Fatal(err)
		}
	}
	req, err := http.NewRequest(method, c.base+path, bytes.NewReader(raw))
	if err != nil {
		c.t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	out := apiResponse{Status: res.StatusCode, Header: res.Header}
	out.Body, _ = io.ReadAll(res.Body)

	route, params, err := c.router.FindRoute(req)
	if err != nil {
		c.t.Fatalf("%s %s is not in openapi.json: %v", method, path, err)
	}
	opts := &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, IncludeResponseStatus: true}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: opts}
	if body != nil {
		req.Body = io.NopCloser(bytes.NewReader(raw))
		if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil {
			c.t.Fatalf("%s %s: the request does not match openapi.json: %v", method, path, err)
		}
	}
	err = openapi3filter.ValidateResponse(context.Background(), &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in, Status: out.Status, Header: out.Header, Body: io.NopCloser(bytes.NewReader(out.Body)), Options: opts,
	})
	if err != nil {
		c.t.Fatalf("%s %s → %d: the response does not match openapi.json: %v\n%s", method, path, out.Status, err, out.Body)
	}
	return out
}

func (c *apiClient) problem(r apiResponse, status int) map[string]any {
	c.t.Helper()
	if r.Status != status {
		c.t.Fatalf("want %d, got %d: %s", status, r.Status, r.Body)
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/problem+json" {
		c.t.Fatalf("a %d answered %q, want application/problem+json", status, ct)
	}
	var p map[string]any
	r.decode(c.t, &p)
	if p["status"] != float64(status) || p["title"] == "" {
		c.t.Fatalf("problem details without status or title: %s", r.Body)
	}
	return p
}

type apiApp struct {
	ID        int64    `json:"id"`
	State     string   `json:"state"`
	Version   int      `json:"version"`
	Available []string `json:"available_events"`
	History   []struct {
		Event string `json:"event"`
	} `json:"history"`
	Documents []struct {
		Kind      string `json:"kind"`
		Generated bool   `json:"generated"`
		SHA256    string `json:"sha256"`
	} `json:"documents"`
}

// An application goes from draft to forwarded through the API alone, with the
// lembaga's and the petugas's personal tokens; every response, errors included,
// matches the served OpenAPI 3.1 document.
func TestAPITakesAnApplicationFromDraftToForwardedWithResponsesValidatedByOpenAPI(t *testing.T) {
	e := newEnv(t)
	c := newAPIClient(t, e)
	ctx := context.Background()
	lembagaToken, _, err := e.App.CreateAPIToken(ctx, e.notifPrincipal("lembaga"), "sistem informasi dinas")
	if err != nil {
		t.Fatal(err)
	}
	petugasToken, _, err := e.App.CreateAPIToken(ctx, e.notifPrincipal("petugas"), "integrasi kantor")
	if err != nil {
		t.Fatal(err)
	}

	var created struct{ ID int64 }
	res := c.do("POST", "/applications", lembagaToken, nil)
	if res.Status != http.StatusCreated {
		t.Fatalf("create: %d %s", res.Status, res.Body)
	}
	res.decode(t, &created)
	path := "/applications/" + strconv.FormatInt(created.ID, 10)
	var a apiApp
	c.do("GET", path, lembagaToken, nil).decode(t, &a)
	if a.State != "draft" {
		t.Fatalf("new application state %q", a.State)
	}

	letter := base64.StdEncoding.EncodeToString([]byte("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"))
	res = c.do("PUT", path+"/draft", lembagaToken, map[string]any{
		"version": a.Version, "purpose": "Verifikasi data penerima layanan kesehatan daerah berbasis NIK.",
		"access_methods": []string{"web_service"}, "return_data": "Status kepesertaan per NIK, dikirim setiap bulan.",
		"term_months": 24, "elements": map[string]string{"nik": "", "nama_lengkap": ""},
		"request_letter_number": "045/70/DINKES/2026", "request_letter_date": e.Clock.Now().AddDate(0, 0, -3).Format("2006-01-02"),
		"files": map[string]any{"surat_permohonan": map[string]string{"filename": "surat.pdf", "content_base64": letter}},
	})
	if res.Status != http.StatusOK {
		t.Fatalf("save draft: %d %s", res.Status, res.Body)
	}
	res.decode(t, &a)

	// The petugas may not submit the lembaga's draft; a stale version conflicts.
	c.problem(c.do("POST", path+"/events/submit", petugasToken, map[string]any{"version": a.Version}), http.StatusForbidden)
	c.problem(c.do("POST", path+"/events/submit", lembagaToken, map[string]any{"version": a.Version - 1}), http.StatusConflict)

	res = c.do("POST", path+"/events/submit", lembagaToken, map[string]any{"version": a.Version})
	if res.Status != http.StatusOK {
		t.Fatalf("submit: %d %s", res.Status, res.Body)
	}
	res.decode(t, &a)
	if a.State != "submitted" {
		t.Fatalf("after submit: %q", a.State)
	}

	var list struct {
		Items []struct{ ID int64 } `json:"items"`
	}
	c.do("GET", "/applications", petugasToken, nil).decode(t, &list)
	if len(list.Items) != 1 || list.Items[0].ID != created.ID {
		t.Fatalf("the petugas's queue: %+v", list.Items)
	}
	c.do("GET", path, petugasToken, nil).decode(t, &a)
	res = c.do("POST", path+"/events/forward", petugasToken, map[string]any{"version": a.Version})
	if res.Status != http.StatusOK {
		t.Fatalf("forward: %d %s", res.Status, res.Body)
	}
	res.decode(t, &a)
	if a.State != "forwarded" {
		t.Fatalf("after forward: %q", a.State)
	}
	var events []string
	for _, h := range a.History {
		events = append(events, h.Event)
	}
	if !strings.HasSuffix(strings.Join(events, ","), "submit,forward") {
		t.Errorf("history through the API: %v", events)
	}
	generated := false
	for _, d := range a.Documents {
		generated = generated || (d.Generated && len(d.SHA256) == 64)
	}
	if !generated {
		t.Error("the forwarding letter is not among the documents' metadata")
	}
}

// Without a valid token there is no API; a revoked token stops at once; bad JSON
// and unknown events are problems, never a 500; the rate limit answers 429.
func TestAPIRefusesMissingRevokedAndAbusiveCallsAsProblems(t *testing.T) {
	e := newEnv(t)
	c := newAPIClient(t, e)
	ctx := context.Background()
	lembaga := e.notifPrincipal("lembaga")
	token, rec, err := e.App.CreateAPIToken(ctx, lembaga, "uji")
	if err != nil {
		t.Fatal(err)
	}

	c.problem(c.do("GET", "/applications", "", nil), http.StatusUnauthorized)
	c.problem(c.do("GET", "/applications", "hak_tidak-ada", nil), http.StatusUnauthorized)
	c.problem(c.do("GET", "/applications/999999", token, nil), http.StatusNotFound)
	c.problem(c.do("POST", "/applications/1/events/bukan-peristiwa", token, map[string]any{"version": 1}), http.StatusNotFound)

	var created struct{ ID int64 }
	c.do("POST", "/applications", token, nil).decode(t, &created)
	req, _ := http.NewRequest("PUT", c.base+"/applications/"+strconv.FormatInt(created.ID, 10)+"/draft", strings.NewReader("{bukan json"))
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusBadRequest || res.Header.Get("Content-Type") != "application/problem+json" {
		t.Errorf("malformed JSON: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}

	if err := e.App.RevokeAPIToken(ctx, lembaga, rec.ID); err != nil {
		t.Fatal(err)
	}
	c.problem(c.do("GET", "/applications", token, nil), http.StatusUnauthorized)

	fresh, _, err := e.App.CreateAPIToken(ctx, lembaga, "uji batas")
	if err != nil {
		t.Fatal(err)
	}
	limited := 0
	for range 320 {
		req, _ := http.NewRequest("GET", c.base+"/applications", nil)
		req.Header.Set("Authorization", "Bearer "+fresh)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode == http.StatusTooManyRequests {
			limited++
		}
	}
	if limited != 20 {
		t.Errorf("over 300 requests a minute: %d of 320 refused, want 20", limited)
	}
	c.problem(c.do("GET", "/applications", fresh, nil), http.StatusTooManyRequests)
}

// A user creates a personal token on /akun/token, sees it once, uses it on the
// API, and revokes it there; another user cannot revoke it.
func TestAPITokensAreCreatedShownOnceAndRevokedInTheUI(t *testing.T) {
	e := newEnv(t)
	c := newAPIClient(t, e)
	lembaga := e.loginAs(t, "lembaga")

	res := lembaga.post("/akun/token", url.Values{"name": {""}})
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("a token without a name: want 422, got %s", res)
	}
	res = lembaga.post("/akun/token", url.Values{"name": {"sistem informasi dinas"}})
	if res.Status != http.StatusOK {
		t.Fatalf("create token: %s", res)
	}
	n := byTestID(parseHTML(t, res.Body), "new-token")
	if n == nil {
		t.Fatalf("the new token is not shown:\n%s", res.Body)
	}
	token := tokenRE.FindString(text(n))
	if token == "" {
		t.Fatalf("no token in %q", text(n))
	}
	if r := c.do("GET", "/applications", token, nil); r.Status != http.StatusOK {
		t.Fatalf("the new token on the API: %d %s", r.Status, r.Body)
	}
	page := lembaga.get("/akun/token")
	if strings.Contains(page.Body, token) {
		t.Fatal("the token is shown again after its creation")
	}
	m := revokeRE.FindStringSubmatch(page.Body)
	if m == nil {
		t.Fatalf("no revoke form:\n%s", page.Body)
	}

	other := e.loginAs(t, "petugas")
	if r := other.post(m[1], nil); r.Status != http.StatusNotFound {
		t.Errorf("another user revoking the token: want 404, got %s", r)
	}
	if r := lembaga.post(m[1], nil); r.Status != http.StatusSeeOther {
		t.Fatalf("revoke: %s", r)
	}
	c.problem(c.do("GET", "/applications", token, nil), http.StatusUnauthorized)
	if page := lembaga.get("/akun/token"); !strings.Contains(page.Body, "Dicabut") {
		t.Error("the list does not show the token revoked")
	}
}

var (
	tokenRE  = regexp.MustCompile(`hak_[A-Za-z0-9_-]{43}`)
	revokeRE = regexp.MustCompile(`action="(/akun/token/\d+/cabut)"`)
)
