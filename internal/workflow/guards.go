package workflow

import (
	"fmt"
	"net/netip"
	"strings"
	"time"
	"unicode/utf8"
)

// Bounds the guards enforce. The regulation gives no numbers for these; they are
// our reading of it, chosen to catch typos without refusing real requests.
const (
	// MinPurposeLength is the shortest tujuan pemanfaatan accepted, in characters:
	// long enough that "verifikasi" alone is refused, since the Dirjen decides on
	// the purpose.
	MinPurposeLength = 20
	// MinTermMonths and MaxTermMonths bound the PKS term (item 2f). Neither the
	// seed nor the research found a statutory maximum; 60 months (five years) is
	// our interpretation, so a typo such as 600 is caught. Renewal covers longer use.
	MinTermMonths = 1
	MaxTermMonths = 60
	// MaxUserIDLength bounds a DWH User ID as stored.
	MaxUserIDLength = 64
)

// Problem is one thing a refused transition lacks. Field is a stable key a form
// attaches the message to (e.g. "purpose", "clauses.pembiayaan", "ip_addresses.2");
// Message says in Bahasa Indonesia exactly what is missing.
type Problem struct {
	Field   string
	Message string
}

// GuardError refuses a transition whose requirements are not met. It carries every
// problem at once, so the user fixes the form in one pass instead of one message
// at a time.
type GuardError struct {
	Problems []Problem
}

func (e *GuardError) Error() string {
	msgs := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		msgs[i] = p.Message
	}
	return "workflow: syarat belum lengkap: " + strings.Join(msgs, "; ")
}

// For returns the messages attached to one field, for rendering beside it.
func (e *GuardError) For(field string) []string {
	var out []string
	for _, p := range e.Problems {
		if p.Field == field {
			out = append(out, p.Message)
		}
	}
	return out
}

// guards maps each event to what docs/domain.md §3 "What each step requires"
// asks of it. Guards depend on the event only: a resubmission is checked exactly
// like a first submission. Withdraw has no guard: a lembaga may always walk away
// before the Dirjen decides.
var guards = map[Event]func(Facts) []Problem{
	Submit:             guardSubmit,
	Return:             reasonGuard("Alasan pengembalian permohonan belum diisi"),
	Forward:            guardForward,
	Approve:            guardApprove,
	Reject:             guardReject,
	PrepareAgreement:   guardAgreement,
	ReviseAgreement:    guardAgreement,
	Sign:               guardSign,
	RequestUserID:      guardRequestUserID,
	RequestDWH:         guardRequestDWH,
	ReturnDWH:          reasonGuard("Alasan pengembalian permohonan akses DWH belum diisi"),
	ApproveDWH:         guardApproveDWH,
	HandOver:           guardHandOver,
	AcknowledgeReceipt: guardAcknowledgeReceipt,
	FileReport:         guardFileReport,
	Expire:             guardExpire,
	Revoke:             guardRevoke,

	AgreeAgreement:     guardAgreeAgreement,
	RequestChanges:     guardRequestChanges,
	AcceptReport:       guardReviewReport,
	ReturnReport:       guardReturnReport,
	RecordDataBalikan:  guardRecordDataBalikan,
	Warn:               guardWarn,
	Suspend:            guardSuspend,
	Reinstate:          guardReinstate,
	RequestAddendum:    guardRequestAddendum,
	ReturnAddendum:     reasonGuard("Alasan pengembalian permohonan adendum belum diisi"),
	ForwardAddendum:    guardForwardAddendum,
	ApproveAddendum:    guardApprove,
	RejectAddendum:     guardRejectAddendum,
	RequestAddendumDWH: guardRequestAddendumDWH,
	ApproveAddendumDWH: guardApproveAddendumDWH,
	SignAddendum:       guardSignAddendum,
}

// Check returns everything ev still lacks given f, in a stable order, or nil when
// its requirements are met. Screens may call it before the user presses a button
// to show what is missing; Fire calls it too.
func Check(ev Event, f Facts) []Problem {
	g, ok := guards[ev]
	if !ok {
		return nil
	}
	return g(f)
}

// problems collects every failure of a guard; guards never stop at the first.
type problems []Problem

func (p *problems) add(field, format string, args ...any) {
	*p = append(*p, Problem{Field: field, Message: fmt.Sprintf(format, args...)})
}

// need records a problem unless ok holds.
func (p *problems) need(ok bool, field, message string) {
	if !ok {
		*p = append(*p, Problem{Field: field, Message: message})
	}
}

func blank(s string) bool { return strings.TrimSpace(s) == "" }

// requires is a guard of one requirement: ok must hold, or field gets message.
func requires(ok func(Facts) bool, field, message string) func(Facts) []Problem {
	return func(f Facts) []Problem {
		var p problems
		p.need(ok(f), field, message)
		return p
	}
}

func reasonGuard(message string) func(Facts) []Problem { return guardOf(needReason(message)) }

// guardOf is a guard made of checks run in order, every problem collected.
func guardOf(checks ...func(*problems, Facts)) func(Facts) []Problem {
	return func(f Facts) []Problem {
		var p problems
		for _, check := range checks {
			check(&p, f)
		}
		return p
	}
}

// needReason is the check that the form's reason is written.
func needReason(message string) func(*problems, Facts) {
	return func(p *problems, f Facts) { p.need(!blank(f.Reason), "reason", message) }
}

// guardSubmit checks item 1 and the six items 2a–f the forwarding letter must
// carry, since the office forwards what the lembaga submitted.
func guardSubmit(f Facts) []Problem {
	var p problems
	p.need(f.InstitutionVerified, "institution_verified",
		"Lembaga pengguna belum diverifikasi oleh petugas Disdukcapil; permohonan dapat diajukan setelah verifikasi")
	p.need(!blank(f.InstitutionName), "institution_name", "Nama lembaga pengguna belum diisi (butir 2a)")

	switch purpose := strings.TrimSpace(f.Purpose); {
	case purpose == "":
		p.add("purpose", "Tujuan pemanfaatan Data Kependudukan belum diisi (butir 2b)")
	case utf8.RuneCountInString(purpose) < MinPurposeLength:
		p.add("purpose", "Tujuan pemanfaatan Data Kependudukan terlalu singkat; jelaskan paling sedikit %d karakter (butir 2b)", MinPurposeLength)
	}

	checkDataElements(&p, f.DataElements)
	checkAccessMethods(&p, f.AccessMethods)
	p.need(!blank(f.ReturnData), "return_data", "Data balikan yang akan diberikan kepada Dukcapil belum diisi (butir 2e)")

	switch {
	case f.TermMonths == 0:
		p.add("term_months", "Jangka waktu perjanjian kerja sama belum diisi (butir 2f)")
	case f.TermMonths < MinTermMonths || f.TermMonths > MaxTermMonths:
		p.add("term_months", "Jangka waktu perjanjian kerja sama harus antara %d dan %d bulan; tertulis %d bulan (butir 2f)",
			MinTermMonths, MaxTermMonths, f.TermMonths)
	}

	p.need(f.HasRequestLetter, "request_letter",
		"Surat permohonan yang ditandatangani pimpinan lembaga (PDF) belum diunggah (butir 1)")
	checkRequestLetter(&p, f)

	switch f.InstitutionType {
	case PerangkatDaerah:
	case BadanHukum:
		d := f.LegalDocuments
		p.need(d.AktaPendirian, "legal_documents.akta_pendirian", "Akta pendirian badan hukum belum diunggah")
		p.need(d.SKKemenkumham, "legal_documents.sk_kemenkumham", "SK Kemenkumham tentang pengesahan badan hukum belum diunggah")
		p.need(d.IzinUsaha, "legal_documents.izin_usaha", "Surat izin usaha badan hukum belum diunggah")
		p.need(d.SuratDomisili, "legal_documents.surat_domisili", "Surat keterangan domisili badan hukum belum diunggah")
		checkEligibility(&p, f.Eligibility)
	default:
		p.add("institution_type", "Jenis lembaga pengguna (perangkat daerah atau badan hukum) belum ditentukan")
	}
	return p
}

func checkDataElements(p *problems, elements []DataElement) {
	if len(elements) == 0 {
		p.add("data_elements", "Pilih paling sedikit satu elemen Data Kependudukan yang akan diakses (butir 2c)")
		return
	}
	seen := make(map[string]bool, len(elements))
	for i, el := range elements {
		code := strings.TrimSpace(el.Code)
		if code == "" {
			p.add("data_elements", "Elemen data ke-%d tidak memiliki kode katalog", i+1)
			continue
		}
		name := strings.TrimSpace(el.Name)
		if name == "" {
			name = code
		}
		if seen[code] {
			p.add("data_elements."+code, "Elemen data %q dipilih lebih dari sekali", name)
			continue
		}
		seen[code] = true
		if el.Protected && blank(el.Justification) {
			p.add("data_elements."+code+".justification",
				"Elemen data %q dilindungi Pasal 84 UU 24/2013; tuliskan alasan tertulis mengapa elemen ini diperlukan", name)
		}
	}
}

func checkAccessMethods(p *problems, methods []AccessMethod) {
	if len(methods) == 0 {
		p.add("access_methods", "Pilih paling sedikit satu metode akses: web service, web portal atau card reader (butir 2d)")
		return
	}
	seen := make(map[AccessMethod]bool, len(methods))
	for _, m := range methods {
		if _, ok := ValidAccessMethod(string(m)); !ok {
			p.add("access_methods", "Metode akses %q tidak dikenal; pilih web service, web portal atau card reader", string(m))
			continue
		}
		if seen[m] {
			p.add("access_methods", "Metode akses %s dipilih lebih dari sekali", m.Label())
		}
		seen[m] = true
	}
}

// checkEligibility enforces item 11b on a badan hukum with documents: its
// signed statement and its supervising authority's recommendation. Checked at
// submit (so an ineligible applicant learns early) and again at sign (the rule
// is a signing rule).
func checkEligibility(p *problems, e Eligibility) {
	p.need(e.HasStatement, "eligibility_statement",
		"Surat pernyataan badan hukum yang ditandatangani pimpinan (memberikan pelayanan publik di kabupaten/kota ini "+
			"dan tidak memiliki hubungan vertikal dengan badan hukum di tingkat pusat dan provinsi) belum diunggah (butir 11b)")
	p.need(e.HasRecommendation, "recommendation",
		"Surat rekomendasi dari instansi pembina atau pengawas usaha badan hukum belum diunggah (butir 11b)")
	p.need(!blank(e.RecommendedBy), "recommended_by",
		"Nama instansi pemberi rekomendasi belum diisi (butir 11b)")
}

// checkRequestLetter asks for the lembaga's own number and date of its request
// letter, which the forwarding letter cites instead of the application number.
func checkRequestLetter(p *problems, f Facts) {
	p.need(!blank(f.RequestLetterNumber), "request_letter_number", "Nomor surat permohonan lembaga belum diisi (butir 1)")
	pastDate(p, f, f.RequestLetterDate, "request_letter_date", "Tanggal surat permohonan lembaga")
}

// pastDate checks a document's date: given, and not after today.
func pastDate(p *problems, f Facts, d time.Time, field, what string) {
	switch {
	case d.IsZero():
		p.add(field, "%s belum diisi", what)
	case f.Now.IsZero():
		p.add("now", "Waktu sistem tidak diketahui, sehingga tanggal tidak dapat diperiksa")
	case dateAfter(d, f.Now):
		p.add(field, "%s (%s) belum terjadi; tanggal tidak boleh di masa depan", what, tanggal(d))
	}
}

// guardForward also asks for the lembaga's request letter number and date: an
// application submitted before they were recorded gets them from its paper
// letter before the forwarding letter can cite them.
func guardForward(f Facts) []Problem {
	var p problems
	p.need(!blank(f.LetterNumber), "letter_number", "Nomor surat pengantar kepada Dirjen Dukcapil belum diisi (butir 2)")
	p.need(!blank(f.Signatory), "signatory", "Penandatangan surat pengantar (a.n. Bupati/Wali kota) belum dipilih (butir 2)")
	checkRequestLetter(&p, f)
	return p
}

// dirjenLetter checks the decision letter of item 3 (approve) or 7 (reject).
func dirjenLetter(p *problems, f Facts) {
	p.need(!blank(f.LetterNumber), "letter_number", "Nomor surat Dirjen Dukcapil belum diisi")
	switch {
	case f.LetterDate.IsZero():
		p.add("letter_date", "Tanggal surat Dirjen Dukcapil belum diisi")
	case f.Now.IsZero():
		p.add("now", "Waktu sistem tidak diketahui, sehingga tanggal surat tidak dapat diperiksa")
	case dateAfter(f.LetterDate, f.Now):
		p.add("letter_date", "Tanggal surat Dirjen Dukcapil (%s) belum terjadi; tanggal surat tidak boleh di masa depan", tanggal(f.LetterDate))
	}
	p.need(f.HasLetterScan, "letter_scan", "Pindaian (scan) surat Dirjen Dukcapil belum diunggah")
}

// dateAfter compares calendar days, each read in its own location: a letter
// dated today is never "in the future", whatever the hour of its timestamp.
func dateAfter(d, now time.Time) bool {
	dy, dm, dd := d.Date()
	ny, nm, nd := now.Date()
	return time.Date(dy, dm, dd, 0, 0, 0, 0, time.UTC).After(time.Date(ny, nm, nd, 0, 0, 0, 0, time.UTC))
}

var (
	guardApprove = guardOf(dirjenLetter)
	guardReject  = guardOf(dirjenLetter, needReason("Alasan penolakan sesuai surat Dirjen Dukcapil belum diisi (butir 7)"))
)

// clauseMessages name each missing clause the way items 8–10 of the procedure do, so
// staff recognise the rule they are failing.
var clauseMessages = map[ClauseKey]string{
	ClauseMaksud:         "Pasal maksud perjanjian kerja sama belum ada (butir 8)",
	ClauseTujuan:         "Pasal tujuan perjanjian kerja sama belum ada (butir 8)",
	ClauseHakKewajiban:   "Pasal hak dan kewajiban para pihak belum ada (butir 8)",
	ClauseEvaluasi:       "Pasal evaluasi dan pelaporan belum ada (butir 8)",
	ClauseJangkaWaktu:    "Pasal jangka waktu perjanjian kerja sama belum ada (butir 8)",
	ClausePembiayaan:     "Pasal pembiayaan belum ada (butir 8)",
	ClauseLaranganPihak3: "Pasal larangan memberikan Data Kependudukan kepada pihak ketiga belum ada (butir 9)",
	ClauseLaranganNonPKS: "Pasal larangan menggunakan Data Kependudukan tidak sesuai dengan perjanjian kerja sama belum ada (butir 10)",
}

// guardAgreement checks every version of the drafts, not only the first, so a
// revision cannot drop a mandatory clause.
func guardAgreement(f Facts) []Problem {
	var p problems
	for _, k := range RequiredClauses {
		p.need(!blank(f.Clauses[k]), "clauses."+string(k), clauseMessages[k])
	}
	p.need(!blank(f.Juknis), "juknis", "Naskah Petunjuk Teknis (Juknis) belum disusun (butir 4b)")
	return p
}

// guardSignatures applies item 11: the paper's own numbers (one PKS number per
// party, the Juknis number(s)), the signing date, both signed scans, and the
// people who signed — the Kepala Disdukcapil or a Plt./Plh. with NIP, and the
// institution's head (NIP for a perangkat daerah), another person only with a
// reason.
func guardSignatures(f Facts) []Problem {
	var p problems
	checkAgreementNumbers(&p, f)
	switch {
	case f.SigningDate.IsZero():
		p.add("signing_date", "Tanggal penandatanganan PKS belum diisi")
	case f.Now.IsZero():
		p.add("now", "Waktu sistem tidak diketahui, sehingga tanggal penandatanganan tidak dapat diperiksa")
	case dateAfter(f.SigningDate, f.Now):
		p.add("signing_date", "Tanggal penandatanganan PKS (%s) belum terjadi; tanggal tidak boleh di masa depan", tanggal(f.SigningDate))
	case !f.ApprovalDate.IsZero() && dateAfter(f.ApprovalDate, f.SigningDate):
		p.add("signing_date", "Tanggal penandatanganan PKS (%s) mendahului persetujuan Dirjen Dukcapil (%s); PKS ditandatangani setelah persetujuan",
			tanggal(f.SigningDate), tanggal(f.ApprovalDate))
	}
	p.need(f.HasSignedPKS, "signed_pks", "Pindaian PKS yang telah ditandatangani kedua pihak belum diunggah")
	p.need(f.HasSignedJuknis, "signed_juknis", "Pindaian Petunjuk Teknis (Juknis) yang telah ditandatangani kedua pihak belum diunggah")

	kepala := strings.TrimSpace(f.KepalaDisdukcapilSigner)
	switch {
	case kepala == "":
		p.add("signature.kepala_disdukcapil", "Tanda tangan Kepala Disdukcapil belum dicatat (butir 11)")
	case f.KepalaActing != "":
		if f.KepalaActing != "Plt." && f.KepalaActing != "Plh." {
			p.add("signature.kepala_acting", "Penanda tangan pengganti Kepala Disdukcapil harus Plt. atau Plh.")
		}
		if !validNIP(f.KepalaSignerNIP) {
			p.add("signature.kepala_nip", "NIP %s Kepala Disdukcapil yang menandatangani belum diisi dengan 18 angka", f.KepalaActing)
		}
	case !blank(f.TenantKepalaName) && !strings.EqualFold(kepala, strings.TrimSpace(f.TenantKepalaName)):
		p.add("signature.kepala_acting", "%s bukan Kepala Disdukcapil yang tercatat (%s); pilih Plt. atau Plh. dan isi NIP-nya",
			kepala, strings.TrimSpace(f.TenantKepalaName))
	}

	counterparty := strings.TrimSpace(f.CounterpartySigner)
	switch f.InstitutionType {
	case PerangkatDaerah:
		p.need(counterparty != "", "signature.counterparty", "Tanda tangan kepala perangkat daerah belum dicatat (butir 11a)")
		p.need(validNIP(f.CounterpartyNIP), "signature.counterparty_nip", "NIP kepala perangkat daerah yang menandatangani belum diisi dengan 18 angka (butir 11a)")
	case BadanHukum:
		p.need(counterparty != "", "signature.counterparty", "Tanda tangan pimpinan badan hukum belum dicatat (butir 11b)")
		checkEligibility(&p, f.Eligibility)
	default:
		p.add("institution_type", "Jenis lembaga pengguna (perangkat daerah atau badan hukum) belum ditentukan, sehingga penandatangan PKS tidak dapat ditentukan")
		p.need(counterparty != "", "signature.counterparty", "Tanda tangan pihak lembaga pengguna belum dicatat (butir 11)")
	}
	if counterparty != "" && !blank(f.RegisteredHeadName) && !strings.EqualFold(counterparty, strings.TrimSpace(f.RegisteredHeadName)) {
		p.need(!blank(f.CounterpartyEditReason), "signature.counterparty_reason",
			fmt.Sprintf("%s bukan pimpinan lembaga yang terdaftar (%s); tuliskan alasannya", counterparty, strings.TrimSpace(f.RegisteredHeadName)))
	}
	return p
}

// checkAgreementNumbers asks for the numbers the signed PKS and Juknis carry.
func checkAgreementNumbers(p *problems, f Facts) {
	d, l := strings.TrimSpace(f.PKSNumberDisdukcapil), strings.TrimSpace(f.PKSNumberLembaga)
	p.need(d != "", "pks_number_disdukcapil", "Nomor PKS pihak Disdukcapil belum diisi")
	p.need(l != "", "pks_number_lembaga", "Nomor PKS pihak lembaga pengguna belum diisi")
	if d != "" && strings.EqualFold(d, l) {
		p.add("pks_number_lembaga", "Nomor PKS pihak lembaga pengguna sama dengan nomor pihak Disdukcapil (%s); setiap pihak memberi nomornya sendiri", d)
	}
	n := 0
	for _, j := range f.JuknisNumbers {
		if !blank(j) {
			n++
		}
	}
	p.need(n > 0, "juknis_numbers", "Nomor Petunjuk Teknis (Juknis) belum diisi")
}

// validNIP accepts the 18 digits of a civil servant's NIP, spaces ignored.
func validNIP(s string) bool {
	s = strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	return len(s) == 18 && strings.Trim(s, "0123456789") == ""
}

func guardRequestUserID(f Facts) []Problem {
	var p problems
	p.need(f.HasUserIDRequestLetter, "user_id_request_letter", "Surat permohonan User ID dan IP LAN belum diunggah (butir 4c)")
	checkIPAddresses(&p, f.IPAddresses)
	p.need(f.HasClosedNetworkStatement, "closed_network_statement", "Surat Pernyataan Jaringan Tertutup belum diunggah")
	checkStatementIdentity(&p, f)
	return p
}

func checkStatementIdentity(p *problems, f Facts) {
	p.need(!blank(f.ClosedNetworkStatementNumber), "closed_network_statement_number",
		"Nomor Surat Pernyataan Jaringan Tertutup belum diisi")
	pastDate(p, f, f.ClosedNetworkStatementDate, "closed_network_statement_date", "Tanggal Surat Pernyataan Jaringan Tertutup")
}

// checkIPAddresses accepts single addresses and CIDR networks. Catch-alls
// (0.0.0.0, ::, /0) and zoned link-local addresses are refused: they are valid
// syntax but cannot describe a closed network's whitelisted source.
func checkIPAddresses(p *problems, ips []string) {
	if len(ips) == 0 {
		p.add("ip_addresses", "Cantumkan paling sedikit satu alamat IP LAN (IPv4, IPv6 atau CIDR) (butir 4c)")
		return
	}
	seen := make(map[netip.Prefix]bool, len(ips))
	for i, raw := range ips {
		field := fmt.Sprintf("ip_addresses.%d", i)
		s := strings.TrimSpace(raw)
		if s == "" {
			p.add(field, "Alamat IP ke-%d kosong", i+1)
			continue
		}
		prefix, ok := parseIPOrCIDR(s)
		if !ok {
			p.add(field, "%q bukan alamat IPv4/IPv6 atau CIDR yang sah", s)
			continue
		}
		if prefix.Bits() == 0 || (prefix.Bits() == prefix.Addr().BitLen() && prefix.Addr().IsUnspecified()) {
			p.add(field, "%q mencakup semua alamat; cantumkan alamat atau jaringan lembaga yang sebenarnya", s)
			continue
		}
		// 10.0.0.1 and 10.0.0.1/32, or 10.0.0.0/24 and 10.0.0.7/24, are the same entry.
		key := prefix.Masked()
		if seen[key] {
			p.add(field, "Alamat IP %q tercantum lebih dari sekali", s)
			continue
		}
		seen[key] = true
	}
}

func parseIPOrCIDR(s string) (netip.Prefix, bool) {
	if strings.Contains(s, "/") {
		prefix, err := netip.ParsePrefix(s)
		if err != nil {
			return netip.Prefix{}, false
		}
		return prefix, true
	}
	addr, err := netip.ParseAddr(s)
	if err != nil || addr.Zone() != "" {
		return netip.Prefix{}, false
	}
	addr = addr.Unmap() // ::ffff:10.0.0.1 is 10.0.0.1
	return netip.PrefixFrom(addr, addr.BitLen()), true
}

// guardRequestDWH checks the three copies item 4d attaches to the letter and
// the numbers and dates the letter cites; an application signed before they
// were recorded is asked for them here.
func guardRequestDWH(f Facts) []Problem {
	var p problems
	p.need(f.HasSignedPKS, "signed_pks", "Salinan PKS yang telah ditandatangani belum tersedia untuk dilampirkan (butir 4d)")
	p.need(f.HasJuknisDocument, "juknis_document", "Salinan Petunjuk Teknis (Juknis) yang telah ditandatangani belum tersedia untuk dilampirkan (butir 4d)")
	p.need(f.HasClosedNetworkStatement, "closed_network_statement",
		"Surat Pernyataan Jaringan Tertutup dari lembaga pengguna belum tersedia untuk dilampirkan (butir 4d)")
	checkAgreementNumbers(&p, f)
	p.need(!f.SigningDate.IsZero(), "signing_date", "Tanggal penandatanganan PKS belum tercatat")
	checkStatementIdentity(&p, f)
	return p
}

// guardApproveDWH checks the User IDs of item 5. The charset is deliberately
// narrow: the IDs are typed from a Dirjen letter and embedded in the lembaga's
// configuration, where stray spaces or quotes cause silent failures.
func guardApproveDWH(f Facts) []Problem {
	var p problems
	dirjenLetter(&p, f)
	seenID := make(map[string]bool, len(f.UserIDs))
	seenCategory := make(map[string]bool, len(f.UserIDs))
	if len(f.UserIDs) == 0 {
		p.add("user_ids", "Cantumkan paling sedikit satu User ID bagi lembaga pengguna yang diterbitkan Dirjen Dukcapil (butir 5)")
	}
	for i, u := range f.UserIDs {
		field := fmt.Sprintf("user_ids.%d", i)
		id := strings.TrimSpace(u.UserID)
		switch {
		case id == "":
			p.add(field, "User ID ke-%d kosong", i+1)
		case !validUserID(id):
			p.add(field, "User ID %q hanya boleh berisi huruf, angka, titik, garis bawah dan tanda hubung, paling banyak %d karakter", id, MaxUserIDLength)
		case seenID[id]:
			p.add(field, "User ID %q tercantum lebih dari sekali", id)
		}
		seenID[id] = true
		switch cat := strings.TrimSpace(u.Category); {
		case cat == "":
			p.add(field+".category", "Kategori data User ID ke-%d belum diisi (mis. verifikasi, pemanfaatan)", i+1)
		case seenCategory[cat]:
			p.add(field+".category", "Kategori data %q sudah memiliki User ID; satu User ID untuk setiap kategori data", cat)
		default:
			seenCategory[cat] = true
		}
	}
	switch db := strings.TrimSpace(f.DataBalikanUserID); {
	case db == "":
		p.add("data_balikan_user_id", "User ID data balikan daerah bagi Disdukcapil belum diisi (butir 5)")
	case !validUserID(db):
		p.add("data_balikan_user_id", "User ID data balikan daerah %q hanya boleh berisi huruf, angka, titik, garis bawah dan tanda hubung, paling banyak %d karakter", db, MaxUserIDLength)
	case seenID[db]:
		p.add("data_balikan_user_id", "User ID data balikan daerah %q sama dengan User ID lembaga; keduanya diterbitkan terpisah", db)
	}
	return p
}

func validUserID(id string) bool {
	if len(id) > MaxUserIDLength {
		return false
	}
	for _, r := range id {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '_', r == '-':
		default:
			return false
		}
	}
	return true
}

var guardHandOver = requires(func(f Facts) bool { return f.HasHandoverRecord },
	"handover_record", "Berita acara serah terima User ID belum diunggah (butir 6)")

// guardAcknowledgeReceipt makes the acknowledgement a one-time fact: a second
// click must not write a second receipt into the history.
var guardAcknowledgeReceipt = requires(func(f Facts) bool { return !f.ReceiptAcknowledged },
	"receipt", "Penerimaan User ID sudah dikonfirmasi sebelumnya")

var guardFileReport = requires(func(f Facts) bool { return f.HasReport },
	"report", "Dokumen laporan penggunaan Data Kependudukan semester ini belum diunggah")

// guardExpire lets the scheduler expire an application only once its PKS term
// has really ended, so an early or mistaken run changes nothing.
func guardExpire(f Facts) []Problem {
	var p problems
	switch {
	case f.PKSEndDate.IsZero():
		p.add("pks_end_date", "Tanggal berakhir PKS belum tercatat")
	case f.Now.IsZero():
		p.add("now", "Waktu sistem tidak diketahui, sehingga berakhirnya PKS tidak dapat diperiksa")
	case f.Now.Before(f.PKSEndDate):
		p.add("pks_end_date", "Masa berlaku PKS belum berakhir (berakhir %s)", tanggal(f.PKSEndDate))
	}
	return p
}

func trimSpace(s string) string { return strings.TrimSpace(s) }

// guardAgreeAgreement: there must be a version to agree to. Agreeing twice is
// impossible by construction: agreeing leaves signing, and only a new version
// (revise_agreement) comes back to it.
var guardAgreeAgreement = requires(func(f Facts) bool { return f.DraftVersion > 0 },
	"agreement_version", "Belum ada draf PKS dan Juknis yang dapat disepakati")

// guardRequestChanges: staff must know what to change, from comments per pasal
// or a general note.
func guardRequestChanges(f Facts) []Problem {
	var p problems
	p.need(f.DraftVersion > 0, "agreement_version", "Belum ada draf PKS dan Juknis yang dapat dimintakan perubahan")
	p.need(f.Comments > 0 || !blank(f.Reason), "comments",
		"Tuliskan paling sedikit satu komentar pada pasal yang perlu diubah atau catatan umum permintaan perubahan")
	return p
}

// guardSign applies item 11 to the version the lembaga agreed to: a draft
// revised after the agreement must be agreed again.
func guardSign(f Facts) []Problem {
	var p problems
	switch {
	case f.AgreedVersion <= 0:
		p.add("agreed_version", "Lembaga pengguna belum menyepakati draf PKS dan Juknis; penandatanganan hanya atas versi yang disepakati")
	case f.AgreedVersion != f.DraftVersion:
		p.add("agreed_version", "Versi yang disepakati lembaga (versi %d) bukan draf terakhir (versi %d); mintakan kesepakatan atas versi terakhir",
			f.AgreedVersion, f.DraftVersion)
	}
	return append(p, guardSignatures(f)...)
}

var guardReviewReport = requires(func(f Facts) bool { return f.ReportAwaitingReview },
	"report", "Tidak ada laporan semester yang menunggu pemeriksaan")

func guardReturnReport(f Facts) []Problem {
	p := problems(guardReviewReport(f))
	p.need(!blank(f.Reason), "reason", "Alasan pengembalian laporan semester belum diisi; lembaga perlu tahu apa yang harus diperbaiki")
	return p
}

// guardRecordDataBalikan checks one delivery record. The period may not lie in
// the future: a delivery is recorded after it happened.
func guardRecordDataBalikan(f Facts) []Problem {
	var p problems
	d := f.Delivery
	switch {
	case d.PeriodStart.IsZero() || d.PeriodEnd.IsZero():
		p.add("delivery.period", "Periode data balikan (tanggal awal dan akhir) belum diisi")
	case d.PeriodEnd.Before(d.PeriodStart):
		p.add("delivery.period", "Tanggal akhir periode data balikan mendahului tanggal awalnya")
	case !f.Now.IsZero() && dateAfter(d.PeriodStart, f.Now):
		p.add("delivery.period", "Periode data balikan belum dimulai (%s); catat penyerahan setelah terjadi", tanggal(d.PeriodStart))
	}
	if !contains(DataBalikanChannels, d.Channel) {
		p.add("delivery.channel", "Pilih saluran penyerahan data balikan")
	}
	p.need(d.Records >= 0, "delivery.records", "Jumlah data balikan tidak boleh negatif")
	return p
}

// checkGround enforces the closed list of grounds.
func checkGround(p *problems, f Facts) {
	switch f.Ground {
	case "":
		p.add("ground", "Dasar sanksi belum dipilih")
	case GroundLateReport:
		if f.GroundMonths < 1 || f.GroundMonths > MaxLateMonths {
			p.add("ground_months", "Lama keterlambatan laporan harus antara 1 dan %d bulan", MaxLateMonths)
		}
	case GroundOther:
		p.need(!blank(f.GroundText), "ground_text", "Uraikan dasar sanksi lainnya")
	default:
		if _, ok := ValidSanctionGround(string(f.Ground)); !ok {
			p.add("ground", "Dasar sanksi %q tidak dikenal", string(f.Ground))
		}
	}
}

// checkUserIDList requires the DWH User IDs a suspension or reinstatement acts
// on, so the letter tells the Ditjen exactly which accounts to switch.
func checkUserIDList(verb string) func(*problems, Facts) {
	return func(p *problems, f Facts) {
		if len(f.ActiveUserIDs) == 0 {
			p.add("user_ids", "Cantumkan User ID DWH yang %s", verb)
			return
		}
		for i, id := range f.ActiveUserIDs {
			if !validUserID(strings.TrimSpace(id)) || blank(id) {
				p.add(fmt.Sprintf("user_ids.%d", i), "User ID %q tidak sah", id)
			}
		}
	}
}

// checkWarnGround: a written warning answers a breach, never the lembaga's wish.
func checkWarnGround(p *problems, f Facts) {
	if f.Ground == GroundLembagaRequest {
		p.add("ground", "Teguran tertulis tidak diberikan atas permintaan lembaga; pilih dasar pelanggaran yang terjadi")
	}
}

var (
	guardWarn      = guardOf(checkGround, checkWarnGround)
	guardSuspend   = guardOf(checkGround, checkUserIDList("dinonaktifkan sementara"))
	guardRevoke    = guardOf(checkGround)
	guardReinstate = guardOf(needReason("Uraikan bagaimana dasar penghentian sementara telah diselesaikan"),
		checkUserIDList("diaktifkan kembali"))
)

// guardRequestAddendum checks the lembaga's amendment request with the same
// rules as the original request for what it changes.
func guardRequestAddendum(f Facts) []Problem {
	var p problems
	a := f.Addendum
	if !a.NeedsDirjen() && !a.NeedsDWH() {
		p.add("addendum", "Adendum belum mengubah apa pun: tambahkan elemen data, ubah tujuan, alamat IP LAN atau jumlah User ID")
	}
	if purpose := strings.TrimSpace(a.Purpose); purpose != "" && utf8.RuneCountInString(purpose) < MinPurposeLength {
		p.add("purpose", "Tujuan pemanfaatan yang baru terlalu singkat; jelaskan paling sedikit %d karakter", MinPurposeLength)
	}
	if len(a.AddElements) > 0 {
		checkDataElements(&p, a.AddElements)
	}
	if a.IPAddresses != nil {
		checkIPAddresses(&p, a.IPAddresses)
		p.need(a.HasStatement, "closed_network_statement", "Alamat IP LAN berubah: unggah Surat Pernyataan Jaringan Tertutup yang baru")
	}
	if a.AddUserIDs < 0 || a.AddUserIDs > 20 {
		p.add("add_user_ids", "Tambahan User ID harus antara 0 dan 20")
	}
	p.need(a.HasLetter, "addendum.letter", "Surat permohonan adendum yang ditandatangani pimpinan lembaga belum diunggah")
	return p
}

func guardForwardAddendum(f Facts) []Problem {
	p := problems(guardForward(f))
	p.need(f.Addendum.NeedsDirjen(), "addendum",
		"Adendum ini hanya mengubah IP LAN atau User ID: ajukan langsung permohonan akses DWH, tidak perlu persetujuan Dirjen atas elemen data")
	return p
}

func guardRequestAddendumDWH(f Facts) []Problem {
	var p problems
	a := f.Addendum
	p.need(a.NeedsDWH(), "addendum", "Adendum ini tidak mengubah IP LAN atau User ID; tidak ada yang perlu diajukan ke DWH")
	p.need(!a.NeedsDirjen() || a.DirjenDecided, "addendum",
		"Adendum mengubah elemen data atau tujuan: teruskan dahulu kepada Dirjen Dukcapil untuk disetujui")
	return p
}

func guardApproveAddendumDWH(f Facts) []Problem {
	var p problems
	p.need(f.Addendum.NeedsDWH(), "addendum", "Adendum ini tidak mengubah IP LAN atau User ID; tidak ada perubahan akses DWH yang perlu disetujui")
	if f.Addendum.AddUserIDs > 0 {
		p = append(p, guardApproveDWH(f)...)
	}
	return p
}

var guardRejectAddendum = reasonGuard("Alasan penolakan adendum belum diisi")

// guardSignAddendum: every approval the changes need, then the signatures
// item 11 asks of the PKS itself.
func guardSignAddendum(f Facts) []Problem {
	var p problems
	a := f.Addendum
	p.need(!a.NeedsDirjen() || a.DirjenDecided, "addendum", "Perubahan elemen data atau tujuan belum disetujui Dirjen Dukcapil")
	p.need(!a.NeedsDWH() || a.DWHApproved, "addendum", "Perubahan IP LAN atau User ID belum disetujui melalui permohonan akses DWH")
	p.need(a.HasSigned, "addendum.signed", "Pindaian adendum yang telah ditandatangani kedua pihak belum diunggah")
	p.need(!blank(f.KepalaDisdukcapilSigner), "signature.kepala_disdukcapil", "Tanda tangan Kepala Disdukcapil belum dicatat (butir 11)")
	p.need(!blank(f.CounterpartySigner), "signature.counterparty", "Tanda tangan pihak lembaga pengguna belum dicatat (butir 11)")
	return p
}
