package workflow

import (
	"strings"
	"testing"
	"time"
)

func TestNegotiationGuards(t *testing.T) {
	runGuardCases(t, AgreeAgreement, []guardCase{
		{name: "passes with a draft to agree to"},
		{name: "refused: no draft yet", mutate: func(f *Facts) { f.DraftVersion = 0 },
			want: []string{"agreement_version"}, contains: []string{"draf"}},
	})
	runGuardCases(t, RequestChanges, []guardCase{
		{name: "passes with a comment on a pasal"},
		{name: "passes with a general note and no comment", mutate: func(f *Facts) { f.Comments, f.Reason = 0, "Pasal 5 perlu disesuaikan" }},
		{name: "refused: nothing said about what to change", mutate: func(f *Facts) { f.Comments, f.Reason = 0, " " },
			want: []string{"comments"}, contains: []string{"komentar"}},
	})
}

func TestReportReviewGuards(t *testing.T) {
	runGuardCases(t, AcceptReport, []guardCase{
		{name: "passes with a report awaiting review"},
		{name: "refused: nothing to review", mutate: func(f *Facts) { f.ReportAwaitingReview = false },
			want: []string{"report"}},
	})
	runGuardCases(t, ReturnReport, []guardCase{
		{name: "passes with a report and a reason"},
		{name: "refused: no reason, so the lembaga cannot fix it", mutate: func(f *Facts) { f.Reason = "" },
			want: []string{"reason"}, contains: []string{"Alasan"}},
		{name: "refused: nothing to return", mutate: func(f *Facts) { f.ReportAwaitingReview = false; f.Reason = "" },
			want: []string{"report", "reason"}},
	})
}

func TestDataBalikanGuard(t *testing.T) {
	runGuardCases(t, RecordDataBalikan, []guardCase{
		{name: "passes for a January delivery"},
		{name: "passes with zero records (nothing to return this period)", mutate: func(f *Facts) { f.Delivery.Records = 0 }},
		{name: "refused: no period", mutate: func(f *Facts) { f.Delivery.PeriodStart = time.Time{} },
			want: []string{"delivery.period"}},
		{name: "refused: period ends before it starts", mutate: func(f *Facts) { f.Delivery.PeriodEnd = f.Delivery.PeriodStart.AddDate(0, 0, -1) },
			want: []string{"delivery.period"}, contains: []string{"mendahului"}},
		{name: "refused: period in the future", mutate: func(f *Facts) {
			f.Delivery.PeriodStart, f.Delivery.PeriodEnd = testNow.AddDate(0, 1, 0), testNow.AddDate(0, 2, 0)
		}, want: []string{"delivery.period"}, contains: []string{"belum dimulai"}},
		{name: "refused: unknown channel", mutate: func(f *Facts) { f.Delivery.Channel = "merpati" },
			want: []string{"delivery.channel"}},
		{name: "refused: negative count", mutate: func(f *Facts) { f.Delivery.Records = -1 },
			want: []string{"delivery.records"}},
	})
}

func TestSanctionGuards(t *testing.T) {
	groundCases := []guardCase{
		{name: "passes for a report three months late"},
		{name: "passes for misuse outside the PKS", mutate: func(f *Facts) { f.Ground = GroundMisuse }},
		{name: "refused: no ground", mutate: func(f *Facts) { f.Ground = "" },
			want: []string{"ground"}, contains: []string{"Dasar sanksi"}},
		{name: "refused: a ground outside the closed list", mutate: func(f *Facts) { f.Ground = "tidak_suka" },
			want: []string{"ground"}, contains: []string{"tidak dikenal"}},
		{name: "refused: late report without months", mutate: func(f *Facts) { f.GroundMonths = 0 },
			want: []string{"ground_months"}},
		{name: "refused: other without text", mutate: func(f *Facts) { f.Ground, f.GroundText = GroundOther, " " },
			want: []string{"ground_text"}},
	}
	runGuardCases(t, Revoke, append(groundCases,
		guardCase{name: "passes at the lembaga's request", mutate: func(f *Facts) { f.Ground = GroundLembagaRequest }}))
	runGuardCases(t, Warn, append(groundCases,
		guardCase{name: "refused: a warning is not given at the lembaga's request", mutate: func(f *Facts) { f.Ground = GroundLembagaRequest },
			want: []string{"ground"}, contains: []string{"permintaan lembaga"}}))
	runGuardCases(t, Suspend, append(groundCases,
		guardCase{name: "refused: no User ID to deactivate", mutate: func(f *Facts) { f.ActiveUserIDs = nil },
			want: []string{"user_ids"}, contains: []string{"dinonaktifkan"}},
		guardCase{name: "refused: a malformed User ID", mutate: func(f *Facts) { f.ActiveUserIDs = []string{"a b"} },
			want: []string{"user_ids.0"}}))
	runGuardCases(t, Reinstate, []guardCase{
		{name: "passes with the cure and the User IDs"},
		{name: "refused: no account of the cure", mutate: func(f *Facts) { f.Reason = "" },
			want: []string{"reason"}, contains: []string{"diselesaikan"}},
		{name: "refused: no User ID to reactivate", mutate: func(f *Facts) { f.ActiveUserIDs = nil },
			want: []string{"user_ids"}, contains: []string{"diaktifkan kembali"}},
	})
}

func TestSanctionVocabulary(t *testing.T) {
	for _, g := range SanctionGrounds {
		if g.Label() == string(g) {
			t.Errorf("ground %s has no label", g)
		}
		if got, ok := ValidSanctionGround(string(g)); !ok || got != g {
			t.Errorf("ValidSanctionGround(%s) = %s, %v", g, got, ok)
		}
	}
	if got := GroundLateReport.Describe(4, ""); got != "Laporan semester terlambat 4 bulan" {
		t.Errorf("late_report described as %q", got)
	}
	if got := GroundOther.Describe(0, "  Server dipindah ke pihak lain "); got != "Server dipindah ke pihak lain" {
		t.Errorf("other described as %q", got)
	}
	kinds := map[Event]SanctionKind{Warn: SanctionTeguran, Suspend: SanctionPenghentian, Revoke: SanctionPencabutan, Reinstate: SanctionPemulihan}
	for _, ev := range Events {
		k, ok := SanctionOf(ev)
		if want, is := kinds[ev]; ok != is || k != want {
			t.Errorf("SanctionOf(%s) = %s, %v", ev, k, ok)
		}
		if ok && (k.Label() == string(k) || k.Effect() == "") {
			t.Errorf("sanction %s lacks a label or effect", k)
		}
	}
	// The effects say what each sanction does to access.
	if !strings.Contains(SanctionTeguran.Effect(), "tetap") || !strings.Contains(SanctionPenghentian.Effect(), "dinonaktifkan") ||
		!strings.Contains(SanctionPemulihan.Effect(), "diaktifkan kembali") {
		t.Error("sanction effects do not say what happens to access")
	}
}

func TestAddendumGuards(t *testing.T) {
	ipOnly := func() Facts {
		f := validFacts()
		f.Addendum = Addendum{IPAddresses: []string{"10.16.9.0/24"}, HasLetter: true, HasStatement: true}
		return f
	}
	runGuardCases(t, RequestAddendum, []guardCase{
		{name: "passes adding an element and an IP network"},
		{name: "passes for an IP change alone", base: ipOnly},
		{name: "refused: changes nothing", mutate: func(f *Facts) { f.Addendum = Addendum{HasLetter: true} },
			want: []string{"addendum"}, contains: []string{"belum mengubah"}},
		{name: "refused: a bad IP address", base: ipOnly, mutate: func(f *Facts) { f.Addendum.IPAddresses = []string{"10.16.300.1"} },
			want: []string{"ip_addresses.0"}},
		{name: "refused: new IPs without a new closed-network statement", base: ipOnly,
			mutate: func(f *Facts) { f.Addendum.HasStatement = false },
			want:   []string{"closed_network_statement"}, contains: []string{"Jaringan Tertutup"}},
		{name: "refused: a protected element without justification",
			mutate: func(f *Facts) {
				f.Addendum.AddElements = []DataElement{{Code: "sidik_jari", Name: "Sidik jari", Protected: true}}
			},
			want: []string{"data_elements.sidik_jari.justification"}},
		{name: "refused: a new purpose too short", mutate: func(f *Facts) { f.Addendum.Purpose = "verifikasi" },
			want: []string{"purpose"}},
		{name: "refused: no signed request letter", mutate: func(f *Facts) { f.Addendum.HasLetter = false },
			want: []string{"addendum.letter"}},
	})
	runGuardCases(t, ForwardAddendum, []guardCase{
		{name: "passes: a new element goes to the Dirjen"},
		{name: "refused: an IP-only change does not go to the Dirjen", base: ipOnly,
			want: []string{"addendum"}, contains: []string{"akses DWH"}},
	})
	runGuardCases(t, RequestAddendumDWH, []guardCase{
		{name: "passes: IP-only change"},
		{name: "passes for an IP change alone", base: ipOnly},
		{name: "refused: elements changed but the Dirjen has not approved", mutate: func(f *Facts) { f.Addendum.DirjenDecided = false },
			want: []string{"addendum"}, contains: []string{"Dirjen"}},
		{name: "refused: nothing for the DWH", mutate: func(f *Facts) { f.Addendum.IPAddresses = nil },
			want: []string{"addendum"}},
	})
	runGuardCases(t, ApproveAddendumDWH, []guardCase{
		{name: "passes for an IP change"},
		{name: "refused: more User IDs asked, none issued", mutate: func(f *Facts) { f.Addendum.AddUserIDs = 1; f.UserIDs = nil },
			want: []string{"user_ids"}},
	})
	runGuardCases(t, SignAddendum, []guardCase{
		{name: "passes once every approval is in"},
		{name: "refused: the DWH part is not approved", mutate: func(f *Facts) { f.Addendum.DWHApproved = false },
			want: []string{"addendum"}, contains: []string{"akses DWH"}},
		{name: "refused: the Dirjen has not approved the elements", mutate: func(f *Facts) { f.Addendum.DirjenDecided = false },
			want: []string{"addendum"}, contains: []string{"Dirjen"}},
		{name: "refused: no signed scan and no signers",
			mutate: func(f *Facts) {
				f.Addendum.HasSigned = false
				f.KepalaDisdukcapilSigner = ""
				f.CounterpartySigner = ""
			},
			want: []string{"addendum.signed", "signature.kepala_disdukcapil", "signature.counterparty"}},
	})
}

// TestSignOnlyFromAnAgreedVersion walks the negotiation: the lembaga asks for
// a change, staff revise, the lembaga agrees, and only then may staff sign; a
// revision after the agreement sends it back for a new agreement.
func TestSignOnlyFromAnAgreedVersion(t *testing.T) {
	f := validFacts()
	f.DraftVersion, f.AgreedVersion = 1, 0
	if _, err := Fire(Signing, Sign, RoleKepala, f); err == nil {
		t.Fatal("signed a draft the lembaga never saw agreed")
	}
	s, err := Fire(Signing, RequestChanges, RoleLembaga, f)
	if err != nil || s != ChangesRequested {
		t.Fatalf("request_changes = (%s, %v)", s, err)
	}
	f.DraftVersion = 2
	if s, err = Fire(s, ReviseAgreement, RolePetugas, f); err != nil || s != Signing {
		t.Fatalf("revise = (%s, %v)", s, err)
	}
	if s, err = Fire(s, AgreeAgreement, RoleLembaga, f); err != nil || s != Agreed {
		t.Fatalf("agree = (%s, %v)", s, err)
	}
	f.AgreedVersion = 2
	if got, err := Fire(s, Sign, RoleKepala, f); err != nil || got != Signed {
		t.Fatalf("sign of the agreed version = (%s, %v)", got, err)
	}
	f.DraftVersion = 3 // revised after the agreement, but the app still says agreed
	if got, err := Fire(Agreed, Sign, RoleKepala, f); err == nil || got != Agreed {
		t.Fatalf("sign of a version revised after the agreement = (%s, %v), want refused", got, err)
	}
}
