package workflow

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// guardCase mutates valid facts and names the fields expected to fail, in the
// guard's stable order (nil: the guard passes). contains optionally pins words
// the first message must use, so the user is told precisely what is missing.
type guardCase struct {
	name     string
	base     func() Facts // validFacts when nil
	mutate   func(f *Facts)
	want     []string
	contains []string
}

func runGuardCases(t *testing.T, ev Event, cases []guardCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			base := tc.base
			if base == nil {
				base = validFacts
			}
			f := base()
			if tc.mutate != nil {
				tc.mutate(&f)
			}
			got := Check(ev, f)
			if fmt.Sprint(fields(got)) != fmt.Sprint(tc.want) && !(len(got) == 0 && len(tc.want) == 0) {
				t.Fatalf("Check(%s) fields = %v, want %v%s", ev, fields(got), tc.want, describe(got))
			}
			for _, p := range got {
				if strings.TrimSpace(p.Message) == "" {
					t.Errorf("problem %s has no message", p.Field)
				}
			}
			for _, word := range tc.contains {
				if len(got) == 0 || !strings.Contains(got[0].Message, word) {
					t.Errorf("first message does not mention %q:%s", word, describe(got))
				}
			}
		})
	}
}

func TestSubmitGuard(t *testing.T) {
	runGuardCases(t, Submit, []guardCase{
		{name: "passes for a complete perangkat daerah request"},
		{name: "passes for a complete, eligible badan hukum request", base: validBadanHukum},
		{name: "passes with a purpose of exactly 20 characters",
			mutate: func(f *Facts) { f.Purpose = "  " + strings.Repeat("a", 20) + "  " }},
		{name: "passes counting characters, not bytes",
			mutate: func(f *Facts) { f.Purpose = strings.Repeat("é", 20) }},
		{name: "passes with a term of 1 month", mutate: func(f *Facts) { f.TermMonths = 1 }},
		{name: "passes with a term of 60 months", mutate: func(f *Facts) { f.TermMonths = 60 }},
		{name: "refused: institution not verified by staff",
			mutate: func(f *Facts) { f.InstitutionVerified = false },
			want:   []string{"institution_verified"}, contains: []string{"diverifikasi"}},
		{name: "refused: institution name blank (2a)",
			mutate: func(f *Facts) { f.InstitutionName = "   " },
			want:   []string{"institution_name"}, contains: []string{"2a"}},
		{name: "refused: purpose empty (2b)",
			mutate: func(f *Facts) { f.Purpose = "" },
			want:   []string{"purpose"}, contains: []string{"belum diisi", "2b"}},
		{name: "refused: purpose of 19 characters is too short",
			mutate: func(f *Facts) { f.Purpose = strings.Repeat("a", 19) },
			want:   []string{"purpose"}, contains: []string{"terlalu singkat", "20"}},
		{name: "refused: no data element (2c)",
			mutate: func(f *Facts) { f.DataElements = nil },
			want:   []string{"data_elements"}, contains: []string{"2c"}},
		{name: "refused: protected element without justification, named",
			mutate: func(f *Facts) { f.DataElements[2].Justification = " " },
			want:   []string{"data_elements.sidik_jari.justification"}, contains: []string{"Sidik jari", "Pasal 84"}},
		{name: "refused: protected element named by code when the name is unknown",
			mutate: func(f *Facts) { f.DataElements = []DataElement{{Code: "iris_mata", Protected: true}} },
			want:   []string{"data_elements.iris_mata.justification"}, contains: []string{"iris_mata"}},
		{name: "passes: unprotected element needs no justification",
			mutate: func(f *Facts) { f.DataElements = []DataElement{{Code: "nik"}} }},
		{name: "refused: element without a code",
			mutate: func(f *Facts) { f.DataElements = append(f.DataElements, DataElement{Code: " "}) },
			want:   []string{"data_elements"}, contains: []string{"ke-4"}},
		{name: "refused: element chosen twice",
			mutate: func(f *Facts) { f.DataElements = append(f.DataElements, DataElement{Code: "nik"}) },
			want:   []string{"data_elements.nik"}, contains: []string{"lebih dari sekali"}},
		{name: "refused: no access method (2d)",
			mutate: func(f *Facts) { f.AccessMethods = nil },
			want:   []string{"access_methods"}, contains: []string{"2d"}},
		{name: "refused: unknown access method",
			mutate: func(f *Facts) { f.AccessMethods = []AccessMethod{WebPortal, "fax"} },
			want:   []string{"access_methods"}, contains: []string{`"fax"`}},
		{name: "refused: access method chosen twice",
			mutate: func(f *Facts) { f.AccessMethods = []AccessMethod{WebPortal, WebPortal} },
			want:   []string{"access_methods"}, contains: []string{"Web Portal"}},
		{name: "refused: data balikan blank (2e)",
			mutate: func(f *Facts) { f.ReturnData = "\t" },
			want:   []string{"return_data"}, contains: []string{"Data balikan", "2e"}},
		{name: "refused: term missing (2f)",
			mutate: func(f *Facts) { f.TermMonths = 0 },
			want:   []string{"term_months"}, contains: []string{"belum diisi", "2f"}},
		{name: "refused: term of 61 months",
			mutate: func(f *Facts) { f.TermMonths = 61 },
			want:   []string{"term_months"}, contains: []string{"60", "61"}},
		{name: "refused: negative term",
			mutate: func(f *Facts) { f.TermMonths = -3 },
			want:   []string{"term_months"}},
		{name: "refused: signed request letter missing",
			mutate: func(f *Facts) { f.HasRequestLetter = false },
			want:   []string{"request_letter"}, contains: []string{"Surat permohonan"}},
		{name: "refused: institution type unknown",
			mutate: func(f *Facts) { f.InstitutionType = "" },
			want:   []string{"institution_type"}},
		{name: "refused: badan hukum without akta pendirian", base: validBadanHukum,
			mutate: func(f *Facts) { f.LegalDocuments.AktaPendirian = false },
			want:   []string{"legal_documents.akta_pendirian"}, contains: []string{"Akta pendirian"}},
		{name: "refused: badan hukum without SK Kemenkumham", base: validBadanHukum,
			mutate: func(f *Facts) { f.LegalDocuments.SKKemenkumham = false },
			want:   []string{"legal_documents.sk_kemenkumham"}, contains: []string{"Kemenkumham"}},
		{name: "refused: badan hukum without izin usaha", base: validBadanHukum,
			mutate: func(f *Facts) { f.LegalDocuments.IzinUsaha = false },
			want:   []string{"legal_documents.izin_usaha"}, contains: []string{"izin usaha"}},
		{name: "refused: badan hukum without surat domisili", base: validBadanHukum,
			mutate: func(f *Facts) { f.LegalDocuments.SuratDomisili = false },
			want:   []string{"legal_documents.surat_domisili"}, contains: []string{"domisili"}},
		{name: "refused: badan hukum without its signed eligibility statement", base: validBadanHukum,
			mutate: func(f *Facts) { f.Eligibility.HasStatement = false },
			want:   []string{"eligibility_statement"}, contains: []string{"Surat pernyataan badan hukum", "pelayanan publik", "hubungan vertikal", "belum diunggah"}},
		{name: "refused: badan hukum without the supervising authority's recommendation", base: validBadanHukum,
			mutate: func(f *Facts) { f.Eligibility.HasRecommendation = false },
			want:   []string{"recommendation"}, contains: []string{"rekomendasi", "pengawas", "belum diunggah"}},
		{name: "refused: recommending authority not named", base: validBadanHukum,
			mutate: func(f *Facts) { f.Eligibility.RecommendedBy = " " },
			want:   []string{"recommended_by"}, contains: []string{"instansi pemberi rekomendasi"}},
		{name: "refused: request letter number missing (item 1)",
			mutate: func(f *Facts) { f.RequestLetterNumber = " " },
			want:   []string{"request_letter_number"}, contains: []string{"Nomor surat permohonan", "belum diisi"}},
		{name: "refused: request letter date missing",
			mutate: func(f *Facts) { f.RequestLetterDate = time.Time{} },
			want:   []string{"request_letter_date"}, contains: []string{"Tanggal surat permohonan", "belum diisi"}},
		{name: "refused: request letter dated tomorrow",
			mutate: func(f *Facts) { f.RequestLetterDate = time.Date(2026, 3, 11, 0, 0, 0, 0, wib) },
			want:   []string{"request_letter_date"}, contains: []string{"11 Maret 2026", "masa depan"}},
		{name: "passes with a request letter dated today",
			mutate: func(f *Facts) { f.RequestLetterDate = time.Date(2026, 3, 10, 23, 0, 0, 0, wib) }},
		{name: "passes: perangkat daerah needs no legal documents or eligibility",
			mutate: func(f *Facts) { f.LegalDocuments = LegalDocuments{}; f.Eligibility = Eligibility{} }},
		{name: "refused with every problem at once for an empty badan hukum form",
			base: func() Facts { return Facts{InstitutionType: BadanHukum} },
			want: []string{"institution_verified", "institution_name", "purpose", "data_elements", "access_methods",
				"return_data", "term_months", "request_letter", "request_letter_number", "request_letter_date",
				"legal_documents.akta_pendirian", "legal_documents.sk_kemenkumham", "legal_documents.izin_usaha",
				"legal_documents.surat_domisili", "eligibility_statement", "recommendation", "recommended_by"}},
	})
}

func TestReasonGuards(t *testing.T) {
	for _, ev := range []Event{Return, ReturnDWH, ReturnReport, ReturnAddendum, RejectAddendum} {
		t.Run(string(ev), func(t *testing.T) {
			runGuardCases(t, ev, []guardCase{
				{name: "passes with a reason"},
				{name: "refused: reason blank", mutate: func(f *Facts) { f.Reason = "  " },
					want: []string{"reason"}, contains: []string{"Alasan"}},
			})
		})
	}
}

func TestForwardGuard(t *testing.T) {
	runGuardCases(t, Forward, []guardCase{
		{name: "passes with a letter number and signatory"},
		{name: "refused: letter number missing", mutate: func(f *Facts) { f.LetterNumber = "" },
			want: []string{"letter_number"}, contains: []string{"Nomor surat"}},
		{name: "refused: signatory missing", mutate: func(f *Facts) { f.Signatory = "" },
			want: []string{"signatory"}, contains: []string{"Penandatangan"}},
		{name: "refused: both missing", mutate: func(f *Facts) { f.LetterNumber, f.Signatory = "", "" },
			want: []string{"letter_number", "signatory"}},
		{name: "refused: a request submitted before its letter number was recorded",
			mutate: func(f *Facts) { f.RequestLetterNumber, f.RequestLetterDate = "", time.Time{} },
			want:   []string{"request_letter_number", "request_letter_date"}, contains: []string{"Nomor surat permohonan lembaga"}},
	})
}

func dirjenLetterCases() []guardCase {
	return []guardCase{
		{name: "passes with number, past date and scan"},
		{name: "passes with a letter dated today, later than now",
			mutate: func(f *Facts) { f.LetterDate = time.Date(2026, 3, 10, 23, 0, 0, 0, wib) }},
		{name: "refused: letter number missing", mutate: func(f *Facts) { f.LetterNumber = "" },
			want: []string{"letter_number"}},
		{name: "refused: letter date missing", mutate: func(f *Facts) { f.LetterDate = time.Time{} },
			want: []string{"letter_date"}, contains: []string{"Tanggal surat"}},
		{name: "refused: letter dated tomorrow",
			mutate: func(f *Facts) { f.LetterDate = time.Date(2026, 3, 11, 0, 0, 0, 0, wib) },
			want:   []string{"letter_date"}, contains: []string{"11 Maret 2026", "masa depan"}},
		{name: "refused: now unknown, so the date cannot be checked", mutate: func(f *Facts) { f.Now = time.Time{} },
			want: []string{"now"}},
		{name: "refused: scan missing", mutate: func(f *Facts) { f.HasLetterScan = false },
			want: []string{"letter_scan"}, contains: []string{"scan"}},
	}
}

func TestApproveGuard(t *testing.T) {
	runGuardCases(t, Approve, append(dirjenLetterCases(),
		guardCase{name: "passes without a reason", mutate: func(f *Facts) { f.Reason = "" }},
		guardCase{name: "refused with every problem at once", base: func() Facts { return Facts{Now: testNow} },
			want: []string{"letter_number", "letter_date", "letter_scan"}},
	))
}

func TestRejectGuard(t *testing.T) {
	runGuardCases(t, Reject, append(dirjenLetterCases(),
		guardCase{name: "refused: reason missing", mutate: func(f *Facts) { f.Reason = "" },
			want: []string{"reason"}, contains: []string{"Alasan penolakan"}},
		guardCase{name: "refused with every problem at once", base: func() Facts { return Facts{Now: testNow} },
			want: []string{"letter_number", "letter_date", "letter_scan", "reason"}},
	))
}

func TestAgreementGuards(t *testing.T) {
	wantWords := map[ClauseKey][]string{
		ClauseMaksud:         {"maksud", "butir 8"},
		ClauseTujuan:         {"tujuan", "butir 8"},
		ClauseHakKewajiban:   {"hak dan kewajiban", "butir 8"},
		ClauseEvaluasi:       {"evaluasi dan pelaporan", "butir 8"},
		ClauseJangkaWaktu:    {"jangka waktu", "butir 8"},
		ClausePembiayaan:     {"pembiayaan", "butir 8"},
		ClauseLaranganPihak3: {"Pasal larangan memberikan Data Kependudukan kepada pihak ketiga belum ada (butir 9)"},
		ClauseLaranganNonPKS: {"tidak sesuai dengan perjanjian kerja sama", "butir 10"},
	}
	cases := []guardCase{{name: "passes with every clause and a Juknis"}}
	for _, k := range RequiredClauses {
		cases = append(cases, guardCase{
			name:     "refused: clause " + string(k) + " missing",
			mutate:   func(f *Facts) { delete(f.Clauses, k) },
			want:     []string{"clauses." + string(k)},
			contains: wantWords[k],
		})
	}
	cases = append(cases,
		guardCase{name: "refused: clause present but blank",
			mutate: func(f *Facts) { f.Clauses[ClausePembiayaan] = " \n " },
			want:   []string{"clauses.pembiayaan"}},
		guardCase{name: "refused: Juknis missing", mutate: func(f *Facts) { f.Juknis = "" },
			want: []string{"juknis"}, contains: []string{"Juknis"}},
		guardCase{name: "refused with every clause and the Juknis named when nothing is drafted",
			mutate: func(f *Facts) { f.Clauses, f.Juknis = nil, "" },
			want: []string{"clauses.maksud", "clauses.tujuan", "clauses.hak_kewajiban", "clauses.evaluasi_pelaporan",
				"clauses.jangka_waktu", "clauses.pembiayaan", "clauses.larangan_pihak_ketiga",
				"clauses.larangan_di_luar_pks", "juknis"}},
		guardCase{name: "passes: an extra clause does no harm",
			mutate: func(f *Facts) { f.Clauses["penyelesaian_sengketa"] = "Musyawarah" }},
	)
	for _, ev := range []Event{PrepareAgreement, ReviseAgreement} {
		t.Run(string(ev), func(t *testing.T) { runGuardCases(t, ev, cases) })
	}
}

func TestSignGuard(t *testing.T) {
	runGuardCases(t, Sign, []guardCase{
		{name: "passes for a perangkat daerah signed by both heads"},
		{name: "passes for an eligible badan hukum signed by its pimpinan, without NIP", base: validBadanHukum},
		{name: "passes signed on the day of the Dirjen's approval",
			mutate: func(f *Facts) { f.SigningDate = f.ApprovalDate }},
		{name: "passes signed today",
			mutate: func(f *Facts) { f.SigningDate = time.Date(2026, 3, 10, 23, 59, 0, 0, wib) }},
		{name: "passes with one Juknis number", mutate: func(f *Facts) { f.JuknisNumbers = []string{"470/124/DUKCAPIL/2026"} }},
		{name: "passes signed by a Plt. with NIP",
			mutate: func(f *Facts) {
				f.KepalaDisdukcapilSigner, f.KepalaActing, f.KepalaSignerNIP = "Hj. Rina Marlina, S.E.", "Plt.", "198002022005012003"
			}},
		{name: "passes with another counterparty and the reason",
			mutate: func(f *Facts) {
				f.CounterpartySigner, f.CounterpartyEditReason = "dr. Hendra Wijaya", "Kepala dinas baru dilantik 1 Maret 2026"
			}},
		{name: "refused: the Disdukcapil's PKS number missing", mutate: func(f *Facts) { f.PKSNumberDisdukcapil = "" },
			want: []string{"pks_number_disdukcapil"}, contains: []string{"Nomor PKS pihak Disdukcapil belum diisi"}},
		{name: "refused: the lembaga's PKS number missing", mutate: func(f *Facts) { f.PKSNumberLembaga = "  " },
			want: []string{"pks_number_lembaga"}, contains: []string{"Nomor PKS pihak lembaga pengguna belum diisi"}},
		{name: "refused: both parties given the same PKS number",
			mutate: func(f *Facts) { f.PKSNumberLembaga = f.PKSNumberDisdukcapil },
			want:   []string{"pks_number_lembaga"}, contains: []string{"sama dengan", "470/123/DUKCAPIL/2026"}},
		{name: "refused: no Juknis number", mutate: func(f *Facts) { f.JuknisNumbers = []string{" "} },
			want: []string{"juknis_numbers"}, contains: []string{"Nomor Petunjuk Teknis"}},
		{name: "refused: signing date missing", mutate: func(f *Facts) { f.SigningDate = time.Time{} },
			want: []string{"signing_date"}, contains: []string{"Tanggal penandatanganan PKS belum diisi"}},
		{name: "refused: signing date tomorrow",
			mutate: func(f *Facts) { f.SigningDate = time.Date(2026, 3, 11, 0, 0, 0, 0, wib) },
			want:   []string{"signing_date"}, contains: []string{"11 Maret 2026", "masa depan"}},
		{name: "refused: signed before the Dirjen approved",
			mutate: func(f *Facts) { f.SigningDate = time.Date(2026, 3, 8, 0, 0, 0, 0, wib) },
			want:   []string{"signing_date"}, contains: []string{"8 Maret 2026", "mendahului persetujuan Dirjen", "9 Maret 2026"}},
		{name: "refused: signed PKS scan missing", mutate: func(f *Facts) { f.HasSignedPKS = false },
			want: []string{"signed_pks"}},
		{name: "refused: signed Juknis scan missing (a draft will not do)", mutate: func(f *Facts) { f.HasSignedJuknis = false },
			want: []string{"signed_juknis"}, contains: []string{"Juknis", "ditandatangani"}},
		{name: "refused: Kepala Disdukcapil signature missing", mutate: func(f *Facts) { f.KepalaDisdukcapilSigner = "" },
			want: []string{"signature.kepala_disdukcapil"}, contains: []string{"Kepala Disdukcapil"}},
		{name: "refused: someone other than the Kepala signs without Plt./Plh.",
			mutate: func(f *Facts) { f.KepalaDisdukcapilSigner = "Hj. Rina Marlina, S.E." },
			want:   []string{"signature.kepala_acting"}, contains: []string{"Hj. Rina Marlina", "Plt. atau Plh."}},
		{name: "refused: a Plh. without NIP",
			mutate: func(f *Facts) { f.KepalaDisdukcapilSigner, f.KepalaActing = "Hj. Rina Marlina, S.E.", "Plh." },
			want:   []string{"signature.kepala_nip"}, contains: []string{"NIP Plh."}},
		{name: "refused: an acting title that is neither Plt. nor Plh.",
			mutate: func(f *Facts) {
				f.KepalaDisdukcapilSigner, f.KepalaActing, f.KepalaSignerNIP = "Hj. Rina", "Pj.", "198002022005012003"
			},
			want: []string{"signature.kepala_acting"}},
		{name: "refused: kepala perangkat daerah signature missing", mutate: func(f *Facts) { f.CounterpartySigner = "" },
			want: []string{"signature.counterparty"}, contains: []string{"kepala perangkat daerah", "11a"}},
		{name: "refused: kepala perangkat daerah without NIP", mutate: func(f *Facts) { f.CounterpartyNIP = "1975" },
			want: []string{"signature.counterparty_nip"}, contains: []string{"NIP kepala perangkat daerah", "18 angka"}},
		{name: "refused: another counterparty without a reason",
			mutate: func(f *Facts) { f.CounterpartySigner = "dr. Hendra Wijaya" },
			want:   []string{"signature.counterparty_reason"}, contains: []string{"dr. Hendra Wijaya", "Siti Aminah", "alasan"}},
		{name: "refused: pimpinan badan hukum signature missing", base: validBadanHukum,
			mutate: func(f *Facts) { f.CounterpartySigner = " " },
			want:   []string{"signature.counterparty"}, contains: []string{"pimpinan badan hukum", "11b"}},
		{name: "refused: badan hukum without its eligibility documents", base: validBadanHukum,
			mutate: func(f *Facts) { f.Eligibility = Eligibility{} },
			want:   []string{"eligibility_statement", "recommendation", "recommended_by"}},
		{name: "refused: unknown institution type, so the signatory is unknown",
			mutate: func(f *Facts) { f.InstitutionType = "koperasi" },
			want:   []string{"institution_type"}},
		{name: "refused with every problem at once", base: func() Facts { return Facts{InstitutionType: PerangkatDaerah} },
			want: []string{"agreed_version", "pks_number_disdukcapil", "pks_number_lembaga", "juknis_numbers", "signing_date",
				"signed_pks", "signed_juknis", "signature.kepala_disdukcapil", "signature.counterparty",
				"signature.counterparty_nip"}},
		{name: "refused: the lembaga has agreed to no version", mutate: func(f *Facts) { f.AgreedVersion = 0 },
			want: []string{"agreed_version"}, contains: []string{"belum menyepakati"}},
		{name: "refused: the agreed version was revised since", mutate: func(f *Facts) { f.DraftVersion = 3 },
			want: []string{"agreed_version"}, contains: []string{"versi 2", "versi 3"}},
	})
}

func TestRequestUserIDGuard(t *testing.T) {
	ips := func(list ...string) func(f *Facts) { return func(f *Facts) { f.IPAddresses = list } }
	runGuardCases(t, RequestUserID, []guardCase{
		{name: "passes with IPv4, CIDR and IPv6 addresses"},
		{name: "passes with an IPv6 network and a host-in-network CIDR",
			mutate: ips("2001:db8:10::/48", "192.168.10.7/24")},
		{name: "refused: request letter missing", mutate: func(f *Facts) { f.HasUserIDRequestLetter = false },
			want: []string{"user_id_request_letter"}, contains: []string{"4c"}},
		{name: "refused: no IP address", mutate: ips(),
			want: []string{"ip_addresses"}, contains: []string{"IP LAN"}},
		{name: "refused: invalid IPv4 address", mutate: ips("10.0.0.1", "300.1.1.1"),
			want: []string{"ip_addresses.1"}, contains: []string{`"300.1.1.1"`}},
		{name: "refused: prefix longer than the address", mutate: ips("10.0.0.0/33"),
			want: []string{"ip_addresses.0"}},
		{name: "refused: host name instead of an address", mutate: ips("vpn.dinsos.go.id"),
			want: []string{"ip_addresses.0"}},
		{name: "refused: empty row", mutate: ips("10.0.0.1", " "),
			want: []string{"ip_addresses.1"}, contains: []string{"ke-2"}},
		{name: "refused: same host written twice", mutate: ips("10.0.0.1", "10.0.0.1/32"),
			want: []string{"ip_addresses.1"}, contains: []string{"lebih dari sekali"}},
		{name: "refused: same network written twice", mutate: ips("10.0.0.0/24", "10.0.0.9/24"),
			want: []string{"ip_addresses.1"}},
		{name: "refused: IPv4-mapped IPv6 duplicate of an IPv4 host", mutate: ips("10.0.0.1", "::ffff:10.0.0.1"),
			want: []string{"ip_addresses.1"}},
		{name: "refused: the whole internet", mutate: ips("0.0.0.0/0"),
			want: []string{"ip_addresses.0"}, contains: []string{"semua alamat"}},
		{name: "refused: unspecified address", mutate: ips("::"),
			want: []string{"ip_addresses.0"}},
		{name: "refused: zoned link-local address", mutate: ips("fe80::1%eth0"),
			want: []string{"ip_addresses.0"}},
		{name: "refused: closed-network statement missing", mutate: func(f *Facts) { f.HasClosedNetworkStatement = false },
			want: []string{"closed_network_statement"}, contains: []string{"Jaringan Tertutup"}},
		{name: "refused: statement number missing", mutate: func(f *Facts) { f.ClosedNetworkStatementNumber = "" },
			want: []string{"closed_network_statement_number"}, contains: []string{"Nomor Surat Pernyataan Jaringan Tertutup"}},
		{name: "refused: statement dated tomorrow",
			mutate: func(f *Facts) { f.ClosedNetworkStatementDate = time.Date(2026, 3, 11, 0, 0, 0, 0, wib) },
			want:   []string{"closed_network_statement_date"}, contains: []string{"masa depan"}},
		{name: "refused with every problem at once", base: func() Facts { return Facts{Now: testNow} },
			want: []string{"user_id_request_letter", "ip_addresses", "closed_network_statement",
				"closed_network_statement_number", "closed_network_statement_date"}},
	})
}

func TestRequestDWHGuard(t *testing.T) {
	runGuardCases(t, RequestDWH, []guardCase{
		{name: "passes with PKS, Juknis and closed-network statement"},
		{name: "refused: signed PKS missing", mutate: func(f *Facts) { f.HasSignedPKS = false },
			want: []string{"signed_pks"}, contains: []string{"PKS", "4d"}},
		{name: "refused: Juknis document missing", mutate: func(f *Facts) { f.HasJuknisDocument = false },
			want: []string{"juknis_document"}, contains: []string{"Juknis"}},
		{name: "refused: closed-network statement missing", mutate: func(f *Facts) { f.HasClosedNetworkStatement = false },
			want: []string{"closed_network_statement"}},
		{name: "refused: signed before the PKS numbers were recorded",
			mutate: func(f *Facts) { f.PKSNumberDisdukcapil, f.PKSNumberLembaga, f.JuknisNumbers = "", "", nil },
			want:   []string{"pks_number_disdukcapil", "pks_number_lembaga", "juknis_numbers"}},
		{name: "refused: signing date not recorded", mutate: func(f *Facts) { f.SigningDate = time.Time{} },
			want: []string{"signing_date"}},
		{name: "refused: statement number not recorded", mutate: func(f *Facts) { f.ClosedNetworkStatementNumber = "" },
			want: []string{"closed_network_statement_number"}},
		{name: "refused with every copy and number named", base: func() Facts { return Facts{Now: testNow} },
			want: []string{"signed_pks", "juknis_document", "closed_network_statement", "pks_number_disdukcapil",
				"pks_number_lembaga", "juknis_numbers", "signing_date", "closed_network_statement_number",
				"closed_network_statement_date"}},
	})
}

func TestApproveDWHGuard(t *testing.T) {
	ids := func(list ...IssuedUserID) func(f *Facts) { return func(f *Facts) { f.UserIDs = list } }
	runGuardCases(t, ApproveDWH, []guardCase{
		{name: "passes with one lembaga User ID, the data balikan User ID and the letter"},
		{name: "passes with one User ID per data category",
			mutate: ids(IssuedUserID{"dinsos.verif", "verifikasi"}, IssuedUserID{"dinsos.bio", "biometrik"})},
		{name: "refused: no lembaga User ID", mutate: ids(),
			want: []string{"user_ids"}, contains: []string{"lembaga pengguna", "butir 5"}},
		{name: "refused: a User ID without its category", mutate: ids(IssuedUserID{UserID: "a-1"}),
			want: []string{"user_ids.0.category"}, contains: []string{"Kategori data User ID ke-1 belum diisi"}},
		{name: "refused: blank User ID", mutate: ids(IssuedUserID{"ok", "verifikasi"}, IssuedUserID{" ", "pemanfaatan"}),
			want: []string{"user_ids.1"}, contains: []string{"ke-2"}},
		{name: "refused: User ID with a space", mutate: ids(IssuedUserID{"dinsos verif", "verifikasi"}),
			want: []string{"user_ids.0"}, contains: []string{"huruf, angka"}},
		{name: "refused: User ID with a quote", mutate: ids(IssuedUserID{`dinsos"`, "verifikasi"}),
			want: []string{"user_ids.0"}},
		{name: "refused: User ID longer than 64 characters", mutate: ids(IssuedUserID{strings.Repeat("x", 65), "verifikasi"}),
			want: []string{"user_ids.0"}},
		{name: "refused: duplicate User ID", mutate: ids(IssuedUserID{"dinsos", "verifikasi"}, IssuedUserID{"dinsos", "pemanfaatan"}),
			want: []string{"user_ids.1"}, contains: []string{"lebih dari sekali"}},
		{name: "refused: two User IDs for one category",
			mutate: ids(IssuedUserID{"a", "verifikasi"}, IssuedUserID{"b", "verifikasi"}),
			want:   []string{"user_ids.1.category"}, contains: []string{`"verifikasi"`}},
		{name: "refused: the data balikan User ID missing", mutate: func(f *Facts) { f.DataBalikanUserID = "" },
			want: []string{"data_balikan_user_id"}, contains: []string{"User ID data balikan daerah", "Disdukcapil"}},
		{name: "refused: the data balikan User ID malformed", mutate: func(f *Facts) { f.DataBalikanUserID = "db 01" },
			want: []string{"data_balikan_user_id"}},
		{name: "refused: the data balikan User ID is also the lembaga's",
			mutate: func(f *Facts) { f.DataBalikanUserID = f.UserIDs[0].UserID },
			want:   []string{"data_balikan_user_id"}, contains: []string{"terpisah"}},
		{name: "refused: the Dirjen's approval letter missing",
			mutate: func(f *Facts) { f.LetterNumber, f.LetterDate, f.HasLetterScan = "", time.Time{}, false },
			want:   []string{"letter_number", "letter_date", "letter_scan"}},
		{name: "refused: the approval letter dated tomorrow",
			mutate: func(f *Facts) { f.LetterDate = time.Date(2026, 3, 11, 0, 0, 0, 0, wib) },
			want:   []string{"letter_date"}, contains: []string{"masa depan"}},
	})
}

func TestHandOverGuard(t *testing.T) {
	runGuardCases(t, HandOver, []guardCase{
		{name: "passes with a berita acara"},
		{name: "refused: berita acara missing", mutate: func(f *Facts) { f.HasHandoverRecord = false },
			want: []string{"handover_record"}, contains: []string{"Berita acara serah terima"}},
	})
}

func TestAcknowledgeReceiptGuard(t *testing.T) {
	runGuardCases(t, AcknowledgeReceipt, []guardCase{
		{name: "passes the first time"},
		{name: "refused: already acknowledged", mutate: func(f *Facts) { f.ReceiptAcknowledged = true },
			want: []string{"receipt"}, contains: []string{"sudah dikonfirmasi"}},
	})
}

func TestFileReportGuard(t *testing.T) {
	runGuardCases(t, FileReport, []guardCase{
		{name: "passes with a report"},
		{name: "refused: report missing", mutate: func(f *Facts) { f.HasReport = false },
			want: []string{"report"}, contains: []string{"laporan"}},
	})
}

func TestExpireGuard(t *testing.T) {
	runGuardCases(t, Expire, []guardCase{
		{name: "passes after the end date"},
		{name: "passes exactly at the end instant", mutate: func(f *Facts) { f.PKSEndDate = f.Now }},
		{name: "refused: end date one second ahead", mutate: func(f *Facts) { f.PKSEndDate = f.Now.Add(time.Second) },
			want: []string{"pks_end_date"}, contains: []string{"belum berakhir", "10 Maret 2026"}},
		{name: "refused: end date unknown", mutate: func(f *Facts) { f.PKSEndDate = time.Time{} },
			want: []string{"pks_end_date"}},
		{name: "refused: now unknown", mutate: func(f *Facts) { f.Now = time.Time{} },
			want: []string{"now"}},
	})
}

func TestWithdrawNeedsNothing(t *testing.T) {
	if got := Check(Withdraw, Facts{}); got != nil {
		t.Errorf("Check(withdraw, empty) = %v, want nil", got)
	}
	if got := Check("teleport", Facts{}); got != nil {
		t.Errorf("Check(unknown event) = %v, want nil", got)
	}
}

func TestEveryEventHasAGuardDecision(t *testing.T) {
	// Withdraw is the only event deliberately without requirements; any other
	// event missing from the guard table would pass unchecked.
	for _, ev := range Events {
		if _, ok := guards[ev]; !ok && ev != Withdraw {
			t.Errorf("event %s has no guard", ev)
		}
		if ev != Withdraw && ev != AcknowledgeReceipt && len(Check(ev, Facts{})) == 0 {
			t.Errorf("event %s passes with empty facts", ev)
		}
	}
}

func TestGuardErrorFromFireCarriesFieldKeys(t *testing.T) {
	f := validFacts()
	f.Clauses = nil
	got, err := Fire(Approved, PrepareAgreement, RoleKepala, f)
	var ge *GuardError
	if got != Approved || !errors.As(err, &ge) {
		t.Fatalf("Fire = (%s, %v), want approved and *GuardError", got, err)
	}
	if msgs := ge.For("clauses.larangan_pihak_ketiga"); len(msgs) != 1 {
		t.Errorf("For(clauses.larangan_pihak_ketiga) = %v", msgs)
	}
}
