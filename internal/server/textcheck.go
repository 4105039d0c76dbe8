package server

import (
	"bytes"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"strings"
	"unicode/utf8"
)

// maxCheckedFormBytes bounds what validText reads of a URL-encoded body; the
// handlers' own limits are smaller.
const maxCheckedFormBytes = 10 << 20

// validText refuses, before any handler or session runs, a request whose path,
// query or form text is not UTF-8 or holds a NUL byte: PostgreSQL cannot store
// either, and a request like that is never typed by a person. One check at the
// edge instead of one per handler, so a new form cannot forget it. File contents
// are not text and are not checked; their names are cleaned where stored.
func (s *Server) validText(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !cleanText(r.URL.Path) || !cleanQuery(r.URL.RawQuery) {
			s.badText(w, r)
			return
		}
		if r.Body == nil || r.Body == http.NoBody || (r.Method != http.MethodPost && r.Method != http.MethodPut && r.Method != http.MethodPatch) {
			next.ServeHTTP(w, r)
			return
		}
		ct, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		switch ct {
		case "application/x-www-form-urlencoded":
			b, err := io.ReadAll(io.LimitReader(r.Body, maxCheckedFormBytes+1))
			if err != nil {
				s.clientError(w, r, http.StatusBadRequest, "Formulir tidak terbaca", "Isian formulir tidak dapat dibaca. Muat ulang halaman lalu coba lagi.")
				return
			}
			if len(b) <= maxCheckedFormBytes && !cleanQuery(string(b)) {
				s.badText(w, r)
				return
			}
			r.Body = readCloser{io.MultiReader(bytes.NewReader(b), r.Body), r.Body}
		case "multipart/form-data":
			body, ok, err := checkMultipart(r.Body, params["boundary"], 6*s.cfg.MaxUploadBytes+(4<<20))
			if body != nil {
				defer body.Close()
			}
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			if !ok {
				s.badText(w, r)
				return
			}
			r.Body = body
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) badText(w http.ResponseWriter, r *http.Request) {
	s.clientError(w, r, http.StatusBadRequest, "Isian tidak valid",
		"Alamat atau isian formulir memuat karakter yang tidak sah (bukan teks UTF-8 atau karakter NUL). Tidak ada yang disimpan. Periksa isian Anda lalu kirim ulang.")
}

// cleanText reports whether s is UTF-8 without NUL.
func cleanText(s string) bool { return utf8.ValidString(s) && !strings.ContainsRune(s, 0) }

// cleanQuery reports whether every key and value of a URL-encoded string is
// clean text. A string that does not decode is left to the handler, which reads
// what it can as net/http does.
func cleanQuery(raw string) bool {
	if raw == "" {
		return true
	}
	vs, _ := url.ParseQuery(raw)
	for k, list := range vs {
		if !cleanText(k) {
			return false
		}
		for _, v := range list {
			if !cleanText(v) {
				return false
			}
		}
	}
	return true
}

type readCloser struct {
	io.Reader
	io.Closer
}

// spooledBody is a request body replayed from a temporary file, then the rest of
// the original body; closing it removes the file.
type spooledBody struct {
	io.Reader
	f    *os.File
	orig io.Closer
}

func (b *spooledBody) Close() error {
	b.orig.Close()
	b.f.Close()
	return os.Remove(b.f.Name())
}

// checkMultipart reads a multipart body up to limit bytes, checking every text
// field's name and value, while copying what it reads to a temporary file; the
// body it returns replays the whole request for the handler. A body that does not
// parse as multipart is passed on unjudged: the handler answers it as it always
// did. ok is false when a text field is not clean text.
func checkMultipart(body io.ReadCloser, boundary string, limit int64) (_ io.ReadCloser, ok bool, _ error) {
	f, err := os.CreateTemp("", "hakakses-form-*")
	if err != nil {
		return nil, false, err
	}
	lr := &io.LimitedReader{R: body, N: limit}
	mr := multipart.NewReader(io.TeeReader(lr, f), boundary)
	ok = true
	for boundary != "" {
		part, err := mr.NextPart()
		if err != nil {
			break // io.EOF, or a malformed body: either way, the handler decides
		}
		if !cleanText(part.FormName()) {
			ok = false
			break
		}
		if part.FileName() != "" {
			if _, err := io.Copy(io.Discard, part); err != nil {
				break
			}
			continue
		}
		var sb strings.Builder
		if _, err := io.Copy(&sb, part); err != nil {
			break
		}
		if !cleanText(sb.String()) {
			ok = false
			break
		}
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, false, err
	}
	return &spooledBody{Reader: io.MultiReader(f, lr.R), f: f, orig: body}, ok, nil
}
