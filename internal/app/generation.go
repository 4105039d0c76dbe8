package app

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/letters"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// generation produces the documents a transition issues, inside its transaction:
// letter numbers come from the tenant's per-year sequence and every PDF is stored
// with its SHA-256, so a rollback leaves neither a number nor a file behind.
type generation struct {
	a       *App
	ctx     context.Context // the transaction's
	tx      pgx.Tx
	p       Principal
	ap      store.Application
	t       store.Tenant
	inst    store.Institution
	catalog []store.DataElement
	els     []store.Element
	latest  map[string]store.Document
	now     time.Time
	act     Action
	ids     identities
}

// office is the tenant's letterhead with its lambang daerah.
func (g *generation) office() letters.Office {
	o := OfficeOf(g.t)
	o.Logo = g.ids.lambang
	return o
}

// OfficeOf is the letterhead and signatory data of a tenant.
func OfficeOf(t store.Tenant) letters.Office {
	return letters.Office{
		Regency: t.Name, RegencyKind: t.Kind, HeadTitle: t.HeadTitle, City: t.City, Address: t.Address,
		Phone: t.Phone, Email: t.Email, Website: t.Website, KepalaName: t.KepalaName, KepalaNIP: t.KepalaNIP, KepalaRank: t.KepalaRank,
	}
}

// LetterApplication is what the generators need of an application.
func LetterApplication(ap store.Application, inst store.Institution, catalog []store.DataElement, els []store.Element, userIDs []string) letters.Application {
	byCode := map[string]store.DataElement{}
	for _, c := range catalog {
		byCode[c.Code] = c
	}
	la := letters.Application{
		Number: ap.Number, InstitutionName: inst.Name, InstitutionType: workflow.InstitutionType(inst.Type),
		InstitutionAddress: inst.Address, HeadName: inst.HeadName, HeadPosition: inst.HeadPosition,
		Purpose: ap.Purpose, DataBalikan: ap.ReturnData, TermMonths: deref(ap.TermMonths), IPAddresses: ap.IPAddresses,
		ContactName: inst.HeadName, ContactPhone: inst.Phone, ContactEmail: inst.Email,
	}
	for _, m := range ap.AccessMethods {
		la.AccessMethods = append(la.AccessMethods, workflow.AccessMethod(m))
	}
	for _, e := range els {
		c := byCode[e.Code]
		la.Elements = append(la.Elements, letters.Element{Letter: c.Letter, Name: c.Name, Protected: c.Protected, Justification: e.Justification})
	}
	for _, u := range userIDs {
		la.UserIDs = append(la.UserIDs, letters.UserID{ID: u, Description: "Akses DWH Terpusat"})
	}
	return la
}

func (g *generation) letterApp() letters.Application {
	return g.ids.letterApplication(LetterApplication(g.ap, g.inst, g.catalog, g.els, nil), g.inst, g.latest)
}

// number takes the next number of the tenant's year. The letter row is written by
// record once the document exists, in the same transaction.
func (g *generation) number(kind string) (issued, error) {
	local := g.now.In(g.t.Location())
	seq, err := store.NextLetterSeq(g.ctx, g.tx, g.t.ID, local.Year())
	if err != nil {
		return issued{}, err
	}
	return issued{kind: kind, year: local.Year(), seq: seq,
		number: FormatLetterNumber(g.t.LetterTemplate, g.t.LetterCode, g.t.UnitCode, kind, seq, local)}, nil
}

type issued struct {
	kind   string
	year   int
	seq    int
	number string
}

func (g *generation) record(n issued, docID int64) error {
	return store.InsertLetter(g.ctx, g.tx, store.Letter{TenantID: g.t.ID, Year: n.year, Seq: n.seq,
		Number: n.number, Kind: n.kind, ApplicationID: g.ap.ID, DocumentID: &docID}, g.now)
}

func (g *generation) storePDF(kind, filename string, pdf []byte) (store.Document, error) {
	sum := sha256.Sum256(pdf)
	var by *int64
	if g.p.UserID != 0 {
		by = &g.p.UserID
	}
	return g.a.documents().Put(g.ctx, g.tx, store.NewDocument{TenantID: g.t.ID, ApplicationID: g.ap.ID, Kind: kind,
		Filename: filename, ContentType: "application/pdf", SHA256: sum[:], Content: pdf, Generated: true, CreatedBy: by}, g.now)
}

func (g *generation) meta(number string) letters.LetterMeta {
	return letters.LetterMeta{Number: number, Date: g.now.In(g.t.Location())}
}

func (g *generation) forwardingLetter() (int64, string, error) {
	n, err := g.number(LetterForwarding)
	if err != nil {
		return 0, "", err
	}
	meta := g.meta(n.number)
	office := g.office()
	if g.act.Signatory != "" && g.act.Signatory != g.t.KepalaName {
		// An acting head signs under the office's title with "Plt."/"Plh.".
		office.KepalaName, office.KepalaNIP, office.KepalaRank, office.KepalaActing = g.act.Signatory, g.act.SignatoryNIP, "", g.act.Acting
	}
	pdf, err := letters.ForwardingLetter(office, g.letterApp(), meta)
	if err != nil {
		return 0, "", generationError(err)
	}
	doc, err := g.storePDF(DocForwarding, "surat-pengantar-"+g.ap.Number+".pdf", pdf)
	if err != nil {
		return 0, "", err
	}
	return doc.ID, n.number, g.record(n, doc.ID)
}

// agreement renders a new version of the PKS and Juknis drafts.
func (g *generation) agreement() ([]int64, int, error) {
	version, err := store.NextAgreementVersion(g.ctx, g.tx, g.t.ID, g.ap.ID)
	if err != nil {
		return nil, 0, err
	}
	la := g.letterApp()
	approval := g.approvalReference()
	meta := letters.AgreementMeta{Approval: approval, DraftVersion: version}
	pks, err := letters.PKS(g.office(), la, meta, g.act.Clauses)
	if err != nil {
		return nil, 0, generationError(err)
	}
	juknis, err := letters.Juknis(g.office(), la, meta, letters.Reference{}, g.act.Juknis)
	if err != nil {
		return nil, 0, generationError(err)
	}
	pd, err := g.storePDF(DocPKSDraft, fmt.Sprintf("draf-pks-%s-v%d.pdf", g.ap.Number, version), pks)
	if err != nil {
		return nil, 0, err
	}
	jd, err := g.storePDF(DocJuknisDraft, fmt.Sprintf("draf-juknis-%s-v%d.pdf", g.ap.Number, version), juknis)
	if err != nil {
		return nil, 0, err
	}
	clauses, _ := json.Marshal(g.act.Clauses)
	sections, _ := json.Marshal(g.act.Juknis)
	err = store.InsertAgreementVersion(g.ctx, g.tx, g.t.ID, g.ap.ID, version, clauses, sections, pd.ID, jd.ID, g.p.UserID, g.now)
	return []int64{pd.ID, jd.ID}, version, err
}

// approvalReference finds the Dirjen's approval letter in the history.
func (g *generation) approvalReference() letters.Reference {
	var ref letters.Reference
	rows, err := g.tx.Query(g.ctx, `SELECT data->>'letter_number', data->>'letter_date' FROM application_events
		WHERE tenant_id = $1 AND application_id = $2 AND event = 'approve' ORDER BY seq DESC LIMIT 1`, g.t.ID, g.ap.ID)
	if err != nil {
		return ref
	}
	defer rows.Close()
	if rows.Next() {
		var num, date *string
		if rows.Scan(&num, &date) == nil && num != nil {
			ref.Number = *num
			if date != nil {
				ref.Date, _ = time.Parse("2006-01-02", *date)
			}
		}
	}
	return ref
}

func (g *generation) dwhRequest() (int64, string, error) {
	n, err := g.number(LetterDWHRequest)
	if err != nil {
		return 0, "", err
	}
	refs := g.ids.dwhReferences(g.latest)
	if d, ok := g.latest[DocUserIDRequest]; ok {
		// The lembaga's User ID request letter is cited by the day it came in.
		refs.UserIDRequest = letters.Reference{Date: d.CreatedAt.In(g.t.Location())}
	}
	pdf, err := letters.DWHAccessRequest(g.office(), g.letterApp(), g.meta(n.number), refs)
	if err != nil {
		return 0, "", generationError(err)
	}
	doc, err := g.storePDF(DocDWHRequest, "permohonan-akses-dwh-"+g.ap.Number+".pdf", pdf)
	if err != nil {
		return 0, "", err
	}
	return doc.ID, n.number, g.record(n, doc.ID)
}

func (g *generation) handoverRecord() (int64, string, error) {
	n, err := g.number(LetterHandover)
	if err != nil {
		return 0, "", err
	}
	// Only the lembaga's User IDs, with their categories: the data balikan
	// daerah User ID is the Disdukcapil's own.
	la := g.letterApp()
	h := letters.Handover{DWHApproval: g.ids.dwhApproval}
	if refs := g.ids.dwhReferences(g.latest); refs.PKS.Number != "" {
		h.PKS = refs.PKS
	}
	pdf, err := letters.HandoverRecord(g.office(), la, g.meta(n.number), h)
	if err != nil {
		return 0, "", generationError(err)
	}
	doc, err := g.storePDF(DocHandover, "berita-acara-serah-terima-"+g.ap.Number+".pdf", pdf)
	if err != nil {
		return 0, "", err
	}
	return doc.ID, n.number, g.record(n, doc.ID)
}

// generationError reports a document that cannot be produced for lack of data
// (the tenant's settings, usually) as something the user can fix. Any other
// failure of a generator is the system's, and stays an internal error.
func generationError(err error) error {
	var inc *letters.IncompleteError
	switch {
	case errors.As(err, &inc):
		return &Error{Code: CodeInvalid, Message: "Dokumen belum dapat dibuat: " + inc.Error() + ". Lengkapi data yang disebut (pengaturan Disdukcapil atau data lembaga), lalu coba lagi.", Err: err}
	case errors.Is(err, letters.ErrIncomplete):
		return &Error{Code: CodeInvalid, Message: "Dokumen belum dapat dibuat karena datanya belum lengkap. Lengkapi pengaturan Disdukcapil atau data lembaga, lalu coba lagi.", Err: err}
	}
	return err
}
