package app

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hakakses/hakakses/internal/i18n"
	"github.com/hakakses/hakakses/internal/workflow"
)

// noticeTexts is every notice text of the action definitions by its catalogue
// key (noticeKey), with the Indonesian literal the definition gives.
func noticeTexts() map[string]string {
	out := map[string]string{}
	for ev, d := range actions {
		n := d.Notice
		if len(n.to) == 0 && len(n.alsoFrom) == 0 {
			continue
		}
		out[noticeKey(ev, "what")] = n.what
		for aud, s := range n.next {
			out[noticeKey(ev, "next."+aud.key())] = s
		}
		for st, r := range n.after {
			out[noticeKey(ev, "after."+string(st)+".title")] = r.title
			out[noticeKey(ev, "after."+string(st)+".what")] = r.what
		}
	}
	return out
}

var placeholder = regexp.MustCompile(`\{[A-Za-z]+\}`)

// The catalogue's Indonesian is the definitions' own text, character for
// character, and the English keeps every placeholder the Indonesian has.
func TestNoticeCatalogueMatchesActions(t *testing.T) {
	id, en := i18n.For(i18n.ID), i18n.For(i18n.EN)
	texts := noticeTexts()
	if len(texts) < 50 {
		t.Fatalf("only %d notice texts found; the action definitions did not register?", len(texts))
	}
	for key, want := range texts {
		if got := id.T(key); got != want {
			t.Errorf("%s: catalogue has %q, the action definition %q", key, got, want)
		}
		eng := en.T(key)
		if eng == key || eng == want {
			t.Errorf("%s: no English text (%q)", key, eng)
		}
		ph := placeholder.FindAllString(want, -1)
		slices.Sort(ph)
		got := placeholder.FindAllString(eng, -1)
		slices.Sort(got)
		if !slices.Equal(slices.Compact(ph), slices.Compact(got)) {
			t.Errorf("%s: English placeholders %v, Indonesian %v", key, got, ph)
		}
	}
}

// legacyMessage and legacyMailBody are the composition before the catalogue,
// kept verbatim so that the Indonesian output is shown unchanged.
func legacyMessage(m messageContext, aud audience) (title, body string) {
	n := m.def.Notice
	app := fmt.Sprintf("permohonan %s dari %s", m.number, m.institution)
	if aud == toDirjen && !n.officeNamed {
		app = fmt.Sprintf("permohonan %s dari %s (Disdukcapil %s)", m.number, m.institution, m.tenant)
	}
	fill := strings.NewReplacer("{App}", capital(app), "{app}", app, "{tenant}", m.tenant, "{actor}", m.actor,
		"{deadline}", fmt.Sprintf("paling lambat %d hari kerja (standar pelayanan)", m.slaDays))
	title, what := m.def.Event.HistoryLabel(), n.what
	if r, ok := n.after[m.from]; ok {
		title, what = r.title, r.what
	}
	next, ok := n.next[aud]
	if !ok {
		next = n.next[anyone]
	}
	parts := []string{fill.Replace(what)}
	if m.reason != "" {
		parts = append(parts, "Alasan: "+strings.TrimRight(m.reason, ".")+".")
	}
	parts = append(parts, "Langkah berikutnya: "+fill.Replace(next))
	return title + ": " + m.number, strings.Join(parts, " ")
}

func legacyMailBody(baseURL, name, body, link string, aud audience, tenant string) string {
	url := strings.TrimRight(baseURL, "/") + link
	sender := "Disdukcapil " + tenant
	if aud == toDirjen {
		sender = "Ditjen Dukcapil Kemendagri"
	}
	return fmt.Sprintf("Yth. %s,\n\n%s\n\nBuka permohonan: %s\n\nSalam,\nHak Akses — %s\n\n"+
		"E-mail ini dikirim otomatis oleh layanan Kerjasama Pemanfaatan Data Kependudukan Melalui Hak Akses; mohon tidak dibalas.\n",
		name, body, url, sender)
}

// Every action's message to every party, with and without a reason, by a person
// and by the system, after a return and not: the Indonesian from the catalogue
// is byte for byte what the literals gave; the English is another text.
func TestIndonesianMessagesAreTheFormerText(t *testing.T) {
	a := &App{BaseURL: "https://hakakses.example.go.id/"}
	id, en := i18n.For(i18n.ID), i18n.For(i18n.EN)
	var compared int
	for ev, def := range actions {
		if len(def.Notice.audiences(workflow.State("x"))) == 0 && len(def.Notice.alsoFrom) == 0 {
			continue
		}
		for _, from := range []workflow.State{workflow.State("draft"), workflow.State("returned")} {
			for _, reason := range []string{"", "Berkas belum lengkap."} {
				for _, p := range []Principal{{Name: "Siti Rahma", Role: workflow.RoleLembaga}, {Role: workflow.RoleSystem}} {
					mc := messageContext{def: def, from: from, number: "HA-2026-0007", institution: "Dinas Kesehatan",
						tenant: "Kabupaten OKI", actor: actorName(p), system: isSystemActor(p), reason: reason, slaDays: 5}
					for _, aud := range []audience{toLembaga, toStaff, toDirjen} {
						wantTitle, wantBody := legacyMessage(mc, aud)
						title, body := mc.message(aud, id)
						if title != wantTitle || body != wantBody {
							t.Fatalf("%s from %s to %s:\n got %q / %q\nwant %q / %q", ev, from, aud.key(), title, body, wantTitle, wantBody)
						}
						link := applicationLink(aud, "oki", 7)
						if got, want := a.mailBody(id, "Budi", body, link, aud, "Kabupaten OKI"),
							legacyMailBody(a.BaseURL, "Budi", body, link, aud, "Kabupaten OKI"); got != want {
							t.Fatalf("%s mail body:\n got %q\nwant %q", ev, got, want)
						}
						enTitle, enBody := mc.message(aud, en)
						if enTitle == title || enBody == body || !strings.Contains(enBody, "Next step: ") {
							t.Errorf("%s to %s: English %q / %q", ev, aud.key(), enTitle, enBody)
						}
						compared++
					}
				}
			}
		}
	}
	if compared < 100 {
		t.Fatalf("compared only %d messages", compared)
	}
}

// The account e-mails from the catalogue are, in Indonesian, the former text.
func TestIndonesianAccountMailsAreTheFormerText(t *testing.T) {
	id := userLocalizer(nil)
	name, base, token := "Siti Rahma", "https://hakakses.example.go.id", "abc_DEF-123"
	reset := "Yth. " + name + ",\n\nAda permintaan untuk mengatur ulang kata sandi akun Hak Akses Anda. " +
		"Buat kata sandi baru melalui tautan berikut (berlaku 1 jam, sekali pakai):\n\n" +
		base + "/atur-ulang-kata-sandi?token=" + token + "\n\n" +
		"Bila Anda tidak memintanya, abaikan e-mail ini: kata sandi Anda tidak berubah."
	if got := id.T("mail.reset.body", "Name", name, "URL", base+"/atur-ulang-kata-sandi?token="+token); got != reset {
		t.Errorf("reset body:\n got %q\nwant %q", got, reset)
	}
	unlock := "Yth. " + name + ",\n\nAkun Hak Akses Anda dikunci sementara karena terlalu banyak percobaan masuk yang gagal. " +
		"Bila itu Anda, buka kunci akun melalui tautan berikut (berlaku 24 jam, sekali pakai):\n\n" +
		base + "/buka-kunci?token=" + token + "\n\n" +
		"Bila bukan Anda, seseorang sedang mencoba menebak kata sandi Anda: setelah membuka kunci, segera ganti kata sandi."
	if got := id.T("mail.unlock.body", "Name", name, "URL", base+"/buka-kunci?token="+token); got != unlock {
		t.Errorf("unlock body:\n got %q\nwant %q", got, unlock)
	}
	if id.T("mail.reset.subject") != "Atur ulang kata sandi Hak Akses" || id.T("mail.unlock.subject") != "Buka kunci akun Hak Akses" {
		t.Error("account e-mail subjects changed")
	}
	empty := ""
	if userLocalizer(&empty).Lang() != i18n.ID {
		t.Error("an empty language is not Indonesian")
	}
}

// The registration e-mails from the catalogue are, in Indonesian, the former text.
func TestIndonesianRegistrationMailsAreTheFormerText(t *testing.T) {
	id := userLocalizer(nil)
	userName, inst, tenant, base, token := "Budi", "RSU Kayuagung", "Kabupaten OKI", "https://hakakses.example.go.id", "tok"
	activate := "Yth. " + userName + ",\n\nPendaftaran " + inst + " di Hak Akses Disdukcapil " + tenant + " sudah kami terima. " +
		"Aktifkan akun Anda melalui tautan berikut (berlaku 7 hari, sekali pakai), lalu masuk dengan e-mail dan kata sandi yang Anda buat:\n\n" +
		base + "/aktifkan?token=" + token + "\n\nLembaga Anda akan diverifikasi oleh petugas Disdukcapil."
	if got := id.T("mail.activate.body", "Name", userName, "Institution", inst, "Tenant", tenant, "URL", base+"/aktifkan?token="+token); got != activate {
		t.Errorf("activation body:\n got %q\nwant %q", got, activate)
	}
	taken := "Seseorang mencoba mendaftarkan lembaga di Hak Akses dengan alamat e-mail ini, yang sudah memiliki akun. " +
		"Tidak ada yang berubah pada akun Anda. Bila itu Anda, masuklah di " + base + "/masuk; " +
		"bila Anda lupa kata sandi, gunakan tautan \"Lupa kata sandi\" di halaman masuk. Bila bukan Anda, abaikan e-mail ini."
	if got := id.T("mail.taken.body", "SignIn", base+"/masuk"); got != taken {
		t.Errorf("taken-address body:\n got %q\nwant %q", got, taken)
	}
	if id.T("mail.activate.subject") != "Aktifkan akun Hak Akses Anda" || id.T("mail.taken.subject") != "Percobaan pendaftaran dengan e-mail Anda" {
		t.Error("registration e-mail subjects changed")
	}
}

// The institution decisions from the catalogue are, in Indonesian, the former text.
func TestIndonesianInstitutionNoticesAreTheFormerText(t *testing.T) {
	id := userLocalizer(nil)
	reason := "Tidak melayani publik."
	for _, c := range [][2]string{
		{id.T("mail.inst_verified.title"), "Lembaga Anda telah diverifikasi"},
		{id.T("mail.inst_verified.body"), "Pendaftaran lembaga Anda telah diverifikasi oleh Disdukcapil. Anda sekarang dapat mengajukan permohonan hak akses."},
		{id.T("mail.inst_refused.title"), "Pendaftaran lembaga ditolak"},
		{id.T("mail.inst_refused.body", "Reason", reason), "Pendaftaran lembaga Anda ditolak oleh Disdukcapil. Alasan: " + reason},
		{id.T("mail.inst.body", "Name", "Budi", "Body", "Isi.", "URL", "https://x.test/oki/lembaga/", "Tenant", "Kabupaten OKI"),
			"Yth. Budi,\n\nIsi.\n\nhttps://x.test/oki/lembaga/\n\nDisdukcapil Kabupaten OKI"},
	} {
		if c[0] != c[1] {
			t.Errorf("got %q, want %q", c[0], c[1])
		}
	}
}

// The reminders from the catalogue are, in Indonesian, the former text.
func TestIndonesianRemindersAreTheFormerText(t *testing.T) {
	id := userLocalizer(nil)
	wib := time.FixedZone("WIB", 7*3600)
	at := time.Date(2026, 3, 11, 16, 0, 0, 0, wib)
	if got, want := localTime(id, at, wib), formatLocal(at, wib); got != want || want != "11 Maret 2026 16.00 WIB" {
		t.Errorf("localTime = %q, formatLocal = %q", got, want)
	}
	if got, want := dateIn(id, at), formatDate(at); got != want {
		t.Errorf("dateIn = %q, formatDate = %q", got, want)
	}
	n, inst, due, name := "HA-1", "Dinas Kesehatan", formatLocal(at, wib), "RSU Sehat"
	for _, c := range [][2]string{
		{id.T("rem.overdue.title", "Number", n), "Tenggat terlampaui: " + n},
		{id.T("rem.overdue.body", "Number", n, "Institution", inst, "Due", due),
			fmt.Sprintf("Permohonan %s dari %s melewati tenggat layanan (%s). Segera tindak lanjuti.", n, inst, due)},
		{id.T("rem.escalation.title", "Number", n), "Eskalasi tenggat: " + n},
		{id.T("rem.escalation.body", "Number", n, "Institution", inst, "Due", due),
			fmt.Sprintf("Permohonan %s dari %s melewati tenggat layanan (%s) dan belum ditindaklanjuti petugas.", n, inst, due)},
		{id.T("rem.due_soon.title", "Number", n), "Tenggat kurang dari satu jam kerja: " + n},
		{id.T("rem.due_soon.body", "Number", n, "Institution", inst, "Due", due), fmt.Sprintf("Permohonan %s dari %s jatuh tempo %s.", n, inst, due)},
		{id.T("rem.registration.title", "Name", name), "Pendaftaran lembaga baru: " + name},
		{id.T("rem.registration.body", "Name", name, "Due", due), fmt.Sprintf("%s mendaftar dan menunggu verifikasi, paling lambat %s.", name, due)},
		{id.T("rem.registration_overdue.title", "Name", name), "Verifikasi lembaga terlambat: " + name},
		{id.T("rem.registration_overdue.body", "Name", name, "Due", due), fmt.Sprintf("Pendaftaran %s belum diverifikasi melewati tenggat %s.", name, due)},
		{id.T("rem.pks_end.title", "Days", 30, "Number", n), fmt.Sprintf("PKS berakhir dalam %d hari: %s", 30, n)},
		{id.T("rem.pks_end.body", "Number", n, "Institution", inst, "End", "9 Maret 2028", "Count", 1),
			fmt.Sprintf("Perjanjian kerja sama %s (%s) berlaku sampai %s (%d hari lagi). Ajukan perpanjangan bila akses masih diperlukan.", n, inst, "9 Maret 2028", 1)},
		{id.T("rem.report_due.title", "Number", n), "Laporan semester wajib disampaikan: " + n},
		{id.T("rem.report_due.body", "Number", n, "Due", "9 Maret 2028"),
			fmt.Sprintf("Semester PKS %s telah berakhir. Sampaikan laporan penggunaan data paling lambat %s.", n, "9 Maret 2028")},
		{id.T("rem.report_late.title", "Number", n), "Laporan semester terlambat: " + n},
		{id.T("rem.report_late.body", "Institution", inst, "Count", 1, "Due", 2, "Number", n),
			fmt.Sprintf("%s belum menyampaikan %d dari %d laporan semester PKS %s yang telah jatuh tempo.", inst, 1, 2, n)},
		{id.T("rem.survey.title", "Number", n), "Survei Kepuasan Masyarakat: " + n},
		{id.T("rem.survey.body", "Number", n), fmt.Sprintf("Layanan permohonan %s telah selesai. Mohon luangkan dua menit untuk menilai pelayanan kami "+
			"dalam sembilan unsur Survei Kepuasan Masyarakat (PermenPANRB 14/2017).", n)},
		{id.T("rem.mail", "Name", "Budi", "Body", "Isi.", "URL", "https://x.test/a", "Sender", "Disdukcapil OKI"),
			fmt.Sprintf("Yth. %s,\n\n%s\n\nBuka: %s\n\nSalam,\nHak Akses — %s\n\n"+
				"E-mail ini dikirim otomatis oleh layanan Kerjasama Pemanfaatan Data Kependudukan Melalui Hak Akses; mohon tidak dibalas.\n"+
				"Anda dapat memilih pengingat hanya di aplikasi pada halaman Akun → Pengingat.\n", "Budi", "Isi.", "https://x.test/a", "Disdukcapil OKI")},
		{id.T("rem.digest.title", "Count", 3), fmt.Sprintf("Ringkasan harian: %d permohonan menunggu", 3)},
		{id.T("rem.digest.lead", "Count", 3), fmt.Sprintf("%d permohonan menunggu keputusan Direktur Jenderal:\n", 3)},
		{id.T("rem.digest.item", "Number", n, "Institution", inst, "Tenant", "OKI", "What", id.T("rem.digest.what_dwh"), "Since", "9 Maret 2028"),
			fmt.Sprintf("\n- %s, %s (%s): menunggu %s sejak %s", n, inst, "OKI", "persetujuan akses DWH", "9 Maret 2028")},
		{id.T("rem.digest.what_approval"), "persetujuan"},
		{id.T("rem.digest.more", "Count", 4), fmt.Sprintf("\n- dan %d lainnya", 4)},
		{id.T("rem.digest.mail", "Name", "Budi", "Body", "Isi.", "URL", "https://x.test/dirjen/"),
			fmt.Sprintf("Yth. %s,\n\n%s\n\nBuka: %s\n\nSalam,\nHak Akses\n", "Budi", "Isi.", "https://x.test/dirjen/")},
	} {
		if c[0] != c[1] {
			t.Errorf("got %q\nwant %q", c[0], c[1])
		}
	}
	en := i18n.For(i18n.EN)
	if got := localTime(en, at, wib); got != "11 March 2026 16:00 WIB" {
		t.Errorf("English localTime = %q", got)
	}
}
