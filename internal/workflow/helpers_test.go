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
		AccessMethods:       []AccessMethod{WebService, CardReader},
		ReturnData:          "Status penerima bantuan sosial per NIK",
		TermMonths:          36,
		HasRequestLetter:    true,
		RequestLetterNumber: "045/77/DINSOS/2026",
		RequestLetterDate:   time.Date(2026, 3, 2, 0, 0, 0, 0, wib),

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
		HasSignedJuknis:         true,
		PKSNumberDisdukcapil:    "470/123/DUKCAPIL/2026",
		PKSNumberLembaga:        "045/77/DINKES/2026",
		JuknisNumbers:           []string{"470/124/DUKCAPIL/2026", "045/78/DINKES/2026"},
		SigningDate:             time.Date(2026, 3, 10, 0, 0, 0, 0, wib),
		ApprovalDate:            time.Date(2026, 3, 9, 0, 0, 0, 0, wib),
		KepalaDisdukcapilSigner: "Drs. H. Ahmad Syarifuddin, M.Si.",
		TenantKepalaName:        "Drs. H. Ahmad Syarifuddin, M.Si.",
		CounterpartySigner:      "Siti Aminah, S.Sos.",
		CounterpartyNIP:         "197505052000032002",
		RegisteredHeadName:      "Siti Aminah, S.Sos.",

		HasUserIDRequestLetter:       true,
		IPAddresses:                  []string{"10.16.2.10", "10.16.3.0/24", "2001:db8::10"},
		HasClosedNetworkStatement:    true,
		HasJuknisDocument:            true,
		ClosedNetworkStatementNumber: "045/91/DINSOS/2026",
		ClosedNetworkStatementDate:   time.Date(2026, 3, 9, 0, 0, 0, 0, wib),
		UserIDs:                      []IssuedUserID{{UserID: "dinsos_oki.verif", Category: "verifikasi"}},
		DataBalikanUserID:            "disdukcapil_oki.db01",

		HasHandoverRecord:   true,
		ReceiptAcknowledged: false,
		HasReport:           true,
		PKSEndDate:          time.Date(2026, 3, 1, 0, 0, 0, 0, wib),

		DraftVersion:         2,
		AgreedVersion:        2,
		Comments:             1,
		ReportAwaitingReview: true,
		Delivery: DataBalikanDelivery{PeriodStart: time.Date(2026, 1, 1, 0, 0, 0, 0, wib),
			PeriodEnd: time.Date(2026, 1, 31, 0, 0, 0, 0, wib), Channel: "aplikasi_data_balikan", Records: 1200},
		Ground:        GroundLateReport,
		GroundMonths:  3,
		ActiveUserIDs: []string{"dinsos_oki.verif"},
		Addendum: Addendum{
			AddElements:   []DataElement{{Code: "golongan_darah", Name: "Golongan darah"}},
			IPAddresses:   []string{"10.16.2.10", "10.16.4.0/24"},
			HasLetter:     true,
			HasStatement:  true,
			DirjenDecided: true,
			DWHApproved:   true,
			HasSigned:     true,
		},
	}
}

// validBadanHukum is validFacts for an eligible badan hukum with all documents.
func validBadanHukum() Facts {
	f := validFacts()
	f.InstitutionName = "PT Bank Perkreditan Rakyat Kayuagung"
	f.InstitutionType = BadanHukum
	f.LegalDocuments = LegalDocuments{AktaPendirian: true, SKKemenkumham: true, IzinUsaha: true, SuratDomisili: true}
	f.Eligibility = Eligibility{HasStatement: true, HasRecommendation: true, RecommendedBy: "Otoritas Jasa Keuangan"}
	f.CounterpartySigner = "Ir. Budi Santoso"
	f.CounterpartyNIP = ""
	f.RegisteredHeadName = "Ir. Budi Santoso"
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
signing           agree_agreement     lembaga                  -> agreed
signing           request_changes     lembaga                  -> changes_requested
changes_requested revise_agreement    petugas kepala           -> signing
agreed            revise_agreement    petugas kepala           -> signing
agreed            sign                petugas kepala           -> signed
signed            request_user_id     lembaga                  -> user_id_requested
user_id_requested request_dwh         petugas kepala           -> dwh_requested
dwh_requested     return_dwh          dirjen                   -> signed
dwh_requested     approve_dwh         dirjen                   -> dwh_approved
dwh_approved      hand_over           petugas kepala           -> active
active            acknowledge_receipt lembaga                  -> active
active            file_report         lembaga                  -> active
active            accept_report       petugas kepala           -> active
active            return_report       petugas kepala           -> active
active            record_data_balikan lembaga                  -> active
active            expire              system                   -> expired
active            warn                petugas kepala dirjen    -> active
active            suspend             petugas kepala dirjen    -> suspended
active            revoke              petugas kepala dirjen    -> revoked
active            request_addendum    lembaga                  -> addendum_requested
suspended         reinstate           petugas kepala dirjen    -> active
suspended         revoke              petugas kepala dirjen    -> revoked
suspended         file_report         lembaga                  -> suspended
suspended         accept_report       petugas kepala           -> suspended
suspended         return_report       petugas kepala           -> suspended
suspended         record_data_balikan lembaga                  -> suspended
suspended         expire              system                   -> expired
addendum_requested     return_addendum      petugas kepala     -> active
addendum_requested     forward_addendum     petugas kepala     -> addendum_forwarded
addendum_requested     request_addendum_dwh petugas kepala     -> addendum_dwh_requested
addendum_requested     file_report          lembaga            -> addendum_requested
addendum_requested     accept_report        petugas kepala     -> addendum_requested
addendum_requested     return_report        petugas kepala     -> addendum_requested
addendum_requested     record_data_balikan  lembaga            -> addendum_requested
addendum_requested     expire               system             -> expired
addendum_forwarded     approve_addendum     dirjen             -> addendum_approved
addendum_forwarded     reject_addendum      dirjen             -> active
addendum_forwarded     file_report          lembaga            -> addendum_forwarded
addendum_forwarded     accept_report        petugas kepala     -> addendum_forwarded
addendum_forwarded     return_report        petugas kepala     -> addendum_forwarded
addendum_forwarded     record_data_balikan  lembaga            -> addendum_forwarded
addendum_forwarded     expire               system             -> expired
addendum_dwh_requested approve_addendum_dwh dirjen             -> addendum_approved
addendum_dwh_requested reject_addendum      dirjen             -> active
addendum_dwh_requested file_report          lembaga            -> addendum_dwh_requested
addendum_dwh_requested accept_report        petugas kepala     -> addendum_dwh_requested
addendum_dwh_requested return_report        petugas kepala     -> addendum_dwh_requested
addendum_dwh_requested record_data_balikan  lembaga            -> addendum_dwh_requested
addendum_dwh_requested expire               system             -> expired
addendum_approved      request_addendum_dwh petugas kepala     -> addendum_dwh_requested
addendum_approved      sign_addendum        petugas kepala     -> active
addendum_approved      file_report          lembaga            -> addendum_approved
addendum_approved      accept_report        petugas kepala     -> addendum_approved
addendum_approved      return_report        petugas kepala     -> addendum_approved
addendum_approved      record_data_balikan  lembaga            -> addendum_approved
addendum_approved      expire               system             -> expired
`

// The vocabulary as the tests know it, by string, so a renamed constant fails.
var (
	expectedStates = strings.Fields(`draft submitted returned forwarded rejected approved signing signed
		user_id_requested dwh_requested dwh_approved active expired revoked withdrawn
		changes_requested agreed suspended
		addendum_requested addendum_forwarded addendum_dwh_requested addendum_approved`)
	expectedEvents = strings.Fields(`submit return withdraw forward approve reject prepare_agreement
		revise_agreement sign request_user_id request_dwh return_dwh approve_dwh hand_over
		acknowledge_receipt file_report expire revoke
		agree_agreement request_changes
		accept_report return_report record_data_balikan warn suspend reinstate
		request_addendum return_addendum forward_addendum approve_addendum reject_addendum
		request_addendum_dwh approve_addendum_dwh sign_addendum`)
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
