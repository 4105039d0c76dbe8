package app_test

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// indonesianWords are common words of the messages' Indonesian frame and
// notices; none may be left in an English message. Proper names (Disdukcapil,
// PKS, the service's name in the footer) and user data are not among them.
var indonesianWords = regexp.MustCompile(`(?i)\b(permohonan|dari|telah|diajukan|oleh|langkah|berikutnya|periksa|kelengkapan|` +
	`teruskan|kembalikan|lembaga|alasannya|paling|lambat|hari kerja|standar|pelayanan|yth|salam|buka|mohon|dibalas|otomatis|ini)\b`)

// englishWords are their English counterparts; none may appear in an Indonesian message.
var englishWords = regexp.MustCompile(`(?i)\b(application|submitted|next step|check|forward|return|institution|working days?|` +
	`service standard|dear|regards|open the|please|reply|sent automatically|within)\b`)

var link = regexp.MustCompile(`\S*/\S*`)

// withoutServiceName drops the service's Indonesian proper name and the links
// (their paths are Indonesian, /kantor/permohonan/…) from an English text before
// the word check.
func withoutServiceName(s string) string {
	return link.ReplaceAllString(strings.ReplaceAll(s, "Kerjasama Pemanfaatan Data Kependudukan Melalui Hak Akses", ""), "")
}

// A submission tells the petugas and the kepala: the kepala, who chose English,
// reads the notification and the e-mail in English; the petugas, who chose no
// language, the same Indonesian as always.
func TestTransitionMessagesInTheRecipientsLanguage(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	if err := f.app.SetLanguage(f.ctx, f.kepala, "en"); err != nil {
		t.Fatal(err)
	}
	id := f.completeDraft()
	f.fire(f.lembaga, id, app.Action{Event: workflow.Submit})
	number := f.number(id)

	byUser := map[int64]noteRow{}
	for _, n := range f.notes(id) {
		byUser[n.UserID] = n
	}
	en, idn := byUser[f.kepala.UserID], byUser[f.petugas.UserID]
	if en.Title != "Application submitted: "+number {
		t.Errorf("English title = %q", en.Title)
	}
	if !strings.HasPrefix(en.Body, "Application "+number+" from Dinas Kesehatan") ||
		!strings.Contains(en.Body, "Next step: check that the application is complete") {
		t.Errorf("English body = %q", en.Body)
	}
	if w := indonesianWords.FindAllString(en.Title+" "+en.Body, -1); len(w) > 0 {
		t.Errorf("English notification has Indonesian words %v: %q", w, en.Body)
	}
	if idn.Title != "Permohonan diajukan: "+number ||
		!strings.HasPrefix(idn.Body, "Permohonan "+number+" dari Dinas Kesehatan") ||
		!strings.Contains(idn.Body, "Langkah berikutnya: periksa kelengkapan permohonan, lalu teruskan kepada Dirjen Dukcapil atau kembalikan kepada lembaga dengan alasannya, paling lambat ") {
		t.Errorf("Indonesian notification = %q / %q", idn.Title, idn.Body)
	}
	if w := englishWords.FindAllString(idn.Title+" "+idn.Body, -1); len(w) > 0 {
		t.Errorf("Indonesian notification has English words %v: %q", w, idn.Body)
	}

	var checked int
	for _, m := range f.mails() {
		switch m.To {
		case f.kepala.Email:
			checked++
			if m.Subject != "[Hak Akses] "+en.Title || !strings.HasPrefix(m.Body, "Dear ") ||
				!strings.Contains(m.Body, en.Body) || !strings.Contains(m.Body, "Open the application: ") {
				t.Errorf("English e-mail = %q / %q", m.Subject, m.Body)
			}
			if w := indonesianWords.FindAllString(withoutServiceName(m.Subject+" "+m.Body), -1); len(w) > 0 {
				t.Errorf("English e-mail has Indonesian words %v: %q", w, m.Body)
			}
		case f.petugas.Email:
			checked++
			if m.Subject != "[Hak Akses] "+idn.Title || !strings.HasPrefix(m.Body, "Yth. ") ||
				!strings.Contains(m.Body, idn.Body) || !strings.Contains(m.Body, "Buka permohonan: ") ||
				!strings.HasSuffix(m.Body, "mohon tidak dibalas.\n") {
				t.Errorf("Indonesian e-mail = %q / %q", m.Subject, m.Body)
			}
			if w := englishWords.FindAllString(m.Subject+" "+m.Body, -1); len(w) > 0 {
				t.Errorf("Indonesian e-mail has English words %v: %q", w, m.Body)
			}
		}
	}
	if checked != 2 {
		t.Fatalf("found %d of the 2 e-mails", checked)
	}
}

// The Dirjen liaison's copy names the office; a reason is introduced in the
// reader's language.
func TestReturnReasonInEnglish(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	if err := f.app.SetLanguage(f.ctx, f.lembaga, "en"); err != nil {
		t.Fatal(err)
	}
	id := f.completeDraft()
	f.fire(f.lembaga, id, app.Action{Event: workflow.Submit})
	f.fire(f.petugas, id, app.Action{Event: workflow.Return, Form: form("reason", "Surat permohonan belum ditandatangani pimpinan.")})
	for _, n := range f.notes(id) {
		if n.UserID != f.lembaga.UserID {
			continue
		}
		if !strings.HasPrefix(n.Title, "Application returned") ||
			!strings.Contains(n.Body, "Reason: Surat permohonan belum ditandatangani pimpinan.") ||
			!strings.Contains(n.Body, "Next step: correct the application") {
			t.Errorf("English return notification = %q / %q", n.Title, n.Body)
		}
		// The reason is the petugas's own words (user data); the rest must be English.
		rest := strings.Replace(n.Body, "Surat permohonan belum ditandatangani pimpinan.", "", 1)
		if w := indonesianWords.FindAllString(n.Title+" "+rest, -1); len(w) > 0 {
			t.Errorf("English notification has Indonesian words %v: %q", w, n.Body)
		}
		return
	}
	t.Fatal("the lembaga was not told of the return")
}

// A password reset is written in the account's language: English for the one
// who chose it, the former Indonesian for the others.
func TestPasswordResetMailInTheAccountsLanguage(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	if err := f.app.SetLanguage(f.ctx, f.lembaga, "en"); err != nil {
		t.Fatal(err)
	}
	for _, email := range []string{f.lembaga.Email, f.petugas.Email} {
		if err := f.app.RequestPasswordReset(f.ctx, email, "192.0.2.7"); err != nil {
			t.Fatal(err)
		}
	}
	var checked int
	for _, m := range f.mails() {
		switch m.To {
		case f.lembaga.Email:
			checked++
			if m.Subject != "Reset your Hak Akses password" || !strings.HasPrefix(m.Body, "Dear ") ||
				!strings.Contains(m.Body, "/atur-ulang-kata-sandi?token=") {
				t.Errorf("English reset e-mail = %q / %q", m.Subject, m.Body)
			}
			if w := indonesianWords.FindAllString(withoutServiceName(m.Subject+" "+m.Body), -1); len(w) > 0 {
				t.Errorf("English reset e-mail has Indonesian words %v: %q", w, m.Body)
			}
			for _, w := range []string{"kata sandi", "tautan", "abaikan", "berlaku"} {
				if strings.Contains(m.Body, w) {
					t.Errorf("English reset e-mail has %q: %q", w, m.Body)
				}
			}
		case f.petugas.Email:
			checked++
			if m.Subject != "Atur ulang kata sandi Hak Akses" || !strings.HasPrefix(m.Body, "Yth. ") ||
				!strings.HasSuffix(m.Body, "Bila Anda tidak memintanya, abaikan e-mail ini: kata sandi Anda tidak berubah.") {
				t.Errorf("Indonesian reset e-mail = %q / %q", m.Subject, m.Body)
			}
		}
	}
	if checked != 2 {
		t.Fatalf("found %d of the 2 reset e-mails", checked)
	}
}

// A registration from an English page gets an English activation e-mail; a
// registration with an address that has an account tells the owner in the
// owner's language, not the caller's.
func TestRegistrationMailsInTheirLanguage(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	r := registration("operator@rsu.test")
	r.Language = "en"
	if _, err := f.app.RegisterInstitution(f.ctx, f.okiID(), r); err != nil {
		t.Fatal(err)
	}
	taken := registration(f.petugas.Email) // the petugas chose no language
	taken.Language = "en"
	if _, err := f.app.RegisterInstitution(f.ctx, f.okiID(), taken); err != nil {
		t.Fatal(err)
	}
	var checked int
	for _, m := range f.mails() {
		switch m.To {
		case "operator@rsu.test":
			checked++
			if m.Subject != "Activate your Hak Akses account" || !strings.Contains(m.Body, "Dear Budi Operator") ||
				!strings.Contains(m.Body, "/aktifkan?token=") {
				t.Errorf("English activation e-mail = %q / %q", m.Subject, m.Body)
			}
			if w := indonesianWords.FindAllString(withoutServiceName(m.Body), -1); len(w) > 0 {
				t.Errorf("English activation e-mail has Indonesian words %v: %q", w, m.Body)
			}
		case f.petugas.Email:
			checked++
			if m.Subject != "Percobaan pendaftaran dengan e-mail Anda" || !strings.HasPrefix(m.Body, "Seseorang mencoba") {
				t.Errorf("the owner's notice = %q / %q", m.Subject, m.Body)
			}
		}
	}
	if checked != 2 {
		t.Fatalf("found %d of the 2 registration e-mails", checked)
	}
}

// A refused registration is told to the institution's user in their language.
func TestInstitutionRefusalInTheUsersLanguage(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	p, err := f.app.RegisterInstitution(f.ctx, f.okiID(), registration("operator@rsu.test"))
	if err != nil {
		t.Fatal(err)
	}
	// Activated, with English chosen (the activation link is another test's business).
	err = f.db.Tx(f.ctx, store.System(), func(tx pgx.Tx) error {
		_, err := tx.Exec(f.ctx, `UPDATE users SET active = true, language = 'en' WHERE id = $1`, p.UserID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.app.RefuseInstitution(f.ctx, f.kepala, p.InstitutionID, "Tidak melayani publik di kabupaten ini."); err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, m := range f.mails() {
		if m.To != "operator@rsu.test" || !strings.HasPrefix(m.Subject, "[Hak Akses]") {
			continue
		}
		found = true
		if m.Subject != "[Hak Akses] Institution registration refused" || !strings.HasPrefix(m.Body, "Dear Budi Operator") ||
			!strings.Contains(m.Body, "Reason: Tidak melayani publik di kabupaten ini.") {
			t.Errorf("English refusal e-mail = %q / %q", m.Subject, m.Body)
		}
		rest := strings.Replace(m.Body, "Tidak melayani publik di kabupaten ini.", "", 1)
		if w := indonesianWords.FindAllString(withoutServiceName(rest), -1); len(w) > 0 {
			t.Errorf("English refusal e-mail has Indonesian words %v: %q", w, m.Body)
		}
	}
	if !found {
		t.Fatal("no refusal e-mail")
	}
}

// A petugas who chose English is reminded of an overdue deadline in English;
// the kepala, who chose nothing, is escalated to in the former Indonesian.
func TestDeadlineReminderInTheAddresseesLanguage(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	other := f.secondInstance()
	if err := f.app.SetLanguage(f.ctx, f.petugas, "en"); err != nil {
		t.Fatal(err)
	}
	id := f.submitted() // due Wed 2026-03-11 16:00 WIB
	number := f.number(id)
	f.clock.Set(time.Date(2026, 3, 11, 16, 0, 0, 0, wib))
	f.remind(other)
	var en, idn int
	for _, n := range f.notes(id) {
		switch {
		case n.UserID == f.petugas.UserID && n.Title == "Deadline passed: "+number:
			en++
			if !strings.Contains(n.Body, "has passed its service deadline (11 March 2026 16:00 WIB)") {
				t.Errorf("English reminder body = %q", n.Body)
			}
			if w := indonesianWords.FindAllString(n.Body, -1); len(w) > 0 {
				t.Errorf("English reminder has Indonesian words %v: %q", w, n.Body)
			}
		case n.UserID == f.kepala.UserID && n.Title == "Eskalasi tenggat: "+number:
			idn++
			if !strings.Contains(n.Body, "melewati tenggat layanan (11 Maret 2026 16.00 WIB) dan belum ditindaklanjuti petugas.") {
				t.Errorf("Indonesian escalation body = %q", n.Body)
			}
		}
	}
	if en != 1 || idn != 1 {
		t.Fatalf("English overdue reminders %d, Indonesian escalations %d; want 1 each", en, idn)
	}
	for _, m := range f.mails() {
		if m.To == f.petugas.Email && m.Subject == "[Hak Akses] Deadline passed: "+number {
			if !strings.HasPrefix(m.Body, "Dear ") || !strings.Contains(m.Body, "Account → Reminders") {
				t.Errorf("English reminder e-mail = %q", m.Body)
			}
			if w := indonesianWords.FindAllString(withoutServiceName(m.Body), -1); len(w) > 0 {
				t.Errorf("English reminder e-mail has Indonesian words %v: %q", w, m.Body)
			}
			return
		}
	}
	t.Fatal("no English reminder e-mail to the petugas")
}
