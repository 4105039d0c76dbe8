package letters

import (
	"strconv"
	"time"

	"github.com/hakakses/hakakses/internal/idfmt"
)

// Receipt is what the bukti pengajuan prints: the lembaga's proof that its
// request reached the Disdukcapil, and when the Disdukcapil must have acted.
type Receipt struct {
	Number       string    // the application number (HA-…)
	TrackingCode string    // with the number, shows the stage on the public tracking page
	Institution  string    // the lembaga pengguna
	Submitted    time.Time // the (latest) submission, in the office's zone
	Deadline     time.Time // end of the verify-and-forward clock, in the office's zone
	Zone         string    // "WIB", "WITA" or "WIT"
	TargetDays   int       // the service standard in working days (2)
	Resubmission bool      // submitted again after a return: the clock started afresh
	TrackURL     string    // the public tracking page
}

// SubmissionReceipt writes the one-page bukti pengajuan of a submitted
// application on the office's letterhead: number, tracking code, institution,
// the Disdukcapil it went to, the instant it was submitted, the deadline of the
// office's verification under the service standard, and what happens next. It
// is a product's receipt, not a letter: no number of the office's sequence and
// no signature.
func SubmissionReceipt(office Office, r Receipt) ([]byte, error) {
	missing := office.missing()
	if cleanLine(r.Number) == "" {
		missing = append(missing, "nomor permohonan")
	}
	if cleanLine(r.TrackingCode) == "" {
		missing = append(missing, "kode lacak")
	}
	if cleanLine(r.Institution) == "" {
		missing = append(missing, ItemNamaPengguna)
	}
	if r.Submitted.IsZero() {
		missing = append(missing, "waktu pengajuan")
	}
	if r.Deadline.IsZero() {
		missing = append(missing, "batas waktu layanan")
	}
	if err := incomplete("bukti pengajuan", missing); err != nil {
		return nil, err
	}
	d := newDoc(docInfo{
		title:    "Bukti Pengajuan Permohonan " + cleanLine(r.Number),
		subject:  "Bukti pengajuan permohonan hak akses pemanfaatan data kependudukan",
		author:   office.fullOfficeName(),
		created:  r.Submitted,
		keywords: "Hak Akses " + cleanLine(r.Number),
	})
	if err := d.kop(office); err != nil {
		return nil, err
	}
	d.centered("BU", 13, 6.2, "BUKTI PENGAJUAN PERMOHONAN")
	d.centered("B", bodyPt, lh, "KERJA SAMA PEMANFAATAN DATA KEPENDUDUKAN MELALUI HAK AKSES")
	d.gap(6)
	d.paragraph(0, "Permohonan berikut telah diterima melalui aplikasi Hak Akses:")
	d.gap(2)
	submitted := Weekday(r.Submitted) + ", " + idfmt.Date(r.Submitted) + " pukul " + idfmt.Clock(r.Submitted) + " " + r.Zone
	deadline := Weekday(r.Deadline) + ", " + idfmt.Date(r.Deadline) + " pukul " + idfmt.Clock(r.Deadline) + " " + r.Zone
	kind := "Diajukan"
	if r.Resubmission {
		kind = "Diajukan kembali"
	}
	days := strconv.Itoa(r.TargetDays) + " (" + Terbilang(int64(r.TargetDays)) + ") hari kerja"
	d.fields(0, 52, []field{
		{"Nomor permohonan", r.Number},
		{"Kode lacak", r.TrackingCode},
		{"Lembaga pengguna", r.Institution},
		{"Ditujukan kepada", office.fullOfficeName()},
		{kind, submitted},
		{"Standar pelayanan", days + ", tanpa biaya"},
		{"Batas waktu verifikasi", deadline},
	})
	d.gap(5)
	d.font("B", bodyPt)
	d.paragraph(0, "Langkah selanjutnya")
	d.font("", bodyPt)
	d.gap(1)
	steps := []string{
		"Disdukcapil memeriksa kelengkapan permohonan dan meneruskannya kepada Direktur Jenderal Kependudukan dan " +
			"Pencatatan Sipil dengan surat pengantar atas nama " + office.headOfRegion() + ", paling lambat " + deadline + ".",
		"Bila ada yang belum lengkap, permohonan dikembalikan beserta alasannya. Perbaiki isian atau lampiran, lalu ajukan " +
			"kembali; batas waktu " + days + " dihitung ulang sejak pengajuan kembali.",
		"Direktur Jenderal Dukcapil memutuskan persetujuan pemanfaatan data. Waktu menunggu keputusan Dirjen tidak " +
			"termasuk standar pelayanan Disdukcapil.",
		"Setelah disetujui, Disdukcapil menyiapkan draf Perjanjian Kerja Sama (PKS) dan Petunjuk Teknis (Juknis) " +
			"untuk dibahas dan ditandatangani bersama.",
	}
	for i, s := range steps {
		d.item(0, strconv.Itoa(i+1)+".", s)
		d.gap(0.8)
	}
	d.gap(3)
	track := "Pantau tahap permohonan pada halaman lacak Disdukcapil"
	if u := cleanLine(r.TrackURL); u != "" {
		track += " (" + u + ")"
	}
	d.paragraph(0, track+" dengan nomor permohonan dan kode lacak di atas. Simpan bukti ini dan jangan bagikan kode "+
		"lacaknya: siapa pun yang memegang keduanya dapat melihat tahap permohonan (bukan isinya).")
	d.gap(6)
	d.font("I", 10)
	d.paragraph(0, "Bukti ini dibuat otomatis oleh aplikasi Hak Akses pada saat pengajuan dan tidak memerlukan tanda tangan. "+
		"Hari kerja dihitung menurut kalender kerja "+office.fullOfficeName()+" (hari libur nasional, cuti bersama dan libur daerah tidak dihitung).")
	d.font("", bodyPt)
	return d.bytes()
}
