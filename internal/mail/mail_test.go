package mail_test

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	netmail "net/mail"
	"net/textproto"
	"strings"
	"testing"
	"time"

	"github.com/hakakses/hakakses/internal/mail"
)

// received is what the fake server got in one session.
type received struct {
	auth string // decoded AUTH PLAIN response
	from string
	to   []string
	data []byte
}

// fakeSMTP is a tiny SMTP server on 127.0.0.1 that accepts one session and
// reports it; rejectRcpt makes it refuse every recipient.
func fakeSMTP(t *testing.T, rejectRcpt bool) (addr string, got <-chan received) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	ch := make(chan received, 1)
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		defer conn.Close()
		conn.SetDeadline(time.Now().Add(10 * time.Second))
		tp := textproto.NewConn(conn)
		var r received
		defer func() { ch <- r }()
		tp.PrintfLine("220 fake.test ESMTP")
		for {
			line, err := tp.ReadLine()
			if err != nil {
				return
			}
			verb, arg, _ := strings.Cut(line, " ")
			switch strings.ToUpper(verb) {
			case "EHLO", "HELO":
				tp.PrintfLine("250-fake.test")
				tp.PrintfLine("250-8BITMIME")
				tp.PrintfLine("250 AUTH PLAIN")
			case "AUTH":
				_, resp, _ := strings.Cut(arg, " ")
				dec, _ := base64.StdEncoding.DecodeString(resp)
				r.auth = string(dec)
				tp.PrintfLine("235 2.7.0 Authentication successful")
			case "MAIL":
				r.from = arg
				tp.PrintfLine("250 2.1.0 OK")
			case "RCPT":
				if rejectRcpt {
					tp.PrintfLine("550 5.1.1 No such user")
					continue
				}
				r.to = append(r.to, arg)
				tp.PrintfLine("250 2.1.5 OK")
			case "DATA":
				tp.PrintfLine("354 End data with <CR><LF>.<CR><LF>")
				if r.data, err = tp.ReadDotBytes(); err != nil {
					return
				}
				tp.PrintfLine("250 2.0.0 Queued")
			case "RSET", "NOOP":
				tp.PrintfLine("250 OK")
			case "QUIT":
				tp.PrintfLine("221 2.0.0 Bye")
				return
			default:
				tp.PrintfLine("502 5.5.2 Command not recognized")
			}
		}
	}()
	return ln.Addr().String(), ch
}

func TestSendDeliversAUTF8IndonesianSubjectAndBody(t *testing.T) {
	t.Parallel()
	addr, got := fakeSMTP(t, false)
	s := mail.SMTP{Addr: addr, From: "Hak Akses <noreply@hakakses.test>", User: "mailer", Password: "rahasia", Timeout: 5 * time.Second}
	subject := "[Hak Akses] Permohonan dikembalikan: HA-1602-2026-000001 — “perbaiki” surat"
	body := "Yth. Rina Marlina,\n\nPermohonan HA-1602-2026-000001 dikembalikan. Alasan: surat belum ditandatangani — mohon dilengkapi.\n" +
		strings.Repeat("Baris panjang tanpa jeda ", 8) + "\n"
	if err := s.Send("rina@dinkes.test", subject, body); err != nil {
		t.Fatal(err)
	}
	r := <-got
	if r.auth != "\x00mailer\x00rahasia" {
		t.Errorf("AUTH PLAIN = %q", r.auth)
	}
	if !strings.HasPrefix(r.from, "FROM:<noreply@hakakses.test>") || len(r.to) != 1 || r.to[0] != "TO:<rina@dinkes.test>" {
		t.Errorf("envelope = %q → %q", r.from, r.to)
	}
	for i, line := range strings.Split(strings.TrimSuffix(string(r.data), "\n"), "\n") {
		if len(line) > 998 {
			t.Errorf("line %d is %d bytes long", i, len(line))
		}
		for _, c := range []byte(line) {
			if c >= 0x80 {
				t.Fatalf("line %d is not 7-bit: %q", i, line)
			}
		}
	}
	msg, err := netmail.ReadMessage(bytes.NewReader(r.data))
	if err != nil {
		t.Fatal(err)
	}
	raw := msg.Header.Get("Subject")
	if !strings.HasPrefix(raw, "=?utf-8?q?") {
		t.Errorf("subject is not an RFC 2047 encoded-word: %q", raw)
	}
	dec, err := new(mime.WordDecoder).DecodeHeader(raw)
	if err != nil || dec != subject {
		t.Errorf("subject decodes to %q (%v), want %q", dec, err, subject)
	}
	if ct := msg.Header.Get("Content-Type"); ct != "text/plain; charset=utf-8" {
		t.Errorf("Content-Type = %q", ct)
	}
	if msg.Header.Get("MIME-Version") != "1.0" || msg.Header.Get("Message-ID") == "" || msg.Header.Get("Date") == "" {
		t.Errorf("headers = %v", msg.Header)
	}
	if _, err := msg.Header.Date(); err != nil {
		t.Errorf("Date: %v", err)
	}
	if to, err := msg.Header.AddressList("To"); err != nil || len(to) != 1 || to[0].Address != "rina@dinkes.test" {
		t.Errorf("To = %v (%v)", to, err)
	}
	text, err := io.ReadAll(quotedprintable.NewReader(msg.Body))
	if err != nil {
		t.Fatal(err)
	}
	// textproto hands the DATA over with plain LF line ends.
	if string(text) != body {
		t.Errorf("body =\n%q\nwant\n%q", text, body)
	}
}

func TestSendReportsARefusedRecipient(t *testing.T) {
	t.Parallel()
	addr, _ := fakeSMTP(t, true)
	err := mail.SMTP{Addr: addr, From: "noreply@hakakses.test", Timeout: 5 * time.Second}.Send("tidak-ada@dinkes.test", "Uji", "Isi")
	if err == nil || !strings.Contains(err.Error(), "550") {
		t.Fatalf("err = %v, want the server's 550", err)
	}
}

func TestMessageCannotBeGivenExtraHeaders(t *testing.T) {
	t.Parallel()
	from, to := &netmail.Address{Address: "a@hakakses.test"}, &netmail.Address{Address: "b@dinkes.test"}
	b, err := mail.Message(from, to, "Halo\r\nBcc: korban@lain.test", "Isi", time.Date(2026, 3, 10, 10, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Count(b, []byte("\n")) != bytes.Count(b, []byte("\r\n")) {
		t.Errorf("a line does not end in CRLF:\n%q", b)
	}
	msg, err := netmail.ReadMessage(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if msg.Header.Get("Bcc") != "" || !strings.Contains(msg.Header.Get("Subject"), "Bcc") {
		t.Fatalf("a line break in the subject made a header: %v", msg.Header)
	}
}
