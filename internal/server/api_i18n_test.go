package server_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestAPIProblemsSpeakTheCallersLanguage: a problem's title, detail and field
// messages are in the token's user's language if chosen, else Accept-Language,
// else Indonesian exactly as before.
func TestAPIProblemsSpeakTheCallersLanguage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	token, _, err := e.App.CreateAPIToken(ctx, e.notifPrincipal("lembaga"), "uji bahasa")
	if err != nil {
		t.Fatal(err)
	}
	call := func(method, path, token, acceptLang, body string) (int, map[string]any) {
		t.Helper()
		req, _ := http.NewRequest(method, e.Srv.URL+"/api/v1"+path, strings.NewReader(body))
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		if acceptLang != "" {
			req.Header.Set("Accept-Language", acceptLang)
		}
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		raw, _ := io.ReadAll(res.Body)
		if ct := res.Header.Get("Content-Type"); ct != "application/problem+json" {
			t.Fatalf("%s %s: %d %s, want a problem: %s", method, path, res.StatusCode, ct, raw)
		}
		var p map[string]any
		if err := json.Unmarshal(raw, &p); err != nil {
			t.Fatalf("decode %s: %v", raw, err)
		}
		return res.StatusCode, p
	}
	var created struct{ ID json.Number }
	{
		req, _ := http.NewRequest("POST", e.Srv.URL+"/api/v1/applications", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		json.NewDecoder(res.Body).Decode(&created)
		res.Body.Close()
	}
	draft := "/applications/" + created.ID.String() + "/draft"
	cases := []struct {
		what, method, path, token, body string
		status                          int
		id, en                          [2]string // title, detail (a detail ending in "…" is its start)
	}{
		{"no token", "GET", "/applications", "", "", http.StatusUnauthorized,
			[2]string{"Perlu token API", "Kirim header Authorization: Bearer <token>."},
			[2]string{"API token required", "Send the header Authorization: Bearer <token>."}},
		{"unknown token", "GET", "/applications", "hak_tidak-ada", "", http.StatusUnauthorized,
			[2]string{"Unauthorized", "Token API tidak dikenal atau sudah dicabut."},
			[2]string{"Unauthorized", "API token unknown or revoked."}},
		{"unknown path", "GET", "/tidak-ada", "", "", http.StatusNotFound,
			[2]string{"Tidak ditemukan", "Alamat API ini tidak ada."},
			[2]string{"Not found", "This API address does not exist."}},
		{"unknown event", "POST", "/applications/1/events/bukan-peristiwa", token, `{"version":1}`, http.StatusNotFound,
			[2]string{"Tidak ditemukan", "Peristiwa alur kerja ini tidak dikenal."},
			[2]string{"Not found", "This workflow event is unknown."}},
		{"malformed JSON", "PUT", draft, token, "{bukan json", http.StatusBadRequest,
			[2]string{"Permintaan tidak valid", "Badan permintaan bukan JSON yang sesuai: …"},
			[2]string{"Invalid request", "The request body is not suitable JSON: …"}},
	}
	check := func(lang, acceptLang string, tokenLang bool) {
		t.Helper()
		for _, c := range cases {
			if tokenLang && c.token != token {
				continue
			}
			status, p := call(c.method, c.path, c.token, acceptLang, c.body)
			want := c.id
			if lang == "en" {
				want = c.en
			}
			detail, _ := p["detail"].(string)
			if status != c.status || p["title"] != want[0] {
				t.Errorf("%s (%s, Accept-Language %q): want %d %q, got %d %v", c.what, lang, acceptLang, c.status, want[0], status, p)
			}
			if prefix, ok := strings.CutSuffix(want[1], "…"); ok && !strings.HasPrefix(detail, prefix) || !ok && detail != want[1] {
				t.Errorf("%s (%s, Accept-Language %q): detail %q, want %q", c.what, lang, acceptLang, detail, want[1])
			}
		}
	}
	check("id", "", false)
	check("id", "id-ID,id;q=0.9,en;q=0.8", false)
	check("en", "en-GB,en;q=0.9", false)

	// The token's user chooses English on the account page: the API follows it
	// whatever the program's Accept-Language says.
	lembaga := e.loginAs(t, "lembaga")
	if res := lembaga.post("/akun/bahasa", url.Values{"bahasa": {"en"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("choose English: %s", res)
	}
	check("en", "", true)
	check("en", "id-ID,id", true)
}
