package workflow

import (
	"fmt"
	"time"
)

// SemesterRule is one half of the calendar year as the PKS's Pasal "Evaluasi
// dan Pelaporan" and the Juknis state it: the months it covers and the day its
// usage report is due. ReportRules is the only statement of the rule; the
// letters package prints it and ReportSchedule enforces it.
type SemesterRule struct {
	Half             int        // 1 or 2
	FromMonth        time.Month // first month of the semester
	ToMonth          time.Month // last month of the semester
	DueMonth         time.Month // month the report is due
	DueDay           int        // last day it may be filed on
	DueInNextYear    bool       // the due date falls in the following year
	Name             string     // "semester I"
	FromText, ToText string     // "Januari", "Juni"
}

// ReportRules: Jan–Jun due 31 July, Jul–Dec due 31 January of the next year.
var ReportRules = [2]SemesterRule{
	{Half: 1, FromMonth: time.January, ToMonth: time.June, DueMonth: time.July, DueDay: 31, Name: "semester I", FromText: "Januari", ToText: "Juni"},
	{Half: 2, FromMonth: time.July, ToMonth: time.December, DueMonth: time.January, DueDay: 31, DueInNextYear: true, Name: "semester II", FromText: "Juli", ToText: "Desember"},
}

// Semester is one reporting period of a PKS: a calendar half-year, cut to the
// term where the term starts or ends inside it. A partial first or last
// semester is reported like a full one, on the same due date.
type Semester struct {
	Year int
	Half int
	From time.Time // first day covered (the term's first day for the first semester)
	To   time.Time // last day covered (the term's last day for the last semester)
	Due  time.Time // the last day the report may be filed on time
}

// Key identifies the semester in storage and forms, e.g. "2027-1".
func (s Semester) Key() string { return fmt.Sprintf("%d-%d", s.Year, s.Half) }

// Label names the semester on screens, e.g. "Semester I 2027".
func (s Semester) Label() string {
	if s.Half == 2 {
		return fmt.Sprintf("Semester II %d", s.Year)
	}
	return fmt.Sprintf("Semester I %d", s.Year)
}

// OverdueOn reports whether, on the calendar day of now (read in Due's zone),
// the due day has passed: a report filed on the due day itself is on time.
func (s Semester) OverdueOn(now time.Time) bool {
	y, m, d := now.In(s.Due.Location()).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, s.Due.Location()).After(s.Due)
}

// MonthsLate is how many whole months after the due day now is (0 when not
// late), the figure a late_report sanction ground states.
func (s Semester) MonthsLate(now time.Time) int {
	if !s.OverdueOn(now) {
		return 0
	}
	n := now.In(s.Due.Location())
	months := (n.Year()-s.Due.Year())*12 + int(n.Month()-s.Due.Month())
	if n.Day() <= s.Due.Day() {
		months--
	}
	if months < 0 {
		months = 0
	}
	return months
}

// dueDate is the due day of the semester (year, half), at midnight in loc.
func dueDate(year, half int, loc *time.Location) time.Time {
	r := ReportRules[half-1]
	y := year
	if r.DueInNextYear {
		y++
	}
	return time.Date(y, r.DueMonth, r.DueDay, 0, 0, 0, 0, loc)
}

// ReportSemesters lists the semesters of a PKS that runs from first to last
// (both calendar days, inclusive, in the tenant's zone), in order.
func ReportSemesters(first, last time.Time) []Semester {
	if first.IsZero() || last.IsZero() || last.Before(first) {
		return nil
	}
	loc := first.Location()
	day := func(t time.Time) time.Time { y, m, d := t.Date(); return time.Date(y, m, d, 0, 0, 0, 0, loc) }
	first, last = day(first), day(last.In(loc))
	var out []Semester
	year, half := first.Year(), 1
	if first.Month() >= time.July {
		half = 2
	}
	for {
		r := ReportRules[half-1]
		from := time.Date(year, r.FromMonth, 1, 0, 0, 0, 0, loc)
		to := time.Date(year, r.ToMonth+1, 0, 0, 0, 0, 0, loc)
		if from.After(last) {
			break
		}
		if from.Before(first) {
			from = first
		}
		if to.After(last) {
			to = last
		}
		out = append(out, Semester{Year: year, Half: half, From: from, To: to, Due: dueDate(year, half, loc)})
		if half == 2 {
			year, half = year+1, 1
		} else {
			half = 2
		}
	}
	return out
}

// ReportState is where one semester's report stands.
type ReportState string

const (
	ReportNotDue   ReportState = "not_due"  // due date still ahead and nothing filed
	ReportOverdue  ReportState = "overdue"  // due date passed, no report (or only returned ones)
	ReportFiled    ReportState = "filed"    // filed, awaiting staff review
	ReportAccepted ReportState = "accepted" // accepted by staff
	ReportReturned ReportState = "returned" // returned with a reason, due date still ahead
)

var reportStateLabels = map[ReportState]string{
	ReportNotDue:   "Belum jatuh tempo",
	ReportOverdue:  "Terlambat",
	ReportFiled:    "Menunggu pemeriksaan",
	ReportAccepted: "Diterima",
	ReportReturned: "Dikembalikan",
}

// Label is the state as shown beside a semester.
func (r ReportState) Label() string {
	if l, ok := reportStateLabels[r]; ok {
		return l
	}
	return string(r)
}

// ReviewStatus is a filed report's review outcome as stored.
type ReviewStatus string

const (
	ReviewPending  ReviewStatus = "pending"
	ReviewAccepted ReviewStatus = "accepted"
	ReviewReturned ReviewStatus = "returned"
)

// FiledReport is one report as stored: the semester it was filed for, when,
// and how staff judged it.
type FiledReport struct {
	Semester string // Semester.Key
	FiledAt  time.Time
	Review   ReviewStatus
}

// SemesterStatus is one line of the report schedule.
type SemesterStatus struct {
	Semester
	State ReportState
	// Late: the report that counts for the semester was filed after its due day.
	// A late report still clears its own semester (the semester is no longer
	// overdue), and only that one.
	Late bool
}

// ReportSchedule judges every semester of the term [first, last] at now against
// the reports filed. A report counts only for the semester it was filed for; an
// accepted one settles the semester, a pending one clears it while staff
// review it, a returned one counts for nothing (the semester is overdue again
// once its due day has passed). Semesters that begin after now are left out.
func ReportSchedule(first, last time.Time, reports []FiledReport, now time.Time) []SemesterStatus {
	bySemester := map[string][]FiledReport{}
	for _, r := range reports {
		bySemester[r.Semester] = append(bySemester[r.Semester], r)
	}
	var out []SemesterStatus
	for _, s := range ReportSemesters(first, last) {
		if s.From.After(now) {
			break
		}
		st := SemesterStatus{Semester: s}
		var counting *FiledReport
		returned := false
		for i, r := range bySemester[s.Key()] {
			switch r.Review {
			case ReviewAccepted:
				counting = &bySemester[s.Key()][i]
			case ReviewPending:
				if counting == nil || counting.Review != ReviewAccepted {
					counting = &bySemester[s.Key()][i]
				}
			case ReviewReturned:
				returned = true
			}
		}
		switch {
		case counting != nil && counting.Review == ReviewAccepted:
			st.State = ReportAccepted
		case counting != nil:
			st.State = ReportFiled
		case s.OverdueOn(now):
			st.State = ReportOverdue
		case returned:
			st.State = ReportReturned
		default:
			st.State = ReportNotDue
		}
		if counting != nil {
			st.Late = s.OverdueOn(counting.FiledAt)
		}
		out = append(out, st)
	}
	return out
}

// OpenSemester returns the semester a new report is for: the earliest one that
// has begun and has no accepted or pending report, or false when none is open.
func OpenSemester(schedule []SemesterStatus) (Semester, bool) {
	for _, s := range schedule {
		switch s.State {
		case ReportOverdue, ReportReturned, ReportNotDue:
			return s.Semester, true
		}
	}
	return Semester{}, false
}
