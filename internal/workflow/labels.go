package workflow

import (
	"fmt"
	"time"
)

// stateInfo is the presentation of each state, from the table in docs/domain.md §3.
// step is the procedure item (docs/domain.md §3) the state realises (0: none) and ref the precise sub-item
// reference shown beside it.
var stateInfo = map[State]struct {
	label   string
	waiting Party
	step    int
	ref     string
}{
	Draft:           {"Draf", PartyLembaga, 0, ""},
	Submitted:       {"Diajukan", PartyDisdukcapil, 1, "1"},
	Returned:        {"Dikembalikan", PartyLembaga, 0, ""},
	Forwarded:       {"Diteruskan ke Dirjen", PartyDirjen, 2, "2"},
	Rejected:        {"Ditolak", PartyNone, 7, "3/7"},
	Approved:        {"Disetujui Dirjen", PartyDisdukcapil, 3, "3"},
	Signing:         {"Penandatanganan PKS", PartyBoth, 4, "4a/4b"},
	Signed:          {"PKS Ditandatangani", PartyLembaga, 11, "11"},
	UserIDRequested: {"Permintaan User ID", PartyDisdukcapil, 4, "4c"},
	DWHRequested:    {"Permohonan Akses DWH", PartyDirjen, 4, "4d"},
	DWHApproved:     {"Akses DWH Disetujui", PartyDisdukcapil, 5, "5"},
	Active:          {"Aktif", PartyNone, 6, "6"},
	Expired:         {"Berakhir", PartyNone, 0, ""},
	Revoked:         {"Dicabut", PartyNone, 0, ""},
	Withdrawn:       {"Dibatalkan", PartyNone, 0, ""},

	ChangesRequested:     {"Perubahan Draf Diminta", PartyDisdukcapil, 4, "4a/4b"},
	Agreed:               {"Draf PKS Disepakati", PartyBoth, 11, "11"},
	Suspended:            {"Dihentikan Sementara", PartyLembaga, 0, ""},
	AddendumRequested:    {"Adendum Diajukan", PartyDisdukcapil, 0, ""},
	AddendumForwarded:    {"Adendum di Dirjen", PartyDirjen, 0, ""},
	AddendumDWHRequested: {"Adendum Akses DWH di Dirjen", PartyDirjen, 0, ""},
	AddendumApproved:     {"Adendum Disetujui", PartyDisdukcapil, 0, ""},
}

// Label is the state's name on screens. Unknown states show their raw value
// rather than an empty cell.
func (s State) Label() string {
	if i, ok := stateInfo[s]; ok {
		return i.label
	}
	return string(s)
}

// WaitingOn is who must act next. Active waits on nobody (PartyNone): it runs until
// the PKS ends, and reports are the lembaga's standing duty, not a pending step.
func (s State) WaitingOn() Party {
	return stateInfo[s].waiting
}

// Step is the number of the procedure's item (1–11) the state realises, or 0 for states
// the procedure does not name (draft, returned, expired, revoked, withdrawn). Rejected
// realises items 3 and 7 and reports 7, the rejection letter.
func (s State) Step() int {
	return stateInfo[s].step
}

// StepRef is the precise seed reference, e.g. "4c" or "3/7"; empty when Step is 0.
func (s State) StepRef() string {
	return stateInfo[s].ref
}

var eventLabels = map[Event]string{
	Submit:             "Ajukan permohonan",
	Return:             "Kembalikan",
	Withdraw:           "Batalkan permohonan",
	Forward:            "Teruskan ke Dirjen",
	Approve:            "Setujui",
	Reject:             "Tolak",
	PrepareAgreement:   "Susun PKS dan Juknis",
	ReviseAgreement:    "Revisi draf PKS dan Juknis",
	Sign:               "Catat penandatanganan PKS",
	RequestUserID:      "Minta User ID dan IP LAN",
	RequestDWH:         "Ajukan akses DWH ke Dirjen",
	ReturnDWH:          "Kembalikan permohonan DWH",
	ApproveDWH:         "Setujui akses DWH",
	HandOver:           "Serahkan User ID",
	AcknowledgeReceipt: "Konfirmasi penerimaan User ID",
	FileReport:         "Kirim laporan semester",
	Expire:             "Akhiri masa berlaku",
	Revoke:             "Cabut hak akses",

	AgreeAgreement:     "Setujui draf PKS dan Juknis",
	RequestChanges:     "Minta perubahan draf",
	AcceptReport:       "Terima laporan semester",
	ReturnReport:       "Kembalikan laporan semester",
	RecordDataBalikan:  "Catat penyerahan data balikan",
	Warn:               "Beri teguran tertulis",
	Suspend:            "Hentikan sementara hak akses",
	Reinstate:          "Pulihkan hak akses",
	RequestAddendum:    "Ajukan adendum PKS",
	ReturnAddendum:     "Kembalikan permohonan adendum",
	ForwardAddendum:    "Teruskan adendum ke Dirjen",
	ApproveAddendum:    "Setujui adendum",
	RejectAddendum:     "Tolak adendum",
	RequestAddendumDWH: "Ajukan perubahan akses DWH",
	ApproveAddendumDWH: "Setujui perubahan akses DWH",
	SignAddendum:       "Catat penandatanganan adendum",
}

// Label is the event's button text.
func (e Event) Label() string { return label(eventLabels, e) }

// LabelFrom is the button text in a given state; it differs from Label only where
// users expect it to, e.g. "Ajukan ulang permohonan" after a return.
func (e Event) LabelFrom(s State) string {
	if e == Submit && s == Returned {
		return "Ajukan ulang permohonan"
	}
	return e.Label()
}

var eventHistoryLabels = map[Event]string{
	Submit:             "Permohonan diajukan",
	Return:             "Permohonan dikembalikan kepada lembaga",
	Withdraw:           "Permohonan dibatalkan oleh lembaga",
	Forward:            "Permohonan diteruskan kepada Dirjen Dukcapil",
	Approve:            "Permohonan disetujui Dirjen Dukcapil",
	Reject:             "Permohonan ditolak Dirjen Dukcapil",
	PrepareAgreement:   "Draf PKS dan Juknis disusun",
	ReviseAgreement:    "Draf PKS dan Juknis direvisi",
	Sign:               "PKS ditandatangani kedua pihak",
	RequestUserID:      "User ID dan IP LAN diminta",
	RequestDWH:         "Akses DWH diajukan kepada Dirjen Dukcapil",
	ReturnDWH:          "Permohonan akses DWH dikembalikan",
	ApproveDWH:         "Akses DWH disetujui dan User ID diterbitkan",
	HandOver:           "User ID diserahkan kepada lembaga",
	AcknowledgeReceipt: "Penerimaan User ID dikonfirmasi",
	FileReport:         "Laporan semester dikirim",
	Expire:             "Masa berlaku PKS berakhir",
	Revoke:             "Hak akses dicabut",

	AgreeAgreement:     "Lembaga menyepakati draf PKS dan Juknis",
	RequestChanges:     "Lembaga meminta perubahan draf PKS dan Juknis",
	AcceptReport:       "Laporan semester diterima",
	ReturnReport:       "Laporan semester dikembalikan",
	RecordDataBalikan:  "Penyerahan data balikan dicatat",
	Warn:               "Teguran tertulis diberikan",
	Suspend:            "Hak akses dihentikan sementara",
	Reinstate:          "Hak akses dipulihkan",
	RequestAddendum:    "Adendum PKS diajukan",
	ReturnAddendum:     "Permohonan adendum dikembalikan kepada lembaga",
	ForwardAddendum:    "Adendum diteruskan kepada Dirjen Dukcapil",
	ApproveAddendum:    "Adendum disetujui Dirjen Dukcapil",
	RejectAddendum:     "Adendum ditolak Dirjen Dukcapil",
	RequestAddendumDWH: "Perubahan akses DWH diajukan kepada Dirjen Dukcapil",
	ApproveAddendumDWH: "Perubahan akses DWH disetujui",
	SignAddendum:       "Adendum PKS ditandatangani kedua pihak",
}

// HistoryLabel describes the event once it has happened, for history lists.
func (e Event) HistoryLabel() string { return label(eventHistoryLabels, e) }

var roleLabels = map[Role]string{
	RoleLembaga: "Lembaga Pengguna",
	RolePetugas: "Petugas Disdukcapil",
	RoleKepala:  "Kepala Disdukcapil",
	RoleDirjen:  "Penghubung Dirjen Dukcapil", // the liaison acts for the Dirjen
	RoleAdmin:   "Admin Platform",
	RoleSystem:  "Sistem",
}

// Label is the role's name on screens.
func (r Role) Label() string { return label(roleLabels, r) }

var partyLabels = map[Party]string{
	PartyNone:        "Tidak ada",
	PartyLembaga:     "Lembaga Pengguna",
	PartyDisdukcapil: "Disdukcapil",
	PartyDirjen:      "Dirjen Dukcapil",
	PartyBoth:        "Kedua pihak",
}

// Label is the party's name in "menunggu …" texts.
func (p Party) Label() string { return label(partyLabels, p) }

var institutionTypeLabels = map[InstitutionType]string{
	PerangkatDaerah: "Perangkat Daerah",
	BadanHukum:      "Badan Hukum Indonesia",
}

// Label is the institution type's name on forms.
func (t InstitutionType) Label() string { return label(institutionTypeLabels, t) }

var clauseLabels = map[ClauseKey]string{
	ClauseMaksud:         "Maksud",
	ClauseTujuan:         "Tujuan",
	ClauseHakKewajiban:   "Hak dan kewajiban",
	ClauseEvaluasi:       "Evaluasi dan pelaporan",
	ClauseJangkaWaktu:    "Jangka waktu",
	ClausePembiayaan:     "Pembiayaan",
	ClauseLaranganPihak3: "Larangan memberikan Data Kependudukan kepada pihak ketiga",
	ClauseLaranganNonPKS: "Larangan menggunakan Data Kependudukan tidak sesuai dengan perjanjian kerja sama",
}

// Label is the clause's heading in the PKS editor.
func (k ClauseKey) Label() string { return label(clauseLabels, k) }

var accessMethodLabels = map[AccessMethod]string{
	WebService: "Web Service",
	WebPortal:  "Web Portal",
	CardReader: "Card Reader (pembaca KTP-el)",
}

// Label is the access method's name on forms.
func (m AccessMethod) Label() string { return label(accessMethodLabels, m) }

var clockLabels = map[ClockKind]string{
	ClockVerifyForward:    "Verifikasi dan penerusan ke Dirjen",
	ClockPrepareAgreement: "Penyusunan PKS dan Juknis",
	ClockSendDWHRequest:   "Pengiriman permohonan akses DWH",
	ClockHandOverUserID:   "Penyerahan User ID",
	ClockReviseAgreement:  "Revisi draf atas permintaan lembaga",
	ClockVerifyAddendum:   "Verifikasi permohonan adendum",
	ClockPrepareAddendum:  "Penyusunan dan penandatanganan adendum",
}

// Label is the SLA clock's name in reports.
func (c ClockKind) Label() string { return label(clockLabels, c) }

// label is k's entry in m, or k itself where m has none: an unknown value shows
// its raw name rather than an empty cell.
func label[K ~string](m map[K]string, k K) string {
	if l, ok := m[k]; ok {
		return l
	}
	return string(k)
}

var bulan = [...]string{
	"Januari", "Februari", "Maret", "April", "Mei", "Juni",
	"Juli", "Agustus", "September", "Oktober", "November", "Desember",
}

// tanggal formats a date the Indonesian way, e.g. "5 Maret 2027", for messages.
func tanggal(t time.Time) string {
	return fmt.Sprintf("%d %s %d", t.Day(), bulan[t.Month()-1], t.Year())
}
