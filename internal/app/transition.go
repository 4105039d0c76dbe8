package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/letters"
	"github.com/hakakses/hakakses/internal/sla"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// Action is an event with its form payload.
type Action struct {
	Event workflow.Event
	// Version is the application version the actor saw. Users must send it (a
	// form without it is refused); only the system (RoleSystem) may leave it 0,
	// meaning "the current one".
	Version int
	// TenantID, when set, is the tenant the request addressed (the URL's): an
	// application of another tenant is "not found" even where the scope reaches it.
	TenantID int64

	Reason       string
	Signatory    string    // forward: who signs a.n. Bupati/Wali kota (default: the Kepala Dinas)
	SignatoryNIP string    // forward: NIP of a signatory other than the Kepala Dinas
	Acting       string    // forward: "Plt." or "Plh." when the Kepala Dinas is away
	LetterNumber string    // approve/reject: the Dirjen letter's number
	LetterDate   time.Time // approve/reject: its date

	Clauses []letters.Clause  // prepare/revise agreement
	Juknis  []letters.Section // prepare/revise agreement

	KepalaSigner       string // sign
	CounterpartySigner string // sign

	Ground       workflow.SanctionGround // warn, suspend, revoke: the typed ground
	GroundMonths int                     // late_report: months late
	GroundText   string                  // other: the ground in words

	IPAddresses []string                // request_user_id
	UserIDs     []workflow.IssuedUserID // approve_dwh

	After AfterSigning // the events after signing (reports, sanctions, addenda, data balikan)

	Files map[string]Upload // kind → uploaded file
}

// uploadsAllowed says which files each event accepts, and whether only PDF will do
// (letters) or scans as images too.
var uploadsAllowed = map[workflow.Event]map[string]bool{
	workflow.Approve:       {DocDirjenApproval: false},
	workflow.Reject:        {DocDirjenRejection: false},
	workflow.Sign:          {DocSignedPKS: false, DocSignedJuknis: false},
	workflow.RequestUserID: {DocUserIDRequest: true, DocClosedNetwork: false},
	workflow.ApproveDWH:    {DocDWHApproval: false},
	workflow.FileReport:    {DocReport: true},
}

// Fire performs one transition for p: it authorises, checks the guards against the
// stored application and the payload, stores uploads and generated documents,
// moves the state with compare-and-set, appends the history entry and refreshes the
// SLA cache — all in one transaction. On any refusal nothing changes.
func (a *App) Fire(ctx context.Context, p Principal, appID int64, act Action) error {
	files := map[string]checkedFile{}
	fields := map[string]string{}
	for kind, u := range act.Files {
		pdfOnly, ok := uploadsAllowed[act.Event][kind]
		if !ok || len(u.Content) == 0 {
			continue
		}
		f, msg := checkUpload(kind, u, a.maxUpload(), pdfOnly)
		if msg != "" {
			fields[kind] = msg
			continue
		}
		files[kind] = f
	}
	if len(fields) > 0 {
		return Invalid("Berkas yang diunggah belum sesuai.", fields)
	}
	if p.Role != workflow.RoleSystem && act.Version <= 0 {
		// Without the version the user saw, a stale form would act on whatever the
		// application has become since; only the system acts on "the current one".
		return Invalid("Formulir tidak lengkap; muat ulang halaman.", nil)
	}
	if fields := actionLimits(act); len(fields) > 0 {
		return Invalid("Isian terlalu panjang atau terlalu banyak. Periksa isian yang ditandai.", fields)
	}
	now := a.Clock.Now()
	err := a.DB.Tx(ctx, scope(p), func(tx pgx.Tx) error {
		return a.fire(ctx, tx, p, appID, act, files, now)
	})
	return err
}

// Limits on the free text of an action form, so a pasted book or a scripted
// request cannot bloat the history, the letters or the PDFs.
const (
	maxReasonLen        = 2000
	maxShortTextLen     = 200 // signatory, letter number, signers
	maxClauseTitleLen   = 300
	maxClauseBodyLen    = 20000
	maxClauses          = 60
	maxJuknisSections   = 30
	maxIPAddresses      = 50
	maxUserIDs          = 20
	maxCategoryLen      = 100
	maxPurposeLen       = 4000
	maxReturnDataLen    = 4000
	maxJustificationLen = 2000
)

// actionLimits checks the sizes of an action's free text; it returns a message per
// offending field, in the form's field names.
func actionLimits(act Action) form {
	f := form{}
	f.max("reason", act.Reason, maxReasonLen)
	f.max("signatory", act.Signatory, maxShortTextLen)
	f.max("letter_number", act.LetterNumber, maxShortTextLen)
	f.max("signature.kepala_disdukcapil", act.KepalaSigner, maxShortTextLen)
	f.max("signature.counterparty", act.CounterpartySigner, maxShortTextLen)
	if len(act.Clauses) > maxClauses {
		f.set("clauses", fmt.Sprintf("PKS paling banyak %d pasal.", maxClauses))
	}
	for i, c := range act.Clauses {
		field := "clauses"
		if c.Key != "" {
			field = "clauses." + string(c.Key)
		}
		if utf8.RuneCountInString(c.Title) > maxClauseTitleLen {
			f.set(field, fmt.Sprintf("Judul pasal %d terlalu panjang (maksimal %d karakter).", i+1, maxClauseTitleLen))
		}
		if utf8.RuneCountInString(c.Body) > maxClauseBodyLen {
			f.set(field, fmt.Sprintf("Isi pasal %d terlalu panjang (maksimal %d karakter).", i+1, maxClauseBodyLen))
		}
	}
	if len(act.Juknis) > maxJuknisSections {
		f.set("juknis", fmt.Sprintf("Juknis paling banyak %d bab.", maxJuknisSections))
	}
	for i, s := range act.Juknis {
		if utf8.RuneCountInString(s.Title) > maxClauseTitleLen {
			f.set("juknis", fmt.Sprintf("Judul bab %d Juknis terlalu panjang (maksimal %d karakter).", i+1, maxClauseTitleLen))
		}
		if utf8.RuneCountInString(s.Body) > maxClauseBodyLen {
			f.set("juknis", fmt.Sprintf("Isi bab %d Juknis terlalu panjang (maksimal %d karakter).", i+1, maxClauseBodyLen))
		}
	}
	if len(act.IPAddresses) > maxIPAddresses {
		f.set("ip_addresses", fmt.Sprintf("Paling banyak %d alamat IP.", maxIPAddresses))
	}
	for _, ip := range act.IPAddresses {
		f.max("ip_addresses", ip, maxShortTextLen)
	}
	if len(act.UserIDs) > maxUserIDs {
		f.set("user_ids", fmt.Sprintf("Paling banyak %d User ID sekaligus.", maxUserIDs))
	}
	for _, u := range act.UserIDs {
		if utf8.RuneCountInString(u.Category) > maxCategoryLen {
			f.set("user_ids", fmt.Sprintf("Kategori User ID terlalu panjang (maksimal %d karakter).", maxCategoryLen))
		}
		f.max("user_ids", u.UserID, maxShortTextLen)
	}
	return f
}

func (a *App) fire(ctx context.Context, tx pgx.Tx, p Principal, appID int64, act Action, files map[string]checkedFile, now time.Time) error {
	ap, err := store.ApplicationByID(ctx, tx, appID)
	if err != nil {
		return mapStoreErr(err, "Permohonan")
	}
	if act.TenantID != 0 && act.TenantID != ap.TenantID {
		return NotFound("Permohonan")
	}
	if act.Version != 0 && act.Version != ap.Version {
		return Conflict(movedOn(ap))
	}
	t, err := store.TenantByID(ctx, tx, ap.TenantID)
	if err != nil {
		return err
	}
	inst, err := store.InstitutionByID(ctx, tx, ap.TenantID, ap.InstitutionID)
	if err != nil {
		return err
	}
	catalog, err := store.DataElements(ctx, tx)
	if err != nil {
		return err
	}
	els, err := store.Elements(ctx, tx, ap.TenantID, ap.ID)
	if err != nil {
		return err
	}
	latest, err := store.LatestDocuments(ctx, tx, ap.TenantID, ap.ID)
	if err != nil {
		return err
	}
	// After the Dirjen returned the DWH request, the old closed-network statement
	// is what was found wanting: a new request needs a new one.
	dwhReturned := false
	var nego negotiationState
	switch act.Event {
	case workflow.RequestUserID, workflow.Sign, workflow.AgreeAgreement, workflow.RequestChanges:
		events, err := store.Events(ctx, tx, ap.TenantID, ap.ID)
		if err != nil {
			return err
		}
		dwhReturned = returnedSinceRequest(events)
		nego = negotiationOf(events)
	}
	loc := t.Location()
	if act.Event == workflow.Forward {
		if strings.TrimSpace(act.Signatory) == "" {
			act.Signatory = t.KepalaName
		}
		if err := checkActingSignatory(act, t.KepalaName); err != nil {
			return err
		}
	}
	facts := buildFacts(ap, inst, catalog, els, latest, files, act, now.In(loc), dwhReturned)
	facts.DraftVersion, facts.AgreedVersion = nego.draft, nego.agreed
	if err := afterSigningFacts(ctx, tx, ap, catalog, act, files, latest, &facts); err != nil {
		return err
	}
	from := workflow.State(ap.State)
	to, err := workflow.Fire(from, act.Event, p.Role, facts)
	if err != nil {
		if dwhReturned {
			err = explainReturnedStatement(err)
		}
		return refusal(err, ap)
	}

	// Compare-and-set first: a loser of a race stops here, before it touches
	// letter numbers or generates anything.
	ch := store.Change{ID: ap.ID, TenantID: ap.TenantID, From: string(from), To: string(to), Version: ap.Version, At: now}
	data := map[string]any{}
	switch act.Event {
	case workflow.Submit:
		ch.Submitted = true
		ch.Snapshot, _ = json.Marshal(map[string]string{"nama": inst.Name, "jenis": inst.Type, "alamat": inst.Address,
			"pimpinan": inst.HeadName, "jabatan": inst.HeadPosition})
	case workflow.Forward:
		ch.Forwarded = true
	case workflow.RequestUserID:
		ch.IPAddresses = cleanList(act.IPAddresses)
		data["ip_addresses"] = ch.IPAddresses
	case workflow.Sign:
		// A PKS signed on 10 March for 12 months is valid through 9 March of the
		// next year: pks_end is the last valid day.
		start := dateOnly(now.In(loc))
		end := start.AddDate(0, deref(ap.TermMonths), -1)
		ch.PKSStart, ch.PKSEnd = &start, &end
		data["kepala_disdukcapil"] = strings.TrimSpace(act.KepalaSigner)
		data["pihak_kedua"] = strings.TrimSpace(act.CounterpartySigner)
		data["berlaku_sampai"] = end.Format("2006-01-02")
		data["agreement_version"] = nego.agreed
	case workflow.AcknowledgeReceipt:
		ch.Acknowledge = true
	case workflow.AgreeAgreement, workflow.RequestChanges:
		data["agreement_version"] = nego.draft
	}
	if kind, ok := workflow.SanctionOf(act.Event); ok && kind != workflow.SanctionPemulihan {
		data["sanction"] = string(kind)
		data["ground"] = string(facts.Ground)
		data["ground_text"] = facts.Ground.Describe(facts.GroundMonths, facts.GroundText)
	}
	if _, err := store.Transition(ctx, tx, ch); err != nil {
		if errors.Is(err, store.ErrConflict) {
			return Conflict(movedOn(ap))
		}
		return err
	}

	var docIDs []int64
	uploaded := map[string]int64{}
	for kind, f := range files {
		doc, err := a.storeFile(ctx, tx, p, ap.ID, f, now)
		if err != nil {
			return err
		}
		docIDs = append(docIDs, doc.ID)
		uploaded[kind] = doc.ID
	}
	if act.Reason != "" {
		data["reason"] = strings.TrimSpace(act.Reason)
	}
	gen := generation{a: a, ctx: ctx, tx: tx, p: p, ap: ap, t: t, inst: inst, catalog: catalog, els: els, latest: latest, now: now, act: act}
	switch act.Event {
	case workflow.Forward:
		doc, number, err := gen.forwardingLetter()
		if err != nil {
			return err
		}
		docIDs = append(docIDs, doc)
		data["letter_number"], data["signatory"] = number, act.Signatory
	case workflow.Approve, workflow.Reject:
		data["letter_number"] = strings.TrimSpace(act.LetterNumber)
		data["letter_date"] = act.LetterDate.Format("2006-01-02")
	case workflow.PrepareAgreement, workflow.ReviseAgreement:
		ids, version, err := gen.agreement()
		if err != nil {
			return err
		}
		docIDs = append(docIDs, ids...)
		data["agreement_version"] = version
	case workflow.RequestDWH:
		doc, number, err := gen.dwhRequest()
		if err != nil {
			return err
		}
		docIDs = append(docIDs, doc)
		data["letter_number"] = number
	case workflow.ApproveDWH:
		pairs := make([][2]string, 0, len(act.UserIDs))
		var ids []string
		for _, u := range act.UserIDs {
			pairs = append(pairs, [2]string{strings.TrimSpace(u.UserID), strings.TrimSpace(u.Category)})
			ids = append(ids, strings.TrimSpace(u.UserID))
		}
		if err := store.IssueUserIDs(ctx, tx, ap.TenantID, ap.ID, pairs, now); err != nil {
			if errors.Is(err, store.ErrConflict) {
				return Invalid("User ID belum dapat dicatat.", map[string]string{"user_ids": "User ID tersebut sudah pernah diterbitkan untuk permohonan lain."})
			}
			return err
		}
		data["user_ids"] = ids
	case workflow.HandOver:
		doc, number, err := gen.handoverRecord()
		if err != nil {
			return err
		}
		docIDs = append(docIDs, doc)
		data["letter_number"] = number
	}
	more, err := gen.afterSigningEffects(facts, uploaded, nego, data)
	if err != nil {
		return err
	}
	docIDs = append(docIDs, more...)

	actorID := &p.UserID
	if p.UserID == 0 {
		actorID = nil
	}
	if _, err := store.AppendEvent(ctx, tx, store.NewEvent{
		TenantID: ap.TenantID, ApplicationID: ap.ID, Event: string(act.Event), From: string(from), To: string(to),
		ActorID: actorID, ActorRole: string(p.Role), ActorName: p.Name, At: now, Data: data, DocumentIDs: docIDs,
	}); err != nil {
		return err
	}
	if err := refreshSLA(ctx, tx, t, ap.ID); err != nil {
		return err
	}
	return a.notifyTransition(ctx, tx, ap, t, inst, act.Event, to, p, now)
}

// refreshSLA recomputes the cached due instant of the running clock from the
// history and the calendar (the source of truth).
func refreshSLA(ctx context.Context, tx pgx.Tx, t store.Tenant, appID int64) error {
	events, err := store.Events(ctx, tx, t.ID, appID)
	if err != nil {
		return err
	}
	cal, err := calendarFor(ctx, tx, t)
	if err != nil {
		return err
	}
	due, kind, ok := sla.DueAt(slaEntries(events), cal, t.SLATargetDays)
	if !ok {
		return store.SetSLA(ctx, tx, t.ID, appID, nil, nil)
	}
	k := string(kind)
	return store.SetSLA(ctx, tx, t.ID, appID, &k, &due)
}

// negotiationState is where the negotiation of the drafts stands, from the
// history: the latest draft version and the version the lembaga agreed to.
type negotiationState struct{ draft, agreed int }

func negotiationOf(events []store.Event) negotiationState {
	var n negotiationState
	for _, e := range events {
		var d struct {
			Version int `json:"agreement_version"`
		}
		switch workflow.Event(e.Event) {
		case workflow.PrepareAgreement, workflow.ReviseAgreement:
			n.draft++
			if json.Unmarshal(e.Data, &d) == nil && d.Version > 0 {
				n.draft = d.Version
			}
		case workflow.AgreeAgreement:
			if json.Unmarshal(e.Data, &d) == nil && d.Version > 0 {
				n.agreed = d.Version
			}
		}
	}
	return n
}

// returnedSinceRequest reports whether the Dirjen returned the DWH request after
// the latest User ID request.
func returnedSinceRequest(events []store.Event) bool {
	returned := false
	for _, e := range events {
		switch e.Event {
		case string(workflow.RequestUserID):
			returned = false
		case string(workflow.ReturnDWH):
			returned = true
		}
	}
	return returned
}

// closedNetworkReupload is the message for a User ID request repeated after the
// Dirjen returned the DWH request.
const closedNetworkReupload = "Permohonan akses DWH dikembalikan Dirjen: unggah Surat Pernyataan Jaringan Tertutup yang baru bersama permohonan ini; surat yang lama tidak dapat dipakai lagi."

// explainReturnedStatement replaces the guard's generic "not uploaded" message on
// the closed-network statement with why a new one is needed.
func explainReturnedStatement(err error) error {
	var ge *workflow.GuardError
	if !errors.As(err, &ge) {
		return err
	}
	for i, pr := range ge.Problems {
		if pr.Field == "closed_network_statement" {
			ge.Problems[i].Message = closedNetworkReupload
		}
	}
	return err
}

// buildFacts gathers what the guards check. dwhReturned says the Dirjen returned
// the DWH request since the last User ID request: then only a closed-network
// statement uploaded with this action counts.
func buildFacts(ap store.Application, inst store.Institution, catalog []store.DataElement, els []store.Element,
	latest map[string]store.Document, files map[string]checkedFile, act Action, now time.Time, dwhReturned bool) workflow.Facts {
	has := func(kind string) bool {
		_, stored := latest[kind]
		_, uploaded := files[kind]
		return stored || uploaded
	}
	uploaded := func(kind string) bool { _, ok := files[kind]; return ok }
	byCode := map[string]store.DataElement{}
	for _, c := range catalog {
		byCode[c.Code] = c
	}
	f := workflow.Facts{
		Now:                 now,
		InstitutionName:     inst.Name,
		InstitutionType:     workflow.InstitutionType(inst.Type),
		InstitutionVerified: inst.Status == "verified",
		LegalDocuments: workflow.LegalDocuments{AktaPendirian: has(DocAktaPendirian), SKKemenkumham: has(DocSKKemenkumham),
			IzinUsaha: has(DocIzinUsaha), SuratDomisili: has(DocSuratDomisili)},
		Eligibility:      workflow.Eligibility{PublicServiceInRegion: ap.EligPublicService, NoVerticalRelation: ap.EligNoVertical},
		Purpose:          ap.Purpose,
		ReturnData:       ap.ReturnData,
		TermMonths:       deref(ap.TermMonths),
		HasRequestLetter: has(DocRequestLetter),

		Reason:        act.Reason,
		LetterNumber:  act.LetterNumber,
		Signatory:     act.Signatory,
		LetterDate:    act.LetterDate,
		HasLetterScan: uploaded(DocDirjenApproval) || uploaded(DocDirjenRejection),

		HasSignedPKS:            has(DocSignedPKS),
		KepalaDisdukcapilSigner: act.KepalaSigner,
		CounterpartySigner:      act.CounterpartySigner,

		HasUserIDRequestLetter:    has(DocUserIDRequest),
		IPAddresses:               cleanList(act.IPAddresses),
		HasClosedNetworkStatement: has(DocClosedNetwork),
		HasJuknisDocument:         has(DocSignedJuknis) || has(DocJuknisDraft),
		UserIDs:                   act.UserIDs,

		HasHandoverRecord:   true, // generated by the hand-over itself
		ReceiptAcknowledged: ap.ReceiptAcknowledgedAt != nil,
		HasReport:           uploaded(DocReport),

		Ground:       act.Ground,
		GroundMonths: act.GroundMonths,
		GroundText:   act.GroundText,
	}
	if f.Ground == "" && strings.TrimSpace(act.Reason) != "" {
		// A sanction form that states its ground only in words is an "other" ground.
		f.Ground, f.GroundText = workflow.GroundOther, act.Reason
	}
	if act.Event == workflow.Forward {
		f.LetterNumber = "(dibuat otomatis)" // issued after the guards pass
	}
	if act.Event == workflow.RequestUserID && dwhReturned {
		f.HasClosedNetworkStatement = uploaded(DocClosedNetwork)
	}
	for _, m := range ap.AccessMethods {
		f.AccessMethods = append(f.AccessMethods, workflow.AccessMethod(m))
	}
	for _, e := range els {
		c := byCode[e.Code]
		f.DataElements = append(f.DataElements, workflow.DataElement{Code: e.Code, Name: c.Name, Protected: c.Protected, Justification: e.Justification})
	}
	if len(act.Clauses) > 0 {
		f.Clauses = map[workflow.ClauseKey]string{}
		for _, c := range act.Clauses {
			if c.Key != "" {
				f.Clauses[c.Key] = c.Body
			}
		}
	}
	var juknis []string
	for _, s := range act.Juknis {
		juknis = append(juknis, s.Body)
	}
	f.Juknis = strings.TrimSpace(strings.Join(juknis, "\n"))
	if ap.PKSEnd != nil {
		// pks_end is the last valid day: the agreement ends at the start of the next
		// day in the tenant's time.
		f.PKSEndDate = time.Date(ap.PKSEnd.Year(), ap.PKSEnd.Month(), ap.PKSEnd.Day()+1, 0, 0, 0, 0, now.Location())
	}
	return f
}

// refusal turns a workflow refusal into an error the user can act on.
func refusal(err error, ap store.Application) error {
	var ge *workflow.GuardError
	switch {
	case errors.As(err, &ge):
		fields := map[string]string{}
		var lines []string
		for _, pr := range ge.Problems {
			if fields[pr.Field] == "" {
				fields[pr.Field] = pr.Message
			} else {
				fields[pr.Field] += " " + pr.Message
			}
			lines = append(lines, pr.Message)
		}
		if msg := fields["closed_network_statement"]; msg != "" && fields[DocClosedNetwork] == "" {
			fields[DocClosedNetwork] = msg // beside the upload control too
		}
		e := Invalid("Tindakan belum dapat dilakukan: "+strings.Join(lines, " "), fields)
		e.Err = err
		return e
	case errors.Is(err, workflow.ErrForbidden):
		return &Error{Code: CodeForbidden, Message: "Anda tidak berwenang melakukan tindakan ini pada tahap ini.", Err: err}
	case errors.Is(err, workflow.ErrInvalidTransition):
		return &Error{Code: CodeConflict, Message: movedOn(ap), Err: err}
	}
	return err
}

func movedOn(ap store.Application) string {
	return fmt.Sprintf("Permohonan %s sudah berpindah tahap (kini: %s), mungkin oleh pengguna lain. Tindakan Anda tidak dijalankan; muat ulang halaman untuk melihat keadaan terbaru.",
		ap.Number, workflow.State(ap.State).Label())
}

func cleanList(in []string) []string {
	out := []string{}
	for _, s := range in {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func deref(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}

func dateOnly(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// checkActingSignatory: a letter a.n. Bupati/Wali Kota signed by anyone but the
// Kepala Dinas is signed by an acting head (Plt. or Plh.), identified by NIP.
func checkActingSignatory(act Action, kepala string) error {
	if strings.TrimSpace(act.Signatory) == strings.TrimSpace(kepala) {
		return nil
	}
	fields := map[string]string{}
	if act.Acting != "Plt." && act.Acting != "Plh." {
		fields["signatory_acting"] = "Penanda tangan selain Kepala Dinas harus Plt. atau Plh. Kepala Dinas; pilih salah satu."
	}
	nip := strings.ReplaceAll(act.SignatoryNIP, " ", "")
	if len(nip) != 18 || strings.Trim(nip, "0123456789") != "" {
		fields["signatory_nip"] = "NIP penanda tangan terdiri atas 18 angka."
	}
	if len(fields) > 0 {
		return Invalid("Surat pengantar belum dapat dibuat: lengkapi data penanda tangan.", fields)
	}
	return nil
}
