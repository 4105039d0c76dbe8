package app_test

import (
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// remind runs the reminder sweep on two instances at once, twice over, as two
// servers whose schedules overlapped would: whatever is due must go out once.
func (f *fixture) remind(other *app.App) {
	f.t.Helper()
	for range 2 {
		var wg sync.WaitGroup
		for _, a := range []*app.App{f.app, other} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := a.SendReminders(f.ctx); err != nil {
					f.t.Error(err)
				}
			}()
		}
		wg.Wait()
	}
}

// told counts, per user, the notifications titled title, and the e-mails with
// that subject.
func (f *fixture) told(title string) (map[int64]int, int) {
	f.t.Helper()
	users := map[int64]int{}
	err := f.db.ReadTx(f.ctx, store.System(), func(tx pgx.Tx) error {
		rows, err := tx.Query(f.ctx, `SELECT user_id FROM notifications WHERE title = $1`, title)
		if err != nil {
			return err
		}
		ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
		for _, id := range ids {
			users[id]++
		}
		return err
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return users, f.count(`SELECT count(*) FROM outbox WHERE subject = $1`, "[Hak Akses] "+title)
}

// expectTold checks that exactly the given users got title once each, by e-mail
// too unless listed in inAppOnly.
func (f *fixture) expectTold(title string, users []int64, emails int) {
	f.t.Helper()
	got, mails := f.told(title)
	if len(got) != len(users) || mails != emails {
		f.t.Errorf("%q: notified %v and %d e-mails, want users %v and %d e-mails", title, got, mails, users, emails)
		return
	}
	for _, u := range users {
		if got[u] != 1 {
			f.t.Errorf("%q: user %d notified %d times", title, u, got[u])
		}
	}
}

func TestDeadlineRemindersDueSoonOverdueAndEscalationFireOnce(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	other := f.secondInstance()
	id := f.submitted() // due Wed 2026-03-11 16:00 WIB
	number := f.number(id)
	soon := "Tenggat kurang dari satu jam kerja: " + number
	over := "Tenggat terlampaui: " + number
	esc := "Eskalasi tenggat: " + number

	// Two office hours left: nothing yet.
	f.clock.Set(time.Date(2026, 3, 11, 14, 0, 0, 0, wib))
	f.remind(other)
	f.expectTold(soon, nil, 0)
	// Within the last office hour: the petugas, once.
	f.clock.Set(time.Date(2026, 3, 11, 15, 1, 0, 0, wib))
	f.remind(other)
	f.expectTold(soon, []int64{f.petugas.UserID}, 1)
	f.expectTold(over, nil, 0)
	// Overdue: the petugas again, and the kepala as escalation; once.
	f.clock.Set(time.Date(2026, 3, 11, 16, 0, 0, 0, wib))
	f.remind(other)
	f.clock.Advance(3 * time.Hour)
	f.remind(other)
	f.expectTold(soon, []int64{f.petugas.UserID}, 1)
	f.expectTold(over, []int64{f.petugas.UserID}, 1)
	f.expectTold(esc, []int64{f.kepala.UserID}, 1)
}

func TestDueSoonCountsOfficeTimeAcrossTheNight(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	other := f.secondInstance()
	id := f.submitted()
	soon := "Tenggat kurang dari satu jam kerja: " + f.number(id)
	// Tuesday evening: 8.5 office hours remain, though the deadline is 21 hours away.
	f.clock.Set(time.Date(2026, 3, 10, 19, 0, 0, 0, wib))
	f.remind(other)
	f.expectTold(soon, nil, 0)
}

func TestRegistrationNotifiesStaffThenEscalatesAfterTwoWorkingDays(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	other := f.secondInstance()
	// The kepala takes registrations in-app only.
	if err := f.app.SetReminderChannel(f.ctx, f.kepala, app.PrefRegistration, "inapp"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.app.RegisterInstitution(f.ctx, f.okiID(), registration("operator@kayuagung.test")); err != nil {
		t.Fatal(err)
	}
	news := "Pendaftaran lembaga baru: RSU Kayuagung Sehat"
	late := "Verifikasi lembaga terlambat: RSU Kayuagung Sehat"
	f.remind(other)
	f.expectTold(news, []int64{f.petugas.UserID, f.kepala.UserID}, 1) // the kepala: no e-mail
	f.expectTold(late, nil, 0)
	// Registered Tuesday 10:00: its clock runs to Wednesday 16:00.
	f.clock.Set(time.Date(2026, 3, 11, 15, 59, 0, 0, wib))
	f.remind(other)
	f.expectTold(late, nil, 0)
	f.clock.Set(time.Date(2026, 3, 11, 16, 0, 0, 0, wib))
	f.remind(other)
	f.expectTold(news, []int64{f.petugas.UserID, f.kepala.UserID}, 1)
	f.expectTold(late, []int64{f.petugas.UserID, f.kepala.UserID}, 2)
}

func TestPKSEndRemindersAt90And30And7DaysFireOnce(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	other := f.secondInstance()
	id := f.completeDraft()
	f.toActive(id) // PKS valid to 2028-03-09
	number := f.number(id)
	parties := []int64{f.lembaga.UserID, f.petugas.UserID, f.kepala.UserID}
	title := func(n int) string { return "PKS berakhir dalam " + strconv.Itoa(n) + " hari: " + number }
	steps := []struct {
		day  time.Time
		told []int // thresholds told by then
	}{
		{time.Date(2027, 12, 9, 9, 0, 0, 0, wib), nil},        // 91 days before
		{time.Date(2027, 12, 10, 9, 0, 0, 0, wib), []int{90}}, // 90 days before
		{time.Date(2028, 1, 20, 9, 0, 0, 0, wib), []int{90}},
		{time.Date(2028, 2, 8, 9, 0, 0, 0, wib), []int{90, 30}},
		{time.Date(2028, 3, 2, 9, 0, 0, 0, wib), []int{90, 30, 7}},
		{time.Date(2028, 3, 9, 9, 0, 0, 0, wib), []int{90, 30, 7}}, // the last day: nothing new
	}
	for _, s := range steps {
		f.clock.Set(s.day)
		f.remind(other)
		for _, n := range app.PKSReminderDays {
			want := []int64(nil)
			for _, told := range s.told {
				if told == n {
					want = parties
				}
			}
			f.expectTold(title(n), want, len(want))
		}
	}
}

func TestSemesterReportDueThenLateFireOnce(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	other := f.secondInstance()
	id := f.completeDraft()
	f.toActive(id) // PKS from 2026-03-10: semester I 2026 ends 30 June, report due by 31 July (the PKS's calendar rule)
	number := f.number(id)
	due := "Laporan semester wajib disampaikan: " + number
	late := "Laporan semester terlambat: " + number
	f.clock.Set(time.Date(2026, 6, 29, 9, 0, 0, 0, wib))
	f.remind(other)
	f.expectTold(due, nil, 0)
	f.clock.Set(time.Date(2026, 7, 1, 9, 0, 0, 0, wib))
	f.remind(other)
	f.expectTold(due, []int64{f.lembaga.UserID}, 1)
	f.expectTold(late, nil, 0)
	f.clock.Set(time.Date(2026, 8, 1, 9, 0, 0, 0, wib))
	f.remind(other)
	f.expectTold(late, []int64{f.lembaga.UserID, f.petugas.UserID, f.kepala.UserID}, 3)
	// The second semester's report falls due later: a new reminder, once.
	f.clock.Set(time.Date(2027, 1, 5, 9, 0, 0, 0, wib))
	f.remind(other)
	got, _ := f.told(due)
	if got[f.lembaga.UserID] != 2 {
		t.Errorf("lembaga told %d times a report is due, want 2 (one per semester)", got[f.lembaga.UserID])
	}
}

func TestDirjenDailyDigestListsForwardedApplicationsOncePerDay(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	other := f.secondInstance()
	id := f.submitted()
	f.fire(f.petugas, id, app.Action{Event: workflow.Forward})
	if f.state(id) != workflow.Forwarded {
		t.Fatalf("state %s", f.state(id))
	}
	digest := "Ringkasan harian: 1 permohonan menunggu"
	run := func() {
		t.Helper()
		var wg sync.WaitGroup
		for _, a := range []*app.App{f.app, other, f.app} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := a.SendDirjenDigest(f.ctx); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
	}
	f.clock.Set(time.Date(2026, 3, 12, 6, 59, 0, 0, wib))
	run()
	f.expectTold(digest, nil, 0)
	f.clock.Set(time.Date(2026, 3, 12, 7, 0, 0, 0, wib))
	run()
	f.clock.Set(time.Date(2026, 3, 12, 15, 0, 0, 0, wib))
	run()
	f.expectTold(digest, []int64{f.dirjen.UserID}, 1)
	var body string
	if err := f.db.ReadTx(f.ctx, store.System(), func(tx pgx.Tx) error {
		return tx.QueryRow(f.ctx, `SELECT body FROM notifications WHERE title = $1`, digest).Scan(&body)
	}); err != nil {
		t.Fatal(err)
	}
	if want := f.number(id); !strings.Contains(body, want) || !strings.Contains(body, f.tenant(f.okiID()).Name) {
		t.Errorf("digest body %q does not list %s and its tenant", body, want)
	}
	// The next morning: another digest.
	f.clock.Set(time.Date(2026, 3, 13, 7, 30, 0, 0, wib))
	run()
	if got, _ := f.told(digest); got[f.dirjen.UserID] != 2 {
		t.Errorf("digests over two days: %v", got)
	}
}

func TestReminderJobRunsOnTheQueue(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id := f.submitted()
	f.startJobs(nil)
	f.clock.Set(time.Date(2026, 3, 11, 16, 30, 0, 0, wib))
	res, err := f.app.Jobs.Insert(f.ctx, app.SendRemindersJob{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	f.waitFor("reminder job done", func() bool { return f.job(res.Job.ID).State == "completed" })
	f.expectTold("Eskalasi tenggat: "+f.number(id), []int64{f.kepala.UserID}, 1)
	f.waitFor("its e-mail delivered", func() bool {
		return f.count(`SELECT count(*) FROM outbox WHERE subject LIKE '[Hak Akses] Eskalasi%' AND sent_at IS NOT NULL`) == 1
	})
}
