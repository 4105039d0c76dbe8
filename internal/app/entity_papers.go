package app

import (
	"time"

	"github.com/hakakses/hakakses/internal/store"
)

// Paper is a paper's own number and date as recorded (issue 8: the letters cite
// papers by them, never by the application's tracking number). An empty Number
// or a zero Date: not recorded, e.g. an application filed before it was asked.
type Paper struct {
	Number string
	Date   time.Time
}

func paperOf(number *string, date *time.Time) Paper {
	var p Paper
	if number != nil {
		p.Number = *number
	}
	if date != nil {
		p.Date = *date
	}
	return p
}

// DateValue is the date as a form carries it (YYYY-MM-DD); "" when not recorded.
func (p Paper) DateValue() string {
	if p.Date.IsZero() {
		return ""
	}
	return p.Date.Format(time.DateOnly)
}

// Papers are the numbers and dates of an application's own papers.
type Papers struct {
	RequestLetter          Paper  // the lembaga's written request (item 1)
	EligibilityStatement   Paper  // a badan hukum's statement (item 11b)
	Recommendation         Paper  // its supervising authority's recommendation
	RecommendedBy          string // that authority
	ClosedNetworkStatement Paper  // sent with the User ID request (item 4c)
}

func papersOf(r store.Identities) Papers {
	p := Papers{
		RequestLetter:          paperOf(r.RequestLetterNumber, r.RequestLetterDate),
		EligibilityStatement:   paperOf(r.EligibilityStatementNumber, r.EligibilityStatementDate),
		Recommendation:         paperOf(r.RecommendationNumber, r.RecommendationDate),
		ClosedNetworkStatement: paperOf(r.ClosedNetworkStatementNumber, r.ClosedNetworkStatementDate),
	}
	if r.RecommendedBy != nil {
		p.RecommendedBy = *r.RecommendedBy
	}
	return p
}

// Signing is the signing of the agreed PKS and Juknis as recorded (item 11):
// the date, each party's numbers ("" where not recorded) and who signed.
type Signing struct {
	SignedOn                                     time.Time
	PKSNumberDisdukcapil, PKSNumberLembaga       string
	JuknisNumberDisdukcapil, JuknisNumberLembaga string
	KepalaName, KepalaNIP, KepalaRank            string
	KepalaActing                                 string // "Plt." or "Plh." when an acting head signed
	CounterpartyName, CounterpartyPosition       string
}

func signingOf(r store.AgreementSigning) *Signing {
	s := &Signing{SignedOn: r.SignedOn, KepalaName: r.KepalaName, KepalaNIP: r.KepalaNIP, KepalaRank: r.KepalaRank,
		KepalaActing: r.KepalaActing, CounterpartyName: r.CounterpartyName, CounterpartyPosition: r.CounterpartyPosition}
	for _, n := range []struct {
		to   *string
		from *string
	}{{&s.PKSNumberDisdukcapil, r.PKSNumberDisdukcapil}, {&s.PKSNumberLembaga, r.PKSNumberLembaga},
		{&s.JuknisNumberDisdukcapil, r.JuknisNumberDisdukcapil}, {&s.JuknisNumberLembaga, r.JuknisNumberLembaga}} {
		if n.from != nil {
			*n.to = *n.from
		}
	}
	return s
}

// IssuedUserID is a DWH User ID the Dirjen issued (item 5), with the data
// category it serves. Passwords are never recorded.
type IssuedUserID struct {
	ID       string
	Category string
	IssuedAt time.Time
}

func issuedUserIDOf(r store.IssuedUserIDOfKind) IssuedUserID {
	return IssuedUserID{ID: r.UserID, Category: r.Category, IssuedAt: r.IssuedAt}
}
