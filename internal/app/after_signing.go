package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hakakses/hakakses/internal/letters"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// Documents and letters of the agreement's life after signing.
const (
	DocSanctionLetter  = "surat_sanksi"              // generated: teguran, penghentian, pencabutan, pemulihan
	DocAddendumRequest = "surat_permohonan_adendum"  // lembaga
	DocAddendumDraft   = "adendum_pks"               // generated, numbered like the PKS
	DocSignedAddendum  = "adendum_ditandatangani"    // scan
	DocAddendumDirjen  = "surat_persetujuan_adendum" // Dirjen letter (scan)
	LetterSanction     = "sanksi"
	LetterAddendum     = "adendum"
)

func init() {
	letterTypeCodes[LetterSanction] = "SANKSI"
	letterTypeCodes[LetterAddendum] = "ADD"
	documentLabels[DocSanctionLetter] = "Surat sanksi / pemulihan hak akses"
	documentLabels[DocAddendumRequest] = "Surat permohonan adendum"
	documentLabels[DocAddendumDraft] = "Adendum PKS"
	documentLabels[DocSignedAddendum] = "Adendum PKS yang ditandatangani"
	documentLabels[DocAddendumDirjen] = "Surat persetujuan adendum dari Dirjen"
}

// negotiation is where the drafts stand: the latest version and the version
// the lembaga agreed to.
func (c *fireCtx) negotiation(f *workflow.Facts) error {
	next, err := store.NextAgreementVersion(c.ctx, c.tx, c.ap.TenantID, c.ap.ID)
	if err != nil {
		return err
	}
	f.DraftVersion = next - 1
	f.AgreedVersion, err = store.AgreedVersion(c.ctx, c.tx, c.ap.TenantID, c.ap.ID)
	return err
}

// pendingReport is the report to judge: the one named, or the earliest pending.
func (c *fireCtx) pendingReport() (store.SemesterReport, error) {
	reports, err := store.SemesterReports(c.ctx, c.tx, c.ap.TenantID, c.ap.ID)
	if err != nil {
		return store.SemesterReport{}, err
	}
	id, _ := strconv.ParseInt(c.in.Text("report_id"), 10, 64)
	for _, r := range reports {
		if r.Review == string(workflow.ReviewPending) && (id == 0 || r.ID == id) {
			return r, nil
		}
	}
	return store.SemesterReport{}, nil
}

// reportSemester picks and checks the semester a filed report is for: one of
// the term's that has begun and has no report pending or accepted.
func reportSemester(ap store.Application, reports []store.SemesterReport, want string, now time.Time) (string, error) {
	if ap.PKSStart == nil || ap.PKSEnd == nil {
		return "", Conflict("Jangka waktu PKS belum tercatat.")
	}
	sched := workflow.ReportSchedule(*ap.PKSStart, *ap.PKSEnd, filedReports(reports), now)
	if want == "" {
		s, ok := workflow.OpenSemester(sched)
		if !ok {
			return "", Invalid("Tidak ada semester yang perlu dilaporkan.", map[string]string{"semester": "Semua semester yang berjalan sudah dilaporkan."})
		}
		return s.Key(), nil
	}
	for _, s := range sched {
		if s.Key() != want {
			continue
		}
		if s.State == workflow.ReportFiled || s.State == workflow.ReportAccepted {
			return "", Invalid("Semester ini sudah dilaporkan.", map[string]string{"semester": s.Label() + " sudah memiliki laporan yang menunggu pemeriksaan atau diterima."})
		}
		return want, nil
	}
	return "", Invalid("Semester tidak sah.", map[string]string{"semester": "Pilih semester dalam jangka waktu PKS yang sudah dimulai."})
}

func filedReports(reports []store.SemesterReport) []workflow.FiledReport {
	var out []workflow.FiledReport
	for _, r := range reports {
		out = append(out, workflow.FiledReport{Semester: r.Semester, FiledAt: r.FiledAt, Review: workflow.ReviewStatus(r.Review)})
	}
	return out
}

// openSemesterChoices lists the semesters a report may be filed for now.
func openSemesterChoices(d *Detail) []Choice {
	var out []Choice
	if d.Reports == nil {
		return out
	}
	for _, s := range d.Reports.Schedule {
		if s.State == workflow.ReportOverdue || s.State == workflow.ReportReturned || s.State == workflow.ReportNotDue {
			out = append(out, Choice{Value: s.Key(), Label: s.Label() + " (batas " + letters.FormatDate(s.Due) + ")"})
		}
	}
	return out
}

// pendingReportChoices lists the reports awaiting review.
func pendingReportChoices(d *Detail) []Choice {
	var out []Choice
	for _, r := range d.After.Reports {
		if r.Review == workflow.ReviewPending {
			out = append(out, Choice{Value: strconv.FormatInt(r.ID, 10), Label: "Semester " + r.Semester + ", dikirim " + letters.FormatDate(r.FiledAt)})
		}
	}
	return out
}

// groundFields are the typed ground of a sanction.
func groundFields(blank bool) []Field {
	var choices []Choice
	if blank {
		choices = append(choices, Choice{Value: "", Label: "— pilih dasar sanksi —"})
	}
	for _, g := range workflow.SanctionGrounds {
		choices = append(choices, Choice{Value: string(g), Label: g.Label()})
	}
	return []Field{
		{Name: "ground", Kind: KindChoice, Label: "Dasar sanksi", Choices: choices},
		{Name: "ground_months", Kind: KindNumber, Label: "Lama keterlambatan laporan (bulan)", Hint: "Diisi bila dasarnya keterlambatan laporan semester.", Limit: 3},
		{Name: "ground_text", Kind: KindText, Label: "Uraian dasar sanksi", Hint: `Wajib bila dasarnya "Lainnya".`, Limit: maxReasonLen},
	}
}

var sanctionHistory = []HistoryDetail{{"ground_text", "Dasar sanksi"}, {"user_ids", "User ID"}, {"letter_number", "Nomor surat"}, reasonDetail}

// sanctionFacts reads the ground (a free-text reason alone is an "other" ground).
func sanctionFacts(c *fireCtx, f *workflow.Facts) error {
	f.Ground = workflow.SanctionGround(c.in.Text("ground"))
	f.GroundMonths, _ = strconv.Atoi(c.in.Text("ground_months"))
	f.GroundText = c.in.Text("ground_text")
	f.Reason = c.in.Text("reason")
	if f.Ground == "" && f.Reason != "" {
		f.Ground = workflow.GroundOther
	}
	if f.Ground == workflow.GroundOther && f.GroundText == "" {
		f.GroundText = f.Reason
	}
	if f.Ground != workflow.GroundLateReport {
		f.GroundMonths = 0
	}
	return nil
}

// userIDFacts reads the User IDs a suspension or reinstatement switches; by
// default every issued one.
func userIDFacts(c *fireCtx, f *workflow.Facts) error {
	f.ActiveUserIDs = cleanList(c.in.Lines("user_ids"))
	if len(f.ActiveUserIDs) == 0 {
		// The lembaga's access only: the office's data balikan ID stays.
		ids, _, err := store.UserIDsByKind(c.ctx, c.tx, c.ap.TenantID, c.ap.ID)
		if err != nil {
			return fmt.Errorf("the lembaga's User IDs: %w", err)
		}
		for _, u := range ids {
			f.ActiveUserIDs = append(f.ActiveUserIDs, u.UserID)
		}
	}
	return nil
}

func issuedUserIDsPrefill(d *Detail) Value {
	// Only the lembaga's DWH User IDs are its access: the Disdukcapil's own data
	// balikan daerah ID is not suspended with it.
	var ids []string
	for _, u := range d.UserIDs {
		ids = append(ids, u.ID)
	}
	return Value{Lines: ids}
}

// sanctionEffect records a sanction (or reinstatement). When the office imposes
// it, the letter is generated and numbered; the Dirjen's own letter is the Ditjen's.
func sanctionEffect(c *fireCtx) error {
	kind, _ := workflow.SanctionOf(c.def.Event)
	f := c.facts
	var by *int64
	if c.p.UserID != 0 {
		by = &c.p.UserID
	}
	s := store.NewSanction{TenantID: c.ap.TenantID, ApplicationID: c.ap.ID, Kind: string(kind), ImposedBy: by, ImposedRole: string(c.p.Role)}
	if kind == workflow.SanctionPemulihan {
		s.GroundText = c.in.Text("reason")
		c.recordReason()
	} else {
		s.Ground, s.GroundMonths, s.GroundText = string(f.Ground), f.GroundMonths, strings.TrimSpace(f.GroundText)
		c.record("ground_text", f.Ground.Describe(f.GroundMonths, f.GroundText))
	}
	if kind == workflow.SanctionPenghentian || kind == workflow.SanctionPemulihan {
		s.UserIDs = f.ActiveUserIDs
		c.record("user_ids", f.ActiveUserIDs)
	}
	if isStaff(c.p.Role) {
		n, err := c.number(LetterSanction)
		if err != nil {
			return err
		}
		ls := letters.Sanction{Kind: kind, Ground: f.Ground, Months: f.GroundMonths, Text: f.GroundText, UserIDs: s.UserIDs, PKS: c.pksReference()}
		if kind == workflow.SanctionPemulihan {
			ls.Ground, ls.Text = "", s.GroundText
		}
		pdf, err := letters.SanctionLetter(OfficeOf(c.t), c.letterApp(), c.meta(n.number), ls)
		if err != nil {
			return generationError(err)
		}
		doc, err := c.storePDF(DocSanctionLetter, fmt.Sprintf("%s-%s.pdf", strings.ReplaceAll(string(kind), "_", "-"), c.ap.Number), pdf)
		if err != nil {
			return err
		}
		if err := c.recordLetter(n, doc.ID); err != nil {
			return err
		}
		s.LetterNumber, s.DocumentID = n.number, &doc.ID
		c.record("letter_number", n.number)
		c.docIDs = append(c.docIDs, doc.ID)
	}
	_, err := store.InsertSanction(c.ctx, c.tx, s, c.now)
	return err
}

// pksReference cites the signed PKS by the product's reference and its date.
func (c *fireCtx) pksReference() letters.Reference {
	ref := letters.Reference{Number: "PKS " + c.ap.Number}
	if c.ap.PKSStart != nil {
		ref.Date = *c.ap.PKSStart
	}
	return ref
}

type storedElement struct {
	Code          string `json:"code"`
	Justification string `json:"justification"`
}

func addendumElements(catalog Catalog, add map[string]string) []workflow.DataElement {
	var out []workflow.DataElement
	for _, c := range catalog {
		if why, ok := add[c.Code]; ok {
			out = append(out, RequestedElement{DataElement: c, Justification: strings.TrimSpace(why)}.fact())
		}
	}
	return out
}

// openAddendum loads the addendum in progress into the facts.
func (c *fireCtx) openAddendum(f *workflow.Facts) (store.AddendumRow, error) {
	open, err := store.OpenAddendum(c.ctx, c.tx, c.ap.TenantID, c.ap.ID)
	if errors.Is(err, store.ErrNotFound) {
		return open, Conflict("Tidak ada adendum yang sedang diproses; muat ulang halaman.")
	}
	if err != nil {
		return open, err
	}
	var els []storedElement
	_ = json.Unmarshal(open.AddElements, &els)
	add := map[string]string{}
	for _, e := range els {
		add[e.Code] = e.Justification
	}
	f.Addendum = workflow.Addendum{Purpose: open.Purpose, AddElements: addendumElements(c.catalog, add), IPAddresses: open.IPAddresses,
		AddUserIDs: open.AddUserIDs, HasLetter: true, HasStatement: true, DirjenDecided: open.DirjenApproved, DWHApproved: open.DWHApproved,
		HasSigned: c.uploaded(DocSignedAddendum)}
	return open, nil
}

func addendumFacts(c *fireCtx, f *workflow.Facts) error {
	_, err := c.openAddendum(f)
	return err
}

// updateAddendum moves the open addendum on.
func (c *fireCtx) updateAddendum(u store.AddendumUpdate) error {
	var f workflow.Facts
	open, err := c.openAddendum(&f)
	if err != nil {
		return err
	}
	return store.UpdateAddendum(c.ctx, c.tx, c.ap.TenantID, c.ap.ID, open.ID, u)
}

// requestAddendumFacts reads the lembaga's amendment request.
func requestAddendumFacts(c *fireCtx, f *workflow.Facts) error {
	f.Addendum = workflow.Addendum{Purpose: c.in.Text("addendum_purpose"), HasLetter: c.uploaded(DocAddendumRequest),
		HasStatement: c.uploaded(DocClosedNetwork)}
	f.Addendum.AddUserIDs, _ = strconv.Atoi(c.in.Text("add_user_ids"))
	if ips := cleanList(c.in.Lines("addendum_ips")); len(ips) > 0 && !slices.Equal(ips, c.ap.IPAddresses) {
		f.Addendum.IPAddresses = ips
	}
	add := map[string]string{}
	for _, code := range c.in.Lines("addendum_elements") {
		code, why, _ := strings.Cut(code, ";")
		add[strings.TrimSpace(code)] = why
	}
	f.Addendum.AddElements = addendumElements(c.catalog, add)
	return nil
}

// reasonFacts gives the guards the reason typed into the form.
func reasonFacts(c *fireCtx, f *workflow.Facts) error {
	f.Reason = c.in.Text("reason")
	return nil
}
