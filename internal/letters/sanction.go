package letters

import (
	"strconv"
	"strings"

	"github.com/hakakses/hakakses/internal/workflow"
)

// Sanction is what a sanction letter states beyond the application: which
// sanction, its ground (typed, as workflow describes it), the User IDs it
// switches, and what the lembaga must do.
type Sanction struct {
	Kind    workflow.SanctionKind
	Ground  workflow.SanctionGround // empty for a reinstatement
	Months  int                     // late_report: months late
	Text    string                  // other: the ground in words; reinstatement: how the ground was cured
	UserIDs []string                // suspension: to deactivate; reinstatement: to reactivate
	PKS     Reference               // the agreement the sanction enforces
	Cited   Reference               // reinstatement: the suspension letter it ends
}

var sanctionPerihal = map[workflow.SanctionKind]string{
	workflow.SanctionTeguran:     "Teguran Tertulis",
	workflow.SanctionPenghentian: "Penghentian Sementara Hak Akses Pemanfaatan Data Kependudukan",
	workflow.SanctionPencabutan:  "Pencabutan Hak Akses Pemanfaatan Data Kependudukan",
	workflow.SanctionPemulihan:   "Pemulihan Hak Akses Pemanfaatan Data Kependudukan",
}

// SanctionLetter writes the office's letter to the institution's head imposing
// a sanction of the PKS's Pasal "Sanksi" (teguran tertulis, penghentian
// sementara, pencabutan) or ending a suspension: it cites the PKS and the
// ground, lists the DWH User IDs to deactivate or reactivate, and says what the
// institution must do. The Dirjen gets a copy of a suspension, revocation and
// reinstatement, since the DWH accounts are switched at the Ditjen.
func SanctionLetter(office Office, app Application, meta LetterMeta, s Sanction) ([]byte, error) {
	inst := cleanLine(app.InstitutionName)
	perihal, ok := sanctionPerihal[s.Kind]
	tembusan := []string{office.headOfRegion() + " (sebagai laporan);", dirjen + ";"}
	if s.Kind == workflow.SanctionTeguran {
		tembusan = []string{office.headOfRegion() + " (sebagai laporan)."}
	} else {
		tembusan = append(tembusan[:1], dirjen+" (untuk penonaktifan/pengaktifan User ID DWH).")
	}
	l := letter{
		office:    office,
		meta:      meta,
		subject:   perihal,
		lampiran:  "-",
		perihal:   perihal + " bagi " + inst,
		addressee: []string{app.headPosition(), inst},
		place:     cleanLine(office.City),
		keywords:  app.keywords(),
		tembusan:  tembusan,
	}
	missing := l.missing()
	if !ok {
		missing = append(missing, "jenis sanksi")
	}
	if inst == "" {
		missing = append(missing, ItemNamaPengguna)
	}
	if cleanLine(s.PKS.Number) == "" {
		missing = append(missing, "nomor Perjanjian Kerja Sama")
	}
	ground := s.Ground.Describe(s.Months, s.Text)
	if s.Kind != workflow.SanctionPemulihan && cleanLine(ground) == "" {
		missing = append(missing, "dasar sanksi")
	}
	if s.Kind == workflow.SanctionPemulihan && cleanLine(s.Text) == "" {
		missing = append(missing, "penyelesaian dasar penghentian sementara")
	}
	if (s.Kind == workflow.SanctionPenghentian || s.Kind == workflow.SanctionPemulihan) && len(s.UserIDs) == 0 {
		missing = append(missing, "User ID yang dinonaktifkan atau diaktifkan kembali")
	}
	if err := incomplete("surat "+strings.ToLower(s.Kind.Label()), missing); err != nil {
		return nil, err
	}
	d, err := l.open()
	if err != nil {
		return nil, err
	}
	pks := "Perjanjian Kerja Sama antara " + office.fullOfficeName() + " dengan " + inst + " Nomor " +
		cleanLine(s.PKS.Number) + dated(s.PKS) + " tentang Pemanfaatan Data Kependudukan Melalui Hak Akses"

	userTable := func(header string) {
		rows := make([][]string, len(s.UserIDs))
		for i, id := range s.UserIDs {
			rows[i] = []string{strconv.Itoa(i+1) + ".", cleanLine(id)}
		}
		d.table(8, []float64{14, 80}, []string{"C", "L"}, []string{"No.", header}, rows)
		d.gap(3)
	}
	switch s.Kind {
	case workflow.SanctionPemulihan:
		opening := "Menindaklanjuti"
		if cleanLine(s.Cited.Number) != "" {
			opening += " surat kami Nomor " + cleanLine(s.Cited.Number) + dated(s.Cited) + " perihal Penghentian Sementara Hak Akses,"
		}
		d.paragraph(0, opening+" dan berdasarkan "+pks+", dengan hormat kami sampaikan bahwa dasar penghentian "+
			"sementara hak akses "+inst+" telah diselesaikan, yaitu: "+trimEnd(cleanLine(s.Text))+".")
		d.gap(2)
		d.paragraph(0, "Oleh karena itu hak akses "+inst+" dipulihkan, dan User ID DWH Terpusat berikut diaktifkan kembali:")
		d.gap(2)
		userTable("User ID yang diaktifkan kembali")
		d.paragraph(0, "Pemanfaatan Data Kependudukan selanjutnya tetap wajib sesuai dengan Perjanjian Kerja Sama dan "+
			"Petunjuk Teknis, termasuk penyampaian laporan semester tepat waktu.")
	default:
		d.paragraph(0, "Berdasarkan "+pks+", khususnya Pasal Sanksi dan Pasal Evaluasi dan Pelaporan, dengan hormat "+
			"kami sampaikan bahwa "+inst+" dikenai sanksi administratif berupa "+strings.ToLower(s.Kind.Label())+".")
		d.gap(2)
		d.paragraph(0, "Dasar sanksi:")
		d.gap(1)
		d.item(0, "-", s.Ground.Label()+": "+trimEnd(cleanLine(ground))+".")
		d.gap(2)
		switch s.Kind {
		case workflow.SanctionTeguran:
			d.paragraph(0, "Teguran tertulis ini dicatat; hak akses "+inst+" tetap berjalan. Kami minta "+inst+
				" segera menyelesaikan hal tersebut. Pengulangan atau tidak diselesaikannya pelanggaran dapat "+
				"mengakibatkan penghentian sementara atau pencabutan hak akses.")
		case workflow.SanctionPenghentian:
			d.paragraph(0, "Sejak tanggal surat ini hak akses "+inst+" dihentikan sementara, dan User ID DWH Terpusat "+
				"berikut diusulkan untuk dinonaktifkan:")
			d.gap(2)
			userTable("User ID yang dinonaktifkan")
			d.paragraph(0, "Hak akses dipulihkan oleh "+office.fullOfficeName()+" atau "+dirjen+" setelah "+inst+
				" menyelesaikan dasar sanksi tersebut"+cureAdvice(s.Ground)+".")
		case workflow.SanctionPencabutan:
			d.paragraph(0, "Dengan pencabutan ini Perjanjian Kerja Sama berakhir, seluruh User ID DWH Terpusat "+inst+
				" dinonaktifkan, dan Data Kependudukan yang telah diperoleh tidak boleh digunakan lagi. Pemanfaatan "+
				"Data Kependudukan di kemudian hari hanya dapat dilakukan melalui permohonan baru.")
		}
	}
	d.gap(2)
	d.paragraph(0, "Demikian disampaikan untuk menjadi perhatian.")
	return l.close(d)
}

// cureAdvice tells the institution what cures a suspension's ground.
func cureAdvice(g workflow.SanctionGround) string {
	switch g {
	case workflow.GroundLateReport:
		return ", yaitu menyampaikan laporan semester yang terlambat melalui aplikasi Hak Akses"
	case workflow.GroundNetworkOpen:
		return ", yaitu memulihkan jaringan komunikasi data tertutup dan menyampaikan Surat Pernyataan Jaringan Tertutup yang baru"
	case workflow.GroundMisuse, workflow.GroundThirdParty:
		return ", yaitu menghentikan pelanggaran dan menyampaikan laporan tertulis atas langkah perbaikannya"
	}
	return ""
}
