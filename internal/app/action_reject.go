package app

import "github.com/hakakses/hakakses/internal/workflow"

// Reject (items 3/7): the Dirjen's rejection letter is recorded with its reason;
// the application ends.
var _ = define(actionDef{
	Event:   workflow.Reject,
	Danger:  true,
	Confirm: "Catat penolakan Dirjen? Permohonan akan berakhir.",
	Fields:  append(append([]Field(nil), dirjenLetterFields...), reasonField("Alasan penolakan")),
	Uploads: []UploadSpec{{Kind: DocDirjenRejection, Required: true}},
	History: []HistoryDetail{reasonDetail, {"letter_number", "Nomor surat"}, {"letter_date", "Tanggal surat"}},
	facts:   dirjenLetterFacts(DocDirjenRejection),
	effect:  recordDirjenLetter,
	Notice: notice{
		to:   []audience{toLembaga, toStaff},
		what: "{App} ditolak Direktur Jenderal Dukcapil.",
		next: map[audience]string{anyone: "tidak ada tindakan lanjutan; permohonan ini selesai. Lembaga dapat mengajukan permohonan baru bila keadaannya berubah."},
	},
})
