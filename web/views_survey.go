package web

// SurveyForm is the nine-element satisfaction survey as the lembaga answers it.
type SurveyForm struct {
	Page
	Action     string
	Number     string
	Answered   bool
	Error      string
	Fields     map[string]string
	Elements   []SurveyElement
	Scale      []string // labels of 1 … 4
	Suggestion string
}

// SurveyElement is one element with its question and the chosen value (0: none).
type SurveyElement struct {
	Field    string // u1 … u9
	Name     string
	Question string
	Value    int
}

// IKMPage shows the Indeks Kepuasan Masyarakat per semester (a tenant's, or national).
type IKMPage struct {
	Page
	Scope     string // "Disdukcapil Kabupaten …" or "Nasional"
	Elements  []string
	Semesters []IKMRow
	Chart     BarChart
	Export    string // the export's path; ?format=csv or xlsx
}

// IKMRow is one semester's index.
type IKMRow struct {
	Semester    string // "Semester 2 2026"
	Respondents int
	NRR         []string // per element, "3,50"
	IKM         string   // "3,2222"
	Value       string   // "80,56"
	Grade       string   // A … D
	Label       string
}

// BarChart is a simple server-rendered bar chart (SVG): accessible through its
// title, description and a table of the same figures beside it.
type BarChart struct {
	ID    string // unique on the page: names the title and description
	Title string
	Desc  string
	Max   float64
	Bars  []Bar
}

// Bar is one bar.
type Bar struct {
	Label string
	Value float64
	Text  string // the value as printed
}
