package letters

import (
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/hakakses/hakakses/internal/workflow"
)

// printedRule is one semester line as a reader of the PDF finds it.
type printedRule struct {
	fromMonth, toMonth time.Month
	dueDay             int
	dueMonth           time.Month
	nextYear           bool
}

var ruleRE = regexp.MustCompile(`semester (I|II) \((\w+) sampai dengan (\w+)\), paling lambat tanggal (\d+) (\w+) (tahun yang sama|tahun berikutnya)`)

func monthOf(t *testing.T, name string) time.Month {
	t.Helper()
	for m := time.January; m <= time.December; m++ {
		if MonthName(m) == name {
			return m
		}
	}
	t.Fatalf("%q is not a month name", name)
	return 0
}

// readRule reads the semester rule back from a generated document's text.
func readRule(t *testing.T, text string) map[int]printedRule {
	t.Helper()
	out := map[int]printedRule{}
	for _, m := range ruleRE.FindAllStringSubmatch(text, -1) {
		half := 1
		if m[1] == "II" {
			half = 2
		}
		day, _ := strconv.Atoi(m[4])
		out[half] = printedRule{monthOf(t, m[2]), monthOf(t, m[3]), day, monthOf(t, m[5]), m[6] == "tahun berikutnya"}
	}
	if len(out) != 2 {
		t.Fatalf("found %d semester lines in the text, want 2:\n%s", len(out), text)
	}
	return out
}

// TestOverdueDatesEqualTheOnesPrintedInThePKS reads the reporting rule out of
// the generated PKS and Juknis, and checks that for terms starting on every
// month of two years, every semester the product judges is due exactly on the
// day those documents print, and covers the months they name.
func TestOverdueDatesEqualTheOnesPrintedInThePKS(t *testing.T) {
	office, app := sampleOffice(), sampleApp()
	pks, err := PKS(office, app, sampleAgreementMeta(), DefaultPKSClauses(office, app))
	if err != nil {
		t.Fatal(err)
	}
	jm := sampleAgreementMeta()
	juknis, err := Juknis(office, app, jm, Reference{Number: jm.Number, Date: jm.Date}, DefaultJuknisSections(office, app))
	if err != nil {
		t.Fatal(err)
	}
	for name, doc := range map[string][]byte{"PKS": pks, "Juknis": juknis} {
		t.Run(name, func(t *testing.T) {
			text := openPDF(t, doc).text()
			printed := readRule(t, text)
			checked := 0
			for start := time.Date(2026, 1, 1, 0, 0, 0, 0, wib); start.Year() < 2028; start = start.AddDate(0, 1, 3) {
				for _, months := range []int{6, 12, 25, 60} {
					last := start.AddDate(0, months, -1)
					sems := workflow.ReportSemesters(start, last)
					if len(sems) == 0 {
						t.Fatalf("no semesters for %s..%s", start, last)
					}
					for i, s := range sems {
						p := printed[s.Half]
						wantYear := s.Year
						if p.nextYear {
							wantYear++
						}
						want := time.Date(wantYear, p.dueMonth, p.dueDay, 0, 0, 0, 0, wib)
						if !s.Due.Equal(want) {
							t.Errorf("term from %s: %s due %s, the %s prints %s", start.Format("2006-01-02"), s.Key(),
								s.Due.Format("2006-01-02"), name, want.Format("2006-01-02"))
						}
						// The day after the printed date is the first overdue day.
						if s.OverdueOn(want) || !s.OverdueOn(want.AddDate(0, 0, 1)) {
							t.Errorf("%s: overdue does not begin the day after %s", s.Key(), want.Format("2006-01-02"))
						}
						// Full semesters cover exactly the printed months; the first
						// and last may be cut to the term.
						if i > 0 && i < len(sems)-1 && (s.From.Month() != p.fromMonth || s.To.Month() != p.toMonth) {
							t.Errorf("%s covers %s..%s, the %s prints %s..%s", s.Key(), s.From.Month(), s.To.Month(),
								name, p.fromMonth, p.toMonth)
						}
						checked++
					}
				}
			}
			if checked < 100 {
				t.Errorf("only %d semesters checked", checked)
			}
		})
	}
}
