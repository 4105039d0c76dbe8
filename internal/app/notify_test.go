package app_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

type noteRow struct {
	UserID   int64
	TenantID *int64
	Title    string
	Body     string
	Link     string
}

type mailRow struct {
	ID       int64
	To       string
	Subject  string
	Body     string
	Attempts int
	Sent     bool
	Delivery *string
	Error    *string
	Failed   bool
	Next     time.Time
}

// notes lists every notification of an application, by recipient.
func (f *fixture) notes(appID int64) []noteRow {
	f.t.Helper()
	var out []noteRow
	err := f.db.ReadTx(f.ctx, store.System(), func(tx pgx.Tx) error {
		rows, err := tx.Query(f.ctx, `SELECT user_id, tenant_id, title, body, link FROM notifications
			WHERE application_id = $1 ORDER BY user_id, id`, appID)
		if err != nil {
			return err
		}
		out, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (noteRow, error) {
			var n noteRow
			return n, r.Scan(&n.UserID, &n.TenantID, &n.Title, &n.Body, &n.Link)
		})
		return err
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return out
}

// mails lists the whole outbox, oldest first.
func (f *fixture) mails() []mailRow {
	f.t.Helper()
	var out []mailRow
	err := f.db.ReadTx(f.ctx, store.System(), func(tx pgx.Tx) error {
		rows, err := tx.Query(f.ctx, `SELECT id, to_address, subject, body, attempts, sent_at IS NOT NULL, delivery, last_error,
			failed_at IS NOT NULL, next_attempt_at FROM outbox ORDER BY id`)
		if err != nil {
			return err
		}
		out, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (mailRow, error) {
			var m mailRow
			return m, r.Scan(&m.ID, &m.To, &m.Subject, &m.Body, &m.Attempts, &m.Sent, &m.Delivery, &m.Error, &m.Failed, &m.Next)
		})
		return err
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return out
}

func (f *fixture) number(id int64) string {
	f.t.Helper()
	d, err := f.app.Application(f.ctx, f.petugas, id)
	if err != nil {
		f.t.Fatal(err)
	}
	return d.App.Number
}

func recipients(notes []noteRow) []int64 {
	var ids []int64
	for _, n := range notes {
		ids = append(ids, n.UserID)
	}
	return ids
}

func addresses(mails []mailRow) []string {
	var to []string
	for _, m := range mails {
		to = append(to, m.To)
	}
	slices.Sort(to)
	return to
}

func TestSubmitNotifiesPetugasAndKepalaButNotTheLembagaActor(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id := f.completeDraft()
	f.fire(f.lembaga, id, app.Action{Event: workflow.Submit})
	number := f.number(id)

	notes := f.notes(id)
	want := []int64{f.petugas.UserID, f.kepala.UserID}
	slices.Sort(want)
	if got := recipients(notes); !slices.Equal(got, want) {
		t.Fatalf("notified users %v, want petugas and kepala %v", got, want)
	}
	for _, n := range notes {
		if !strings.Contains(n.Title, number) || !strings.Contains(n.Body, "Dinas Kesehatan") ||
			!strings.Contains(n.Body, "Langkah berikutnya: periksa kelengkapan") {
			t.Errorf("message does not name the application, institution and next step: %q / %q", n.Title, n.Body)
		}
		if n.Link != fmt.Sprintf("/oki/kantor/permohonan/%d", id) {
			t.Errorf("link = %q", n.Link)
		}
		if n.TenantID == nil || *n.TenantID != f.petugas.TenantID {
			t.Errorf("tenant of a staff notification = %v", n.TenantID)
		}
	}
	mails := f.mails()
	if got, want := addresses(mails), []string{f.kepala.Email, f.petugas.Email}; !slices.Equal(got, want) {
		t.Fatalf("e-mails to %v, want %v", got, want)
	}
	for _, m := range mails {
		if m.Sent || m.Attempts != 0 || !strings.HasPrefix(m.Subject, "[Hak Akses] Permohonan diajukan: "+number) {
			t.Errorf("outbox row = %+v", m)
		}
		if !strings.Contains(m.Body, "Yth. ") || !strings.Contains(m.Body, fmt.Sprintf("/oki/kantor/permohonan/%d", id)) {
			t.Errorf("e-mail body = %q", m.Body)
		}
	}

	// Each user sees only their own, through row-level security as well as the query.
	page, err := f.app.Notifications(f.ctx, f.petugas, 1)
	if err != nil || len(page.Items) != 1 || page.Items[0].Read || page.HasNext {
		t.Fatalf("petugas page = %+v, %v", page, err)
	}
	if n, _ := f.app.UnreadNotifications(f.ctx, f.lembaga); n != 0 {
		t.Errorf("the lembaga actor has %d unread notifications", n)
	}
	var visible int
	err = f.db.ReadTx(f.ctx, f.petugas.Scope(), func(tx pgx.Tx) error {
		return tx.QueryRow(f.ctx, `SELECT count(*) FROM notifications`).Scan(&visible)
	})
	if err != nil || visible != 1 {
		t.Errorf("the petugas's scope sees %d notifications (%v), want only its own 1", visible, err)
	}
	if _, err := f.app.MarkNotificationRead(f.ctx, f.lembaga, page.Items[0].ID); app.ErrorCode(err) != app.CodeNotFound {
		t.Errorf("lembaga marking the petugas's notification: %v, want not found", err)
	}
	link, err := f.app.MarkNotificationRead(f.ctx, f.petugas, page.Items[0].ID)
	if err != nil || link != fmt.Sprintf("/oki/kantor/permohonan/%d", id) {
		t.Fatalf("mark read: %q, %v", link, err)
	}
	if n, _ := f.app.UnreadNotifications(f.ctx, f.petugas); n != 0 {
		t.Errorf("after reading, %d unread", n)
	}
	if n, _ := f.app.MarkAllNotificationsRead(f.ctx, f.kepala); n != 1 {
		t.Errorf("mark all read marked %d, want 1", n)
	}
}

func TestForwardNotifiesTheDirjenAndTheLembaga(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id := f.completeDraft()
	f.fire(f.lembaga, id, app.Action{Event: workflow.Submit})
	before := len(f.notes(id))
	f.fire(f.petugas, id, app.Action{Event: workflow.Forward})

	notes := f.notes(id)
	var forwarded []noteRow
	for _, n := range notes {
		if strings.HasPrefix(n.Title, "Permohonan diteruskan") {
			forwarded = append(forwarded, n)
		}
	}
	if len(notes)-before != len(forwarded) {
		t.Fatalf("notifications %+v", notes)
	}
	byUser := map[int64]noteRow{}
	for _, n := range forwarded {
		byUser[n.UserID] = n
	}
	if len(byUser) != 2 {
		t.Fatalf("forward notified %v, want the Dirjen and the lembaga", recipients(forwarded))
	}
	dj, ok := byUser[f.dirjen.UserID]
	if !ok || dj.TenantID != nil || dj.Link != fmt.Sprintf("/dirjen/permohonan/%d", id) ||
		!strings.Contains(dj.Body, "Ogan Komering Ilir") || !strings.Contains(dj.Body, "setujui atau tolak") {
		t.Errorf("Dirjen notification = %+v", dj)
	}
	lb, ok := byUser[f.lembaga.UserID]
	if !ok || lb.Link != fmt.Sprintf("/oki/lembaga/permohonan/%d", id) || !strings.Contains(lb.Body, "tunggu keputusan") {
		t.Errorf("lembaga notification = %+v", lb)
	}
	if _, ok := byUser[f.petugas.UserID]; ok {
		t.Error("the petugas who forwarded was notified of it")
	}
	if !slices.Contains(addresses(f.mails()), f.dirjen.Email) {
		t.Error("no e-mail to the Dirjen liaison")
	}
	page, err := f.app.Notifications(f.ctx, f.dirjen, 1)
	if err != nil || len(page.Items) != 1 {
		t.Fatalf("Dirjen's list = %+v, %v", page, err)
	}
}

func TestReturnTellsTheLembagaWhy(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id := f.completeDraft()
	f.fire(f.lembaga, id, app.Action{Event: workflow.Submit})
	f.fire(f.petugas, id, app.Action{Event: workflow.Return, Form: form("reason", "Surat permohonan belum ditandatangani pimpinan.")})
	var got []noteRow
	for _, n := range f.notes(id) {
		if strings.HasPrefix(n.Title, "Permohonan dikembalikan") {
			got = append(got, n)
		}
	}
	if len(got) != 1 || got[0].UserID != f.lembaga.UserID {
		t.Fatalf("return notified %+v, want the lembaga only", got)
	}
	if !strings.Contains(got[0].Body, "Alasan: Surat permohonan belum ditandatangani pimpinan.") ||
		!strings.Contains(got[0].Body, "ajukan ulang") {
		t.Errorf("body = %q", got[0].Body)
	}
}

func TestRefusedTransitionNotifiesNobody(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id, err := f.app.CreateDraft(f.ctx, f.lembaga, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.app.Fire(f.ctx, f.lembaga, id, app.Action{Event: workflow.Submit, Version: f.version(id)}); app.ErrorCode(err) != app.CodeInvalid {
		t.Fatalf("incomplete submit: %v", err)
	}
	if n, m := f.notes(id), f.mails(); len(n) != 0 || len(m) != 0 {
		t.Fatalf("a refused submit left %d notifications and %d e-mails", len(n), len(m))
	}

	// Notifications are part of the transition's transaction: when the outbox
	// cannot be written, the transition and its notifications are undone too.
	id = f.completeDraft()
	admin, err := pgx.Connect(f.ctx, f.url)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(f.ctx)
	if _, err := admin.Exec(f.ctx, `CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN RAISE EXCEPTION 'outbox unavailable'; END $$;
		CREATE TRIGGER test_refuse BEFORE INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION test_refuse()`); err != nil {
		t.Fatal(err)
	}
	err = f.app.Fire(f.ctx, f.lembaga, id, app.Action{Event: workflow.Submit, Version: f.version(id)})
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) || !strings.Contains(pgErr.Message, "outbox unavailable") {
		t.Fatalf("submit with a broken outbox: %v", err)
	}
	if f.state(id) != workflow.Draft || len(f.notes(id)) != 0 {
		t.Fatalf("state %s, %d notifications after the rolled-back submit", f.state(id), len(f.notes(id)))
	}
}

// outboxOf fills the outbox with n messages, as a transition in the demo tenant would.
func (f *fixture) outboxOf(n int) {
	f.t.Helper()
	tenant := f.petugas.TenantID
	var list []store.NewMail
	for i := range n {
		list = append(list, store.NewMail{TenantID: &tenant, To: fmt.Sprintf("penerima%03d@dinkes.test", i),
			Subject: fmt.Sprintf("Pesan %03d", i), Body: "Isi"})
	}
	if err := f.db.Tx(f.ctx, store.TenantScope(tenant), func(tx pgx.Tx) error {
		_, err := store.EnqueueMail(f.ctx, tx, list, f.clock.Now())
		return err
	}); err != nil {
		f.t.Fatal(err)
	}
}

// recorder is a fake send function that counts what it sends.
type recorder struct {
	mu    sync.Mutex
	sent  map[string]int // subject → times sent
	calls int
	fail  func(to string) error
}

func newRecorder() *recorder { return &recorder{sent: map[string]int{}} }

func (r *recorder) send(to, subject, body string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls++
	if r.fail != nil {
		if err := r.fail(to); err != nil {
			return err
		}
	}
	r.sent[subject]++
	return nil
}

func TestWithoutSMTPMessagesStayInTheDevMailbox(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.startJobs(nil)
	id := f.completeDraft()
	f.fire(f.lembaga, id, app.Action{Event: workflow.Submit})
	f.waitFor("both e-mails delivered", func() bool { return f.sentCount() == 2 })
	for _, m := range f.mails() {
		if !m.Sent || m.Delivery == nil || *m.Delivery != "dev" || m.Error != nil {
			t.Errorf("dev row = %+v", m)
		}
	}
	admin, _, err := f.app.Authenticate(f.ctx, "admin@demo.hakakses.id", app.DemoPassword, "test")
	if err != nil {
		t.Fatal(err)
	}
	box, err := f.app.DevMailbox(f.ctx, admin, 50)
	if err != nil || len(box) != 2 || box[0].Status != "dev" || !strings.Contains(box[0].Body, "Langkah berikutnya") {
		t.Fatalf("dev mailbox = %+v, %v", box, err)
	}
	if _, err := f.app.DevMailbox(f.ctx, f.petugas, 50); app.ErrorCode(err) != app.CodeForbidden {
		t.Errorf("petugas reading the dev mailbox: %v", err)
	}
}

func TestNotificationRowLevelSecurity(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id := f.completeDraft()
	var other int64
	err := f.db.ReadTx(f.ctx, store.Public(), func(tx pgx.Tx) error {
		return tx.QueryRow(f.ctx, `SELECT id FROM tenants WHERE kode = '16.01'`).Scan(&other)
	})
	if err != nil {
		t.Fatal(err)
	}
	// Another tenant cannot learn this application's parties.
	err = f.db.ReadTx(f.ctx, store.TenantScope(other), func(tx pgx.Tx) error {
		list, err := store.NotificationRecipients(f.ctx, tx, f.petugas.TenantID, id, []string{"lembaga", "petugas", "kepala", "dirjen"}, 0)
		if err == nil && len(list) != 0 {
			t.Errorf("tenant 16.01 sees recipients %+v", list)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// The raw look-up is not the runtime role's to call.
	err = f.db.ReadTx(f.ctx, store.System(), func(tx pgx.Tx) error {
		_, err := tx.Exec(f.ctx, `SELECT * FROM notification_users(1, 1, ARRAY['petugas'])`)
		return err
	})
	if err == nil || !strings.Contains(err.Error(), "permission denied") {
		t.Errorf("calling notification_users directly: %v", err)
	}
	// A tenant may notify its own people and the Dirjen liaison, nobody else.
	tenant := f.petugas.TenantID
	insert := func(tenantID *int64, user int64) error {
		return f.db.Tx(f.ctx, store.TenantScope(tenant), func(tx pgx.Tx) error {
			return store.InsertNotifications(f.ctx, tx, []store.NewNotification{{TenantID: tenantID, UserID: user,
				ApplicationID: id, Title: "Uji", Body: "Uji", Link: "/"}}, f.clock.Now())
		})
	}
	if err := insert(&tenant, f.petugas.UserID); err != nil {
		t.Errorf("own staff: %v", err)
	}
	if err := insert(nil, f.dirjen.UserID); err != nil {
		t.Errorf("Dirjen liaison: %v", err)
	}
	if err := insert(nil, f.petugas.UserID); err == nil {
		t.Error("a national notification to a staff member was accepted")
	}
	if err := insert(&other, f.petugas.UserID); err == nil {
		t.Error("a notification for another tenant was accepted")
	}
	// Nor may it read the outbox (only add to it): that is the worker's, in the system scope.
	f.outboxOf(1)
	count := func(scope store.Scope) int {
		var n int
		if err := f.db.ReadTx(f.ctx, scope, func(tx pgx.Tx) error {
			return tx.QueryRow(f.ctx, `SELECT count(*) FROM outbox`).Scan(&n)
		}); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count(store.TenantScope(tenant)); n != 0 {
		t.Errorf("the tenant scope sees %d outbox rows", n)
	}
	if n := count(store.System()); n != 1 {
		t.Errorf("the system scope sees %d outbox rows, want 1", n)
	}
}

func TestEveryStepOfTheLifecycleNotifiesItsParties(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id := f.completeDraft()
	f.toActive(id)
	f.fire(f.lembaga, id, app.Action{Event: workflow.AcknowledgeReceipt})
	f.clock.Advance(25 * 31 * 24 * time.Hour)
	if n, err := f.app.ExpireDue(f.ctx); n != 1 || err != nil {
		t.Fatalf("expire: %d, %v", n, err)
	}
	staff := []int64{f.petugas.UserID, f.kepala.UserID}
	all := []int64{f.lembaga.UserID, f.petugas.UserID, f.kepala.UserID}
	want := map[workflow.Event][]int64{
		workflow.Submit:             staff,
		workflow.Forward:            {f.lembaga.UserID, f.dirjen.UserID},
		workflow.Approve:            all,
		workflow.PrepareAgreement:   {f.lembaga.UserID},
		workflow.Sign:               {f.lembaga.UserID},
		workflow.RequestUserID:      staff,
		workflow.RequestDWH:         {f.dirjen.UserID},
		workflow.ApproveDWH:         staff,
		workflow.HandOver:           {f.lembaga.UserID},
		workflow.AcknowledgeReceipt: staff,
		workflow.Expire:             all,
	}
	number := f.number(id)
	got := map[workflow.Event][]int64{}
	for _, n := range f.notes(id) {
		for ev := range want {
			if n.Title == ev.HistoryLabel()+": "+number {
				got[ev] = append(got[ev], n.UserID)
			}
		}
	}
	for ev, users := range want {
		slices.Sort(users)
		g := got[ev]
		slices.Sort(g)
		if !slices.Equal(g, users) {
			t.Errorf("%s notified %v, want %v", ev, g, users)
		}
	}
	if total := len(f.notes(id)); total != len(f.mails()) {
		t.Errorf("%d notifications but %d e-mails", total, len(f.mails()))
	}
}
