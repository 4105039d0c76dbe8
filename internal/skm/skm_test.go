package skm_test

import (
	"math"
	"testing"

	"github.com/hakakses/hakakses/internal/skm"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// Four respondents, computed by hand with the regulation's formula:
//
//	element sums: U1 4+3+3+4=14, U2 3+3+2+4=12, U3 2+3+2+3=10, U4 4+4+4+4=16, U5 3+3+3+3=12,
//	              U6 3+4+3+4=14, U7 4+4+3+4=15, U8 2+2+3+3=10, U9 3+3+3+4=13   (total 116)
//	NRR = sum/4: 3.5, 3, 2.5, 4, 3, 3.5, 3.75, 2.5, 3.25
//	IKM = Σ NRR × 1/9 = 29/9 = 3.2222…;  × 25 = 80.5555…  → B (76,61–88,30), "Baik"
func TestIKMOfAKnownSetEqualsTheHandComputation(t *testing.T) {
	var tot skm.Totals
	for _, a := range [][9]int{
		{4, 3, 2, 4, 3, 3, 4, 2, 3},
		{3, 3, 3, 4, 3, 4, 4, 2, 3},
		{3, 2, 2, 4, 3, 3, 3, 3, 3},
		{4, 4, 3, 4, 3, 4, 4, 3, 4},
	} {
		tot.Add(a)
	}
	r, ok := skm.Compute(tot)
	if !ok {
		t.Fatal("no result")
	}
	wantNRR := [9]float64{3.5, 3, 2.5, 4, 3, 3.5, 3.75, 2.5, 3.25}
	for i := range wantNRR {
		if !near(r.NRR[i], wantNRR[i]) {
			t.Errorf("NRR %s = %v, want %v", skm.Elements[i].Code, r.NRR[i], wantNRR[i])
		}
	}
	if r.Respondents != 4 || !near(r.IKM, 29.0/9) || !near(r.Value, 29.0/9*25) || r.Grade != "B" || r.Label != "Baik" {
		t.Fatalf("result %+v, want IKM 3.2222, value 80.5556, B", r)
	}
}

func TestGradeIntervalsOfTheRegulation(t *testing.T) {
	for _, c := range []struct {
		value float64
		grade string
	}{
		{100, "A"}, {88.31, "A"}, {88.305, "A"}, {88.30, "B"}, {76.61, "B"}, {76.60, "C"},
		{65.00, "C"}, {64.99, "D"}, {25, "D"},
	} {
		if g, _ := skm.Grade(c.value); g != c.grade {
			t.Errorf("Grade(%v) = %s, want %s", c.value, g, c.grade)
		}
	}
	all4 := skm.Totals{}
	all4.Add([9]int{4, 4, 4, 4, 4, 4, 4, 4, 4})
	if r, _ := skm.Compute(all4); !near(r.Value, 100) || r.Grade != "A" {
		t.Errorf("all answers 4: %+v", r)
	}
	if _, ok := skm.Compute(skm.Totals{}); ok {
		t.Error("an index of no answers")
	}
}
