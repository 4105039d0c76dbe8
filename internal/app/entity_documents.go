package app

import (
	"encoding/json"
	"time"

	"github.com/hakakses/hakakses/internal/letters"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// Document is a stored file of an application: an upload or a generated letter.
// Each upload of a kind is a new version; the bytes are read with App.Document.
type Document struct {
	ID          int64
	TenantID    int64
	Kind        string // DocRequestLetter, DocForwarding, …
	Version     int
	Filename    string
	ContentType string
	SizeBytes   int
	SHA256      []byte
	Generated   bool // written by the app, not uploaded
	CreatedAt   time.Time
}

func documentOf(r store.Document) Document {
	return Document{ID: r.ID, TenantID: r.TenantID, Kind: r.Kind, Version: r.Version, Filename: r.Filename,
		ContentType: r.ContentType, SizeBytes: r.SizeBytes, SHA256: r.SHA256, Generated: r.Generated, CreatedAt: r.CreatedAt}
}

func documentsOf(rows []store.Document) []Document {
	out := make([]Document, len(rows))
	for i, r := range rows {
		out[i] = documentOf(r)
	}
	return out
}

// latestOf is the newest version of each kind.
func latestOf(docs []Document) map[string]Document {
	out := map[string]Document{}
	for _, doc := range docs {
		if cur, ok := out[doc.Kind]; !ok || doc.Version > cur.Version {
			out[doc.Kind] = doc
		}
	}
	return out
}

// Event is one entry of an application's hash-chained history as the API
// lists it; screens read HistoryEntry, which labels it.
type Event struct {
	Seq       int
	Event     workflow.Event // "create" for the first entry
	From      workflow.State // "" for the first entry
	To        workflow.State
	At        time.Time
	ActorRole workflow.Role
	ActorName string
	Hash      []byte
}

func eventsOf(rows []store.Event) []Event {
	out := make([]Event, len(rows))
	for i, r := range rows {
		e := Event{Seq: r.Seq, Event: workflow.Event(r.Event), To: workflow.State(r.To), At: r.At,
			ActorRole: workflow.Role(r.ActorRole), ActorName: r.ActorName, Hash: r.Hash}
		if r.From != nil {
			e.From = workflow.State(*r.From)
		}
		out[i] = e
	}
	return out
}

// AgreementVersion is one saved draft of the PKS and Juknis, decoded.
type AgreementVersion struct {
	Version   int
	PKS       []letters.Clause
	Juknis    []letters.Section
	CreatedAt time.Time
}

func agreementVersionsOf(rows []store.AgreementVersion) []AgreementVersion {
	out := make([]AgreementVersion, len(rows))
	for i, r := range rows {
		v := AgreementVersion{Version: r.Version, CreatedAt: r.CreatedAt}
		// Written by the app from these very types; a row that does not decode
		// shows as an empty draft rather than failing the page.
		_ = json.Unmarshal(r.PKSClauses, &v.PKS)
		_ = json.Unmarshal(r.JuknisSections, &v.Juknis)
		out[i] = v
	}
	return out
}
