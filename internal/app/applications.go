package app

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/calendar"
	"github.com/hakakses/hakakses/internal/sla"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// scope is where p's reads and writes of applications run: a lembaga is narrowed
// to its own institution, so row-level security hides every other one.
func scope(p Principal) store.Scope {
	if p.Role == workflow.RoleLembaga {
		s := store.InstitutionScope(p.TenantID, p.InstitutionID)
		s.UserID, s.Role = p.UserID, string(p.Role)
		return s
	}
	return p.Scope()
}

// DraftInput is the lembaga's form for items 2b–2f, with uploads.
type DraftInput struct {
	Purpose           string
	AccessMethods     []string
	ReturnData        string
	TermMonths        string
	Elements          map[string]string // element code → justification
	EligPublicService bool
	EligNoVertical    bool
	Files             map[string]Upload // kind → file (request letter, legal documents)
	// FileProblems are the messages of files the transport already refused (over
	// the size limit): the save is refused with them, and the other files kept.
	FileProblems map[string]string

	// The lembaga's own request letter (item 1) and, for a badan hukum, its
	// eligibility statement and the supervising authority's recommendation
	// (item 11b): numbers as on the paper, dates as YYYY-MM-DD.
	RequestLetterNumber  string
	RequestLetterDate    string
	StatementNumber      string
	StatementDate        string
	RecommendationNumber string
	RecommendationDate   string
	RecommendedBy        string
}

var draftUploadKinds = []string{DocRequestLetter, DocAktaPendirian, DocSKKemenkumham, DocIzinUsaha, DocSuratDomisili,
	DocEligibility, DocRecommendation}

// CreateDraft starts a new application for p's institution. With renewalOf set, the
// draft is pre-filled from that application and linked to it: a renewal of an
// expired PKS or of an active one from three months before its end
// (workflow.RenewalOffered), or a copy-as-new of a rejected or withdrawn request.
func (a *App) CreateDraft(ctx context.Context, p Principal, renewalOf int64) (int64, error) {
	if p.Role != workflow.RoleLembaga {
		return 0, Forbidden("Hanya lembaga pengguna yang dapat membuat permohonan.")
	}
	now := a.Clock.Now()
	var id int64
	err := a.DB.Tx(ctx, scope(p), func(tx pgx.Tx) error {
		t, err := tenantByID(ctx, tx, p.TenantID)
		if err != nil {
			return err
		}
		na := store.NewApplication{TenantID: p.TenantID, InstitutionID: p.InstitutionID, CreatedBy: p.UserID, TrackingCode: newTrackingCode()}
		var oldElements []store.Element
		var copyOf int64
		if renewalOf > 0 {
			old, err := store.ApplicationByID(ctx, tx, scope(p), renewalOf)
			if errors.Is(err, store.ErrNotFound) {
				return NotFound("Permohonan yang akan diperpanjang")
			}
			if err != nil {
				return err
			}
			oldState := workflow.State(old.State)
			var lastDay time.Time
			if old.PKSEnd != nil {
				lastDay = time.Date(old.PKSEnd.Year(), old.PKSEnd.Month(), old.PKSEnd.Day(), 0, 0, 0, 0, t.Location())
			}
			switch {
			case workflow.CanCopy(oldState):
				copyOf = old.ID
			case oldState == workflow.Active && !lastDay.IsZero() && !workflow.RenewalOffered(oldState, lastDay, now):
				return Invalid("Perpanjangan dapat diajukan mulai "+tanggalID(workflow.RenewalOpens(lastDay))+
					", tiga bulan sebelum PKS berakhir.", nil)
			case !workflow.CanRenew(oldState):
				return Invalid("Hanya perjanjian yang aktif atau telah berakhir yang dapat diperpanjang, dan hanya permohonan yang ditolak atau dibatalkan yang dapat disalin.", nil)
			default:
				na.RenewalOf = &old.ID
			}
			na.Draft = store.Draft{Purpose: old.Purpose, AccessMethods: old.AccessMethods, ReturnData: old.ReturnData,
				TermMonths: old.TermMonths, EligPublicService: old.EligPublicService, EligNoVertical: old.EligNoVertical}
			if oldElements, err = store.Elements(ctx, tx, p.TenantID, old.ID); err != nil {
				return err
			}
		}
		// The number carries the region code and year; the sequence is the row ID,
		// unique across the platform, so no counter is needed for it.
		na.Number = "pending-" + na.TrackingCode
		if id, err = store.CreateApplication(ctx, tx, na, now); err != nil {
			return err
		}
		number := fmt.Sprintf("HA-%s-%d-%06d", strings.ReplaceAll(t.Code, ".", ""), now.In(t.Location()).Year(), id)
		if err := store.SetApplicationNumber(ctx, tx, p.TenantID, id, number); err != nil {
			return err
		}
		if len(oldElements) > 0 {
			if err := store.SetElements(ctx, tx, p.TenantID, id, oldElements); err != nil {
				return err
			}
		}
		if copyOf > 0 {
			if err := store.SetCopyOf(ctx, tx, p.TenantID, id, copyOf); err != nil {
				return err
			}
		}
		_, err = store.AppendEvent(ctx, tx, store.NewEvent{
			TenantID: p.TenantID, ApplicationID: id, Event: eventCreate, To: string(workflow.Draft),
			ActorID: &p.UserID, ActorRole: string(p.Role), ActorName: p.Name, At: now,
			Data: createData(renewalOf, copyOf),
		})
		return err
	})
	return id, mapStoreErr(err, "Permohonan")
}

// createData is the history detail of a new draft: what it renews or copies.
func createData(renewalOf, copyOf int64) map[string]any {
	if copyOf > 0 {
		return map[string]any{"copy_of": copyOf}
	}
	return map[string]any{"renewal_of": renewalOf}
}

// SaveDraft stores the lembaga's edits of a draft (or a returned application) and
// any files sent with it. Only shape is checked here; completeness is the submit
// guard's job, so a half-filled draft can be saved.
func (a *App) SaveDraft(ctx context.Context, p Principal, id int64, version int, in DraftInput) error {
	if p.Role != workflow.RoleLembaga {
		return Forbidden("")
	}
	fields := map[string]string{}
	var term *int
	if s := strings.TrimSpace(in.TermMonths); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < workflow.MinTermMonths || n > workflow.MaxTermMonths {
			fields["term_months"] = fmt.Sprintf("Jangka waktu diisi angka bulan, %d sampai %d.", workflow.MinTermMonths, workflow.MaxTermMonths)
		} else {
			term = &n
		}
	}
	for _, m := range in.AccessMethods {
		if _, ok := workflow.ValidAccessMethod(m); !ok {
			fields["access_methods"] = "Metode akses tidak dikenal."
		}
	}
	limits := form(fields)
	limits.max("purpose", strings.TrimSpace(in.Purpose), maxPurposeLen)
	limits.max("return_data", strings.TrimSpace(in.ReturnData), maxReturnDataLen)
	for code, just := range in.Elements {
		limits.max("data_elements."+code+".justification", strings.TrimSpace(just), maxJustificationLen)
	}
	identity := requestIdentity(in, limits)
	files, problems := a.checkDraftFiles(in)
	for k, msg := range problems {
		fields[k] = msg
	}
	if len(fields) > 0 {
		return a.keepRefused(ctx, p, id, files, Invalid("Draf belum dapat disimpan. Periksa isian yang ditandai.", fields))
	}
	now := a.Clock.Now()
	err := a.DB.Tx(ctx, scope(p), func(tx pgx.Tx) error {
		catalog, err := store.DataElements(ctx, tx)
		if err != nil {
			return err
		}
		var els []store.Element
		for _, de := range catalog {
			if just, ok := in.Elements[de.Code]; ok {
				if !de.Protected {
					just = ""
				}
				els = append(els, store.Element{Code: de.Code, Justification: strings.TrimSpace(just)})
			}
		}
		if len(els) != len(in.Elements) {
			return Invalid("Draf belum dapat disimpan.", map[string]string{"data_elements": "Ada elemen data yang tidak dikenal."})
		}
		d := store.Draft{Purpose: strings.TrimSpace(in.Purpose), AccessMethods: in.AccessMethods, ReturnData: strings.TrimSpace(in.ReturnData),
			TermMonths: term, EligPublicService: in.EligPublicService, EligNoVertical: in.EligNoVertical}
		if err := store.UpdateDraft(ctx, tx, p.TenantID, id, version, d, now); err != nil {
			return err
		}
		if err := store.SetElements(ctx, tx, p.TenantID, id, els); err != nil {
			return err
		}
		// UpdateDraft bumped the version this transaction now holds.
		if err := store.SetRequestIdentity(ctx, tx, p.TenantID, id, version+1, identity); err != nil {
			return err
		}
		// Files kept from a refused save count as chosen now, unless replaced.
		all, err := a.usePending(ctx, tx, p, p.TenantID, id, draftUploadKinds, files)
		if err != nil {
			return err
		}
		for _, kind := range draftUploadKinds {
			if f, ok := all[kind]; ok {
				if _, err := a.storeFile(ctx, tx, p, id, f, now); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if errors.Is(err, store.ErrConflict) {
		return Conflict("Draf ini sudah berubah atau sudah diajukan. Muat ulang halaman, lalu simpan kembali perubahan Anda.")
	}
	return a.keepRefused(ctx, p, id, files, mapStoreErr(err, "Permohonan"))
}

// checkDraftFiles checks the draft form's files: the request letter must be a
// PDF, the badan hukum papers may be scans. It returns those that pass and a
// message for each that does not (or that the transport already refused).
func (a *App) checkDraftFiles(in DraftInput) (map[string]checkedFile, map[string]string) {
	files, problems := map[string]checkedFile{}, map[string]string{}
	for _, kind := range draftUploadKinds {
		if msg := in.FileProblems[kind]; msg != "" {
			problems[kind] = msg
			continue
		}
		if u, ok := in.Files[kind]; ok && len(u.Content) > 0 {
			f, msg := checkUpload(kind, u, a.maxUpload(), kind == DocRequestLetter)
			if msg != "" {
				problems[kind] = msg
				continue
			}
			files[kind] = f
		}
	}
	return files, problems
}

func (a *App) storeFile(ctx context.Context, tx pgx.Tx, p Principal, appID int64, f checkedFile, now time.Time) (store.Document, error) {
	var by *int64
	if p.UserID != 0 {
		by = &p.UserID
	}
	tenantID := p.TenantID
	if tenantID == 0 { // the Dirjen acts across tenants: the application says which
		var err error
		if tenantID, err = store.ApplicationTenant(ctx, tx, appID); err != nil {
			return store.Document{}, err
		}
	}
	return a.documents().Put(ctx, tx, store.NewDocument{TenantID: tenantID, ApplicationID: appID, Kind: f.Kind,
		Filename: f.Filename, ContentType: f.ContentType, SHA256: f.SHA256, Content: f.Content, CreatedBy: by}, now)
}

func (a *App) maxUpload() int64 {
	if a.MaxUploadBytes > 0 {
		return a.MaxUploadBytes
	}
	return 10 << 20
}

// Detail is everything an application's page shows, loaded in one read
// transaction with a fixed number of queries.
type Detail struct {
	App          Application
	State        workflow.State    // App.State
	row          store.Application // what the app's own loaders and letters read
	Tenant       Tenant
	Institution  Institution
	Catalog      Catalog
	Elements     []RequestedElement // item 2c, with their catalogue entries
	Documents    []Document
	Latest       map[string]Document // the newest of each kind
	Events       []Event
	events       []store.Event      // as stored, for the SLA, stages and reports
	History      []HistoryEntry     // newest first
	UserIDs      []IssuedUserID     // the lembaga's; the office's data balikan ID is DataBalikanUser
	Agreements   []AgreementVersion // newest first
	TrackingCode string
	Clocks       []sla.Clock
	Waiting      map[workflow.Party]float64
	Available    []workflow.Event
	Timeline     []workflow.StepStatus
	Stages       []workflow.StageStatus // progress as the real stages, with the date each finished
	MissingYears []int
	// What the paper carries (issue 8): the documents' own numbers and dates,
	// the signing record, and the two kinds of User ID.
	Papers          Papers
	Signing         *Signing      // nil until signed
	DataBalikanUser *IssuedUserID // the Disdukcapil's own; not shown to the lembaga
	HeadNIP         string        // NIP of the institution's head (a perangkat daerah's)
	Reports         *ReportStatus // semester reports, once the PKS is signed
	Calendar        *calendar.Calendar
	Now             time.Time
	After           AfterSigningDetail // negotiation, notes, reports, sanctions, addenda, data balikan
}

// Application loads an application for p; one outside p's reach is "not found".
func (a *App) Application(ctx context.Context, p Principal, id int64) (*Detail, error) {
	d := &Detail{Now: a.Clock.Now()}
	err := a.DB.ReadTx(ctx, scope(p), func(tx pgx.Tx) error {
		// One statement for the application and every list its page shows
		// (store.ApplicationDetail); the tenant and its calendar are reused.
		rows, err := store.ApplicationDetail(ctx, tx, scope(p), id,
			store.DetailOptions{TrackingCode: p.Role != workflow.RoleDirjen, StaffNotes: isStaff(p.Role)})
		if err != nil {
			return err
		}
		d.row = rows.App
		d.App = applicationOf(d.row)
		if d.Tenant, d.Calendar, err = a.cachedTenantCalendar(ctx, tx, d.App.TenantID); err != nil {
			return err
		}
		d.Institution, d.Catalog = institutionOf(rows.Institution), catalogOf(rows.Catalog)
		d.Elements = d.Catalog.requested(rows.Elements)
		d.Documents = documentsOf(rows.Documents)
		d.Latest = latestOf(d.Documents)
		d.events = rows.Events
		d.Events = eventsOf(d.events)
		d.Agreements = agreementVersionsOf(rows.Agreements)
		ids := identitiesOf(rows)
		d.Papers, d.HeadNIP = papersOf(ids.ids), ids.headNIP
		for _, u := range ids.userIDs {
			d.UserIDs = append(d.UserIDs, issuedUserIDOf(u))
		}
		if ids.signed {
			d.Signing = signingOf(ids.signing)
		}
		if p.Role != workflow.RoleLembaga && ids.dataBalikan != nil {
			u := issuedUserIDOf(*ids.dataBalikan)
			d.DataBalikanUser = &u
		}
		d.TrackingCode = rows.TrackingCode
		d.After = afterSigningOf(rows, isStaff(p.Role))
		return nil
	})
	if err != nil {
		return nil, mapStoreErr(err, "Permohonan")
	}
	state := d.App.State
	d.State = state
	d.History = historyOf(d.events)
	entries := slaEntries(d.events)
	d.Clocks = sla.Clocks(entries, d.Calendar, d.Tenant.SLATargetDays, d.Now)
	d.Waiting = sla.Waiting(entries, d.Calendar, d.Now)
	d.Available = workflow.Available(state, p.Role)
	if d.App.ReceiptAcknowledgedAt != nil { // a one-time event: do not offer it again
		d.Available = slices.DeleteFunc(d.Available, func(e workflow.Event) bool { return e == workflow.AcknowledgeReceipt })
	}
	reached := make([]workflow.State, 0, len(d.Events))
	for _, e := range d.Events {
		reached = append(reached, e.To)
	}
	d.Timeline = workflow.Timeline(state, reached)
	d.Stages = workflow.StageProgress(state, reachedAt(d.events, d.Tenant.Location()))
	if rs, ok := reportStatus(d.row, d.events, d.Now); ok {
		d.Reports = &rs
	}
	if len(d.Events) > 0 {
		if c, ok := sla.Current(d.Clocks); ok {
			d.MissingYears = d.Calendar.MissingYears(c.Started, c.Due)
		}
	}
	return d, nil
}

// slaEntries turns stored history into the SLA package's input; the creating
// entry (empty event) lets draft time count as waiting on the lembaga.
func slaEntries(events []store.Event) []sla.Entry {
	out := make([]sla.Entry, 0, len(events))
	for _, e := range events {
		out = append(out, slaEntry(e.Event, e.From, e.To, e.At))
	}
	return out
}

func slaEntry(event string, from *string, to string, at time.Time) sla.Entry {
	en := sla.Entry{Event: workflow.Event(event), To: workflow.State(to), At: at}
	if event == eventCreate {
		en.Event = ""
	}
	if from != nil {
		en.From = workflow.State(*from)
	}
	return en
}

// Document returns a stored document's bytes for p, if p may see the application.
func (a *App) Document(ctx context.Context, p Principal, appID, docID int64) (Document, []byte, error) {
	var doc store.Document
	var content []byte
	var tenantID int64
	err := a.DB.ReadTx(ctx, scope(p), func(tx pgx.Tx) error {
		ap, err := store.ApplicationByID(ctx, tx, scope(p), appID)
		if err != nil {
			return err
		}
		tenantID = ap.TenantID
		doc, content, err = a.documents().Get(ctx, tx, appID, docID)
		return err
	})
	if err == nil {
		// Every download is on the audit trail of the application's tenant.
		err = a.auditAlone(ctx, auditEntry{tenantID: &tenantID, actor: &p, event: AuditDocumentDownload,
			subject: "dokumen:" + strconv.FormatInt(docID, 10), data: map[string]any{"application": appID}})
	}
	return documentOf(doc), content, mapStoreErr(err, "Dokumen")
}

// onConflict answers a write the store refused as a conflict (a unique key, a
// stale version) with answer; any other error passes unchanged.
func onConflict(err, answer error) error {
	if errors.Is(err, store.ErrConflict) {
		return answer
	}
	return err
}

func mapStoreErr(err error, what string) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, store.ErrNotFound):
		return NotFound(what)
	case errors.Is(err, store.ErrConflict):
		return Conflict(what + " sudah berubah. Muat ulang halaman untuk melihat keadaan terbaru.")
	}
	return err
}

// newTrackingCode is 10 characters from an alphabet without look-alikes (no 0/O,
// 1/I/L), ~50 bits: enough that guessing one for a known number is hopeless.
func newTrackingCode() string {
	const alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
	b := make([]byte, 10)
	rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b[:5]) + "-" + string(b[5:])
}
