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
	facts: func(c *fireCtx, f *workflow.Facts) error {
		dirjenLetterFacts(c, f)
		f.Reason = c.in.Text("reason")
		f.HasLetterScan = c.uploaded(DocDirjenRejection)
		return nil
	},
	effect: recordDirjenLetter,
	Notice: notice{
		to: always(toLembaga, toStaff),
		text: func(m *messageContext, _ audience) (string, string) {
			return capital(m.app) + " ditolak Direktur Jenderal Dukcapil.",
				"tidak ada tindakan lanjutan; permohonan ini selesai. Lembaga dapat mengajukan permohonan baru bila keadaannya berubah."
		},
	},
})
