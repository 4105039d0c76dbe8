package workflow

import (
	"strings"
	"time"
)

// Stage is one phase of the lifecycle as an applicant and a clerk speak of it.
// The seed's 11 items are the procedure text, not stages: items 7–11 are the
// rejection letter and rules, and several items run at once. Progress is shown
// as stages: one of them is current, and each finished one has the date it
// finished.
type Stage string

const (
	StagePermohonan  Stage = "permohonan"           // the lembaga writes and submits its request (item 1)
	StageVerifikasi  Stage = "verifikasi_penerusan" // the Disdukcapil verifies and forwards it (item 2)
	StageKeputusan   Stage = "keputusan_dirjen"     // the Dirjen approves or rejects (items 3, 7)
	StagePKSJuknis   Stage = "pks_juknis"           // PKS and Juknis drafted and signed (items 4a, 4b, 8–11)
	StageUserIDIPLAN Stage = "user_id_ip_lan"       // the lembaga asks for User ID with its IP LAN (item 4c)
	StageAksesDWH    Stage = "akses_dwh"            // the Disdukcapil asks the Dirjen for DWH access, the Dirjen decides (4d, 5)
	StagePenyerahan  Stage = "penyerahan"           // the Disdukcapil hands the User IDs over (item 6)
	StageAktif       Stage = "aktif"                // access runs until the PKS ends
)

const stageUnknownIndex = -1

// Stages lists the stages in lifecycle order.
var Stages = []Stage{
	StagePermohonan, StageVerifikasi, StageKeputusan, StagePKSJuknis,
	StageUserIDIPLAN, StageAksesDWH, StagePenyerahan, StageAktif,
}

var stageLabels = map[Stage]string{
	StagePermohonan:  "Permohonan",
	StageVerifikasi:  "Verifikasi & penerusan",
	StageKeputusan:   "Keputusan Dirjen",
	StagePKSJuknis:   "PKS & Juknis",
	StageUserIDIPLAN: "User ID & IP LAN",
	StageAksesDWH:    "Akses DWH",
	StagePenyerahan:  "Penyerahan",
	StageAktif:       "Aktif",
}

// Label is the stage's name on screens.
func (s Stage) Label() string {
	if l, ok := stageLabels[s]; ok {
		return l
	}
	return string(s)
}

// stageOf places each non-final state in the stage it belongs to. A returned
// request is back at permohonan; a signed PKS waits for the lembaga's User ID
// request; a User ID request waits for the Disdukcapil's DWH request.
var stageOf = map[State]Stage{
	Draft:           StagePermohonan,
	Returned:        StagePermohonan,
	Submitted:       StageVerifikasi,
	Forwarded:       StageKeputusan,
	Approved:        StagePKSJuknis,
	Signing:         StagePKSJuknis,
	Signed:          StageUserIDIPLAN,
	UserIDRequested: StageAksesDWH,
	DWHRequested:    StageAksesDWH,
	DWHApproved:     StagePenyerahan,
	Active:          StageAktif,
	// Negotiating the drafts is still the PKS & Juknis stage; a suspended PKS
	// and one being amended are still the agreement in force (stage aktif).
	ChangesRequested:     StagePKSJuknis,
	Agreed:               StagePKSJuknis,
	Suspended:            StageAktif,
	AddendumRequested:    StageAktif,
	AddendumForwarded:    StageAktif,
	AddendumDWHRequested: StageAktif,
	AddendumApproved:     StageAktif,
}

// StageOf is the stage an application in state s is at; ok is false for the
// final states, which are at no stage any more.
func StageOf(s State) (Stage, bool) {
	st, ok := stageOf[s]
	return st, ok
}

func stageIndex(s State) int {
	st, ok := stageOf[s]
	if !ok {
		return stageUnknownIndex
	}
	for i, x := range Stages {
		if x == st {
			return i
		}
	}
	return stageUnknownIndex
}

// Reached is one entry of an application's history: the state it entered and
// when.
type Reached struct {
	State State
	At    time.Time
}

// StageStatus is one line of the progress panel.
type StageStatus struct {
	Stage    Stage
	Progress Progress  // done, current, next or skipped
	Finished time.Time // when a done stage finished; zero when the history does not say
	Outcome  string    // how a stage ended the application, e.g. "Ditolak", "Dibatalkan", "Berakhir"
}

// StageProgress places an application on the stages. history is every state
// it entered, oldest first, with the time (the initial draft may be left out).
// A stage finishes when the application moves past it; moving back (a return to
// the lembaga, a DWH request sent back) reopens the stages from there. At most
// one stage is current; a final application has none: the stage it ended in
// carries the outcome and the rest are skipped. States every path to the
// current one passes through count as finished even when the history is short,
// with no date.
func StageProgress(current State, history []Reached) []StageStatus {
	out := make([]StageStatus, len(Stages))
	for i, s := range Stages {
		out[i] = StageStatus{Stage: s, Progress: ProgressNext}
	}
	// Walk the history: a move forward finishes the stages it leaves behind, a
	// move back reopens them.
	at := stageIndex(Draft)
	for _, r := range history {
		j := stageIndex(r.State)
		if j == stageUnknownIndex {
			continue // a final state: handled below
		}
		for k := at; k < j; k++ {
			out[k].Progress, out[k].Finished = ProgressDone, r.At
		}
		for k := j; k < len(out); k++ {
			out[k].Progress, out[k].Finished = ProgressNext, time.Time{}
		}
		at = j
	}

	if cur := stageIndex(current); cur != stageUnknownIndex {
		for _, s := range mustPass[current] {
			if k := stageIndex(s); k != stageUnknownIndex && k < cur && out[k].Progress != ProgressDone {
				out[k].Progress = ProgressDone
			}
		}
		for k := cur; k < len(out); k++ {
			out[k].Progress, out[k].Finished = ProgressNext, time.Time{}
		}
		out[cur].Progress = ProgressCurrent
		return out
	}
	if !current.IsFinal() {
		return out // an unknown state: everything ahead
	}

	// A final state: the stage it ended in carries the outcome. Rejected ends
	// the Dirjen's decision; expired and revoked end the active stage; a
	// withdrawal ends whatever stage the request was at.
	end := at
	for _, s := range mustPass[current] {
		if k := stageIndex(s); k != stageUnknownIndex && k > end {
			end = k
		}
	}
	switch current {
	case Rejected:
		end = stageIndex(Forwarded)
	case Expired, Revoked:
		end = stageIndex(Active)
	}
	var endedAt time.Time
	for _, r := range history {
		if r.State == current {
			endedAt = r.At
		}
	}
	for k := range out {
		switch {
		case k < end:
			out[k].Progress = ProgressDone
		case k == end && current != Withdrawn:
			out[k].Progress, out[k].Finished = ProgressDone, endedAt
			out[k].Outcome = current.Label()
		case k == end:
			out[k].Progress, out[k].Finished = ProgressSkipped, endedAt
			out[k].Outcome = current.Label()
		default:
			out[k].Progress, out[k].Finished = ProgressSkipped, time.Time{}
		}
	}
	return out
}

// CurrentStage is the stage StageProgress marks current, if any.
func CurrentStage(statuses []StageStatus) (StageStatus, bool) {
	for _, s := range statuses {
		if s.Progress == ProgressCurrent {
			return s, true
		}
	}
	return StageStatus{}, false
}

// StagesMarkdown is the table of stages and the states each one covers, for
// docs/workflow.md, generated from stageOf so it cannot drift from it.
func StagesMarkdown() string {
	var b strings.Builder
	b.WriteString("| stage | label | states |\n| --- | --- | --- |\n")
	for _, st := range Stages {
		var states []string
		for _, s := range States {
			if stageOf[s] == st {
				states = append(states, "`"+string(s)+"`")
			}
		}
		b.WriteString("| `" + string(st) + "` | " + st.Label() + " | " + strings.Join(states, ", ") + " |\n")
	}
	return b.String()
}
