package workflow

// Step is one of the 11 numbered items of the published service procedure
// (docs/domain.md §3). Items 1–7 are transitions, items 8–11 are rules the guards
// enforce; the public page and each application's timeline show all of them.
type Step struct {
	Number int
	Title  string // short title for timelines
	Text   string // the published wording, with "Kabupaten/Kota" for the OKI-specific names
}

var steps = []Step{
	{1, "Permohonan tertulis",
		"Pimpinan Pengguna mengajukan surat permohonan Pemanfaatan Data Kependudukan secara tertulis kepada Bupati/Wali kota melalui Disdukcapil Kabupaten/Kota."},
	{2, "Diteruskan ke Dirjen Dukcapil",
		"Bupati/Wali kota melalui Dinas Kependudukan dan Pencatatan Sipil Kabupaten/Kota meneruskan surat permohonan Pemanfaatan Data Kependudukan sebagaimana dimaksud pada angka 1, kepada Direktur Jenderal Kependudukan dan Pencatatan Sipil disertai dengan penjelasan yang paling sedikit memuat: a. nama Pengguna; b. tujuan pemanfaatan Data Kependudukan; c. elemen Data Kependudukan yang akan diakses; d. metode akses Data Kependudukan; e. data balikan yang akan diberikan; dan f. jangka waktu perjanjian kerja sama."},
	{3, "Persetujuan atau penolakan Dirjen",
		"Dirjen Dukcapil atas nama Menteri memberikan persetujuan atau penolakan atas permohonan pemanfaatan Data Kependudukan sebagaimana dimaksud pada angka 2, dituangkan dalam bentuk surat."},
	{4, "PKS, Juknis, User ID dan akses DWH",
		"Persetujuan Dirjen Dukcapil sebagaimana dimaksud pada angka 3, ditindaklanjuti dengan: a. penyusunan Perjanjian Kerja Sama Pemanfaatan Data Kependudukan antara Disdukcapil Kabupaten/Kota dengan Lembaga Pengguna; b. penyusunan Petunjuk Teknis Perjanjian Kerja Sama Pemanfaatan Data Kependudukan antara Disdukcapil Kabupaten/Kota dengan Lembaga Pengguna; c. Lembaga Pengguna mengirimkan surat permohonan User ID dan IP LAN kepada Disdukcapil Kabupaten/Kota; d. Disdukcapil Kabupaten/Kota mengirimkan surat permohonan persetujuan Akses DWH (Data Warehouse) Terpusat bagi Lembaga Pengguna kepada Dirjen Dukcapil disertai salinan dokumen Perjanjian Kerja Sama, salinan dokumen Petunjuk Teknis, dan Surat Pernyataan Jaringan Tertutup dari Lembaga Pengguna."},
	{5, "Persetujuan akses DWH",
		"Dengan mengacu pada surat permohonan persetujuan Akses DWH sebagaimana dimaksud pada angka 4 huruf d, Dirjen Dukcapil menyetujui Akses DWH Terpusat melalui aplikasi DWH Terpusat bagi Lembaga Pengguna dan memberikan User ID data balikan daerah bagi Disdukcapil Kabupaten/Kota."},
	{6, "Penyerahan User ID",
		"Selanjutnya Disdukcapil Kabupaten/Kota memberikan User ID kepada Lembaga Pengguna."},
	{7, "Surat penolakan",
		"Penolakan sebagaimana dimaksud pada angka 3, dituangkan dalam bentuk surat."},
	{8, "Isi minimal PKS",
		"Perjanjian kerja sama sebagaimana dimaksud pada angka 4 huruf a, paling sedikit memuat pengaturan maksud, tujuan, hak dan kewajiban, evaluasi dan pelaporan, jangka waktu, dan pembiayaan."},
	{9, "Larangan memberikan data kepada pihak ketiga",
		"Para pihak dilarang memberikan Data Kependudukan kepada pihak ketiga."},
	{10, "Larangan penggunaan di luar PKS",
		"Larangan menggunakan Data Kependudukan tidak sesuai dengan perjanjian kerja sama."},
	{11, "Penandatanganan PKS",
		"Penandatanganan terhadap: a. perjanjian kerja sama dilakukan oleh Kepala Disdukcapil Kabupaten/Kota dengan kepala perangkat daerah; dan b. perjanjian kerja sama yang telah disepakati oleh kedua belah pihak ditandatangani oleh Kepala Disdukcapil Kabupaten/Kota dengan pimpinan Badan Hukum Indonesia yang memberikan pelayanan publik di tingkat kabupaten/kota dan tidak memiliki hubungan vertikal dengan Badan Hukum Indonesia di tingkat pusat dan tingkat provinsi."},
}

// Steps returns the 11 seed items in order. The slice is a fresh copy.
func Steps() []Step {
	return append([]Step(nil), steps...)
}

// Progress is where one step stands in an application's timeline.
type Progress string

const (
	ProgressDone    Progress = "done"    // the step happened (or its rule was satisfied)
	ProgressCurrent Progress = "current" // the application is at this step now
	ProgressNext    Progress = "next"    // still ahead
	ProgressSkipped Progress = "skipped" // will not happen on this application's path
)

var progressLabels = map[Progress]string{
	ProgressDone:    "Selesai",
	ProgressCurrent: "Sedang berjalan",
	ProgressNext:    "Belum",
	ProgressSkipped: "Dilewati",
}

// Label is the progress as shown beside a timeline step.
func (p Progress) Label() string { return label(progressLabels, p) }

// StepStatus is one line of a timeline.
type StepStatus struct {
	Step
	Progress Progress
}

// stepRule says when a step is current (the application sits in one of these
// states) and when it is done (one of these states was reached). Rules 8–10 are
// current while the PKS is drafted and done once it is signed: the guards of
// prepare/revise made sure the signed text contains them.
var stepRules = map[int]struct {
	current  []State
	doneWhen []State
	// skippedWhen: reaching one of these rules the step out even before the
	// application is final (item 7 once the Dirjen approved).
	skippedWhen []State
}{
	1:  {current: []State{Draft, Returned}, doneWhen: []State{Submitted}},
	2:  {current: []State{Submitted}, doneWhen: []State{Forwarded}},
	3:  {current: []State{Forwarded}, doneWhen: []State{Approved, Rejected}},
	4:  {current: []State{Approved, Signing, ChangesRequested, Agreed, Signed, UserIDRequested}, doneWhen: []State{DWHRequested}},
	5:  {current: []State{DWHRequested}, doneWhen: []State{DWHApproved}},
	6:  {current: []State{DWHApproved}, doneWhen: []State{Active}},
	7:  {doneWhen: []State{Rejected}, skippedWhen: []State{Approved}},
	8:  {current: []State{Approved, Signing, ChangesRequested, Agreed}, doneWhen: []State{Signed}},
	9:  {current: []State{Approved, Signing, ChangesRequested, Agreed}, doneWhen: []State{Signed}},
	10: {current: []State{Approved, Signing, ChangesRequested, Agreed}, doneWhen: []State{Signed}},
	11: {current: []State{Signing, ChangesRequested, Agreed}, doneWhen: []State{Signed}},
}

// Timeline places an application on the 11 steps. reached is every state the
// application has been in (from its history). States every path to current must
// pass through are added, so a short or missing history still gives a sensible
// timeline. Being at a step again (e.g. returned → step 1, DWH request sent back →
// step 4) shows it as current even though it was once done.
func Timeline(current State, reached []State) []StepStatus {
	seen := map[State]bool{current: true}
	for _, s := range reached {
		seen[s] = true
	}
	for _, s := range mustPass[current] {
		seen[s] = true
	}
	reachedAny := func(states []State) bool {
		for _, s := range states {
			if seen[s] {
				return true
			}
		}
		return false
	}
	out := make([]StepStatus, 0, len(steps))
	for _, st := range steps {
		rule := stepRules[st.Number]
		progress := ProgressNext
		switch {
		case contains(rule.current, current):
			progress = ProgressCurrent
		case reachedAny(rule.doneWhen):
			progress = ProgressDone
		case current.IsFinal() || reachedAny(rule.skippedWhen):
			progress = ProgressSkipped
		}
		out = append(out, StepStatus{Step: st, Progress: progress})
	}
	return out
}

func contains[T comparable](list []T, v T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// mustPass maps each state to the states every path from draft passes through to
// reach it (its dominators), computed from the transition table so it can never
// disagree with it.
var mustPass = func() map[State][]State {
	reachable := func(without State) map[State]bool {
		seen := map[State]bool{}
		if without == Draft {
			return seen
		}
		queue := []State{Draft}
		seen[Draft] = true
		for len(queue) > 0 {
			s := queue[0]
			queue = queue[1:]
			for _, e := range edges {
				if e.from == s && e.to != without && !seen[e.to] {
					seen[e.to] = true
					queue = append(queue, e.to)
				}
			}
		}
		return seen
	}
	all := reachable("")
	out := map[State][]State{}
	for _, d := range States {
		without := reachable(d)
		for _, s := range States {
			if s != d && all[s] && !without[s] {
				out[s] = append(out[s], d)
			}
		}
	}
	return out
}()
