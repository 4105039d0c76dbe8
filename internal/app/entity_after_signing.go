package app

import (
	"encoding/json"
	"time"

	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// The agreement's life after signing as the application's page shows it
// (docs/agreement-life.md): the negotiation's comments, the office's notes,
// the semester reports filed, sanctions, addenda and data balikan deliveries.

// Comment is one comment on a draft of the PKS or Juknis.
type Comment struct {
	Document   string // "pks" or "juknis"
	Version    int
	Pasal      int // 0: the document as a whole
	Body       string
	AuthorName string
	AuthorRole workflow.Role
	CreatedAt  time.Time
}

// StaffNote is an office-internal note, shown to the tenant's staff only.
type StaffNote struct {
	Body       string
	AuthorName string
	CreatedAt  time.Time
}

// FiledReport is one semester report the lembaga filed, with staff's review.
type FiledReport struct {
	ID           int64
	Semester     string // workflow.Semester.Key, e.g. "2026-1"
	FiledAt      time.Time
	Review       workflow.ReviewStatus
	ReviewReason string // why it was returned
}

// Sanction is a warning, suspension, reinstatement or revocation on record.
type Sanction struct {
	Kind         workflow.SanctionKind
	Ground       workflow.SanctionGround // "": only GroundText says why
	GroundMonths int                     // how late, for a late report
	GroundText   string
	UserIDs      []string // the DWH User IDs it switches
	LetterNumber string
	ImposedRole  workflow.Role
	ImposedAt    time.Time
}

// Addendum is an amendment of the PKS and where it stands.
type Addendum struct {
	Seq          int
	Purpose      string   // the new purpose; "" unchanged
	AddsElements bool     // data elements are added
	IPAddresses  []string // the new IP LAN list; nil unchanged
	AddUserIDs   int
	Status       string // requested, returned, rejected or signed
	Number       string // once signed
}

// Delivery is one recorded data balikan delivery.
type Delivery struct {
	PeriodStart, PeriodEnd time.Time
	Channel                string // workflow.DataBalikanChannels
	Records                int
}

func commentsOf(rows []store.Comment) []Comment {
	out := make([]Comment, len(rows))
	for i, r := range rows {
		out[i] = Comment{Document: r.Document, Version: r.Version, Pasal: r.Pasal, Body: r.Body,
			AuthorName: r.AuthorName, AuthorRole: workflow.Role(r.AuthorRole), CreatedAt: r.CreatedAt}
	}
	return out
}

func staffNotesOf(rows []store.StaffNote) []StaffNote {
	out := make([]StaffNote, len(rows))
	for i, r := range rows {
		out[i] = StaffNote{Body: r.Body, AuthorName: r.AuthorName, CreatedAt: r.CreatedAt}
	}
	return out
}

func filedReportsOf(rows []store.SemesterReport) []FiledReport {
	out := make([]FiledReport, len(rows))
	for i, r := range rows {
		out[i] = FiledReport{ID: r.ID, Semester: r.Semester, FiledAt: r.FiledAt, Review: workflow.ReviewStatus(r.Review),
			ReviewReason: r.ReviewReason}
	}
	return out
}

func sanctionsOf(rows []store.Sanction) []Sanction {
	out := make([]Sanction, len(rows))
	for i, r := range rows {
		s := Sanction{Kind: workflow.SanctionKind(r.Kind), GroundText: r.GroundText, UserIDs: r.UserIDs,
			LetterNumber: r.LetterNumber, ImposedRole: workflow.Role(r.ImposedRole), ImposedAt: r.ImposedAt}
		if r.Ground != nil {
			s.Ground = workflow.SanctionGround(*r.Ground)
		}
		if r.GroundMonths != nil {
			s.GroundMonths = *r.GroundMonths
		}
		out[i] = s
	}
	return out
}

func addendaOf(rows []store.AddendumRow) []Addendum {
	out := make([]Addendum, len(rows))
	for i, r := range rows {
		var els []storedElement
		_ = json.Unmarshal(r.AddElements, &els) // the column is NOT NULL, '[]' by default
		out[i] = Addendum{Seq: r.Seq, Purpose: r.Purpose, AddsElements: len(els) > 0, IPAddresses: r.IPAddresses,
			AddUserIDs: r.AddUserIDs, Status: r.Status, Number: r.Number}
	}
	return out
}

func deliveriesOf(rows []store.Delivery) []Delivery {
	out := make([]Delivery, len(rows))
	for i, r := range rows {
		out[i] = Delivery{PeriodStart: r.PeriodStart, PeriodEnd: r.PeriodEnd, Channel: r.Channel, Records: r.Records}
	}
	return out
}
