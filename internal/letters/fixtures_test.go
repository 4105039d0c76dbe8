package letters

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"time"

	"github.com/hakakses/hakakses/internal/workflow"
)

var wib = time.FixedZone("WIB", 7*3600)

func sampleOffice() Office {
	return Office{
		Regency:     "Kabupaten Ogan Komering Ilir",
		RegencyKind: "kabupaten",
		City:        "Kayuagung",
		Address:     "Jalan Letnan Mukhtar Saleh Nomor 1, Kayuagung, Sumatera Selatan 30611",
		Phone:       "(0712) 321456",
		Email:       "disdukcapil@okikab.go.id",
		Website:     "disdukcapil.okikab.go.id",
		KepalaName:  "Drs. H. AHMAD SYARIFUDDIN, M.Si.",
		KepalaNIP:   "197001011995031001",
		KepalaRank:  "Pembina Utama Muda (IV/c)",
	}
}

func sampleApp() Application {
	return Application{
		Number:             "HA-OKI-2026-0007",
		InstitutionName:    "Dinas Sosial Kabupaten Ogan Komering Ilir",
		InstitutionType:    workflow.PerangkatDaerah,
		InstitutionAddress: "Jalan Lintas Timur Km 3, Kayuagung",
		HeadName:           "SITI AMINAH, S.Sos., M.M.",
		HeadPosition:       "Kepala Dinas Sosial Kabupaten Ogan Komering Ilir",
		HeadNIP:            "197505052000032002",
		Purpose:            "Verifikasi dan validasi Data Terpadu Kesejahteraan Sosial (DTKS) penerima bantuan sosial",
		Elements: []Element{
			{Letter: "a", Name: "Nomor Kartu Keluarga (KK)"},
			{Letter: "b", Name: "Nomor Induk Kependudukan (NIK)"},
			{Letter: "c", Name: "Nama lengkap"},
			{Letter: "f", Name: "Tanggal, bulan, tahun lahir"},
			{Letter: "s", Name: "Alamat sekarang"},
			{Letter: "k", Name: "Cacat fisik dan/atau mental", Protected: true,
				Justification: "penetapan penerima bantuan sosial bagi penyandang disabilitas"},
		},
		AccessMethods: []workflow.AccessMethod{workflow.WebService, workflow.WebPortal},
		DataBalikan:   "status kepesertaan bantuan sosial dan tanggal penetapan, per NIK",
		TermMonths:    24,
		IPAddresses:   []string{"10.16.2.15", "10.16.2.16/32", "2001:db8:16::15"},
		UserIDs: []UserID{
			{ID: "dinsos_oki_ws01", Description: "Web Service — verifikasi NIK"},
			{ID: "dinsos_oki_wp01", Description: "Web Portal — operator DTKS"},
		},
		ContactName:   "Rudi Hartono, S.Kom.",
		ContactPhone:  "0812-7000-1234",
		ContactEmail:  "rudi.hartono@dinsos.okikab.go.id",
		RequestLetter: Reference{Number: "460/112/DINSOS/2026", Date: time.Date(2026, 3, 2, 0, 0, 0, 0, wib)},
	}
}

func sampleMeta() LetterMeta {
	return LetterMeta{
		Number: "400.12.4.4/20/DUKCAPIL.OKI/2026",
		Date:   time.Date(2026, 3, 10, 10, 0, 0, 0, wib),
	}
}

func sampleAgreementMeta() AgreementMeta {
	return AgreementMeta{
		Number:        "400.12.4.4/31/PKS/DUKCAPIL.OKI/2026",
		PartnerNumber: "460/140/PKS/DINSOS/2026",
		Date:          time.Date(2026, 4, 6, 9, 0, 0, 0, wib),
		Approval:      Reference{Number: "400.8/1234/Dukcapil", Date: time.Date(2026, 3, 24, 0, 0, 0, 0, wib)},
	}
}

// sampleBadanHukum is a regional bank applying as a badan hukum, with a logo
// on its office's kop.
func sampleBadanHukum() Application {
	a := sampleApp()
	a.InstitutionName = "PT Bank Perekonomian Rakyat Kayuagung Sejahtera"
	a.InstitutionType = workflow.BadanHukum
	a.InstitutionAddress = "Jalan Merdeka Nomor 45, Kayuagung"
	a.HeadName = "Ir. BUDI SANTOSO"
	a.HeadPosition = "Direktur Utama"
	a.HeadNIP = ""
	a.Purpose = "Verifikasi identitas calon debitur (know your customer) sesuai ketentuan Otoritas Jasa Keuangan"
	a.Elements = []Element{
		{Letter: "b", Name: "Nomor Induk Kependudukan (NIK)"},
		{Letter: "c", Name: "Nama lengkap"},
		{Letter: "e", Name: "Tempat lahir"},
		{Letter: "f", Name: "Tanggal, bulan, tahun lahir"},
		{Letter: "bb", Name: "Sidik jari", Protected: true, Justification: "verifikasi biometrik nasabah pada pembukaan rekening"},
	}
	a.AccessMethods = []workflow.AccessMethod{workflow.CardReader}
	a.DataBalikan = "status nasabah dan nomor rekening, per NIK"
	a.TermMonths = 18
	return a
}

// sampleLogo is a stand-in emblem: a shield-like shape, enough to see where
// the kop places it.
func sampleLogo() []byte {
	const w, h = 80, 96
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			inside := y < 60 || (x-w/2)*(x-w/2)*36 < (h-y)*(h-y)*w/2*w/2/36
			if inside {
				img.Set(x, y, color.RGBA{R: 20, G: 90, B: 40, A: 255})
				if x > 8 && x < w-8 && y > 8 && y < 56 {
					img.Set(x, y, color.RGBA{R: 240, G: 200, B: 40, A: 255})
				}
			}
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err)
	}
	return b.Bytes()
}
