package letters

import (
	"strconv"

	"github.com/hakakses/hakakses/internal/workflow"
)

// reportRuleItems states the semester-report rule of workflow.ReportRules, the
// one the product enforces, as list items for the PKS and the Juknis: each
// calendar semester and the day its report is due.
func reportRuleItems(indent string) []string {
	var out []string
	for i, r := range workflow.ReportRules {
		year := "tahun yang sama"
		if r.DueInNextYear {
			year = "tahun berikutnya"
		}
		end := "; dan"
		if i == len(workflow.ReportRules)-1 {
			end = "."
		}
		out = append(out, indent+string(rune('a'+i))+". "+r.Name+" ("+r.FromText+" sampai dengan "+r.ToText+
			"), paling lambat tanggal "+strconv.Itoa(r.DueDay)+" "+MonthName(r.DueMonth)+" "+year+end)
	}
	return out
}

// partialSemesterRule says how the first and last semester of a term that
// starts or ends mid-semester are reported: for their part, on the same date.
const partialSemesterRule = "Semester pertama dan semester terakhir dalam jangka waktu Perjanjian Kerja Sama yang " +
	"tidak penuh dilaporkan untuk bagian semester yang termasuk dalam jangka waktu Perjanjian Kerja Sama, dengan " +
	"batas waktu yang sama."

// lateReportRule says what a late or returned report does: it still counts for
// its own semester, and only for it.
const lateReportRule = "Laporan yang dikembalikan PIHAK PERTAMA disertai alasannya diperbaiki dan disampaikan kembali; " +
	"laporan yang disampaikan setelah batas waktu dicatat sebagai laporan terlambat untuk semester yang dilaporkannya."
