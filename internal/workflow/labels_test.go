package workflow

import "testing"

func TestStatesPresentTheDesignTable(t *testing.T) {
	// docs/domain.md §3: label, waiting on, and the procedure item that enters the state.
	want := []struct {
		s       State
		label   string
		waiting Party
		step    int
		ref     string
	}{
		{Draft, "Draf", PartyLembaga, 0, ""},
		{Submitted, "Diajukan", PartyDisdukcapil, 1, "1"},
		{Returned, "Dikembalikan", PartyLembaga, 0, ""},
		{Forwarded, "Diteruskan ke Dirjen", PartyDirjen, 2, "2"},
		{Rejected, "Ditolak", PartyNone, 7, "3/7"},
		{Approved, "Disetujui Dirjen", PartyDisdukcapil, 3, "3"},
		{Signing, "Penandatanganan PKS", PartyBoth, 4, "4a/4b"},
		{Signed, "PKS Ditandatangani", PartyLembaga, 11, "11"},
		{UserIDRequested, "Permintaan User ID", PartyDisdukcapil, 4, "4c"},
		{DWHRequested, "Permohonan Akses DWH", PartyDirjen, 4, "4d"},
		{DWHApproved, "Akses DWH Disetujui", PartyDisdukcapil, 5, "5"},
		{Active, "Aktif", PartyNone, 6, "6"},
		{Expired, "Berakhir", PartyNone, 0, ""},
		{Revoked, "Dicabut", PartyNone, 0, ""},
		{Withdrawn, "Dibatalkan", PartyNone, 0, ""},
		{ChangesRequested, "Perubahan Draf Diminta", PartyDisdukcapil, 4, "4a/4b"},
		{Agreed, "Draf PKS Disepakati", PartyBoth, 11, "11"},
		{Suspended, "Dihentikan Sementara", PartyLembaga, 0, ""},
		{AddendumRequested, "Adendum Diajukan", PartyDisdukcapil, 0, ""},
		{AddendumForwarded, "Adendum di Dirjen", PartyDirjen, 0, ""},
		{AddendumDWHRequested, "Adendum Akses DWH di Dirjen", PartyDirjen, 0, ""},
		{AddendumApproved, "Adendum Disetujui", PartyDisdukcapil, 0, ""},
	}
	if len(want) != len(States) {
		t.Fatalf("table covers %d states, package has %d", len(want), len(States))
	}
	for _, w := range want {
		if got := w.s.Label(); got != w.label {
			t.Errorf("%s.Label() = %q, want %q", w.s, got, w.label)
		}
		if got := w.s.WaitingOn(); got != w.waiting {
			t.Errorf("%s.WaitingOn() = %q, want %q", w.s, got, w.waiting)
		}
		if got := w.s.Step(); got != w.step {
			t.Errorf("%s.Step() = %d, want %d", w.s, got, w.step)
		}
		if got := w.s.StepRef(); got != w.ref {
			t.Errorf("%s.StepRef() = %q, want %q", w.s, got, w.ref)
		}
	}
}

func TestEveryValueHasAnIndonesianLabel(t *testing.T) {
	for _, ev := range Events {
		if ev.Label() == string(ev) || ev.HistoryLabel() == string(ev) {
			t.Errorf("event %s has no label", ev)
		}
	}
	for _, r := range Roles {
		if r.Label() == string(r) {
			t.Errorf("role %s has no label", r)
		}
	}
	for _, p := range []Party{PartyNone, PartyLembaga, PartyDisdukcapil, PartyDirjen, PartyBoth} {
		if p.Label() == "" || p.Label() == string(p) {
			t.Errorf("party %q has no label", p)
		}
	}
	for _, k := range RequiredClauses {
		if k.Label() == string(k) {
			t.Errorf("clause %s has no label", k)
		}
	}
	for _, m := range AccessMethods {
		if m.Label() == string(m) {
			t.Errorf("access method %s has no label", m)
		}
	}
	for _, it := range InstitutionTypes {
		if it.Label() == string(it) {
			t.Errorf("institution type %s has no label", it)
		}
	}
	for _, c := range Clocks {
		if c.Label() == string(c) {
			t.Errorf("clock %s has no label", c)
		}
	}
	for _, p := range []Progress{ProgressDone, ProgressCurrent, ProgressNext, ProgressSkipped} {
		if p.Label() == string(p) {
			t.Errorf("progress %s has no label", p)
		}
	}
}

func TestButtonTextsReadAsTheBriefSays(t *testing.T) {
	cases := map[Event]string{
		Submit:  "Ajukan permohonan",
		Return:  "Kembalikan",
		Forward: "Teruskan ke Dirjen",
	}
	for ev, want := range cases {
		if got := ev.Label(); got != want {
			t.Errorf("%s.Label() = %q, want %q", ev, got, want)
		}
	}
	if got := Submit.LabelFrom(Returned); got != "Ajukan ulang permohonan" {
		t.Errorf("Submit.LabelFrom(returned) = %q", got)
	}
	if got := Submit.LabelFrom(Draft); got != "Ajukan permohonan" {
		t.Errorf("Submit.LabelFrom(draft) = %q", got)
	}
}

func TestUnknownValuesShowTheirRawNameWithoutPanicking(t *testing.T) {
	if got := State("limbo").Label(); got != "limbo" {
		t.Errorf("State label = %q", got)
	}
	if got := State("limbo").WaitingOn(); got != PartyNone {
		t.Errorf("WaitingOn = %q", got)
	}
	if State("limbo").Step() != 0 || State("limbo").IsFinal() {
		t.Error("unknown state claims a step or finality")
	}
	if got := Event("x").Label(); got != "x" {
		t.Errorf("Event label = %q", got)
	}
	if got := Role("x").Label(); got != "x" {
		t.Errorf("Role label = %q", got)
	}
	if got := Party("x").Label(); got != "x" {
		t.Errorf("Party label = %q", got)
	}
}
