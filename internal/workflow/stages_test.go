package workflow

import (
	"testing"
	"time"
)

func TestStagesAreTheEightRealStagesInOrder(t *testing.T) {
	want := []string{"Permohonan", "Verifikasi & penerusan", "Keputusan Dirjen", "PKS & Juknis",
		"User ID & IP LAN", "Akses DWH", "Penyerahan", "Aktif"}
	if len(Stages) != len(want) {
		t.Fatalf("%d stages, want %d", len(Stages), len(want))
	}
	for i, s := range Stages {
		if s.Label() != want[i] {
			t.Errorf("stage %d = %q, want %q", i+1, s.Label(), want[i])
		}
	}
}

func TestEveryLiveStateIsAtExactlyOneStageAndFinalStatesAtNone(t *testing.T) {
	for _, s := range States {
		st, ok := StageOf(s)
		if ok == s.IsFinal() {
			t.Errorf("StageOf(%s) ok = %v, final = %v", s, ok, s.IsFinal())
		}
		current := 0
		for _, x := range StageProgress(s, nil) {
			if x.Progress == ProgressCurrent {
				current++
				if x.Stage != st {
					t.Errorf("%s: current stage %s, StageOf says %s", s, x.Stage, st)
				}
			}
		}
		if want := map[bool]int{true: 0, false: 1}[s.IsFinal()]; current != want {
			t.Errorf("%s: %d current stages, want %d", s, current, want)
		}
	}
}

// day is 2026-03-<n> 10:00 WIB, so a history reads as a list of days.
func marchDay(n int) time.Time { return time.Date(2026, 3, n, 10, 0, 0, 0, wib) }

func hist(pairs ...any) []Reached {
	var out []Reached
	for i := 0; i < len(pairs); i += 2 {
		out = append(out, Reached{State: pairs[i].(State), At: marchDay(pairs[i+1].(int))})
	}
	return out
}

// TestStageProgressPlacesEachStage encodes stages 1..8 as one letter each (D
// done, C current, N next, S skipped) and the day of March each done stage
// finished (0: no date known).
func TestStageProgressPlacesEachStage(t *testing.T) {
	full := hist(Draft, 1, Submitted, 2, Forwarded, 3, Approved, 5, Signing, 6, Signed, 9,
		UserIDRequested, 10, DWHRequested, 11, DWHApproved, 16, Active, 17)
	cases := []struct {
		name     string
		current  State
		history  []Reached
		want     string
		finished [8]int
		outcome  string // of the stage that ended a final application
	}{
		{"a fresh draft is at permohonan", Draft, hist(Draft, 1), "CNNNNNNN", [8]int{}, ""},
		{"a submission is verified", Submitted, hist(Draft, 1, Submitted, 2), "DCNNNNNN", [8]int{2}, ""},
		{"a return reopens permohonan and forgets the finish", Returned, hist(Draft, 1, Submitted, 2, Returned, 3),
			"CNNNNNNN", [8]int{}, ""},
		{"a resubmission finishes permohonan on its day", Submitted, hist(Draft, 1, Submitted, 2, Returned, 3, Submitted, 4),
			"DCNNNNNN", [8]int{4}, ""},
		{"forwarded: the Dirjen decides", Forwarded, full[:3], "DDCNNNNN", [8]int{2, 3}, ""},
		{"approved and signing are both PKS & Juknis", Signing, full[:5], "DDDCNNNN", [8]int{2, 3, 5}, ""},
		{"signed: the lembaga asks for the User ID", Signed, full[:6], "DDDDCNNN", [8]int{2, 3, 5, 9}, ""},
		{"the User ID request waits on the DWH request", UserIDRequested, full[:7], "DDDDDCNN", [8]int{2, 3, 5, 9, 10}, ""},
		{"the DWH request is still akses DWH", DWHRequested, full[:8], "DDDDDCNN", [8]int{2, 3, 5, 9, 10}, ""},
		{"a DWH request sent back reopens User ID & IP LAN", Signed,
			append(full[:8:8], Reached{Signed, marchDay(12)}), "DDDDCNNN", [8]int{2, 3, 5, 9}, ""},
		{"DWH approved: handover", DWHApproved, full[:9], "DDDDDDCN", [8]int{2, 3, 5, 9, 10, 16}, ""},
		{"active: the last stage is current", Active, full, "DDDDDDDC", [8]int{2, 3, 5, 9, 10, 16, 17}, ""},
		{"active without history: earlier stages done, no dates", Active, nil, "DDDDDDDC", [8]int{}, ""},
		{"rejected ends at the Dirjen's decision", Rejected, hist(Draft, 1, Submitted, 2, Forwarded, 3, Rejected, 7),
			"DDDSSSSS", [8]int{2, 3, 7}, "Ditolak"},
		{"expired ends the active stage", Expired, append(full[:10:10], Reached{Expired, marchDay(30)}),
			"DDDDDDDD", [8]int{2, 3, 5, 9, 10, 16, 17, 30}, "Berakhir"},
		{"revoked ends the active stage", Revoked, append(full[:10:10], Reached{Revoked, marchDay(25)}),
			"DDDDDDDD", [8]int{2, 3, 5, 9, 10, 16, 17, 25}, "Dicabut"},
		{"withdrawn while forwarded skips from the decision on", Withdrawn,
			hist(Draft, 1, Submitted, 2, Forwarded, 3, Withdrawn, 4), "DDSSSSSS", [8]int{2, 3}, "Dibatalkan"},
		{"withdrawn as a draft skips everything", Withdrawn, hist(Draft, 1, Withdrawn, 2), "SSSSSSSS", [8]int{}, "Dibatalkan"},
		{"an unknown state shows every stage ahead", "limbo", nil, "NNNNNNNN", [8]int{}, ""},
	}
	letter := map[Progress]byte{ProgressDone: 'D', ProgressCurrent: 'C', ProgressNext: 'N', ProgressSkipped: 'S'}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := StageProgress(tc.current, tc.history)
			if len(got) != 8 {
				t.Fatalf("%d stages", len(got))
			}
			codes := make([]byte, len(got))
			outcome := ""
			for i, s := range got {
				if s.Stage != Stages[i] {
					t.Fatalf("stage %d is %s", i+1, s.Stage)
				}
				codes[i] = letter[s.Progress]
				if s.Progress == ProgressDone {
					want := time.Time{}
					if tc.finished[i] != 0 {
						want = marchDay(tc.finished[i])
					}
					if !s.Finished.Equal(want) {
						t.Errorf("stage %s finished %v, want %v", s.Stage, s.Finished, want)
					}
				} else if s.Progress != ProgressSkipped && !s.Finished.IsZero() {
					t.Errorf("stage %s is %s but has a finish date %v", s.Stage, s.Progress, s.Finished)
				}
				if s.Outcome != "" {
					outcome = s.Outcome
				}
			}
			if string(codes) != tc.want {
				t.Errorf("StageProgress(%s) = %s, want %s", tc.current, codes, tc.want)
			}
			if outcome != tc.outcome {
				t.Errorf("outcome %q, want %q", outcome, tc.outcome)
			}
		})
	}
}

func TestCurrentStageIsTheOneMarkedCurrent(t *testing.T) {
	if s, ok := CurrentStage(StageProgress(UserIDRequested, nil)); !ok || s.Stage != StageAksesDWH {
		t.Errorf("CurrentStage(user_id_requested) = %v, %v", s.Stage, ok)
	}
	if _, ok := CurrentStage(StageProgress(Rejected, nil)); ok {
		t.Error("a rejected application has a current stage")
	}
}
