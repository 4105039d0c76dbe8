package app

import (
	"fmt"
	"strings"

	"github.com/hakakses/hakakses/internal/idfmt"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// Sign (item 11): the signing is recorded as it stands on the paper — the PKS
// number of each party, the Juknis number(s), the signing date (the PKS term
// runs from it) and the signed scans — with the people who signed: the
// tenant's Kepala (or a Plt./Plh. with NIP) and the institution's registered
// head (with NIP for a perangkat daerah), another person only with a reason. Only the version the lembaga agreed to
// is signed.
var _ = define(actionDef{
	Event: workflow.Sign,
	Help:  "Isi nomor dan tanggal sebagaimana tertulis pada naskah yang ditandatangani. Masa berlaku PKS dihitung sejak tanggal penandatanganan.",
	Open:  true,
	Fields: []Field{
		{Name: "pks_number_disdukcapil", Kind: KindText, Label: "Nomor PKS pihak Disdukcapil", Required: true, Limit: maxShortTextLen,
			Hint: "mis. 470/123/DUKCAPIL/2026"},
		{Name: "pks_number_lembaga", Kind: KindText, Label: "Nomor PKS pihak lembaga pengguna", Required: true, Limit: maxShortTextLen,
			Hint: "mis. 045/77/DINKES/2026"},
		{Name: "juknis_number_disdukcapil", Key: "juknis_numbers", Kind: KindText, Label: "Nomor Juknis pihak Disdukcapil", Limit: maxShortTextLen},
		{Name: "juknis_number_lembaga", Kind: KindText, Label: "Nomor Juknis pihak lembaga pengguna (bila ada)", Limit: maxShortTextLen},
		{Name: "signing_date", Kind: KindDate, Label: "Tanggal penandatanganan", Required: true,
			prefill: func(d *Detail) Value { return Value{Text: d.Now.In(d.Tenant.Location()).Format("2006-01-02")} }},
		{Name: "kepala_signer", Key: "signature.kepala_disdukcapil", Kind: KindText, Label: "Ditandatangani oleh Kepala Disdukcapil",
			Limit: maxShortTextLen, prefill: func(d *Detail) Value { return Value{Text: d.Tenant.KepalaName} }},
		{Name: "kepala_acting", Key: "signature.kepala_acting", Kind: KindChoice, Label: "Kedudukan bila bukan Kepala Dinas", Choices: []Choice{
			{"", "— (Kepala Dinas sendiri)"}, {"Plt.", "Plt. (pelaksana tugas)"}, {"Plh.", "Plh. (pelaksana harian)"}}},
		{Name: "kepala_nip", Key: "signature.kepala_nip", Kind: KindNumber, Label: "NIP Plt./Plh. (bila bukan Kepala Dinas)", Limit: maxShortTextLen},
		{Name: "counterparty_signer", Key: "signature.counterparty", Kind: KindText, Label: "Ditandatangani oleh kepala perangkat daerah",
			Limit: maxShortTextLen, prefill: func(d *Detail) Value { return Value{Text: d.Institution.HeadName} },
			labelFor: func(d *Detail) string {
				if d.Institution.Type == workflow.BadanHukum {
					return "Ditandatangani oleh pimpinan badan hukum"
				}
				return "Ditandatangani oleh kepala perangkat daerah"
			}},
		{Name: "counterparty_position", Key: "signature.counterparty_position", Kind: KindText, Label: "Jabatan penanda tangan pihak lembaga",
			Limit: maxShortTextLen, prefill: func(d *Detail) Value { return Value{Text: d.Institution.HeadPosition} }},
		{Name: "counterparty_nip", Key: "signature.counterparty_nip", Kind: KindNumber, Label: "NIP kepala perangkat daerah (bukan untuk badan hukum)",
			Limit: maxShortTextLen, prefill: func(d *Detail) Value { return Value{Text: d.HeadNIP} }},
		{Name: "counterparty_reason", Key: "signature.counterparty_reason", Kind: KindText,
			Label: "Alasan, bila penanda tangan bukan pimpinan lembaga yang terdaftar", Limit: maxReasonLen},
	},
	Uploads: []UploadSpec{{Kind: DocSignedPKS, Required: true}, {Kind: DocSignedJuknis, Required: true}},
	History: []HistoryDetail{{"kepala_disdukcapil", "Kepala Disdukcapil"}, {"pihak_kedua", "Pihak kedua"},
		{"tanggal_tanda_tangan", "Tanggal penandatanganan"}, {"nomor_pks", "Nomor PKS"}, {"nomor_juknis", "Nomor Juknis"},
		{"berlaku_sampai", "Berlaku sampai"}},
	prepare: func(c *fireCtx) error {
		// The Kepala signs with the NIP and rank on record; the counterparty's
		// jabatan defaults to the registered head's.
		if c.in.Text("kepala_acting") == "" {
			c.in["kepala_nip"] = Value{Text: c.t.KepalaNIP}
		}
		if c.in.Text("counterparty_position") == "" && strings.EqualFold(c.in.Text("counterparty_signer"), strings.TrimSpace(c.inst.HeadName)) {
			c.in["counterparty_position"] = Value{Text: c.inst.HeadPosition}
		}
		return nil
	},
	facts: func(c *fireCtx, f *workflow.Facts) error {
		f.PKSNumberDisdukcapil, f.PKSNumberLembaga = c.in.Text("pks_number_disdukcapil"), c.in.Text("pks_number_lembaga")
		f.JuknisNumbers = []string{c.in.Text("juknis_number_disdukcapil"), c.in.Text("juknis_number_lembaga")}
		f.SigningDate = c.in.Date("signing_date")
		f.KepalaDisdukcapilSigner = c.in.Text("kepala_signer")
		f.KepalaActing, f.KepalaSignerNIP = c.in.Text("kepala_acting"), c.in.Text("kepala_nip")
		f.CounterpartySigner = c.in.Text("counterparty_signer")
		f.CounterpartyNIP, f.CounterpartyEditReason = c.in.Text("counterparty_nip"), c.in.Text("counterparty_reason")
		return c.negotiation(f) // only the version the lembaga agreed to is signed
	},
	change: func(c *fireCtx, ch *store.Change) {
		// The term runs from the signing date on the paper. A PKS signed on 10
		// March for 12 months is valid through 9 March of the next year: pks_end
		// is the last valid day.
		start := dateOnly(c.in.Date("signing_date"))
		end := start.AddDate(0, deref(c.ap.TermMonths), -1)
		ch.PKSStart, ch.PKSEnd = &start, &end
		c.record("kepala_disdukcapil", strings.TrimSpace(c.in.Text("kepala_acting")+" "+c.in.Text("kepala_signer")))
		c.record("pihak_kedua", c.in.Text("counterparty_signer"))
		c.record("tanggal_tanda_tangan", idfmt.Date(start))
		c.record("nomor_pks", c.in.Text("pks_number_disdukcapil")+" dan "+c.in.Text("pks_number_lembaga"))
		c.record("nomor_juknis", strings.Join(nonBlank(c.in.Text("juknis_number_disdukcapil"), c.in.Text("juknis_number_lembaga")), " dan "))
		c.record("berlaku_sampai", idfmt.Date(end))
	},
	effect: func(c *fireCtx) error {
		opt := func(name string) *string {
			if s := c.in.Text(name); s != "" {
				return &s
			}
			return nil
		}
		nip := c.in.Text("counterparty_nip")
		if c.inst.Type == workflow.BadanHukum {
			nip = "" // a badan hukum's pimpinan is no civil servant
		}
		err := store.RecordAgreementSigning(c.ctx, c.tx, store.AgreementSigning{TenantID: c.ap.TenantID, ApplicationID: c.ap.ID,
			SignedOn:             dateOnly(c.in.Date("signing_date")),
			PKSNumberDisdukcapil: opt("pks_number_disdukcapil"), PKSNumberLembaga: opt("pks_number_lembaga"),
			JuknisNumberDisdukcapil: opt("juknis_number_disdukcapil"), JuknisNumberLembaga: opt("juknis_number_lembaga"),
			KepalaName: c.in.Text("kepala_signer"), KepalaNIP: compactNIP(c.in.Text("kepala_nip")), KepalaRank: kepalaRank(c),
			KepalaActing: c.in.Text("kepala_acting"), CounterpartyName: c.in.Text("counterparty_signer"),
			CounterpartyPosition: c.in.Text("counterparty_position"), CounterpartyNIP: compactNIP(nip),
			CounterpartyEditReason: c.in.Text("counterparty_reason"), RecordedAt: c.now})
		if err != nil {
			return fmt.Errorf("recording the signing: %w", err)
		}
		return nil
	},
	Notice: notice{
		to:   []audience{toLembaga},
		what: "PKS untuk {app} telah ditandatangani kedua pihak.",
		next: map[audience]string{anyone: "kirim surat permintaan User ID dan IP LAN beserta Surat Pernyataan Jaringan Tertutup."},
	},
})

// kepalaRank is the pangkat on record when the Kepala signs in person; an
// acting official's is not asked for.
func kepalaRank(c *fireCtx) string {
	if c.in.Text("kepala_acting") == "" {
		return c.t.KepalaRank
	}
	return ""
}
