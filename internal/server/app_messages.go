package server

import (
	"net/http"
	"regexp"
)

// internal/app words its refusals in Indonesian (the language of the
// regulation, and of its own tests). Pages in English translate the ones they
// know at the edge, by the exact message, to a catalogue key; a message not
// listed here shows as it is, Indonesian, rather than not at all. The
// Indonesian page therefore shows the app's text byte for byte.
var appMessageKeys = map[string]string{
	// Onboarding and the national holiday calendar (internal/app/admin.go).
	"Kode wilayah wajib diisi, contoh: 16.01.":                                                       "app.region_code_required",
	"Alamat singkat wajib diisi, contoh: oku.":                                                       "app.slug_required",
	"Alamat singkat 2–40 karakter: huruf kecil, angka, atau tanda hubung, diawali huruf atau angka.": "app.slug_format",
	"Nama Kepala Disdukcapil wajib diisi.":                                                           "app.onboard_kepala_name_required",
	"E-mail Kepala Disdukcapil wajib diisi.":                                                         "app.onboard_kepala_email_required",
	"Tenant belum dapat diaktifkan. Periksa isian yang ditandai.":                                    "app.tenant_invalid",
	"Tenant belum dapat diaktifkan.":                                                                 "app.tenant_not_activated",
	"Alamat singkat ini sudah dipakai tenant lain.":                                                  "app.slug_taken",
	"Pilih libur nasional atau cuti bersama.":                                                        "app.choose_holiday_kind",
	"Keterangan wajib diisi, contoh: Hari Raya Idul Fitri 1448 Hijriah.":                             "app.holiday_national_description_required",
	"Hari libur belum dapat disimpan.":                                                               "app.holiday_not_saved",
	"Hari libur belum dapat dihapus.":                                                                "app.holiday_not_deleted",
	"Sumber wajib diisi, contoh: SKB 3 Menteri 2027 (nomor dan tanggal).":                            "app.source_required",
	"Tahun belum dapat ditandai lengkap.":                                                            "app.year_not_published",
	// Settings, staff, holidays, emblem and webhook (internal/app/settings.go, webhook_url.go).
	"Nama kepala daerah wajib diisi.":                                               "app.head_name_required_region",
	"Nama Kepala Dinas wajib diisi.":                                                "app.kepala_name_required",
	"Pangkat/golongan Kepala Dinas wajib diisi, contoh: Pembina Utama Muda (IV/c).": "app.kepala_rank_required",
	"Kota tempat surat dibuat wajib diisi.":                                         "app.city_required",
	"Alamat kantor wajib diisi untuk kop surat.":                                    "app.office_address_required",
	"Kode klasifikasi wajib diisi, contoh: 400.12.4.4.":                             "app.letter_code_required",
	"Kode unit wajib diisi, contoh: DUKCAPIL.OKI.":                                  "app.unit_code_required",
	"Format nomor surat wajib diisi.":                                               "app.letter_template_required",
	"Pilih Bupati atau Wali Kota.":                                                  "app.choose_head_title",
	"NIP Kepala Dinas wajib diisi.":                                                 "app.kepala_nip_required",
	"NIP terdiri atas 18 angka, contoh: 19700512 199503 1 002.":                     "app.nip_format",
	"Format nomor surat harus memuat {urut} dan {tahun}, agar setiap nomor unik.":   "settings.template_invalid",
	"Format memuat token yang tidak dikenal. Token yang tersedia: {kode} {urut} {jenis} {unit} {bulan_romawi} {tahun}.": "app.template_unknown_token",
	"Jam tutup harus sesudah jam buka.":                                                "app.close_after_open",
	"Pengaturan belum dapat disimpan. Periksa isian yang ditandai.":                    "app.settings_invalid",
	"Anda tidak dapat menonaktifkan atau mengaktifkan akun Anda sendiri.":              "app.own_account",
	"Keterangan hari libur wajib diisi, contoh: Hari Jadi Kabupaten.":                  "app.holiday_description_required",
	"Hari libur lokal belum dapat ditambahkan.":                                        "app.holiday_not_added",
	"Tanggal ini sudah tercatat sebagai hari libur lokal.":                             "app.holiday_exists",
	"Hari libur lokal belum dapat dihapus.":                                            "app.holiday_not_removed",
	"Tanggal wajib diisi.":                                                             "app.date_required",
	"Tahun harus antara 2000 dan 2100.":                                                "app.year_range",
	"Lambang daerah harus berkas PNG.":                                                 "app.lambang_png",
	"Unggah lambang daerah dalam format PNG.":                                          "app.lambang_upload_png",
	"Pilih berkas lambang daerah.":                                                     "app.lambang_choose",
	"Pilih berkas PNG lambang daerah.":                                                 "app.lambang_choose_png",
	"Alamat webhook wajib diisi, contoh: https://sistem.dinas.go.id/hakakses/webhook.": "app.webhook_required",
	"Alamat webhook tidak dapat dibaca. Tulis alamat lengkap, contoh: https://sistem.dinas.go.id/hakakses/webhook.":       "app.webhook_unreadable",
	"Alamat webhook tidak boleh memuat nama pengguna atau kata sandi; penerima memeriksa tanda tangan Webhook-Signature.": "app.webhook_userinfo",
	"Alamat webhook tidak boleh memuat bagian setelah tanda #.":                                                           "app.webhook_fragment",
	"Alamat webhook harus diawali https:// agar isi dan tanda tangannya tidak terbaca di jalan.":                          "app.webhook_https",
	"Alamat webhook tidak memuat nama host.":                                                                              "app.webhook_host",
	"Nomor port pada alamat webhook tidak sah.":                                                                           "app.webhook_port",
	"Alamat webhook mengarah ke jaringan internal atau alamat khusus; gunakan alamat publik.":                             "app.webhook_private",
	"Alamat webhook harus memakai nama domain publik (contoh: sistem.dinas.go.id), bukan nama jaringan internal.":         "app.webhook_internal_name",
	"Nama rekan wajib diisi.":                                           "app.colleague_name_required",
	"E-mail rekan wajib diisi.":                                         "app.colleague_email_required",
	"Akun rekan belum dapat dibuat.":                                    "app.colleague_not_created",
	"Nama petugas wajib diisi.":                                         "app.officer_name_required",
	"E-mail petugas wajib diisi.":                                       "app.officer_email_required",
	"Akun petugas belum dapat dibuat.":                                  "app.officer_not_created",
	"E-mail ini sudah dipakai akun lain.":                               "app.email_taken",
	"Pendaftaran belum dapat disimpan. Periksa isian yang ditandai.":    "app.registration_invalid",
	"Pilih jenis lembaga: perangkat daerah atau badan hukum Indonesia.": "app.choose_institution_type",
	"Nama lembaga wajib diisi.":                                         "app.institution_name_required",
	"Alamat lembaga wajib diisi.":                                       "app.institution_address_required",
	"Nama pimpinan wajib diisi.":                                        "app.head_name_required",
	"Jabatan pimpinan wajib diisi.":                                     "app.head_position_required",
	"Nomor telepon lembaga wajib diisi.":                                "app.phone_required",
	"NIP pimpinan terdiri atas 18 angka.":                               "app.nip_digits",
	"E-mail lembaga wajib diisi.":                                       "app.institution_email_required",
	"Nama Anda wajib diisi.":                                            "app.your_name_required",
	"E-mail untuk masuk wajib diisi.":                                   "app.login_email_required",
	"Alamat e-mail tidak valid, contoh: nama@instansi.go.id.":           "app.email_invalid",
	"Alamat tautan harus diawali http:// atau https://, contoh: https://www.lapor.go.id.": "app.url_invalid",
	"Beri nama token (paling banyak 100 karakter).":                                       "app.token_name",
	"Wajib diisi, paling banyak 100 karakter.":                                            "app.required_max_100",
	pendingExpired: "app.pending_expired",
	"Sesi masuk Anda berakhir. Silakan masuk kembali dengan surel dan kata sandi.":                                           "app.sign_in_ended",
	"Kode verifikasi ini sudah dipakai. Tunggu kode berikutnya di aplikasi autentikator Anda, lalu masukkan kode yang baru.": "app.code_reused",
	"Kode verifikasi belum benar.":                                "app.code_not_right",
	"Masukkan 6 angka yang tampil di aplikasi autentikator Anda.": "app.enter_six_digits",
	"Autentikasi dua langkah akun ini sudah aktif.":               "app.twofa_already_on",
	"Surel atau kata sandi salah.":                                "app.wrong_credentials",
	"Isi surel dan kata sandi.":                                   "app.fill_email_password",
	"Isi alamat e-mail akun Anda.":                                "app.fill_email",
	"Kata sandi saat ini salah.":                                  "app.current_password_wrong",
	"Kata sandi baru belum dapat disimpan.":                       "app.password_not_saved",
	"Konfirmasi kata sandi tidak sama.":                           "app.confirm_mismatch",
	"Kata sandi minimal 10 karakter.":                             "app.password_short",
	"Kata sandi terlalu panjang (maksimal 256 karakter).":         "app.password_long",
	"Kata sandi ini termasuk yang paling sering dipakai atau mudah ditebak. Pilih kata sandi lain.":        "app.password_common",
	"Kata sandi tidak boleh memuat e-mail atau nama Anda.":                                                 "app.password_personal",
	"Terlalu banyak permintaan atur ulang kata sandi dari alamat jaringan Anda. Coba lagi dalam satu jam.": "app.reset_rate_limited",
	"Tautan ini tidak berlaku lagi: sudah dipakai atau kedaluwarsa. Minta tautan baru dari halaman masuk.": "auth.reset_link_invalid",
	"Kode verifikasi salah. Periksa kode di aplikasi autentikator Anda lalu coba lagi.":                    "app.wrong_code",
	"Kode pemulihan salah atau sudah pernah dipakai.":                                                      "app.wrong_recovery_code",
	"Isi kode verifikasi dari aplikasi autentikator Anda, atau salah satu kode pemulihan.":                 "app.fill_code_or_recovery",
	"Isi kode verifikasi.":   "app.fill_code",
	"Kode verifikasi salah.": "app.wrong_code_short",
	"Kode tidak cocok. Pastikan jam ponsel Anda tepat, lalu masukkan kode yang sedang tampil.": "app.code_mismatch",
	"Terlalu banyak pendaftaran dari alamat jaringan Anda. Coba lagi dalam satu jam.":          "app.registration_rate_limited",
}

// appMessagePatterns are the messages with a number in them.
var appMessagePatterns = []struct {
	re  *regexp.Regexp
	key string
}{
	{regexp.MustCompile(`^Terlalu panjang \(maksimal (\d+) karakter\)\.$`), "app.too_long"},
}

// throttled is internal/app's checkThrottle refusal: what was tried ("masuk",
// "kode verifikasi") in one of three sentences, the second with a wait.
var throttled = regexp.MustCompile(`^(?:Terlalu banyak percobaan (masuk|kode verifikasi) yang gagal dari alamat jaringan Anda\. Coba lagi dalam 15 menit\.` +
	`|Terlalu banyak percobaan (masuk|kode verifikasi) yang gagal\. Coba lagi dalam (\d+) (menit|detik)\.` +
	`|Akun ini dikunci sementara karena terlalu banyak percobaan (masuk|kode verifikasi) yang gagal\. Pemilik akun telah kami kirimi e-mail berisi tautan untuk membuka kuncinya\.)$`)

// throttledText is a throttled match in the request's language.
func throttledText(r *http.Request, m []string) string {
	what := func(s string) string {
		return tr(r, "app.attempt_"+map[string]string{"masuk": "signin", "kode verifikasi": "code"}[s])
	}
	switch {
	case m[1] != "":
		return tr(r, "app.throttled_client", "What", what(m[1]))
	case m[2] != "":
		unit := "app.wait_minutes"
		if m[4] == "detik" {
			unit = "app.wait_seconds"
		}
		return tr(r, "app.throttled_pair", "What", what(m[2]), "Wait", tr(r, unit, "Count", m[3]))
	default:
		return tr(r, "app.throttled_account", "What", what(m[5]))
	}
}

// webhookNotSaved is SaveWebhook's refusal: a fixed lead and the URL check's message.
var webhookNotSaved = regexp.MustCompile(`^Webhook belum dapat disimpan\. (.+)$`)

// appText is an internal/app message in the request's language.
func appText(r *http.Request, msg string) string {
	if key, ok := appMessageKeys[msg]; ok {
		return tr(r, key)
	}
	if m := throttled.FindStringSubmatch(msg); m != nil {
		return throttledText(r, m)
	}
	if m := webhookNotSaved.FindStringSubmatch(msg); m != nil {
		return tr(r, "app.webhook_not_saved", "Reason", appText(r, m[1]))
	}
	for _, p := range appMessagePatterns {
		if m := p.re.FindStringSubmatch(msg); m != nil {
			return tr(r, p.key, "Max", m[1])
		}
	}
	return msg
}

// appFields is a refused form's field messages in the request's language.
func appFields(r *http.Request, fields map[string]string) map[string]string {
	if len(fields) == 0 {
		return fields
	}
	out := make(map[string]string, len(fields))
	for k, v := range fields {
		out[k] = appText(r, v)
	}
	return out
}
