package app

import (
	"bytes"
	"crypto/sha256"
	"github.com/hakakses/hakakses/internal/idfmt"
	"path/filepath"
	"strings"
	"unicode"
)

// Document kinds: what each stored file is. Generated ones are produced by the
// product; the others are uploaded.
const (
	DocRequestLetter   = "surat_permohonan"             // item 1, lembaga
	DocAktaPendirian   = "akta_pendirian"               // badan hukum
	DocSKKemenkumham   = "sk_kemenkumham"               // badan hukum
	DocIzinUsaha       = "izin_usaha"                   // badan hukum
	DocSuratDomisili   = "surat_domisili"               // badan hukum
	DocEligibility     = "surat_pernyataan_badan_hukum" // item 11b, badan hukum: signed statement
	DocRecommendation  = "rekomendasi_instansi_pembina" // item 11b, badan hukum: supervising authority
	DocForwarding      = "surat_pengantar_dirjen"       // item 2, generated
	DocDirjenApproval  = "surat_persetujuan_dirjen"     // item 3, Dirjen
	DocDirjenRejection = "surat_penolakan_dirjen"       // items 3/7, Dirjen
	DocPKSDraft        = "draf_pks"                     // item 4a, generated
	DocJuknisDraft     = "draf_juknis"                  // item 4b, generated
	DocSignedPKS       = "pks_ditandatangani"           // item 11, scan
	DocSignedJuknis    = "juknis_ditandatangani"        // item 11, scan
	DocUserIDRequest   = "surat_permohonan_user_id"     // item 4c, lembaga
	DocClosedNetwork   = "pernyataan_jaringan_tertutup" // item 4c/4d, lembaga
	DocDWHRequest      = "surat_permohonan_akses_dwh"   // item 4d, generated
	DocDWHApproval     = "surat_persetujuan_akses_dwh"  // item 5, Dirjen (optional scan)
	DocHandover        = "berita_acara_serah_terima"    // item 6, generated
	DocReport          = "laporan_semester"             // evaluasi dan pelaporan
)

// DocumentLabel is a kind's name on screen.
func DocumentLabel(kind string) string {
	if l, ok := documentLabels[kind]; ok {
		return l
	}
	return kind
}

var documentLabels = map[string]string{
	DocRequestLetter:   "Surat permohonan pimpinan (ditandatangani)",
	DocAktaPendirian:   "Akta pendirian badan hukum",
	DocSKKemenkumham:   "SK Kemenkumham pengesahan badan hukum",
	DocIzinUsaha:       "Surat keterangan izin usaha",
	DocSuratDomisili:   "Surat keterangan domisili",
	DocEligibility:     "Surat pernyataan badan hukum (pelayanan publik, tanpa hubungan vertikal), ditandatangani pimpinan",
	DocRecommendation:  "Surat rekomendasi instansi pembina/pengawas usaha",
	DocForwarding:      "Surat pengantar kepada Dirjen Dukcapil",
	DocDirjenApproval:  "Surat persetujuan Dirjen Dukcapil",
	DocDirjenRejection: "Surat penolakan Dirjen Dukcapil",
	DocPKSDraft:        "Draf Perjanjian Kerja Sama (PKS)",
	DocJuknisDraft:     "Draf Petunjuk Teknis (Juknis)",
	DocSignedPKS:       "PKS yang telah ditandatangani",
	DocSignedJuknis:    "Juknis yang telah ditandatangani",
	DocUserIDRequest:   "Surat permohonan User ID dan IP LAN",
	DocClosedNetwork:   "Surat Pernyataan Jaringan Tertutup",
	DocDWHRequest:      "Surat permohonan persetujuan akses DWH Terpusat",
	DocDWHApproval:     "Surat persetujuan akses DWH Terpusat",
	DocHandover:        "Berita acara serah terima User ID",
	DocReport:          "Laporan penggunaan semesteran",
}

// Upload is a file a user sent with a form.
type Upload struct {
	Filename string
	Content  []byte
}

// checkedFile is an upload that passed the content check.
type checkedFile struct {
	Kind        string
	Filename    string
	ContentType string
	SHA256      []byte
	Content     []byte
}

// sniff tells a file's type from its first bytes, never from its name: PDF for
// letters and agreements, PNG or JPEG for scans.
func sniff(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte("%PDF-")):
		return "application/pdf"
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return "image/png"
	case bytes.HasPrefix(b, []byte("\xff\xd8\xff")):
		return "image/jpeg"
	}
	return ""
}

// checkUpload validates one upload; the message is for the form field.
func checkUpload(kind string, u Upload, maxBytes int64, pdfOnly bool) (checkedFile, string) {
	if len(u.Content) == 0 {
		return checkedFile{}, "Berkas kosong. Pilih berkas PDF yang benar."
	}
	if int64(len(u.Content)) > maxBytes {
		return checkedFile{}, "Berkas terlalu besar (" + idfmt.Bytes(int64(len(u.Content))) + "). Batas ukuran " + idfmt.Bytes(int64(maxBytes)) + "."
	}
	ct := sniff(u.Content)
	if ct == "" || (pdfOnly && ct != "application/pdf") {
		if pdfOnly {
			return checkedFile{}, "Berkas harus berupa PDF (isi berkas diperiksa, bukan nama berkasnya)."
		}
		return checkedFile{}, "Berkas harus berupa PDF, PNG, atau JPEG (isi berkas diperiksa, bukan nama berkasnya)."
	}
	sum := sha256.Sum256(u.Content)
	return checkedFile{Kind: kind, Filename: cleanFilename(u.Filename, ct), ContentType: ct, SHA256: sum[:], Content: u.Content}, ""
}

// maxFilenameRunes is the longest base name kept, in characters.
const maxFilenameRunes = 80

// cleanFilename keeps a safe, readable base name with the extension of its real type.
func cleanFilename(name, contentType string) string {
	base := filepath.Base(strings.ReplaceAll(name, "\\", "/"))
	base = strings.TrimSuffix(base, filepath.Ext(base))
	base = strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' {
			return r
		}
		if r == ' ' || r == '.' {
			return '_'
		}
		return -1
	}, base)
	// Shortened by characters, never inside one: a cut UTF-8 sequence is not text
	// and PostgreSQL refuses it.
	if r := []rune(base); len(r) > maxFilenameRunes {
		base = string(r[:maxFilenameRunes])
	}
	if base == "" {
		base = "dokumen"
	}
	ext := map[string]string{"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg"}[contentType]
	return base + ext
}
