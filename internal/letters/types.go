package letters

import (
	"errors"
	"strings"
	"time"

	"github.com/hakakses/hakakses/internal/workflow"
)

// ErrIncomplete is returned (wrapped, with the missing items named in Bahasa
// Indonesia) when the input lacks something a document cannot go out without.
// The workflow guards normally catch these first; the generators check again so
// that no caller can print an official letter with holes in it.
var ErrIncomplete = errors.New("data dokumen belum lengkap")

// Office is the tenant's Disdukcapil: it fills the letterhead (kop surat), the
// place of every date line and the default signatory.
type Office struct {
	Regency     string // full name with its kind, e.g. "Kabupaten Ogan Komering Ilir", "Kota Palembang"
	RegencyKind string // "kabupaten" or "kota"; decides the default HeadTitle
	HeadTitle   string // "Bupati" or "Wali Kota"; empty: derived from RegencyKind
	OfficeName  string // empty: "Dinas Kependudukan dan Pencatatan Sipil"
	City        string // seat of the office, printed before dates: "Kayuagung"
	Address     string // street address with postal code, one line
	Phone       string
	Email       string
	Website     string
	KepalaName  string // Kepala Dinas as printed under a signature, with titles
	KepalaNIP   string // 18 digits; grouped 8-6-1-3 when printed
	KepalaRank  string // pangkat/golongan, e.g. "Pembina Utama Muda (IV/c)"
	// KepalaActing is "Plt." or "Plh." while the post is held by an acting
	// official, who then signs under that prefix; empty otherwise.
	KepalaActing string
	// Logo is the lambang daerah the kepala uploaded (PNG; JPEG is read too):
	// drawn left of every kop and above the title of the PKS and the Juknis.
	Logo []byte
}

// Element is one element of Data Kependudukan the institution asks to access,
// as in the catalogue of 31 (letters "a" to "ee").
type Element struct {
	Letter        string // catalogue letter, "a".."ee"
	Name          string // e.g. "Nomor Induk Kependudukan (NIK)"
	Protected     bool   // one of the five elements protected by Pasal 84 UU 24/2013
	Justification string // why a protected element is needed; required when Protected
}

// UserID is one DWH Terpusat account issued by the Dirjen (one may be issued per
// data category). There is deliberately no password field: passwords never pass
// through this system or onto paper.
type UserID struct {
	ID          string
	Category    string // data category it was issued for, e.g. "verifikasi", "pemanfaatan"; may be empty
	Description string // what the account is for, e.g. "Web Service — verifikasi NIK"
}

// Reference points at another letter or document by its number and date.
type Reference struct {
	Number string
	Date   time.Time
}

// Application is what the generators need of an application, shaped like the
// application's screens; the caller fills it from the database.
type Application struct {
	Number             string // registration number of the application
	InstitutionName    string // nama Pengguna (item 2a)
	InstitutionType    workflow.InstitutionType
	InstitutionAddress string
	HeadName           string // pimpinan of the institution
	HeadPosition       string // jabatan as on a signature, e.g. "Kepala Dinas Sosial Kabupaten Ogan Komering Ilir", "Direktur Utama"
	HeadNIP            string // for a perangkat daerah head (an ASN); empty for a badan hukum
	Purpose            string // tujuan pemanfaatan (item 2b)
	Elements           []Element
	AccessMethods      []workflow.AccessMethod
	DataBalikan        string // what the institution returns, NIK-keyed (item 2e)
	TermMonths         int    // jangka waktu perjanjian kerja sama (item 2f)
	IPAddresses        []string
	UserIDs            []UserID
	ContactName        string // the institution's technical contact (narahubung)
	ContactPhone       string
	ContactEmail       string
	RequestLetter      Reference // the pimpinan's written request (item 1): the lembaga's own number and date
	// Eligibility is what a badan hukum put on file for item 11b; the
	// forwarding letter cites exactly these documents and nothing it lacks.
	Eligibility Eligibility
}

// Eligibility is a badan hukum's evidence for item 11b: its signed statement
// (public service in this kabupaten/kota, no vertical relationship with a
// national or provincial badan hukum) and the supervising authority's
// recommendation. A document is cited only when it is on file.
type Eligibility struct {
	StatementOnFile      bool
	Statement            Reference // number and date of the surat pernyataan; either may be empty
	RecommendationOnFile bool
	Recommendation       Reference
	RecommendedBy        string // the supervising authority, e.g. "Otoritas Jasa Keuangan"
}

// Signatory is a person signing a document.
type Signatory struct {
	Name     string // as printed, with academic and religious titles
	NIP      string
	Rank     string // pangkat/golongan; optional
	Position string // jabatan, e.g. "Kepala Dinas Kependudukan dan Pencatatan Sipil"
}

func (s Signatory) isZero() bool { return strings.TrimSpace(s.Name) == "" }

// LetterMeta is what a letter carries beyond its content: its number, its date,
// who signs it and who gets a copy.
type LetterMeta struct {
	Number    string
	Date      time.Time // in the office's time zone; the date line prints its calendar day
	Sifat     string    // nature of the letter; empty: "Biasa"
	Signatory Signatory // zero: the office's Kepala Dinas
	Tembusan  []string  // carbon-copy recipients; empty: the letter's usual ones
}

// AgreementMeta is what the PKS and the Juknis carry beyond their sections.
type AgreementMeta struct {
	Number        string    // the Disdukcapil's number; empty while drafting
	PartnerNumber string    // the institution's own number for the same agreement; optional
	Date          time.Time // signing date; zero while drafting (printed as dotted blanks)
	Approval      Reference // the Dirjen's approval letter (step 3), cited in the preamble
	DraftVersion  int       // > 0 prints "DRAF versi N" on every page; 0 for the final text
	// Preview marks every page as an unsaved preview of the text being edited
	// (the draft it would become is DraftVersion), so a printout of it is never
	// taken for a saved draft.
	Preview bool
	Signers Signers // the people recorded as signing; zero: the office's Kepala and the institution's head
}

// Signers are the two people who sign an agreement (rule 11), as recorded at
// signing. A zero side falls back to the office's Kepala Dinas or the
// institution's registered head.
type Signers struct {
	// Kepala signs for the Disdukcapil; KepalaActing is "Plt." or "Plh." when an
	// acting official signs in the Kepala's place (then Kepala.NIP is required).
	Kepala       Signatory
	KepalaActing string
	// Counterparty is the kepala perangkat daerah (with NIP) or the pimpinan of
	// the badan hukum; Position is the jabatan as recorded.
	Counterparty Signatory
}

// Clause is one article (pasal) of the PKS. Key names the required clause it
// satisfies (rules 8–10), or is empty for an extra clause.
//
// Body is plain text, one paragraph per line. A line that starts with a list
// marker — "(1)", "1.", "a.", "aa." or "-" followed by a space — becomes a list
// item with a hanging indent; two leading spaces per level nest it under the
// item above. This is all the structure the editor on the screen needs to offer.
type Clause struct {
	Key   workflow.ClauseKey
	Title string
	Body  string
}

// Section is one chapter of the Juknis; Body follows the same plain-text
// conventions as Clause.Body.
type Section struct {
	Title string
	Body  string
}

// DWHReferences are the documents the DWH access request (step 4d) cites, by
// the numbers they carry on paper. Indonesian agreements carry one number per
// party: PKS.Number is the Disdukcapil's, PKSPartnerNumber the institution's;
// PKS.Date is the signing date.
type DWHReferences struct {
	Approval            Reference // the Dirjen's approval of data use (step 3)
	PKS                 Reference // the signed Perjanjian Kerja Sama: the Disdukcapil's number, the signing date
	PKSPartnerNumber    string    // the institution's number of the same PKS
	Juknis              Reference // the signed Petunjuk Teknis: the Disdukcapil's number (date: the PKS's when empty)
	JuknisPartnerNumber string    // the institution's number of the Juknis, when it has one
	UserIDRequest       Reference // the institution's request for User ID and IP LAN (step 4c)
	NetworkStatement    Reference // the Surat Pernyataan Jaringan Tertutup: its own number and date
}

// Handover is what the Berita Acara Serah Terima User ID (step 6) records beyond
// the application: who receives the accounts and on what authority they exist.
type Handover struct {
	Recipient   Signatory // zero: the institution's head
	DWHApproval Reference // the Dirjen's DWH approval that issued the User IDs (step 5)
	PKS         Reference
}

const defaultOfficeName = "Dinas Kependudukan dan Pencatatan Sipil"

func (o Office) officeName() string {
	if n := cleanLine(o.OfficeName); n != "" {
		return n
	}
	return defaultOfficeName
}

// regencyBare is the regency's name without "Kabupaten"/"Kota", needed for
// "BUPATI OGAN KOMERING ILIR" where the kind is already in the title.
func (o Office) regencyBare() string {
	r := cleanLine(o.Regency)
	for _, p := range []string{"kabupaten ", "kab. ", "kota "} {
		if len(r) > len(p) && strings.EqualFold(r[:len(p)], p) {
			return strings.TrimSpace(r[len(p):])
		}
	}
	return r
}

func (o Office) headTitle() string {
	if t := cleanLine(o.HeadTitle); t != "" {
		return t
	}
	if strings.EqualFold(o.RegencyKind, "kota") {
		return "Wali Kota"
	}
	return "Bupati"
}

// fullOfficeName is "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Ogan Komering Ilir".
func (o Office) fullOfficeName() string {
	return o.officeName() + " " + cleanLine(o.Regency)
}

// headOfRegion is "Bupati Ogan Komering Ilir" / "Wali Kota Palembang".
func (o Office) headOfRegion() string {
	return o.headTitle() + " " + o.regencyBare()
}

// kepalaTitle is "Kepala Dinas Kependudukan dan Pencatatan Sipil", or
// "Plt. Kepala Dinas …" for an acting head.
func (o Office) kepalaTitle() string {
	return strings.TrimSpace(cleanLine(o.KepalaActing) + " Kepala " + o.officeName())
}

func (o Office) kepala() Signatory {
	return Signatory{
		Name:     cleanLine(o.KepalaName),
		NIP:      cleanLine(o.KepalaNIP),
		Rank:     cleanLine(o.KepalaRank),
		Position: o.kepalaTitle(),
	}
}

// missing lists what every document needs of the office: the letterhead and
// the place of its date line.
func (o Office) missing() []string {
	var m []string
	if cleanLine(o.Regency) == "" {
		m = append(m, "nama kabupaten/kota")
	}
	if cleanLine(o.City) == "" {
		m = append(m, "kota kedudukan kantor")
	}
	return m
}

// headSignatory is the institution's head as signatory of the PKS (rule 11).
// A badan hukum's pimpinan is no civil servant: no NIP is printed for one.
func (a Application) headSignatory() Signatory {
	s := Signatory{Name: cleanLine(a.HeadName), Position: a.headPosition()}
	if a.InstitutionType != workflow.BadanHukum {
		s.NIP = cleanLine(a.HeadNIP)
	}
	return s
}

// signers resolves the recorded signers of an agreement against the defaults:
// the Kepala Dinas (or the acting official recorded, under "Plt."/"Plh.") and
// the institution's registered head. It returns the Disdukcapil's signatory,
// its title line, and the counterparty.
func (m AgreementMeta) signers(office Office, app Application) (kepala Signatory, kepalaTitle string, counterparty Signatory) {
	o := office
	if s := m.Signers.Kepala; !s.isZero() {
		o.KepalaName, o.KepalaNIP, o.KepalaRank = s.Name, s.NIP, s.Rank
		o.KepalaActing = m.Signers.KepalaActing
	}
	kepala = o.kepala()
	counterparty = app.headSignatory()
	if s := m.Signers.Counterparty; !s.isZero() {
		counterparty.Name = cleanLine(s.Name)
		if p := cleanLine(s.Position); p != "" {
			counterparty.Position = app.positionOf(p)
		}
		counterparty.NIP = ""
		if app.InstitutionType != workflow.BadanHukum {
			counterparty.NIP = cleanLine(s.NIP)
		}
	}
	return kepala, o.kepalaTitle(), counterparty
}

// headPosition is the head's jabatan including the institution's name, so that
// "Direktur Utama" becomes "Direktur Utama PT Contoh" while "Kepala Dinas Sosial
// Kabupaten X" (which already names the institution) stays as it is.
func (a Application) headPosition() string {
	return a.positionOf(a.HeadPosition)
}

// positionOf completes a jabatan with the institution's name (see headPosition).
func (a Application) positionOf(position string) string {
	pos := cleanLine(position)
	inst := cleanLine(a.InstitutionName)
	if pos == "" {
		if a.InstitutionType == workflow.BadanHukum {
			return "Pimpinan " + inst
		}
		return "Kepala " + inst
	}
	if inst == "" || strings.Contains(strings.ToLower(pos), strings.ToLower(inst)) {
		return pos
	}
	return joinOverlap(pos, inst)
}

// joinOverlap appends inst to pos without repeating the words they share: a
// position "Kepala Dinas Kesehatan" of "Dinas Kesehatan Kabupaten X" becomes
// "Kepala Dinas Kesehatan Kabupaten X", not "… Kesehatan Dinas Kesehatan …".
func joinOverlap(pos, inst string) string {
	pw, iw := strings.Fields(pos), strings.Fields(inst)
	for n := min(len(pw), len(iw)); n > 0; n-- {
		if strings.EqualFold(strings.Join(pw[len(pw)-n:], " "), strings.Join(iw[:n], " ")) {
			return strings.Join(append(pw[:len(pw)-n:len(pw)-n], iw...), " ")
		}
	}
	return pos + " " + inst
}

func (a Application) keywords() string {
	if n := cleanLine(a.Number); n != "" {
		return "Hak Akses " + n
	}
	return ""
}

func (a Application) institutionKind() string {
	if a.InstitutionType == workflow.BadanHukum {
		return "badan hukum Indonesia"
	}
	return "perangkat daerah"
}

func (a Application) accessMethodsText() string {
	var names []string
	for _, m := range a.AccessMethods {
		names = append(names, m.Label())
	}
	return joinIndonesian(names)
}

func (s Signatory) orDefault(d Signatory) Signatory {
	if s.isZero() {
		return d
	}
	if strings.TrimSpace(s.Position) == "" {
		s.Position = d.Position
	}
	return s
}

// joinIndonesian joins "a", "b" and "c" as "a, b, dan c".
func joinIndonesian(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	case 2:
		return items[0] + " dan " + items[1]
	}
	return strings.Join(items[:len(items)-1], ", ") + ", dan " + items[len(items)-1]
}

func incomplete(document string, missing []string) error {
	if len(missing) == 0 {
		return nil
	}
	return &IncompleteError{Document: document, Missing: missing}
}

// IncompleteError lists, in Bahasa Indonesia, what a document still lacks, so a
// handler can show the list beside the form. It matches ErrIncomplete with
// errors.Is.
type IncompleteError struct {
	Document string   // e.g. "surat pengantar"
	Missing  []string // e.g. "nomor surat", "tujuan pemanfaatan Data Kependudukan"
}

func (e *IncompleteError) Error() string {
	return e.Document + ": " + ErrIncomplete.Error() + ": " + strings.Join(e.Missing, ", ")
}

func (e *IncompleteError) Unwrap() error { return ErrIncomplete }
