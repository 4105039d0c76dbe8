package letters

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/hakakses/hakakses/internal/workflow"
)

func samplePKSRef() Reference {
	am := sampleAgreementMeta()
	return Reference{Number: am.Number, Date: am.Date}
}

func TestSanctionLettersStateTheSanctionItsGroundAndTheUserIDs(t *testing.T) {
	office, app := sampleOffice(), sampleApp()
	cases := []struct {
		name string
		s    Sanction
		want []string
		not  []string
	}{
		{"teguran tertulis keeps access",
			Sanction{Kind: workflow.SanctionTeguran, Ground: workflow.GroundLateReport, Months: 1, PKS: samplePKSRef()},
			[]string{"Perihal", "Teguran Tertulis bagi Dinas Sosial", "teguran tertulis", "Laporan semester terlambat 1 bulan",
				"hak akses Dinas Sosial Kabupaten Ogan Komering Ilir tetap berjalan", "400.12.4.4/31/PKS/DUKCAPIL.OKI/2026"},
			[]string{"dinonaktifkan:"}},
		{"penghentian sementara lists the User IDs to deactivate and the cure",
			Sanction{Kind: workflow.SanctionPenghentian, Ground: workflow.GroundLateReport, Months: 3, PKS: samplePKSRef(),
				UserIDs: []string{"dinsos_oki.ws01", "dinsos_oki.wp01"}},
			[]string{"penghentian sementara hak akses", "Laporan semester terlambat 3 bulan", "User ID yang dinonaktifkan",
				"dinsos_oki.ws01", "dinsos_oki.wp01", "menyampaikan laporan semester yang terlambat",
				"untuk penonaktifan/pengaktifan User ID DWH"}, nil},
		{"pencabutan is final",
			Sanction{Kind: workflow.SanctionPencabutan, Ground: workflow.GroundThirdParty, PKS: samplePKSRef()},
			[]string{"pencabutan hak akses", "Pemberian Data Kependudukan kepada pihak ketiga (butir 9)",
				"Perjanjian Kerja Sama berakhir", "permohonan baru"}, nil},
		{"an other ground is printed in its words",
			Sanction{Kind: workflow.SanctionPenghentian, Ground: workflow.GroundOther, Text: "Server aplikasi dipindahkan ke penyedia lain",
				PKS: samplePKSRef(), UserIDs: []string{"dinsos_oki.ws01"}},
			[]string{"Lainnya: Server aplikasi dipindahkan ke penyedia lain."}, nil},
		{"reinstatement lists the User IDs to reactivate and cites the suspension",
			Sanction{Kind: workflow.SanctionPemulihan, Text: "laporan semester II 2026 telah disampaikan dan diterima",
				PKS: samplePKSRef(), UserIDs: []string{"dinsos_oki.ws01"},
				Cited: Reference{Number: "400.12.4.4/77/DUKCAPIL.OKI/2027", Date: time.Date(2027, 5, 3, 0, 0, 0, 0, wib)}},
			[]string{"Pemulihan Hak Akses", "400.12.4.4/77/DUKCAPIL.OKI/2027 tanggal 3 Mei 2027",
				"laporan semester II 2026 telah disampaikan dan diterima", "User ID yang diaktifkan kembali", "dinsos_oki.ws01"}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b, err := SanctionLetter(office, app, sampleMeta(), tc.s)
			if err != nil {
				t.Fatal(err)
			}
			doc := openPDF(t, b)
			doc.mustContain(t, tc.want...)
			for _, n := range tc.not {
				if strings.Contains(doc.text(), n) {
					t.Errorf("letter contains %q", n)
				}
			}
		})
	}
}

func TestSanctionLetterRefusesWhatItCannotGoOutWithout(t *testing.T) {
	office, app := sampleOffice(), sampleApp()
	cases := map[string]Sanction{
		"no PKS number":          {Kind: workflow.SanctionTeguran, Ground: workflow.GroundMisuse},
		"a suspension w/o IDs":   {Kind: workflow.SanctionPenghentian, Ground: workflow.GroundMisuse, PKS: samplePKSRef()},
		"an other ground, blank": {Kind: workflow.SanctionPencabutan, Ground: workflow.GroundOther, PKS: samplePKSRef()},
		"reinstated, no cure":    {Kind: workflow.SanctionPemulihan, PKS: samplePKSRef(), UserIDs: []string{"x"}},
		"unknown kind":           {Kind: "denda", Ground: workflow.GroundMisuse, PKS: samplePKSRef()},
	}
	for name, s := range cases {
		if _, err := SanctionLetter(office, app, sampleMeta(), s); !errors.Is(err, ErrIncomplete) {
			t.Errorf("%s: err = %v, want ErrIncomplete", name, err)
		}
	}
}

func TestAddendumIsNumberedAndSignedLikeThePKS(t *testing.T) {
	office, app := sampleOffice(), sampleApp()
	meta := AgreementMeta{Number: "400.12.4.4/90/ADD/DUKCAPIL.OKI/2027", Date: time.Date(2027, 2, 15, 9, 0, 0, 0, wib)}
	b, err := Addendum(office, app, meta, AddendumChange{Seq: 1, PKS: samplePKSRef(),
		IPAddresses: []string{"10.16.2.10", "10.16.4.0/24"}, AddUserIDs: 1,
		AddElements: []Element{{Name: "Golongan darah"}},
		Approval:    Reference{Number: "400.8/2222/Dukcapil", Date: time.Date(2027, 2, 1, 0, 0, 0, 0, wib)}})
	if err != nil {
		t.Fatal(err)
	}
	openPDF(t, b).mustContain(t, "ADENDUM KE-1", "PERJANJIAN KERJA SAMA", "NOMOR: 400.12.4.4/90/ADD/DUKCAPIL.OKI/2027",
		"mengubah Perjanjian Kerja Sama Nomor 400.12.4.4/31/PKS/DUKCAPIL.OKI/2026 tanggal 6 April 2026",
		"persetujuan Direktur Jenderal Kependudukan dan Pencatatan Sipil Nomor 400.8/2222/Dukcapil",
		"PENAMBAHAN ELEMEN DATA", "Golongan darah", "PERUBAHAN AKSES DWH TERPUSAT", "10.16.4.0/24",
		"ditambah sebanyak 1 (satu) User ID", "tidak diubah dengan Adendum ini tetap berlaku",
		"PIHAK PERTAMA,", "PIHAK KEDUA,")
	if _, err := Addendum(office, app, meta, AddendumChange{Seq: 1, PKS: samplePKSRef()}); !errors.Is(err, ErrIncomplete) {
		t.Errorf("an addendum changing nothing: err = %v, want ErrIncomplete", err)
	}
}

func TestEvaluationRecapCarriesItsNumberAndTotals(t *testing.T) {
	office := sampleOffice()
	meta := sampleMeta()
	meta.Number = "400.12.4.4/15/EVAL/DUKCAPIL.OKI/2027"
	r := Recap{Semester: "Semester II 2026", From: "1 Juli 2026", To: "31 Desember 2026", Rows: []RecapRow{
		{Institution: "Dinas Sosial", PKS: "400.12.4.4/31/PKS/DUKCAPIL.OKI/2026", Due: 1, Received: 1, Accepted: 1},
		{Institution: "Dinas Kesehatan", PKS: "400.12.4.4/32/PKS/DUKCAPIL.OKI/2026", Due: 1, Overdue: 1, Sanctions: 2},
	}}
	if got := r.Totals(); got.Due != 2 || got.Received != 1 || got.Accepted != 1 || got.Overdue != 1 || got.Sanctions != 2 {
		t.Errorf("totals = %+v", got)
	}
	b, err := EvaluationRecap(office, meta, r)
	if err != nil {
		t.Fatal(err)
	}
	openPDF(t, b).mustContain(t, "400.12.4.4/15/EVAL/DUKCAPIL.OKI/2027", "Laporan Hasil Evaluasi Pemanfaatan Data Kependudukan Semester II 2026",
		"Direktur Jenderal Kependudukan dan Pencatatan Sipil", "1 Juli 2026 sampai dengan 31 Desember 2026",
		"Dinas Kesehatan, Nomor PKS 400.12.4.4/32/PKS/DUKCAPIL.OKI/2026", "2. Dinas Kesehatan 1 0 0 1 2", "Jumlah 2 1 1 1 2")
	meta.Number = ""
	if _, err := EvaluationRecap(office, meta, r); !errors.Is(err, ErrIncomplete) {
		t.Errorf("a recap without a number: err = %v, want ErrIncomplete", err)
	}
}
