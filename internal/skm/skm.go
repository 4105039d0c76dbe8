// Package skm computes the Survei Kepuasan Masyarakat of PermenPANRB 14/2017: nine
// elements (unsur) answered on a 1–4 scale, the Indeks Kepuasan Masyarakat (IKM)
// and its mutu pelayanan grade. It imports only the standard library.
//
// The regulation's formula: per element, the average perception value (NRR, nilai
// rata-rata) is the total of its answers divided by the number of answers; each is
// weighted equally, 1/9 (the regulation prints 1/9 rounded as 0,11, which would
// cap the index below 100: the exact weight is used); the IKM is the sum of the
// weighted averages (1–4), and the IKM of the unit is that times 25 (25–100).
package skm

import "math"

// Element is one of the nine survey elements.
type Element struct {
	Code     string // U1 … U9
	Name     string
	Question string
}

// Elements are the nine elements in the regulation's order.
var Elements = [9]Element{
	{"U1", "Persyaratan", "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?"},
	{"U2", "Sistem, mekanisme dan prosedur", "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?"},
	{"U3", "Waktu penyelesaian", "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?"},
	{"U4", "Biaya/tarif", "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?"},
	{"U5", "Produk spesifikasi jenis pelayanan", "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?"},
	{"U6", "Kompetensi pelaksana", "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?"},
	{"U7", "Perilaku pelaksana", "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?"},
	{"U8", "Penanganan pengaduan, saran dan masukan", "Bagaimana pendapat Saudara tentang penanganan pengaduan, saran dan masukan?"},
	{"U9", "Sarana dan prasarana", "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?"},
}

// Scale are the answers' labels, 1 to 4 (the regulation's generic wording).
var Scale = [4]string{"Tidak baik", "Kurang baik", "Baik", "Sangat baik"}

// Weight is each element's weight: equal, 1/9.
const Weight = 1.0 / 9

// Totals are the sums and counts of the answers to each element.
type Totals struct {
	Sum   [9]int
	Count [9]int
}

// Add counts one respondent's answers (each 1–4).
func (t *Totals) Add(answers [9]int) {
	for i, v := range answers {
		t.Sum[i] += v
		t.Count[i]++
	}
}

// Result is the index of a set of answers.
type Result struct {
	Respondents int
	NRR         [9]float64 // average per element, 1–4
	IKM         float64    // weighted sum, 1–4
	Value       float64    // IKM × 25: 25–100 (the "nilai IKM unit pelayanan")
	Grade       string     // mutu pelayanan: A, B, C, D
	Label       string     // kinerja unit pelayanan, in words
}

// Compute applies the regulation's formula. Respondents is the largest count of
// answers to any element (every respondent answers all nine).
func Compute(t Totals) (Result, bool) {
	var r Result
	for i := range t.Sum {
		if t.Count[i] == 0 {
			return Result{}, false
		}
		r.NRR[i] = float64(t.Sum[i]) / float64(t.Count[i])
		r.IKM += r.NRR[i] * Weight
		r.Respondents = max(r.Respondents, t.Count[i])
	}
	r.Value = r.IKM * 25
	r.Grade, r.Label = Grade(r.Value)
	return r, true
}

// Grade is the mutu pelayanan of a converted index (25–100), by the regulation's
// intervals: A 88,31–100, B 76,61–88,30, C 65,00–76,60, D 25,00–64,99. The value is
// compared at two decimals, as the intervals are printed.
func Grade(value float64) (grade, label string) {
	v := math.Round(value*100) / 100
	switch {
	case v >= 88.31:
		return "A", "Sangat baik"
	case v >= 76.61:
		return "B", "Baik"
	case v >= 65.00:
		return "C", "Kurang baik"
	}
	return "D", "Tidak baik"
}
