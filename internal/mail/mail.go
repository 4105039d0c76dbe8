// Package mail sends the product's e-mails over SMTP, with the standard library
// only: net/smtp for the conversation (STARTTLS when the server offers it, PLAIN
// authentication when a user is configured) and a plain-text RFC 5322 message in
// UTF-8. Which messages to send, and when, is the outbox's business (package app).
package mail

import (
	"bytes"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net"
	netmail "net/mail"
	"net/smtp"
	"strings"
	"time"
)

// SMTP is a mail submission server.
type SMTP struct {
	Addr     string // host:port, e.g. smtp.example.go.id:587
	From     string // "Hak Akses <noreply@example.go.id>" or a bare address
	User     string // empty: no authentication
	Password string
	// Timeout bounds one whole message: connect, conversation, data (default 30 s).
	Timeout time.Duration
	// TLSConfig is used for STARTTLS; nil verifies the server's name as usual.
	TLSConfig *tls.Config
}

// Send delivers one message to one recipient. Its signature is the outbox
// worker's send function.
func (s SMTP) Send(to, subject, body string) error {
	from, err := netmail.ParseAddress(s.From)
	if err != nil {
		return fmt.Errorf("mail: sender %q: %w", s.From, err)
	}
	rcpt, err := netmail.ParseAddress(to)
	if err != nil {
		return fmt.Errorf("mail: recipient %q: %w", to, err)
	}
	msg, err := Message(from, rcpt, subject, body, time.Now())
	if err != nil {
		return err
	}
	host, _, err := net.SplitHostPort(s.Addr)
	if err != nil {
		return fmt.Errorf("mail: address %q: %w", s.Addr, err)
	}
	timeout := s.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	conn, err := net.DialTimeout("tcp", s.Addr, timeout)
	if err != nil {
		return fmt.Errorf("mail: connect: %w", err)
	}
	if err := conn.SetDeadline(time.Now().Add(timeout)); err != nil {
		conn.Close()
		return err
	}
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		conn.Close()
		return fmt.Errorf("mail: greeting: %w", err)
	}
	defer c.Close()
	if ok, _ := c.Extension("STARTTLS"); ok {
		cfg := s.TLSConfig
		if cfg == nil {
			cfg = &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}
		}
		if err := c.StartTLS(cfg); err != nil {
			return fmt.Errorf("mail: starttls: %w", err)
		}
	}
	if s.User != "" {
		// net/smtp refuses PLAIN over an unencrypted connection except to localhost.
		if err := c.Auth(smtp.PlainAuth("", s.User, s.Password, host)); err != nil {
			return fmt.Errorf("mail: auth: %w", err)
		}
	}
	if err := c.Mail(from.Address); err != nil {
		return fmt.Errorf("mail: MAIL FROM: %w", err)
	}
	if err := c.Rcpt(rcpt.Address); err != nil {
		return fmt.Errorf("mail: RCPT TO: %w", err)
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("mail: DATA: %w", err)
	}
	if _, err := w.Write(msg); err != nil {
		w.Close()
		return fmt.Errorf("mail: write: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("mail: message refused: %w", err)
	}
	return c.Quit()
}

// Message builds an RFC 5322 message: a UTF-8 subject as RFC 2047 encoded-words,
// a text/plain UTF-8 body in quoted-printable (so every line stays 7-bit and
// short), CRLF line endings. Header values cannot carry line breaks.
func Message(from, to *netmail.Address, subject, body string, date time.Time) ([]byte, error) {
	if from == nil || to == nil {
		return nil, errors.New("mail: sender and recipient are required")
	}
	subject = strings.Join(strings.Fields(subject), " ") // no CR/LF: no header injection
	var b bytes.Buffer
	header := func(k, v string) { b.WriteString(k + ": " + v + "\r\n") }
	header("From", from.String())
	header("To", to.String())
	header("Subject", mime.QEncoding.Encode("utf-8", subject))
	header("Date", date.Format(time.RFC1123Z))
	header("Message-ID", messageID(from.Address))
	header("MIME-Version", "1.0")
	header("Content-Type", "text/plain; charset=utf-8")
	header("Content-Transfer-Encoding", "quoted-printable")
	b.WriteString("\r\n")
	qp := quotedprintable.NewWriter(&b)
	body = strings.ReplaceAll(body, "\r\n", "\n")
	if _, err := qp.Write([]byte(strings.ReplaceAll(body, "\n", "\r\n"))); err != nil {
		return nil, err
	}
	if err := qp.Close(); err != nil {
		return nil, err
	}
	if !bytes.HasSuffix(b.Bytes(), []byte("\r\n")) {
		b.WriteString("\r\n")
	}
	return b.Bytes(), nil
}

func messageID(from string) string {
	domain := "localhost"
	if i := strings.LastIndexByte(from, '@'); i >= 0 && i+1 < len(from) {
		domain = from[i+1:]
	}
	r := make([]byte, 12)
	rand.Read(r)
	return "<" + hex.EncodeToString(r) + "@" + domain + ">"
}
