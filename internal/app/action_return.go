package app

import "github.com/hakakses/hakakses/internal/workflow"

// Return: the office sends an incomplete request back to the lembaga with the
// reason. The verify-and-forward clock stops; a resubmission starts a fresh one.
var _ = define(withReason("Alasan pengembalian (dibaca oleh lembaga)", actionDef{
	Event: workflow.Return,
	Help:  "Kembalikan bila permohonan belum lengkap. Jam standar pelayanan berhenti dan dimulai lagi saat lembaga mengajukan ulang.",
	Notice: notice{
		to:   []audience{toLembaga},
		what: "{App} dikembalikan oleh Disdukcapil {tenant} karena belum lengkap.",
		next: map[audience]string{anyone: "perbaiki permohonan sesuai alasan di atas, lalu ajukan ulang."},
	},
}))

// withReason gives an action a reason field (with its label), which the guards
// check and the history keeps: return, return_dwh, revoke.
func withReason(label string, d actionDef) actionDef {
	d.Fields = append(d.Fields, reasonField(label))
	d.History = append(d.History, reasonDetail)
	d.facts = func(c *fireCtx, f *workflow.Facts) error {
		f.Reason = c.in.Text("reason")
		return nil
	}
	d.effect = func(c *fireCtx) error {
		c.recordReason()
		return nil
	}
	return d
}
