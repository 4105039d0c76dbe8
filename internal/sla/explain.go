package sla

import (
	"fmt"
	"strings"
)

// Explanation is the plain-language account of the service standard for the
// public page and the tracker. A one-time applicant reading "2 Hari kerja"
// alone takes it as "everything in two days"; the standard binds only the
// Disdukcapil's own steps, each on its own clock, and time spent waiting on the
// lembaga or the Dirjen is not counted.
type Explanation struct {
	Headline string   // e.g. "2 hari kerja untuk setiap langkah Disdukcapil"
	Steps    []string // the Disdukcapil steps the clocks measure, one per clock
	NotCount []string // what the clocks do not count
	Hours    string   // office hours and zone, and the day rule
}

// Explain writes the explanation for a tenant's target (working days per step),
// office hours ("07:30", "16:00") and zone abbreviation ("WIB", "WITA", "WIT").
func Explain(target int, open, close, zone string) Explanation {
	if target <= 0 {
		target = DefaultTarget
	}
	return Explanation{
		Headline: fmt.Sprintf("%d hari kerja untuk setiap langkah yang dikerjakan Disdukcapil", target),
		Steps: []string{
			"Verifikasi permohonan dan penerusan kepada Dirjen Dukcapil (dihitung sejak permohonan diajukan atau diajukan kembali)",
			"Penyusunan draf PKS dan Petunjuk Teknis (dihitung sejak persetujuan Dirjen Dukcapil dicatat)",
			"Pengiriman permohonan akses DWH kepada Dirjen Dukcapil (dihitung sejak lembaga mengirim permohonan User ID dan IP LAN)",
			"Penyerahan User ID kepada lembaga (dihitung sejak persetujuan akses DWH dicatat)",
			"Revisi draf PKS dan Petunjuk Teknis atas permintaan perubahan lembaga (dihitung sejak permintaan itu diterima)",
			"Verifikasi permohonan adendum dan penerusannya (dihitung sejak lembaga mengajukan adendum)",
			"Penyusunan dan penandatanganan adendum (dihitung sejak adendum disetujui)",
		},
		NotCount: []string{
			"waktu menunggu lembaga: melengkapi permohonan yang dikembalikan, menandatangani PKS, menyiapkan jaringan tertutup dan permohonan User ID",
			"waktu menunggu keputusan Direktur Jenderal Dukcapil atas permohonan dan atas akses DWH",
			"pengawasan atas PKS yang berjalan: pemeriksaan laporan semester, sanksi, dan pemulihan hak akses",
			"hari Sabtu, Minggu, libur nasional, cuti bersama, dan libur daerah",
		},
		Hours: fmt.Sprintf("Hari kerja Senin–Jumat, pukul %s–%s %s. Permohonan yang masuk setelah pukul %s "+
			"atau pada hari libur mulai dihitung pada hari kerja berikutnya; tenggat setiap langkah adalah pukul %s %s "+
			"pada hari kerja ke-%d.", open, close, zone, close, close, zone, target),
	}
}

// Text is the explanation as one paragraph, for places with no room for lists.
func (e Explanation) Text() string {
	return e.Headline + ": " + strings.Join(lowerAll(e.Steps), "; ") + ". Tidak dihitung: " +
		strings.Join(e.NotCount, "; ") + ". " + e.Hours
}

func lowerAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		if s != "" {
			out[i] = strings.ToLower(s[:1]) + s[1:]
		}
	}
	return out
}
