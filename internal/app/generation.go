package app

import (
	"crypto/sha256"
	"errors"
	"time"

	"github.com/hakakses/hakakses/internal/letters"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// Documents a transition generates are produced inside its transaction (see the
// action files): letter numbers come from the tenant's per-year sequence and
// every PDF is stored with its SHA-256, so a rollback leaves neither a number nor
// a file behind.

// OfficeOf is the letterhead and signatory data of a tenant.
func OfficeOf(t Tenant) letters.Office {
	return letters.Office{
		Regency: t.Name, RegencyKind: t.Kind, HeadTitle: t.HeadTitle, City: t.City, Address: t.Address,
		Phone: t.Phone, Email: t.Email, Website: t.Website, KepalaName: t.KepalaName, KepalaNIP: t.KepalaNIP, KepalaRank: t.KepalaRank,
	}
}

// LetterApplication is what the generators need of the application d shows.
func (d *Detail) LetterApplication() letters.Application {
	return letterApplication(d.row, d.Institution, d.Elements)
}

// letterApplication is what the generators need of an application; the User IDs
// and the papers' numbers are added by identities.letterApplication.
func letterApplication(ap store.Application, inst Institution, els []RequestedElement) letters.Application {
	la := letters.Application{
		Number: ap.Number, InstitutionName: inst.Name, InstitutionType: inst.Type,
		InstitutionAddress: inst.Address, HeadName: inst.HeadName, HeadPosition: inst.HeadPosition,
		Purpose: ap.Purpose, DataBalikan: ap.ReturnData, TermMonths: deref(ap.TermMonths), IPAddresses: ap.IPAddresses,
		ContactName: inst.HeadName, ContactPhone: inst.Phone, ContactEmail: inst.Email,
	}
	for _, m := range ap.AccessMethods {
		la.AccessMethods = append(la.AccessMethods, workflow.AccessMethod(m))
	}
	for _, e := range els {
		la.Elements = append(la.Elements, e.letter())
	}
	return la
}

// letterApp is the application as the letters cite it: with the documents'
// own numbers, the head's NIP and only the lembaga's User IDs.
func (c *fireCtx) letterApp() letters.Application {
	return c.ids.letterApplication(letterApplication(c.ap, c.inst, c.els), c.inst, c.latest)
}

// number takes the next number of the tenant's year. The letter row is written by
// recordLetter once the document exists, in the same transaction.
func (c *fireCtx) number(kind string) (issued, error) {
	local := c.now.In(c.t.Location())
	seq, err := store.NextLetterSeq(c.ctx, c.tx, c.t.ID, local.Year())
	if err != nil {
		return issued{}, err
	}
	return issued{kind: kind, year: local.Year(), seq: seq,
		number: FormatLetterNumber(c.t.LetterTemplate, c.t.LetterCode, c.t.UnitCode, kind, seq, local)}, nil
}

type issued struct {
	kind   string
	year   int
	seq    int
	number string
}

func (c *fireCtx) recordLetter(n issued, docID int64) error {
	return store.InsertLetter(c.ctx, c.tx, store.Letter{TenantID: c.t.ID, Year: n.year, Seq: n.seq,
		Number: n.number, Kind: n.kind, ApplicationID: c.ap.ID, DocumentID: &docID}, c.now)
}

func (c *fireCtx) storePDF(kind, filename string, pdf []byte) (store.Document, error) {
	sum := sha256.Sum256(pdf)
	var by *int64
	if c.p.UserID != 0 {
		by = &c.p.UserID
	}
	return c.a.documents().Put(c.ctx, c.tx, store.NewDocument{TenantID: c.t.ID, ApplicationID: c.ap.ID, Kind: kind,
		Filename: filename, ContentType: "application/pdf", SHA256: sum[:], Content: pdf, Generated: true, CreatedBy: by}, c.now)
}

func (c *fireCtx) meta(number string) letters.LetterMeta {
	return letters.LetterMeta{Number: number, Date: c.now.In(c.t.Location())}
}

// issueLetter numbers, renders and stores a generated letter, as the last work
// of the transition's transaction (issueLetters): the number is printed on the
// letter, so it is taken first, and taking it locks the tenant's sequence row of
// the year until the commit. Every other write of the transition (state, uploads,
// SLA, notifications, outbox) is done by then, so the lock covers only the
// rendering and the few inserts that need the number: the letter's document and
// row and the history entry that cites them.
func (c *fireCtx) issueLetter(letterKind, docKind, filename string, render func(letters.LetterMeta) ([]byte, error)) error {
	c.letters = append(c.letters, pendingLetter{letterKind: letterKind, docKind: docKind, filename: filename, render: render})
	return nil
}

// pendingLetter is a letter an action issues, produced by issueLetters.
type pendingLetter struct {
	letterKind, docKind, filename string
	render                        func(letters.LetterMeta) ([]byte, error)
}

// issueLetters takes the numbers of the pending letters, renders and stores
// them, and records each number in the history detail and the letters table.
func (c *fireCtx) issueLetters() error {
	for _, l := range c.letters {
		n, err := c.number(l.letterKind)
		if err != nil {
			return err
		}
		pdf, err := l.render(c.meta(n.number))
		if err != nil {
			return generationError(err)
		}
		doc, err := c.storePDF(l.docKind, l.filename, pdf)
		if err != nil {
			return err
		}
		c.docIDs = append(c.docIDs, doc.ID)
		c.record("letter_number", n.number)
		if err := c.recordLetter(n, doc.ID); err != nil {
			return err
		}
	}
	return nil
}

// approvalReference is the Dirjen's approval letter as the history recorded it.
func (c *fireCtx) approvalReference() (letters.Reference, error) {
	number, date, err := store.ApprovalLetter(c.ctx, c.tx, c.t.ID, c.ap.ID)
	if err != nil {
		return letters.Reference{}, err
	}
	ref := letters.Reference{Number: number}
	if number != "" {
		ref.Date, _ = time.Parse("2006-01-02", date)
	}
	return ref, nil
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
