package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

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
	for k, v := range map[string]string{
		DocSanctionLetter:  "Surat sanksi / pemulihan hak akses",
		DocAddendumRequest: "Surat permohonan adendum",
		DocAddendumDraft:   "Adendum PKS",
		DocSignedAddendum:  "Adendum PKS yang ditandatangani",
		DocAddendumDirjen:  "Surat persetujuan adendum dari Dirjen",
	} {
		extraDocumentLabels[k] = v
	}
	uploadsAllowed[workflow.RequestAddendum] = map[string]bool{DocAddendumRequest: true, DocClosedNetwork: false}
	uploadsAllowed[workflow.ApproveAddendum] = map[string]bool{DocAddendumDirjen: false}
	uploadsAllowed[workflow.SignAddendum] = map[string]bool{DocSignedAddendum: false}
}

// extraDocumentLabels name the document kinds added after signing.
var extraDocumentLabels = map[string]string{}

// AfterSigning is the form payload of the events after signing.
type AfterSigning struct {
	Semester string                       // file_report: the semester reported (Semester.Key); empty: the earliest open
	ReportID int64                        // accept_report, return_report: the report judged; 0: the earliest pending
	Delivery workflow.DataBalikanDelivery // record_data_balikan
	UserIDs  []string                     // suspend, reinstate: the User IDs; empty: all issued
	Addendum AddendumInput                // request_addendum
}

// AddendumInput is the lembaga's amendment request.
type AddendumInput struct {
	Purpose     string
	AddElements map[string]string // element code → justification
	IPAddresses []string          // nil: unchanged
	AddUserIDs  int
}

// afterSigningFacts completes the facts of the events after signing from the
// stored records of the application.
func afterSigningFacts(ctx context.Context, tx pgx.Tx, ap store.Application, catalog []store.DataElement, act Action,
	files map[string]checkedFile, latest map[string]store.Document, f *workflow.Facts) error {
	in := act.After
	switch act.Event {
	case workflow.RequestChanges:
		n, err := store.CountComments(ctx, tx, ap.TenantID, ap.ID, f.DraftVersion, string(workflow.RoleLembaga))
		if err != nil {
			return err
		}
		f.Comments = n
	case workflow.AcceptReport, workflow.ReturnReport:
		r, err := pendingReport(ctx, tx, ap, in.ReportID)
		if err != nil {
			return err
		}
		f.ReportAwaitingReview = r.ID != 0
	case workflow.RecordDataBalikan:
		f.Delivery = in.Delivery
	case workflow.Suspend, workflow.Reinstate:
		f.ActiveUserIDs = cleanList(in.UserIDs)
		if len(f.ActiveUserIDs) == 0 {
			ids, err := store.UserIDsOf(ctx, tx, ap.TenantID, ap.ID)
			if err != nil {
				return err
			}
			for _, u := range ids {
				f.ActiveUserIDs = append(f.ActiveUserIDs, u.UserID)
			}
		}
	case workflow.RequestAddendum:
		a := in.Addendum
		f.Addendum = workflow.Addendum{Purpose: strings.TrimSpace(a.Purpose), AddUserIDs: a.AddUserIDs,
			AddElements: addendumElements(catalog, a.AddElements)}
		if a.IPAddresses != nil {
			f.Addendum.IPAddresses = cleanList(a.IPAddresses)
			if f.Addendum.IPAddresses == nil {
				f.Addendum.IPAddresses = []string{}
			}
			if slices.Equal(f.Addendum.IPAddresses, ap.IPAddresses) {
				f.Addendum.IPAddresses = nil // the form shows the current list: unchanged
			}
		}
		_, f.Addendum.HasLetter = files[DocAddendumRequest]
		_, f.Addendum.HasStatement = files[DocClosedNetwork]
	case workflow.ReturnAddendum, workflow.ForwardAddendum, workflow.ApproveAddendum, workflow.RejectAddendum,
		workflow.RequestAddendumDWH, workflow.ApproveAddendumDWH, workflow.SignAddendum:
		open, err := store.OpenAddendum(ctx, tx, ap.TenantID, ap.ID)
		if errors.Is(err, store.ErrNotFound) {
			return Conflict("Tidak ada adendum yang sedang diproses; muat ulang halaman.")
		}
		if err != nil {
			return err
		}
		f.Addendum = addendumFacts(open, catalog)
		_, f.Addendum.HasSigned = files[DocSignedAddendum]
		if act.Event == workflow.ApproveAddendum {
			_, f.HasLetterScan = files[DocAddendumDirjen]
		}
	}
	return nil
}

func addendumElements(catalog []store.DataElement, add map[string]string) []workflow.DataElement {
	var out []workflow.DataElement
	for _, c := range catalog {
		if why, ok := add[c.Code]; ok {
			out = append(out, workflow.DataElement{Code: c.Code, Name: c.Name, Protected: c.Protected, Justification: strings.TrimSpace(why)})
		}
	}
	return out
}

type storedElement struct {
	Code          string `json:"code"`
	Justification string `json:"justification"`
}

func addendumFacts(a store.AddendumRow, catalog []store.DataElement) workflow.Addendum {
	var els []storedElement
	_ = json.Unmarshal(a.AddElements, &els)
	add := map[string]string{}
	for _, e := range els {
		add[e.Code] = e.Justification
	}
	return workflow.Addendum{Purpose: a.Purpose, AddElements: addendumElements(catalog, add), IPAddresses: a.IPAddresses,
		AddUserIDs: a.AddUserIDs, HasLetter: true, HasStatement: true, DirjenDecided: a.DirjenApproved, DWHApproved: a.DWHApproved}
}

// pendingReport is the report to judge: the one named, or the earliest pending.
func pendingReport(ctx context.Context, tx pgx.Tx, ap store.Application, id int64) (store.SemesterReport, error) {
	reports, err := store.SemesterReports(ctx, tx, ap.TenantID, ap.ID)
	if err != nil {
		return store.SemesterReport{}, err
	}
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
	var filed []workflow.FiledReport
	for _, r := range reports {
		filed = append(filed, workflow.FiledReport{Semester: r.Semester, FiledAt: r.FiledAt, Review: workflow.ReviewStatus(r.Review)})
	}
	sched := workflow.ReportSchedule(*ap.PKSStart, *ap.PKSEnd, filed, now)
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

// afterSigningEffects writes what the events after signing record beyond the
// state: reports and their review, data balikan, sanctions with their letter,
// agreement acceptance, addenda. It runs in the transition's transaction after
// the compare-and-set and the uploads; docIDs are the documents stored so far.
func (g *generation) afterSigningEffects(facts workflow.Facts, uploaded map[string]int64, nego negotiationState, data map[string]any) ([]int64, error) {
	ctx, tx, ap, act, now := g.ctx, g.tx, g.ap, g.act, g.now
	var by *int64
	if g.p.UserID != 0 {
		by = &g.p.UserID
	}
	switch act.Event {
	case workflow.AgreeAgreement:
		return nil, store.AcceptAgreement(ctx, tx, ap.TenantID, ap.ID, nego.draft, g.p.UserID, g.p.Name, now)
	case workflow.FileReport:
		reports, err := store.SemesterReports(ctx, tx, ap.TenantID, ap.ID)
		if err != nil {
			return nil, err
		}
		sem, err := reportSemester(ap, reports, act.After.Semester, now.In(g.t.Location()))
		if err != nil {
			return nil, err
		}
		if _, err := store.InsertSemesterReport(ctx, tx, ap.TenantID, ap.ID, sem, uploaded[DocReport], now); err != nil {
			if errors.Is(err, store.ErrConflict) {
				return nil, Conflict("Semester ini baru saja dilaporkan; muat ulang halaman.")
			}
			return nil, err
		}
		data["semester"] = sem
	case workflow.AcceptReport, workflow.ReturnReport:
		r, err := pendingReport(ctx, tx, ap, act.After.ReportID)
		if err != nil {
			return nil, err
		}
		review, reason := string(workflow.ReviewAccepted), ""
		if act.Event == workflow.ReturnReport {
			review, reason = string(workflow.ReviewReturned), strings.TrimSpace(act.Reason)
		}
		if _, err := store.ReviewSemesterReport(ctx, tx, ap.TenantID, ap.ID, r.ID, review, reason, g.p.UserID, now); err != nil {
			if errors.Is(err, store.ErrConflict) {
				return nil, Conflict("Laporan ini baru saja diperiksa; muat ulang halaman.")
			}
			return nil, err
		}
		data["semester"] = r.Semester
	case workflow.RecordDataBalikan:
		d := facts.Delivery
		if err := store.InsertDelivery(ctx, tx, ap.TenantID, ap.ID, store.Delivery{PeriodStart: d.PeriodStart, PeriodEnd: d.PeriodEnd,
			Channel: d.Channel, Records: d.Records}, g.p.UserID, now); err != nil {
			return nil, err
		}
		data["periode"] = d.PeriodStart.Format("2006-01-02") + " s.d. " + d.PeriodEnd.Format("2006-01-02")
		data["saluran"] = workflow.ChannelLabel(d.Channel)
		data["jumlah"] = d.Records
	case workflow.Warn, workflow.Suspend, workflow.Revoke, workflow.Reinstate:
		return g.sanction(facts, by, data)
	case workflow.RequestAddendum:
		a := facts.Addendum
		var els []storedElement
		for _, e := range a.AddElements {
			els = append(els, storedElement{e.Code, e.Justification})
		}
		raw, _ := json.Marshal(els)
		if len(els) == 0 {
			raw = []byte(`[]`)
		}
		if _, err := store.InsertAddendum(ctx, tx, store.NewAddendum{TenantID: ap.TenantID, ApplicationID: ap.ID, Purpose: a.Purpose,
			AddElements: raw, IPAddresses: a.IPAddresses, AddUserIDs: a.AddUserIDs, Reason: strings.TrimSpace(act.Reason)}, now); err != nil {
			if errors.Is(err, store.ErrConflict) {
				return nil, Conflict("Adendum lain sedang diproses.")
			}
			return nil, err
		}
		if a.IPAddresses != nil {
			data["ip_addresses"] = a.IPAddresses
		}
	case workflow.ReturnAddendum, workflow.RejectAddendum, workflow.ApproveAddendum, workflow.ApproveAddendumDWH:
		open, err := store.OpenAddendum(ctx, tx, ap.TenantID, ap.ID)
		if err != nil {
			return nil, err
		}
		u := store.AddendumUpdate{Status: "requested"}
		switch act.Event {
		case workflow.ReturnAddendum:
			u.Status = "returned"
		case workflow.RejectAddendum:
			u.Status = "rejected"
		case workflow.ApproveAddendum:
			u.DirjenApproved = true
			data["letter_number"] = strings.TrimSpace(act.LetterNumber)
		case workflow.ApproveAddendumDWH:
			u.DWHApproved = true
			if len(act.UserIDs) > 0 {
				pairs := make([][2]string, 0, len(act.UserIDs))
				var ids []string
				for _, x := range act.UserIDs {
					pairs = append(pairs, [2]string{strings.TrimSpace(x.UserID), strings.TrimSpace(x.Category)})
					ids = append(ids, strings.TrimSpace(x.UserID))
				}
				if err := store.IssueUserIDs(ctx, tx, ap.TenantID, ap.ID, pairs, now); err != nil {
					if errors.Is(err, store.ErrConflict) {
						return nil, Invalid("User ID belum dapat dicatat.", map[string]string{"user_ids": "User ID tersebut sudah pernah diterbitkan."})
					}
					return nil, err
				}
				data["user_ids"] = ids
			}
		}
		return nil, store.UpdateAddendum(ctx, tx, ap.TenantID, ap.ID, open.ID, u)
	case workflow.SignAddendum:
		return g.signAddendum(facts, data)
	}
	return nil, nil
}

// sanction records a sanction (or reinstatement). When the office imposes it,
// the letter is generated and numbered; the Dirjen's own letter is the Ditjen's.
func (g *generation) sanction(facts workflow.Facts, by *int64, data map[string]any) ([]int64, error) {
	kind, _ := workflow.SanctionOf(g.act.Event)
	s := store.NewSanction{TenantID: g.ap.TenantID, ApplicationID: g.ap.ID, Kind: string(kind), ImposedBy: by, ImposedRole: string(g.p.Role)}
	if kind != workflow.SanctionPemulihan {
		s.Ground, s.GroundMonths, s.GroundText = string(facts.Ground), facts.GroundMonths, strings.TrimSpace(facts.GroundText)
		if facts.Ground != workflow.GroundLateReport {
			s.GroundMonths = 0
		}
	} else {
		s.GroundText = strings.TrimSpace(g.act.Reason)
	}
	if kind == workflow.SanctionPenghentian || kind == workflow.SanctionPemulihan {
		s.UserIDs = facts.ActiveUserIDs
		data["user_ids"] = facts.ActiveUserIDs
	}
	var docIDs []int64
	if isStaff(g.p.Role) {
		n, err := g.number(LetterSanction)
		if err != nil {
			return nil, err
		}
		ls := letters.Sanction{Kind: kind, Ground: facts.Ground, Months: facts.GroundMonths, Text: facts.GroundText,
			UserIDs: s.UserIDs, PKS: g.pksReference()}
		if kind == workflow.SanctionPemulihan {
			ls.Ground, ls.Text = "", s.GroundText
		}
		pdf, err := letters.SanctionLetter(OfficeOf(g.t), g.letterApp(), g.meta(n.number), ls)
		if err != nil {
			return nil, generationError(err)
		}
		doc, err := g.storePDF(DocSanctionLetter, fmt.Sprintf("%s-%s.pdf", strings.ReplaceAll(string(kind), "_", "-"), g.ap.Number), pdf)
		if err != nil {
			return nil, err
		}
		if err := g.record(n, doc.ID); err != nil {
			return nil, err
		}
		s.LetterNumber, s.DocumentID = n.number, &doc.ID
		data["letter_number"] = n.number
		docIDs = append(docIDs, doc.ID)
	}
	if _, err := store.InsertSanction(g.ctx, g.tx, s, g.now); err != nil {
		return nil, err
	}
	return docIDs, nil
}

// pksReference cites the signed PKS: its number as recorded at signing, else
// the product's reference to it.
func (g *generation) pksReference() letters.Reference {
	ref := letters.Reference{Number: "PKS " + g.ap.Number}
	if g.ap.PKSStart != nil {
		ref.Date = *g.ap.PKSStart
	}
	return ref
}

// signAddendum generates the numbered addendum, applies its changes to the
// application and closes it.
func (g *generation) signAddendum(facts workflow.Facts, data map[string]any) ([]int64, error) {
	open, err := store.OpenAddendum(g.ctx, g.tx, g.ap.TenantID, g.ap.ID)
	if err != nil {
		return nil, err
	}
	n, err := g.number(LetterAddendum)
	if err != nil {
		return nil, err
	}
	a := facts.Addendum
	var els []letters.Element
	byCode := map[string]store.DataElement{}
	for _, c := range g.catalog {
		byCode[c.Code] = c
	}
	var storeEls []store.Element
	for _, e := range a.AddElements {
		c := byCode[e.Code]
		els = append(els, letters.Element{Letter: c.Letter, Name: c.Name, Protected: c.Protected, Justification: e.Justification})
		storeEls = append(storeEls, store.Element{Code: e.Code, Justification: e.Justification})
	}
	pdf, err := letters.Addendum(OfficeOf(g.t), g.letterApp(), letters.AgreementMeta{Number: n.number, Date: g.now.In(g.t.Location())},
		letters.AddendumChange{Seq: open.Seq, PKS: g.pksReference(), Purpose: a.Purpose, AddElements: els,
			IPAddresses: a.IPAddresses, AddUserIDs: a.AddUserIDs})
	if err != nil {
		return nil, generationError(err)
	}
	doc, err := g.storePDF(DocAddendumDraft, fmt.Sprintf("adendum-%d-%s.pdf", open.Seq, g.ap.Number), pdf)
	if err != nil {
		return nil, err
	}
	if err := g.record(n, doc.ID); err != nil {
		return nil, err
	}
	if err := store.ApplyAddendum(g.ctx, g.tx, g.ap.TenantID, g.ap.ID, a.Purpose, storeEls, a.IPAddresses); err != nil {
		return nil, err
	}
	signed := g.now
	if err := store.UpdateAddendum(g.ctx, g.tx, g.ap.TenantID, g.ap.ID, open.ID, store.AddendumUpdate{Status: "signed",
		Number: n.number, DocumentID: &doc.ID, SignedAt: &signed}); err != nil {
		return nil, err
	}
	data["letter_number"] = n.number
	data["adendum_ke"] = open.Seq
	return []int64{doc.ID}, nil
}
