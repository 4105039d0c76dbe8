package workflow

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// wib is the tenant time zone the tests stand in; a fixed zone keeps them
// independent of the machine's tz database.
var wib = time.FixedZone("WIB", 7*60*60)

// testNow is "now" for every test: Tuesday 2026-03-10 10:00 WIB.
var testNow = time.Date(2026, 3, 10, 10, 0, 0, 0, wib)

// validFacts satisfies every guard at once (guards read disjoint fields), for a
// perangkat daerah that has not yet acknowledged receipt.
func validFacts() Facts {
	return Facts{
		Now:                 testNow,
		InstitutionName:     "Dinas Sosial Kabupaten Ogan Komering Ilir",
		InstitutionType:     PerangkatDaerah,
		InstitutionVerified: true,
		Purpose:             "Verifikasi NIK penerima bantuan sosial daerah",
		DataElements: []DataElement{
			{Code: "nik", Name: "Nomor Induk Kependudukan (NIK)"},
			{Code: "nama_lengkap", Name: "Nama lengkap"},
			{Code: "sidik_jari", Name: "Sidik jari", Protected: true, Justification: "Verifikasi biometrik penerima bantuan di loket"},
		},
		AccessMethods:    []AccessMethod{WebService, CardReader},
		ReturnData:       "Status penerima bantuan sosial per NIK",
		TermMonths:       36,
		HasRequestLetter: true,

		Reason:        "Alasan tertulis",
		LetterNumber:  "470/123/DUKCAPIL/2026",
		Signatory:     "Kepala Dinas a.n. Bupati",
		LetterDate:    time.Date(2026, 3, 9, 0, 0, 0, 0, wib),
		HasLetterScan: true,

		Clauses: map[ClauseKey]string{
			ClauseMaksud:         "Maksud perjanjian ini ...",
			ClauseTujuan:         "Tujuan perjanjian ini ...",
			ClauseHakKewajiban:   "Hak dan kewajiban para pihak ...",
			ClauseEvaluasi:       "Evaluasi dan pelaporan setiap semester ...",
			ClauseJangkaWaktu:    "Perjanjian berlaku 36 bulan ...",
			ClausePembiayaan:     "Biaya dibebankan kepada masing-masing pihak ...",
			ClauseLaranganPihak3: "Para pihak dilarang memberikan Data Kependudukan kepada pihak ketiga.",
			ClauseLaranganNonPKS: "Dilarang menggunakan Data Kependudukan di luar perjanjian ini.",
		},
		Juknis: "Petunjuk teknis: jaringan, keamanan, format data balikan ...",

		HasSignedPKS:            true,
		KepalaDisdukcapilSigner: "Kepala Disdukcapil",
		CounterpartySigner:      "Kepala Dinas Sosial",

		HasUserIDRequestLetter:    true,
		IPAddresses:               []string{"10.16.2.10", "10.16.3.0/24", "2001:db8::10"},
		HasClosedNetworkStatement: true,
		HasJuknisDocument:         true,
		UserIDs:                   []IssuedUserID{{UserID: "dinsos_oki.verif", Category: "verifikasi"}},

		HasHandoverRecord:   true,
		ReceiptAcknowledged: false,
		HasReport:           true,
		PKSEndDate:          time.Date(2026, 3, 1, 0, 0, 0, 0, wib),
	}
}

// validBadanHukum is validFacts for an eligible badan hukum with all documents.
func validBadanHukum() Facts {
	f := validFacts()
	f.InstitutionName = "PT Bank Perkreditan Rakyat Kayuagung"
	f.InstitutionType = BadanHukum
	f.LegalDocuments = LegalDocuments{AktaPendirian: true, SKKemenkumham: true, IzinUsaha: true, SuratDomisili: true}
	f.Eligibility = Eligibility{PublicServiceInRegion: true, NoVerticalRelation: true}
	f.CounterpartySigner = "Direktur Utama"
	return f
}

// expectedMachine is the machine as the tests believe docs/domain.md §3
// describe it, written out by hand and NOT derived from the package's tables:
// "state event roles... -> target".
const expectedMachine = `
draft             submit              lembaga                  -> submitted
draft             withdraw            lembaga                  -> withdrawn
submitted         return              petugas kepala           -> returned
submitted         forward             petugas kepala           -> forwarded
submitted         withdraw            lembaga                  -> withdrawn
returned          submit              lembaga                  -> submitted
returned          withdraw            lembaga                  -> withdrawn
forwarded         approve             dirjen                   -> approved
forwarded         reject              dirjen                   -> rejected
forwarded         withdraw            lembaga                  -> withdrawn
approved          prepare_agreement   petugas kepala           -> signing
signing           revise_agreement    petugas kepala           -> signing
signing           sign                petugas kepala           -> signed
signed            request_user_id     lembaga                  -> user_id_requested
user_id_requested request_dwh         petugas kepala           -> dwh_requested
dwh_requested     return_dwh          dirjen                   -> signed
dwh_requested     approve_dwh         dirjen                   -> dwh_approved
dwh_approved      hand_over           petugas kepala           -> active
active            acknowledge_receipt lembaga                  -> active
active            file_report         lembaga                  -> active
active            expire              system                   -> expired
active            revoke              petugas kepala dirjen    -> revoked
`

// The vocabulary as the tests know it, by string, so a renamed constant fails.
var (
	expectedStates = strings.Fields(`draft submitted returned forwarded rejected approved signing signed
		user_id_requested dwh_requested dwh_approved active expired revoked withdrawn`)
	expectedEvents = strings.Fields(`submit return withdraw forward approve reject prepare_agreement
		revise_agreement sign request_user_id request_dwh return_dwh approve_dwh hand_over
		acknowledge_receipt file_report expire revoke`)
	expectedRoles = strings.Fields(`lembaga petugas kepala dirjen admin system`)
)

type expectedEdge struct {
	to    State
	roles map[Role]bool
}

// parseExpected reads expectedMachine into (state, event) → target and roles.
func parseExpected(t testing.TB) map[[2]string]expectedEdge {
	t.Helper()
	out := map[[2]string]expectedEdge{}
	for _, line := range strings.Split(strings.TrimSpace(expectedMachine), "\n") {
		f := strings.Fields(line)
		if len(f) < 5 || f[len(f)-2] != "->" {
			t.Fatalf("bad line in expectedMachine: %q", line)
		}
		roles := map[Role]bool{}
		for _, r := range f[2 : len(f)-2] {
			roles[Role(r)] = true
		}
		key := [2]string{f[0], f[1]}
		if _, dup := out[key]; dup {
			t.Fatalf("duplicate line in expectedMachine: %q", line)
		}
		out[key] = expectedEdge{to: State(f[len(f)-1]), roles: roles}
	}
	return out
}

func fields(ps []Problem) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Field
	}
	return out
}

func describe(ps []Problem) string {
	var b strings.Builder
	for _, p := range ps {
		fmt.Fprintf(&b, "\n  %s: %s", p.Field, p.Message)
	}
	return b.String()
}
