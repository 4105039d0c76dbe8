package app

import "github.com/hakakses/hakakses/internal/workflow"

// Return: the office sends an incomplete request back to the lembaga with the
// reason. The verify-and-forward clock stops; a resubmission starts a fresh one.
var _ = define(actionDef{
	Event:   workflow.Return,
	Help:    "Kembalikan bila permohonan belum lengkap. Jam standar pelayanan berhenti dan dimulai lagi saat lembaga mengajukan ulang.",
	Fields:  []Field{reasonField("Alasan pengembalian (dibaca oleh lembaga)")},
	History: []HistoryDetail{reasonDetail},
	facts:   reasonFacts,
	effect:  recordReasonEffect,
	Notice: notice{
		to: always(toLembaga),
		text: func(m *messageContext, _ audience) (string, string) {
			return capital(m.app) + " dikembalikan oleh Disdukcapil " + m.tenant + " karena belum lengkap.",
				"perbaiki permohonan sesuai alasan di atas, lalu ajukan ulang."
		},
	},
})

// reasonFacts gives the guards the reason typed into the form.
func reasonFacts(c *fireCtx, f *workflow.Facts) error {
	f.Reason = c.in.Text("reason")
	return nil
}

// recordReasonEffect keeps the reason in the history entry.
func recordReasonEffect(c *fireCtx) error {
	c.recordReason()
	return nil
}
