package app

import (
	"strings"

	"github.com/hakakses/hakakses/internal/letters"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// Forward (item 2): the office forwards the request to the Dirjen with a
// generated letter a.n. the Bupati/Wali Kota carrying items a–f. The Kepala Dinas
// signs unless an acting head (Plt./Plh., with NIP) does.
var _ = define(actionDef{
	Event: workflow.Forward,
	Help:  "Surat pengantar kepada Dirjen Dukcapil (memuat butir a–f) dibuat otomatis sebagai PDF.",
	Open:  true,
	Fields: []Field{
		{Name: "signatory", Kind: KindText, Label: "Penanda tangan a.n. Bupati/Wali Kota", Limit: maxShortTextLen,
			Hint:    "Biarkan nama Kepala Dinas bila beliau yang menandatangani. Bila diwakili, isi nama pejabat, pilih Plt./Plh., dan NIP-nya.",
			prefill: func(d *Detail) Value { return Value{Text: d.Tenant.KepalaName} }},
		{Name: "signatory_acting", Kind: KindChoice, Label: "Kedudukan bila bukan Kepala Dinas", Choices: []Choice{
			{"", "— (Kepala Dinas sendiri)"}, {"Plt.", "Plt. (pelaksana tugas)"}, {"Plh.", "Plh. (pelaksana harian)"}}},
		{Name: "signatory_nip", Kind: KindNumber, Label: "NIP penanda tangan (bila bukan Kepala Dinas)",
			Hint: "Nomor surat dibuat otomatis dari templat nomor surat dan urutan tahun berjalan."},
		// An application submitted before the request letter's number was asked
		// for: staff copy it from the paper letter; the forwarding letter cites it.
		{Name: "request_letter_number", Kind: KindText, Label: "Nomor surat permohonan lembaga", Limit: maxShortTextLen,
			Hint:    "Tercatat dari isian lembaga; isi hanya bila kosong (permohonan lama).",
			prefill: func(d *Detail) Value { return Value{Text: d.Papers.RequestLetter.Number} }},
		{Name: "request_letter_date", Kind: KindDate, Label: "Tanggal surat permohonan lembaga",
			prefill: func(d *Detail) Value { return Value{Text: d.Papers.RequestLetter.DateValue()} }},
	},
	History: []HistoryDetail{{"letter_number", "Nomor surat"}, {"signatory", "Penanda tangan"}},
	prepare: func(c *fireCtx) error {
		if c.in.Text("signatory") == "" {
			c.in["signatory"] = Value{Text: c.t.KepalaName}
		}
		return checkActingSignatory(c.in, c.t.KepalaName)
	},
	facts: func(c *fireCtx, f *workflow.Facts) error {
		f.LetterNumber = "(dibuat otomatis)" // issued after the guards pass
		f.Signatory = c.in.Text("signatory")
		if c.ids.ids.RequestLetterNumber == nil {
			f.RequestLetterNumber = c.in.Text("request_letter_number")
		}
		if c.ids.ids.RequestLetterDate == nil {
			f.RequestLetterDate = c.in.Date("request_letter_date")
		}
		return nil
	},
	change: func(_ *fireCtx, ch *store.Change) { ch.Forwarded = true },
	effect: func(c *fireCtx) error {
		saved, err := c.completePaper(c.ids.ids.RequestLetterNumber, c.ids.ids.RequestLetterDate, "request_letter",
			store.CompleteRequestLetter)
		if err != nil {
			return err
		}
		if saved {
			if err := c.reloadIdentities(); err != nil {
				return err
			}
		}
		signatory := c.in.Text("signatory")
		office := c.office()
		if signatory != c.t.KepalaName {
			// An acting head signs under the office's title with "Plt."/"Plh.".
			office.KepalaName, office.KepalaNIP, office.KepalaRank, office.KepalaActing = signatory, c.in.Text("signatory_nip"), "", c.in.Text("signatory_acting")
		}
		err = c.issueLetter(LetterForwarding, DocForwarding, "surat-pengantar-"+c.ap.Number+".pdf", func(meta letters.LetterMeta) ([]byte, error) {
			return letters.ForwardingLetter(office, c.letterApp(), meta)
		})
		c.record("signatory", signatory)
		return err
	},
	Notice: notice{
		to:          []audience{toDirjen, toLembaga},
		officeNamed: true,
		what:        "{App} telah diteruskan oleh Disdukcapil {tenant} kepada Direktur Jenderal Dukcapil.",
		next: map[audience]string{
			toDirjen: "periksa permohonan dan surat pengantarnya, lalu setujui atau tolak dengan surat Dirjen.",
			anyone:   "tunggu keputusan Direktur Jenderal Dukcapil; Anda akan diberi tahu.",
		},
	},
})

// checkActingSignatory: a letter a.n. Bupati/Wali Kota signed by anyone but the
// Kepala Dinas is signed by an acting head (Plt. or Plh.), identified by NIP.
func checkActingSignatory(in Input, kepala string) error {
	if in.Text("signatory") == strings.TrimSpace(kepala) {
		return nil
	}
	fields := map[string]string{}
	if acting := in.Text("signatory_acting"); acting != "Plt." && acting != "Plh." {
		fields["signatory_acting"] = "Penanda tangan selain Kepala Dinas harus Plt. atau Plh. Kepala Dinas; pilih salah satu."
	}
	nip := strings.ReplaceAll(in.Text("signatory_nip"), " ", "")
	if len(nip) != 18 || strings.Trim(nip, "0123456789") != "" {
		fields["signatory_nip"] = "NIP penanda tangan terdiri atas 18 angka."
	}
	if len(fields) > 0 {
		return Invalid("Surat pengantar belum dapat dibuat: lengkapi data penanda tangan.", fields)
	}
	return nil
}
