package server

import "net/http"

// internal/app words its refusals in Indonesian (the language of the
// regulation, and of its own tests). Pages in English translate the ones they
// know at the edge, by the exact message, to a catalogue key; a message not
// listed here shows as it is, Indonesian, rather than not at all. The
// Indonesian page therefore shows the app's text byte for byte.
var appMessageKeys = map[string]string{
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

// appText is an internal/app message in the request's language.
func appText(r *http.Request, msg string) string {
	if key, ok := appMessageKeys[msg]; ok {
		return tr(r, key)
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
