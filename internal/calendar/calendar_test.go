package calendar_test

import (
	"errors"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	_ "time/tzdata" // the tests must not depend on the host's zoneinfo

	"github.com/hakakses/hakakses/internal/calendar"
)

var (
	wib  = mustZone("Asia/Jakarta")
	wita = mustZone("Asia/Makassar")
	wit  = mustZone("Asia/Jayapura")
)

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// at parses "2006-01-02 15:04" or "2006-01-02 15:04:05" in loc.
func at(t testing.TB, loc *time.Location, s string) time.Time {
	t.Helper()
	layout := "2006-01-02 15:04"
	if strings.Count(s, ":") == 2 {
		layout = "2006-01-02 15:04:05"
	}
	v, err := time.ParseInLocation(layout, s, loc)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func date(t testing.TB, s string) calendar.Date {
	t.Helper()
	d, err := calendar.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// national loads the real 2025–2026 list copied from shared/data.
func national(t testing.TB) []calendar.Holiday {
	t.Helper()
	f, err := os.Open("testdata/hari-libur-nasional.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	hs, err := calendar.ParseNationalCSV(f)
	if err != nil {
		t.Fatal(err)
	}
	return hs
}

// realCal is a tenant calendar with the real national holidays, default hours, and
// any extra (local) holidays.
func realCal(t testing.TB, loc *time.Location, extra ...calendar.Holiday) *calendar.Calendar {
	t.Helper()
	c, err := calendar.New(loc, calendar.DefaultOfficeHours(), append(national(t), extra...), []int{2025, 2026})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestParseNationalCSV_readsTheRealList(t *testing.T) {
	hs := national(t)
	raw, _ := os.ReadFile("testdata/hari-libur-nasional.csv")
	if want := strings.Count(strings.TrimSpace(string(raw)), "\n"); len(hs) != want {
		t.Fatalf("got %d holidays, file has %d data lines", len(hs), want)
	}
	for _, want := range []calendar.Holiday{
		{Date: date(t, "2025-01-01"), Kind: calendar.LiburNasional, Name: "Tahun Baru 2025 Masehi"},
		{Date: date(t, "2025-08-18"), Kind: calendar.CutiBersama, Name: "Hari Kemerdekaan Republik Indonesia (ditetapkan 7 Agustus 2025)"},
		{Date: date(t, "2026-12-24"), Kind: calendar.CutiBersama, Name: "Hari Raya Natal"},
	} {
		if !slices.Contains(hs, want) {
			t.Errorf("missing %+v", want)
		}
	}
}

func TestParseNationalCSV_refusesBadLinesNamingTheLine(t *testing.T) {
	const head = "tanggal,jenis,keterangan\n"
	tests := []struct {
		name, in string
		line     int
		msg      string
	}{
		{"empty file", "", 1, "berkas kosong"},
		{"wrong header", "date,kind,name\n", 1, "kepala kolom"},
		{"impossible date", head + "2025-01-01,libur_nasional,A\n2025-02-29,cuti_bersama,B\n", 3, `"2025-02-29" tidak valid`},
		{"day-first date", head + "17-08-2025,libur_nasional,A\n", 2, "YYYY-MM-DD"},
		{"unknown kind", head + "2025-01-01,libur,A\n", 2, `jenis "libur" tidak dikenal`},
		{"local holiday in national list", head + "2025-01-01,lokal,A\n", 2, "jenis lokal"},
		{"missing name", head + "2025-01-01,libur_nasional,  \n", 2, "keterangan kosong"},
		{"too few columns", head + "2025-01-01,libur_nasional\n", 2, "ada 2 kolom"},
		{"duplicate date", head + "2025-01-01,libur_nasional,A\n2025-01-02,cuti_bersama,B\n2025-01-01,cuti_bersama,C\n", 4, "sudah ada di baris 2"},
		{"broken quoting", head + "2025-01-01,libur_nasional,\"A\n", 2, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := calendar.ParseNationalCSV(strings.NewReader(tt.in))
			var pe *calendar.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("err = %v, want *ParseError", err)
			}
			if pe.Line != tt.line || !strings.Contains(pe.Msg, tt.msg) {
				t.Errorf("err = %v, want line %d containing %q", err, tt.line, tt.msg)
			}
		})
	}
}

func TestParseNationalCSV_acceptsBOMSpacesAndQuotes(t *testing.T) {
	in := "\uFEFFTanggal, jenis ,keterangan\r\n2026-01-01, libur_nasional ,\"Tahun Baru, 2026\"\r\n"
	hs, err := calendar.ParseNationalCSV(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []calendar.Holiday{{Date: date(t, "2026-01-01"), Kind: calendar.LiburNasional, Name: "Tahun Baru, 2026"}}
	if !slices.Equal(hs, want) {
		t.Errorf("got %+v, want %+v", hs, want)
	}
}

func TestDate_agreesWithPackageTime(t *testing.T) {
	for ti := time.Date(1899, 12, 1, 0, 0, 0, 0, time.UTC); ti.Year() < 2101; ti = ti.AddDate(0, 0, 1) {
		d := calendar.DateOf(ti)
		if d.Weekday() != ti.Weekday() {
			t.Fatalf("%s weekday = %v, want %v", d, d.Weekday(), ti.Weekday())
		}
		if got, want := d.AddDays(40), calendar.DateOf(ti.AddDate(0, 0, 40)); got != want {
			t.Fatalf("%s + 40 = %s, want %s", d, got, want)
		}
		if got, want := d.AddDays(-1), calendar.DateOf(ti.AddDate(0, 0, -1)); got != want {
			t.Fatalf("%s - 1 = %s, want %s", d, got, want)
		}
		if !d.Valid() || d.String() != ti.Format(time.DateOnly) {
			t.Fatalf("%s: valid=%v string=%q", ti, d.Valid(), d.String())
		}
	}
}

func TestParseDate_isStrict(t *testing.T) {
	for _, s := range []string{"2025-02-29", "2025-13-01", "2025-1-1", "01-01-2025", "", "2025-01-01T00:00"} {
		if _, err := calendar.ParseDate(s); err == nil {
			t.Errorf("ParseDate(%q) accepted", s)
		}
	}
	if (calendar.Date{Year: 2025, Month: 2, Day: 29}).Valid() {
		t.Error("2025-02-29 valid")
	}
	var d calendar.Date
	if err := d.UnmarshalText([]byte("2024-02-29")); err != nil || d != (calendar.Date{Year: 2024, Month: 2, Day: 29}) {
		t.Errorf("UnmarshalText leap day = %v, %v", d, err)
	}
}

func TestParseTimeOfDay(t *testing.T) {
	good := map[string]calendar.TimeOfDay{"07:30": calendar.DefaultOpen, "16:00": calendar.DefaultClose, "00:00": 0, "24:00": 1440}
	for s, want := range good {
		if got, err := calendar.ParseTimeOfDay(s); err != nil || got != want || (s != "24:00" && got.String() != s) {
			t.Errorf("ParseTimeOfDay(%q) = %v, %v", s, got, err)
		}
	}
	for _, s := range []string{"7:30", "07:60", "24:01", "25:00", "+7:30", "07.30", "ab:cd", ""} {
		if _, err := calendar.ParseTimeOfDay(s); err == nil {
			t.Errorf("ParseTimeOfDay(%q) accepted", s)
		}
	}
}

func TestNew_refusesBadInput(t *testing.T) {
	hours := calendar.DefaultOfficeHours()
	tests := []struct {
		name     string
		loc      *time.Location
		hours    calendar.OfficeHours
		holidays []calendar.Holiday
	}{
		{"nil zone", nil, hours, nil},
		{"closing before opening", wib, calendar.OfficeHours{Open: calendar.DefaultClose, Close: calendar.DefaultOpen}, nil},
		{"empty office day", wib, calendar.OfficeHours{Open: 600, Close: 600}, nil},
		{"past midnight", wib, calendar.OfficeHours{Open: 600, Close: 1441}, nil},
		{"impossible holiday date", wib, hours, []calendar.Holiday{{Date: calendar.Date{Year: 2026, Month: 2, Day: 30}, Kind: calendar.Lokal, Name: "x"}}},
		{"unknown kind", wib, hours, []calendar.Holiday{{Date: calendar.Date{Year: 2026, Month: 2, Day: 3}, Kind: "cuti", Name: "x"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := calendar.New(tt.loc, tt.hours, tt.holidays, nil); err == nil {
				t.Error("accepted")
			}
		})
	}
}

func TestNew_keepsNationalEntryWhenLocalHolidayCoincides(t *testing.T) {
	local := calendar.Holiday{Date: date(t, "2026-08-17"), Kind: calendar.Lokal, Name: "Hari Jadi"}
	for _, order := range [][]calendar.Holiday{append([]calendar.Holiday{local}, national(t)...), append(national(t), local)} {
		c, err := calendar.New(wib, calendar.DefaultOfficeHours(), order, []int{2026, 2025, 2026})
		if err != nil {
			t.Fatal(err)
		}
		if h, _ := c.Holiday(local.Date); h.Kind != calendar.LiburNasional {
			t.Errorf("holiday on %s = %+v, want the national one", local.Date, h)
		}
		if got := c.CoveredYears(); !slices.Equal(got, []int{2025, 2026}) {
			t.Errorf("CoveredYears = %v", got)
		}
		if hs := c.Holidays(); len(hs) != len(national(t)) || !slices.IsSortedFunc(hs, func(a, b calendar.Holiday) int { return a.Date.Compare(b.Date) }) {
			t.Errorf("Holidays: %d, sorted=%v", len(hs), slices.IsSortedFunc(hs, func(a, b calendar.Holiday) int { return a.Date.Compare(b.Date) }))
		}
	}
}

func TestIsWorkingDay(t *testing.T) {
	c := realCal(t, wib, calendar.Holiday{Date: date(t, "2026-03-11"), Kind: calendar.Lokal, Name: "Hari Jadi Kabupaten"})
	tests := []struct {
		day  string
		want bool
	}{
		{"2026-03-10", true},  // ordinary Tuesday
		{"2026-03-07", false}, // Saturday
		{"2026-03-08", false}, // Sunday
		{"2026-03-11", false}, // local holiday
		{"2026-03-18", false}, // cuti bersama Nyepi
		{"2026-03-19", false}, // Nyepi
		{"2026-03-24", false}, // cuti bersama Idulfitri
		{"2026-03-25", true},  // first day back after Idulfitri
		{"2025-08-18", false}, // cuti bersama added on 7 Aug 2025
		{"2025-12-26", false}, // cuti bersama Natal
		{"2026-01-01", false}, // Tahun Baru
		{"2026-01-02", true},  // Friday after New Year
		{"2025-04-20", false}, // Paskah, a Sunday anyway
		{"2027-01-01", true},  // no 2027 data: weekends only (MissingYears warns)
	}
	for _, tt := range tests {
		if got := c.IsWorkingDay(date(t, tt.day)); got != tt.want {
			t.Errorf("IsWorkingDay(%s) = %v, want %v", tt.day, got, tt.want)
		}
	}
}

func TestDeadline(t *testing.T) {
	hariJadi := calendar.Holiday{Date: date(t, "2026-03-11"), Kind: calendar.Lokal, Name: "Hari Jadi Kabupaten"}
	tests := []struct {
		name  string
		event string // WIB
		n     int
		local []calendar.Holiday
		want  string // WIB
	}{
		{"DESIGN example: Tuesday morning is due Wednesday closing", "2026-03-10 10:00", 2, nil, "2026-03-11 16:00"},
		{"DESIGN example: Tuesday after hours is due Thursday closing", "2026-03-10 17:00", 2, nil, "2026-03-12 16:00"},
		{"exactly at closing counts as after hours", "2026-03-10 16:00", 2, nil, "2026-03-12 16:00"},
		{"a second before closing is still day 1", "2026-03-10 15:59:59", 2, nil, "2026-03-11 16:00"},
		{"before opening is still day 1", "2026-03-10 06:00", 2, nil, "2026-03-11 16:00"},
		{"just after midnight is still day 1", "2026-03-10 00:00", 2, nil, "2026-03-11 16:00"},
		{"n=1 in hours is due the same day", "2026-03-10 10:00", 1, nil, "2026-03-10 16:00"},
		{"n=1 after hours is due the next day", "2026-03-10 17:00", 1, nil, "2026-03-11 16:00"},
		{"n below 1 counts as 1", "2026-03-10 10:00", 0, nil, "2026-03-10 16:00"},
		{"Friday afternoon is due Monday", "2026-03-06 15:00", 2, nil, "2026-03-09 16:00"},
		{"Friday after hours is due Tuesday", "2026-03-06 16:30", 2, nil, "2026-03-10 16:00"},
		{"Saturday is due Tuesday", "2026-03-07 10:00", 2, nil, "2026-03-10 16:00"},
		{"Sunday night is due Tuesday", "2026-03-08 23:59", 2, nil, "2026-03-10 16:00"},
		{"local holiday pushes the deadline", "2026-03-10 10:00", 2, []calendar.Holiday{hariJadi}, "2026-03-12 16:00"},
		{"Idulfitri 2026: Tuesday before the break is due the Wednesday after", "2026-03-17 09:00", 2, nil, "2026-03-25 16:00"},
		{"Idulfitri 2026: Tuesday after hours is due the Thursday after", "2026-03-17 16:30", 2, nil, "2026-03-26 16:00"},
		{"Idulfitri 2026: submitted during the break", "2026-03-20 10:00", 2, nil, "2026-03-26 16:00"},
		{"Idulfitri 2025: Thursday before the break is due 8 April", "2025-03-27 10:00", 2, nil, "2025-04-08 16:00"},
		{"Idulfitri 2025: Thursday after hours is due 9 April", "2025-03-27 16:00", 2, nil, "2025-04-09 16:00"},
		{"Christmas 2025: 24 Dec is due Monday 29 Dec", "2025-12-24 15:00", 2, nil, "2025-12-29 16:00"},
		{"New Year: 31 Dec 2025 is due Friday 2 Jan 2026", "2025-12-31 10:00", 2, nil, "2026-01-02 16:00"},
		{"Christmas 2026: 23 Dec after hours is due Tuesday 29 Dec", "2026-12-23 16:30", 2, nil, "2026-12-29 16:00"},
		{"Imlek 2026: Friday is due Wednesday", "2026-02-13 10:00", 2, nil, "2026-02-18 16:00"},
		{"added cuti bersama 18 Aug 2025: Friday is due Tuesday", "2025-08-15 10:00", 2, nil, "2025-08-19 16:00"},
		{"n=5 across Kenaikan", "2026-05-11 10:00", 5, nil, "2026-05-19 16:00"},
		{"n=20 across Idulfitri 2025", "2025-03-20 10:00", 20, nil, "2025-04-28 16:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := realCal(t, wib, tt.local...)
			if got, want := c.Deadline(at(t, wib, tt.event), tt.n), at(t, wib, tt.want); !got.Equal(want) {
				t.Errorf("Deadline(%s, %d) = %s, want %s", tt.event, tt.n, got.In(wib), want)
			}
		})
	}
}

func TestDeadline_sameInstantIsBeforeClosingInWIBButAfterInWIT(t *testing.T) {
	event := time.Date(2026, 3, 10, 7, 30, 0, 0, time.UTC) // 14:30 WIB, 15:30 WITA, 16:30 WIT
	tests := []struct {
		zone *time.Location
		want time.Time
	}{
		{wib, time.Date(2026, 3, 11, 16, 0, 0, 0, wib)},
		{wita, time.Date(2026, 3, 11, 16, 0, 0, 0, wita)},
		{wit, time.Date(2026, 3, 12, 16, 0, 0, 0, wit)},
	}
	for _, tt := range tests {
		t.Run(tt.zone.String(), func(t *testing.T) {
			if got := realCal(t, tt.zone).Deadline(event, 2); !got.Equal(tt.want) || got.Location() != tt.zone {
				t.Errorf("Deadline = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestDeadline_dateBoundaryFollowsTenantZone(t *testing.T) {
	// Wednesday 23:30 WIB is after hours, so day 1 is Thursday; the same instant is
	// Thursday 01:30 WIT, before opening, so day 1 is Thursday too, by the other rule.
	// Thursday 15:30 WIB is on day 1; the same instant, 17:30 WIT, is after hours.
	event := time.Date(2026, 3, 4, 16, 30, 0, 0, time.UTC) // Wed 23:30 WIB, Thu 01:30 WIT
	if got, want := realCal(t, wib).Deadline(event, 1), time.Date(2026, 3, 5, 16, 0, 0, 0, wib); !got.Equal(want) {
		t.Errorf("WIB: %s, want %s", got, want)
	}
	if got, want := realCal(t, wit).Deadline(event, 1), time.Date(2026, 3, 5, 16, 0, 0, 0, wit); !got.Equal(want) {
		t.Errorf("WIT: %s, want %s", got, want)
	}
	event = time.Date(2026, 3, 5, 8, 30, 0, 0, time.UTC) // Thu 15:30 WIB (day 1), 17:30 WIT (after hours)
	if got, want := realCal(t, wib).Deadline(event, 1), time.Date(2026, 3, 5, 16, 0, 0, 0, wib); !got.Equal(want) {
		t.Errorf("WIB: %s, want %s", got, want)
	}
	if got, want := realCal(t, wit).Deadline(event, 1), time.Date(2026, 3, 6, 16, 0, 0, 0, wit); !got.Equal(want) {
		t.Errorf("WIT: %s, want %s", got, want)
	}
}

func TestDeadline_yearWithoutDataStillComputesAndIsReported(t *testing.T) {
	c := realCal(t, wib)
	event := at(t, wib, "2026-12-31 10:00")
	due := c.Deadline(event, 2)
	// 1 January is a holiday every year, but with no 2027 data it counts as working:
	// exactly why the product must warn.
	if want := at(t, wib, "2027-01-01 16:00"); !due.Equal(want) {
		t.Errorf("Deadline = %s, want %s", due, want)
	}
	if got := c.MissingYears(event, due); !slices.Equal(got, []int{2027}) {
		t.Errorf("MissingYears = %v, want [2027]", got)
	}
	if got := c.Deadline(at(t, wib, "2027-03-10 10:00"), 2); !got.Equal(at(t, wib, "2027-03-11 16:00")) {
		t.Errorf("2027 deadline = %s", got)
	}
}

func TestMissingYears(t *testing.T) {
	c := realCal(t, wib)
	tests := []struct {
		name     string
		from, to time.Time
		want     []int
	}{
		{"inside covered years", at(t, wib, "2025-03-01 10:00"), at(t, wib, "2026-05-01 10:00"), nil},
		{"year before data", at(t, wib, "2024-12-31 10:00"), at(t, wib, "2025-01-02 16:00"), []int{2024}},
		{"years after data", at(t, wib, "2026-06-01 10:00"), at(t, wib, "2028-01-02 16:00"), []int{2027, 2028}},
		{"arguments in either order", at(t, wib, "2027-01-04 10:00"), at(t, wib, "2026-12-30 10:00"), []int{2027}},
		{"year is the tenant's", time.Date(2026, 12, 31, 17, 30, 0, 0, time.UTC), time.Date(2026, 12, 31, 17, 30, 0, 0, time.UTC), []int{2027}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.MissingYears(tt.from, tt.to); !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestWorkingTime(t *testing.T) {
	c := realCal(t, wib)
	tests := []struct {
		name, from, to string
		want           time.Duration
	}{
		{"within one office day", "2026-03-10 09:00", "2026-03-10 11:30", 2*time.Hour + 30*time.Minute},
		{"whole day clipped to office hours", "2026-03-10 06:00", "2026-03-10 18:00", 8*time.Hour + 30*time.Minute},
		{"overnight counts only the next morning", "2026-03-10 17:00", "2026-03-11 08:00", 30 * time.Minute},
		{"across a weekend", "2026-03-06 15:00", "2026-03-09 09:00", 2*time.Hour + 30*time.Minute},
		{"across Idulfitri 2026", "2026-03-17 15:00", "2026-03-25 08:30", 2 * time.Hour},
		{"across a weekend and Imlek", "2026-02-13 12:00", "2026-02-18 12:00", 8*time.Hour + 30*time.Minute},
		{"a full week", "2026-03-02 00:00", "2026-03-09 00:00", 5 * (8*time.Hour + 30*time.Minute)},
		{"a weekend alone", "2026-03-07 00:00", "2026-03-08 23:59", 0},
		{"a holiday alone", "2026-03-19 09:00", "2026-03-19 12:00", 0},
		{"same instant", "2026-03-10 09:00", "2026-03-10 09:00", 0},
		{"backwards", "2026-03-10 12:00", "2026-03-10 09:00", 0},
		{"the whole of 2025: 237 working days", "2025-01-01 00:00", "2026-01-01 00:00", 237 * (8*time.Hour + 30*time.Minute)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.WorkingTime(at(t, wib, tt.from), at(t, wib, tt.to)); got != tt.want {
				t.Errorf("WorkingTime = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestWorkingTime_inWITCountsWITOfficeHours(t *testing.T) {
	// 00:00–09:00 UTC on Tuesday 10 March is 09:00–18:00 WIT: office time 09:00–16:00 WIT.
	c := realCal(t, wit)
	from, to := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	if got := c.WorkingTime(from, to); got != 7*time.Hour {
		t.Errorf("WorkingTime = %v, want 7h", got)
	}
}

func TestRemaining(t *testing.T) {
	c := realCal(t, wib)
	due := at(t, wib, "2026-03-11 16:00")
	tests := []struct {
		name, now string
		want      time.Duration
	}{
		{"at submission", "2026-03-10 10:00", 14*time.Hour + 30*time.Minute},
		{"evening before", "2026-03-10 19:00", 8*time.Hour + 30*time.Minute},
		{"morning of the due day", "2026-03-11 08:00", 8 * time.Hour},
		{"exactly due", "2026-03-11 16:00", 0},
		{"after closing on the due day is overdue by no office time yet", "2026-03-11 17:00", 0},
		{"overdue next morning", "2026-03-12 09:00", -90 * time.Minute},
		{"overdue across a weekend", "2026-03-16 08:00", -(2*(8*time.Hour+30*time.Minute) + 30*time.Minute)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.Remaining(at(t, wib, tt.now), due); got != tt.want {
				t.Errorf("Remaining = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestWorkingDays(t *testing.T) {
	c := realCal(t, wib)
	tests := []struct {
		name, from, to string
		want           float64
	}{
		{"half an office day", "2026-03-10 07:30", "2026-03-10 11:45", 0.5},
		{"Friday noon to Wednesday noon across Imlek", "2026-02-13 11:45", "2026-02-18 11:45", 1},
		{"the Idulfitri 2026 break counts nothing", "2026-03-17 16:00", "2026-03-25 07:30", 0},
		{"backwards", "2026-03-11 10:00", "2026-03-10 10:00", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.WorkingDays(at(t, wib, tt.from), at(t, wib, tt.to)); got != tt.want {
				t.Errorf("WorkingDays = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestDeadline_property checks every half hour of 2025–2026 against the rule itself:
// the deadline is closing time on a working day, after the event, and exactly n
// working days d satisfy day1 ≤ d ≤ deadline day, where day1 is found by walking
// the calendar one day at a time. Deadlines never move backwards as the event moves
// forwards, and the office time left at the event is what the rule promises.
func TestDeadline_property(t *testing.T) {
	local := calendar.Holiday{Date: date(t, "2025-10-06"), Kind: calendar.Lokal, Name: "Hari Jadi"}
	c := realCal(t, wib, local)
	oneDay := c.Hours().Length()
	for _, n := range []int{1, 2, 3, 7} {
		var prev time.Time
		for ev := at(t, wib, "2025-01-01 00:00"); ev.Year() < 2027; ev = ev.Add(30 * time.Minute) {
			due := c.Deadline(ev, n)
			dueDay := c.DateOf(due)
			if due.In(wib).Format("15:04") != "16:00" || !c.IsWorkingDay(dueDay) {
				t.Fatalf("Deadline(%s, %d) = %s: not closing time on a working day", ev, n, due)
			}
			if !due.After(ev) {
				t.Fatalf("Deadline(%s, %d) = %s: not after the event", ev, n, due)
			}
			if due.Before(prev) {
				t.Fatalf("Deadline(%s, %d) = %s: before the previous half hour's %s", ev, n, due, prev)
			}
			prev = due
			day1 := c.DateOf(ev)
			inHours := ev.In(wib).Format("15:04") < "16:00"
			if !c.IsWorkingDay(day1) || !inHours {
				for day1 = day1.AddDays(1); !c.IsWorkingDay(day1); day1 = day1.AddDays(1) {
				}
			}
			count := 0
			for d := day1; !d.After(dueDay); d = d.AddDays(1) {
				if c.IsWorkingDay(d) {
					count++
				}
			}
			if count != n {
				t.Fatalf("Deadline(%s, %d) = %s: %d working days from %s", ev, n, due, count, day1)
			}
			// From the event, the office time left is the rest of day 1 (if the event
			// is on it) plus n−1 full days.
			left := c.Remaining(ev, due)
			if left <= time.Duration(n-1)*oneDay || left > time.Duration(n)*oneDay {
				t.Fatalf("Remaining(%s, deadline %s) = %v for n=%d", ev, due, left, n)
			}
		}
	}
}

// naiveWorkingTime walks minute by minute through office hours on working days.
func naiveWorkingTime(c *calendar.Calendar, from, to time.Time) time.Duration {
	var total time.Duration
	open, closing := c.Hours().Open, c.Hours().Close
	for d := c.DateOf(from); !d.After(c.DateOf(to)); d = d.AddDays(1) {
		if !c.IsWorkingDay(d) {
			continue
		}
		lo, hi := d.At(open, c.Location()), d.At(closing, c.Location())
		if from.After(lo) {
			lo = from
		}
		if to.Before(hi) {
			hi = to
		}
		if hi.After(lo) {
			total += hi.Sub(lo)
		}
	}
	return total
}

func TestWorkingTime_agreesWithDayByDayWalkAndAdds(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	start := at(t, wita, "2024-12-20 00:00")
	span := int64(at(t, wita, "2027-01-10 00:00").Sub(start))
	c := realCal(t, wita)
	for range 3000 {
		a := start.Add(time.Duration(rng.Int64N(span)))
		b := a.Add(time.Duration(rng.Int64N(int64(30 * 24 * time.Hour))))
		if got, want := c.WorkingTime(a, b), naiveWorkingTime(c, a, b); got != want {
			t.Fatalf("WorkingTime(%s, %s) = %v, want %v", a, b, got, want)
		}
		m := a.Add(b.Sub(a) / 3)
		if whole, parts := c.WorkingTime(a, b), c.WorkingTime(a, m)+c.WorkingTime(m, b); whole != parts {
			t.Fatalf("WorkingTime not additive at %s–%s–%s: %v vs %v", a, m, b, whole, parts)
		}
		if c.Remaining(b, a) != -c.WorkingTime(a, b) {
			t.Fatalf("Remaining(%s, %s) is not the negated working time", b, a)
		}
	}
}

func TestCalendar_isSafeForConcurrentUse(t *testing.T) {
	c := realCal(t, wib)
	ev := at(t, wib, "2026-03-17 09:00")
	want := c.Deadline(ev, 2)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 1000 {
				if !c.Deadline(ev, 2).Equal(want) {
					t.Error("deadline differs across goroutines")
					return
				}
				c.Remaining(ev, want)
			}
		})
	}
	wg.Wait()
}

func BenchmarkDeadline(b *testing.B) {
	c := realCal(b, wib)
	ev := at(b, wib, "2026-03-17 09:00") // crosses the Idulfitri 2026 cluster
	for b.Loop() {
		c.Deadline(ev, 2)
	}
}

func BenchmarkRemaining(b *testing.B) {
	c := realCal(b, wib)
	now, due := at(b, wib, "2025-03-20 10:00"), at(b, wib, "2026-12-29 16:00")
	for b.Loop() {
		c.Remaining(now, due)
	}
}
