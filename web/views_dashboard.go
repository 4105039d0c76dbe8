package web

// DashboardPage is a tenant's or the national dashboard.
type DashboardPage struct {
	Page
	Scope     string
	National  bool
	Cards     []Card
	States    BarChart
	Months    MonthChart
	Steps     []StepRow
	Access    []AccessRow
	Provinces []ProvinceRow
	Ranking   []RankRow
	Export    string // the applications export, if the viewer may download it
	IKMHref   string // the IKM per semester
}

// MonthChart is steps on time vs late per month, as stacked columns.
type MonthChart struct {
	Title string
	Desc  string
	Max   int
	Cols  []MonthCol
}

// MonthCol is one month's column.
type MonthCol struct {
	Label        string // "Mar 2026"
	OnTime, Late int
}

// StepRow is one Disdukcapil step's figures.
type StepRow struct {
	Step, Finished, Average, P90 string
}

// AccessRow is an institution with active access.
type AccessRow struct {
	Institution, Number, PKSEnd string
}

// ProvinceRow is one province's figures.
type ProvinceRow struct {
	Province                                       string
	Tenants, Applications, Active, Overdue, OnTime string
}

// RankRow is one tenant in the SLA ranking.
type RankRow struct {
	Rank                           int
	Tenant, Province, Steps, Share string
}
