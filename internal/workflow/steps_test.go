package workflow

import (
	"strings"
	"testing"
)

func TestStepsAreTheElevenSeedItems(t *testing.T) {
	got := Steps()
	if len(got) != 11 {
		t.Fatalf("Steps() has %d items, want 11", len(got))
	}
	for i, s := range got {
		if s.Number != i+1 || s.Title == "" || s.Text == "" {
			t.Errorf("step %d = %+v", i+1, s)
		}
	}
	// Spot-check the published wording survived.
	for n, phrase := range map[int]string{
		2:  "a. nama Pengguna; b. tujuan pemanfaatan Data Kependudukan",
		4:  "Surat Pernyataan Jaringan Tertutup",
		9:  "dilarang memberikan Data Kependudukan kepada pihak ketiga",
		11: "tidak memiliki hubungan vertikal",
	} {
		if !strings.Contains(got[n-1].Text, phrase) {
			t.Errorf("step %d text lacks %q", n, phrase)
		}
	}
	got[0].Title = "changed"
	if Steps()[0].Title == "changed" {
		t.Error("Steps() exposes its backing array")
	}
}

// TestTimelinePlacesEachStep encodes the expected progress of steps 1..11 as one
// letter each: D done, C current, N next, S skipped.
func TestTimelinePlacesEachStep(t *testing.T) {
	cases := []struct {
		name    string
		current State
		reached []State
		want    string //  1..11
	}{
		{"a fresh draft is at step 1", Draft, nil, "CNNNNNNNNNN"},
		{"a submission waits for step 2", Submitted, []State{Draft}, "DCNNNNNNNNN"},
		{"a returned request is back at step 1", Returned, []State{Draft, Submitted}, "CNNNNNNNNNN"},
		{"a resubmission is again at step 2", Submitted, []State{Draft, Submitted, Returned}, "DCNNNNNNNNN"},
		{"a forwarded request waits for the decision", Forwarded, []State{Draft, Submitted}, "DDCNNNNNNNN"},
		{"a rejection completes 1-3 and 7, skips the rest", Rejected, []State{Draft, Submitted, Forwarded}, "DDDSSSDSSSS"},
		{"an approval starts step 4 and the PKS rules, rules out 7", Approved, nil, "DDDCNNSCCCN"},
		{"signing is at steps 4, 8-10 and 11", Signing, nil, "DDDCNNSCCCC"},
		{"once signed, rules 8-11 are done and 4c is next", Signed, nil, "DDDCNNSDDDD"},
		{"a User ID request is still step 4", UserIDRequested, nil, "DDDCNNSDDDD"},
		{"a DWH request completes step 4", DWHRequested, nil, "DDDDCNSDDDD"},
		{"a DWH request sent back returns to step 4", Signed,
			[]State{Draft, Submitted, Forwarded, Approved, Signing, Signed, UserIDRequested, DWHRequested}, "DDDCNNSDDDD"},
		{"DWH approval waits for the handover", DWHApproved, nil, "DDDDDCSDDDD"},
		{"active completes every step but 7", Active, nil, "DDDDDDSDDDD"},
		{"expired without history is inferred from its path", Expired, nil, "DDDDDDSDDDD"},
		{"revoked keeps the completed steps", Revoked, nil, "DDDDDDSDDDD"},
		{"withdrawn as a draft skips everything", Withdrawn, []State{Draft}, "SSSSSSSSSSS"},
		{"withdrawn while forwarded keeps steps 1-2", Withdrawn, []State{Draft, Submitted, Returned, Submitted, Forwarded}, "DDSSSSSSSSS"},
		{"an unknown state shows every step ahead", "limbo", nil, "NNNNNNNNNNN"},
	}
	letter := map[Progress]byte{ProgressDone: 'D', ProgressCurrent: 'C', ProgressNext: 'N', ProgressSkipped: 'S'}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tl := Timeline(tc.current, tc.reached)
			if len(tl) != 11 {
				t.Fatalf("timeline has %d steps", len(tl))
			}
			got := make([]byte, len(tl))
			for i, s := range tl {
				if s.Number != i+1 {
					t.Fatalf("step %d numbered %d", i+1, s.Number)
				}
				got[i] = letter[s.Progress]
			}
			if string(got) != tc.want {
				t.Errorf("Timeline(%s) = %s, want %s (steps 1..11)", tc.current, got, tc.want)
			}
		})
	}
}

func TestMustPassHoldsTheLinearCore(t *testing.T) {
	got := mustPass[Active]
	// In the order of States: agreed is listed after the original fifteen.
	want := []State{Draft, Submitted, Forwarded, Approved, Signing, Signed, UserIDRequested, DWHRequested, DWHApproved, Agreed}
	if len(got) != len(want) {
		t.Fatalf("mustPass[active] = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("mustPass[active] = %v, want %v", got, want)
		}
	}
	if got := mustPass[Withdrawn]; len(got) != 1 || got[0] != Draft {
		t.Errorf("mustPass[withdrawn] = %v, want [draft]", got)
	}
}
