package workflow

import "fmt"

// SanctionGround is why a sanction is imposed: a closed list, so the history,
// the letters and the recap count the same things. The PKS's Pasal "Sanksi"
// names the three sanctions; the grounds are its prohibitions and duties.
type SanctionGround string

const (
	GroundLateReport     SanctionGround = "late_report"     // semester report late by GroundMonths months
	GroundMisuse         SanctionGround = "misuse"          // data used outside the PKS (butir 10)
	GroundThirdParty     SanctionGround = "third_party"     // data given to a third party (butir 9)
	GroundNetworkOpen    SanctionGround = "network_open"    // the network is no longer closed
	GroundLembagaRequest SanctionGround = "lembaga_request" // the lembaga itself asked
	GroundOther          SanctionGround = "other"           // another ground, stated in GroundText
)

// SanctionGrounds lists the grounds in the order forms show them.
var SanctionGrounds = []SanctionGround{
	GroundLateReport, GroundMisuse, GroundThirdParty, GroundNetworkOpen, GroundLembagaRequest, GroundOther,
}

// MaxLateMonths bounds the months a report can be late: a PKS runs at most
// MaxTermMonths, so anything larger is a typo.
const MaxLateMonths = MaxTermMonths

// ValidSanctionGround parses a ground from a form value.
func ValidSanctionGround(s string) (SanctionGround, bool) {
	for _, g := range SanctionGrounds {
		if string(g) == s {
			return g, true
		}
	}
	return "", false
}

var groundLabels = map[SanctionGround]string{
	GroundLateReport:     "Keterlambatan laporan semester",
	GroundMisuse:         "Penggunaan Data Kependudukan tidak sesuai dengan PKS (butir 10)",
	GroundThirdParty:     "Pemberian Data Kependudukan kepada pihak ketiga (butir 9)",
	GroundNetworkOpen:    "Jaringan komunikasi data tidak lagi tertutup",
	GroundLembagaRequest: "Permintaan lembaga pengguna",
	GroundOther:          "Lainnya",
}

// Label is the ground's name in a select list.
func (g SanctionGround) Label() string {
	if l, ok := groundLabels[g]; ok {
		return l
	}
	return string(g)
}

// Describe is the ground as the history and the sanction letter state it, e.g.
// "Laporan semester terlambat 3 bulan".
func (g SanctionGround) Describe(months int, text string) string {
	switch g {
	case GroundLateReport:
		return fmt.Sprintf("Laporan semester terlambat %d bulan", months)
	case GroundOther:
		return trimSpace(text)
	}
	return g.Label()
}

// SanctionKind is which of the PKS's three sanctions an event imposes, or the
// reinstatement that ends a suspension.
type SanctionKind string

const (
	SanctionTeguran     SanctionKind = "teguran_tertulis"
	SanctionPenghentian SanctionKind = "penghentian_sementara"
	SanctionPencabutan  SanctionKind = "pencabutan"
	SanctionPemulihan   SanctionKind = "pemulihan" // reinstatement after a suspension
)

// SanctionOf maps the sanction events to their kind.
func SanctionOf(ev Event) (SanctionKind, bool) {
	switch ev {
	case Warn:
		return SanctionTeguran, true
	case Suspend:
		return SanctionPenghentian, true
	case Revoke:
		return SanctionPencabutan, true
	case Reinstate:
		return SanctionPemulihan, true
	}
	return "", false
}

var sanctionLabels = map[SanctionKind]string{
	SanctionTeguran:     "Teguran tertulis",
	SanctionPenghentian: "Penghentian sementara hak akses",
	SanctionPencabutan:  "Pencabutan hak akses",
	SanctionPemulihan:   "Pemulihan hak akses",
}

// Label is the sanction's name.
func (k SanctionKind) Label() string {
	if l, ok := sanctionLabels[k]; ok {
		return l
	}
	return string(k)
}

// Effect says in one sentence what the sanction does, for the public
// explanation and the letter.
func (k SanctionKind) Effect() string {
	switch k {
	case SanctionTeguran:
		return "Peringatan tertulis yang dicatat; hak akses tetap berjalan."
	case SanctionPenghentian:
		return "Hak akses dihentikan sementara: User ID DWH yang tercantum dinonaktifkan sampai dasar sanksi diselesaikan dan hak akses dipulihkan oleh Disdukcapil atau Dirjen Dukcapil."
	case SanctionPencabutan:
		return "Hak akses dicabut dan perjanjian kerja sama berakhir; User ID dinonaktifkan untuk seterusnya."
	case SanctionPemulihan:
		return "Dasar penghentian sementara telah diselesaikan; User ID yang tercantum diaktifkan kembali."
	}
	return ""
}

// DataBalikanChannels are the ways a delivery reaches the Ditjen.
var DataBalikanChannels = []string{"aplikasi_data_balikan", "web_service", "surat_elektronik", "media_penyimpanan"}

var channelLabels = map[string]string{
	"aplikasi_data_balikan": "Aplikasi Data Balikan Ditjen Dukcapil",
	"web_service":           "Web service",
	"surat_elektronik":      "Surat elektronik",
	"media_penyimpanan":     "Media penyimpanan (diserahkan langsung)",
}

// ChannelLabel names a data balikan channel.
func ChannelLabel(c string) string {
	if l, ok := channelLabels[c]; ok {
		return l
	}
	return c
}
