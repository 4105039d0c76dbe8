package app

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/sla"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// Action is an event with its form as the user sent it. Fire reads Form through
// the event's field list (its action definition), so an edge that receives a form
// needs no per-event code.
type Action struct {
	Event workflow.Event
	// Version is the application version the actor saw. Users must send it (a
	// form without it is refused); only the system (RoleSystem) may leave it 0,
	// meaning "the current one".
	Version int
	// TenantID, when set, is the tenant the request addressed (the URL's): an
	// application of another tenant is "not found" even where the scope reaches it.
	TenantID int64
	Form     url.Values
	Files    map[string]Upload // kind → uploaded file
}

// fireCtx is one transition in progress: what was loaded for the guards, the
// input, and what the action records. Action definitions read and write it.
type fireCtx struct {
	a   *App
	ctx context.Context // the transaction's
	tx  pgx.Tx
	p   Principal
	def *actionDef

	ap      store.Application
	t       Tenant
	inst    Institution
	catalog Catalog
	els     []RequestedElement // with their catalogue entries
	latest  map[string]store.Document
	files   map[string]checkedFile
	in      Input
	now     time.Time
	loc     *time.Location

	ids    identities    // the documents' own numbers and the signing on record
	events []store.Event // the history before this transition

	from, to workflow.State
	facts    workflow.Facts   // what the guards passed, for the effects
	stored   map[string]int64 // the uploads of this action, by kind, once stored
	details  map[string]any
	docIDs   []int64
	letters  []pendingLetter // issued last (issueLetters)
}

// latestUpload is the document stored for this action's upload of kind.
func (c *fireCtx) latestUpload(kind string) (int64, bool) { id, ok := c.stored[kind]; return id, ok }

// uploaded reports whether a file of kind came with this action.
func (c *fireCtx) uploaded(kind string) bool { _, ok := c.files[kind]; return ok }

// has reports whether a file of kind is stored or came with this action.
func (c *fireCtx) has(kind string) bool {
	_, stored := c.latest[kind]
	return stored || c.uploaded(kind)
}

// record keeps a history detail; the key must be one the action declares.
func (c *fireCtx) record(key string, value any) {
	for _, h := range c.def.History {
		if h.Key == key {
			c.details[key] = value
			return
		}
	}
	panic(fmt.Sprintf("app: action %s records undeclared history detail %q", c.def.Event, key))
}

// recordReason keeps the reason typed into the form, if any.
func (c *fireCtx) recordReason() {
	if r := c.in.Text("reason"); r != "" {
		c.record("reason", r)
	}
}

// Fire performs one transition for p: it authorises, checks the guards against the
// stored application and the payload, stores uploads and generated documents,
// moves the state with compare-and-set, appends the history entry and refreshes the
// SLA cache — all in one transaction. On any refusal nothing changes.
//
// Files that passed their check survive a refusal for invalid input: they are
// kept as the user's pending uploads and used by the next attempt
// (pending_uploads.go).
func (a *App) Fire(ctx context.Context, p Principal, appID int64, act Action) error {
	def, ok := actions[act.Event]
	if !ok {
		return NotFound("Tindakan")
	}
	files := map[string]checkedFile{}
	fields := map[string]string{}
	for _, u := range def.Uploads {
		up, ok := act.Files[u.Kind]
		if !ok || len(up.Content) == 0 {
			continue
		}
		f, msg := checkUpload(u.Kind, up, a.maxUpload(), u.PDFOnly)
		if msg != "" {
			fields[u.Kind] = msg
			continue
		}
		files[u.Kind] = f
	}
	if err := a.fireChecked(ctx, p, appID, act, def, files, fields); err != nil {
		return a.keepRefused(ctx, p, appID, files, err)
	}
	a.Metrics.Transition(string(act.Event))
	return nil
}

// fireChecked is Fire once the uploads are checked (fields holds the messages
// of those that failed).
func (a *App) fireChecked(ctx context.Context, p Principal, appID int64, act Action, def *actionDef, files map[string]checkedFile, fields map[string]string) error {
	in, bad := def.read(act.Form)
	if len(bad) > 0 {
		return Invalid("Formulir belum sesuai. Periksa isian yang ditandai.", bad)
	}
	if len(fields) > 0 {
		return Invalid("Berkas yang diunggah belum sesuai.", fields)
	}
	if p.Role != workflow.RoleSystem && act.Version <= 0 {
		// Without the version the user saw, a stale form would act on whatever the
		// application has become since; only the system acts on "the current one".
		return Invalid("Formulir tidak lengkap; muat ulang halaman.", nil)
	}
	if fields := def.limits(in); len(fields) > 0 {
		return Invalid("Isian terlalu panjang atau terlalu banyak. Periksa isian yang ditandai.", fields)
	}
	now := a.Clock.Now()
	return a.DB.Tx(ctx, scope(p), func(tx pgx.Tx) error {
		c := &fireCtx{a: a, ctx: ctx, tx: tx, p: p, def: def, files: files, in: in, now: now, details: map[string]any{}}
		return c.fire(appID, act)
	})
}

// latestRowsOf is the newest stored document of each kind (what
// store.LatestDocuments reads) among an application's documents.
func latestRowsOf(docs []store.Document) map[string]store.Document {
	out := map[string]store.Document{}
	for _, doc := range docs {
		if cur, ok := out[doc.Kind]; !ok || doc.Version > cur.Version {
			out[doc.Kind] = doc
		}
	}
	return out
}

// load reads what the guards and the effects need of the application; a
// version in act must be the application's. The application with its
// documents, history, identities and User IDs comes in one statement (the
// page's read, store.ApplicationDetail); the tenant is read in this
// transaction, so a letter never carries a template older than it.
func (c *fireCtx) load(appID int64, act Action) error {
	ctx, tx := c.ctx, c.tx
	rows, err := store.ApplicationDetail(ctx, tx, scope(c.p), appID, store.DetailOptions{})
	if err != nil {
		return mapStoreErr(err, "Permohonan")
	}
	c.ap = rows.App
	ap := c.ap
	if act.TenantID != 0 && act.TenantID != ap.TenantID {
		return NotFound("Permohonan")
	}
	if act.Version != 0 && act.Version != ap.Version {
		return Conflict(movedOn(ap))
	}
	if c.t, err = tenantByID(ctx, tx, ap.TenantID); err != nil {
		return err
	}
	c.inst, c.catalog, c.events = institutionOf(rows.Institution), catalogOf(rows.Catalog), rows.Events
	c.els = c.catalog.requested(rows.Elements)
	c.latest = latestRowsOf(rows.Documents)
	c.loc = c.t.Location()
	c.ids = identitiesOf(rows)
	c.ids.lambang, err = store.LambangDaerah(ctx, tx, ap.TenantID)
	return err
}

func (c *fireCtx) fire(appID int64, act Action) error {
	ctx, tx := c.ctx, c.tx
	if err := c.load(appID, act); err != nil {
		return err
	}
	ap := c.ap
	var err error
	if c.files, err = c.a.usePending(ctx, tx, c.p, ap.TenantID, ap.ID, c.def.uploadKinds(), c.files); err != nil {
		return err
	}
	if c.def.prepare != nil {
		if err := c.def.prepare(c); err != nil {
			return err
		}
	}
	facts := c.baseFacts()
	c.identityFacts(&facts)
	if c.def.facts != nil {
		if err := c.def.facts(c, &facts); err != nil {
			return err
		}
	}
	c.from = ap.State
	if c.to, err = workflow.Fire(c.from, c.def.Event, c.p.Role, facts); err != nil {
		var ge *workflow.GuardError
		if c.def.refine != nil && errors.As(err, &ge) {
			c.def.refine(c, ge)
		}
		return refusal(err, ap)
	}
	c.facts = facts

	// Compare-and-set first: a loser of a race stops here, before it touches
	// letter numbers or generates anything.
	ch := store.Change{ID: ap.ID, TenantID: ap.TenantID, From: string(c.from), To: string(c.to), Version: ap.Version, At: c.now}
	if c.def.change != nil {
		c.def.change(c, &ch)
	}
	if _, err := store.Transition(ctx, tx, ch); err != nil {
		if errors.Is(err, store.ErrConflict) {
			return Conflict(movedOn(ap))
		}
		return err
	}
	c.stored = map[string]int64{}
	for kind, f := range c.files {
		doc, err := c.a.storeFile(ctx, tx, c.p, ap.ID, f, c.now)
		if err != nil {
			return err
		}
		c.docIDs = append(c.docIDs, doc.ID)
		c.stored[kind] = doc.ID
	}
	if c.def.effect != nil {
		if err := c.def.effect(c); err != nil {
			return err
		}
	}

	// The SLA cache, the notifications and the webhook event need only the new
	// state: they are written before the letter numbers, which come last
	// (issueLetters).
	from := string(c.from)
	// The history entry is stored at microseconds in UTC (store.AppendEvent).
	entry := slaEntry(string(c.def.Event), &from, string(c.to), c.now.UTC().Truncate(time.Microsecond))
	if err := refreshSLA(ctx, tx, c.t, ap.ID, c.events, entry); err != nil {
		return err
	}
	reason, _ := c.details["reason"].(string) // the reason the history entry will keep
	if err := c.a.notifyTransition(ctx, tx, ap, c.t, c.inst, c.def, c.to, c.p, c.now, reason); err != nil {
		return err
	}
	if err := c.a.queueWebhook(ctx, tx, ap, c.t, c.def.Event, c.from, c.to, c.now); err != nil {
		return err
	}
	if err := c.issueLetters(); err != nil {
		return err
	}
	actorID := &c.p.UserID
	if c.p.UserID == 0 {
		actorID = nil
	}
	// The chain's head as load read it: the compare-and-set above proves no
	// other transition appended since.
	var last *store.Event
	if len(c.events) > 0 {
		last = &c.events[len(c.events)-1]
	}
	_, err = store.AppendEventAfter(ctx, tx, store.NewEvent{
		TenantID: ap.TenantID, ApplicationID: ap.ID, Event: string(c.def.Event), From: string(c.from), To: string(c.to),
		ActorID: actorID, ActorRole: string(c.p.Role), ActorName: c.p.Name, At: c.now, Data: c.details, DocumentIDs: c.docIDs,
	}, last)
	return err
}

// refreshSLA recomputes the cached due instant of the running clock from the
// history and the calendar (the source of truth): events is the history read
// in this transaction, pending the entry the transaction is about to append.
func refreshSLA(ctx context.Context, tx pgx.Tx, t Tenant, appID int64, events []store.Event, pending sla.Entry) error {
	cal, err := calendarFor(ctx, tx, t)
	if err != nil {
		return err
	}
	entries := append(slaEntries(events), pending)
	due, kind, ok := sla.DueAt(entries, cal, t.SLATargetDays)
	if !ok {
		return store.SetSLA(ctx, tx, t.ID, appID, nil, nil)
	}
	k := string(kind)
	return store.SetSLA(ctx, tx, t.ID, appID, &k, &due)
}

// baseFacts gathers what the guards check of the stored application; each action
// adds the facts of its own input (actionDef.facts).
func (c *fireCtx) baseFacts() workflow.Facts {
	ap, inst := c.ap, c.inst
	f := workflow.Facts{
		Now:                 c.now.In(c.loc),
		InstitutionName:     inst.Name,
		InstitutionType:     inst.Type,
		InstitutionVerified: inst.Status == InstitutionVerified,
		LegalDocuments: workflow.LegalDocuments{AktaPendirian: c.has(DocAktaPendirian), SKKemenkumham: c.has(DocSKKemenkumham),
			IzinUsaha: c.has(DocIzinUsaha), SuratDomisili: c.has(DocSuratDomisili)},
		Purpose:          ap.Purpose,
		ReturnData:       ap.ReturnData,
		TermMonths:       deref(ap.TermMonths),
		HasRequestLetter: c.has(DocRequestLetter),

		HasSignedPKS:              c.has(DocSignedPKS),
		HasUserIDRequestLetter:    c.has(DocUserIDRequest),
		HasClosedNetworkStatement: c.has(DocClosedNetwork),
		ReceiptAcknowledged:       ap.ReceiptAcknowledgedAt != nil,
	}
	for _, m := range ap.AccessMethods {
		f.AccessMethods = append(f.AccessMethods, workflow.AccessMethod(m))
	}
	for _, e := range c.els {
		f.DataElements = append(f.DataElements, e.fact())
	}
	if ap.PKSEnd != nil {
		// pks_end is the last valid day: the agreement ends at the start of the next
		// day in the tenant's time.
		f.PKSEndDate = time.Date(ap.PKSEnd.Year(), ap.PKSEnd.Month(), ap.PKSEnd.Day()+1, 0, 0, 0, 0, c.loc)
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
		ap.Number, ap.State.Label())
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
