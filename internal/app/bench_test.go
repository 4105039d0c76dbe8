package app_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/workflow"
)

func seedScale(b *testing.B, f *fixture, total int) {
	b.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, f.url)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close(ctx)
	stmts := []string{
		// 100 tenants onboarded, each with one institution and one lembaga user.
		`UPDATE tenants SET active = true, slug = 't' || id WHERE id IN (SELECT id FROM tenants WHERE NOT active ORDER BY id LIMIT 99)`,
		`INSERT INTO institutions (tenant_id, jenis, nama, status, created_at)
		 SELECT id, 'perangkat_daerah', 'Dinas Uji ' || id, 'verified', now() FROM tenants WHERE active AND kode <> '16.02'`,
		`INSERT INTO users (tenant_id, institution_id, email, name, role, password_hash, created_at, password_changed_at)
		 SELECT i.tenant_id, i.id, 'uji' || i.id || '@bench.test', 'Uji', 'lembaga', 'x', now(), now()
		 FROM institutions i WHERE i.nama LIKE 'Dinas Uji %'`,
		`INSERT INTO applications (tenant_id, institution_id, number, tracking_code, state, purpose, created_by, created_at, updated_at,
		   state_since, forwarded_at, sla_clock, sla_due_at)
		 SELECT u.tenant_id, u.institution_id, 'B-' || g, 'CODE-' || lpad(g::text, 6, '0'),
		   (ARRAY['draft','submitted','returned','forwarded','approved','signing','signed','user_id_requested','dwh_requested','dwh_approved','active','rejected'])[1 + g % 12],
		   'bench', u.id, now() - (g || ' minutes')::interval, now(), now() - (g || ' minutes')::interval,
		   CASE WHEN g % 12 >= 3 THEN now() END,
		   CASE WHEN g % 12 IN (1, 4, 7, 9) THEN 'verify_forward' END,
		   CASE WHEN g % 12 IN (1, 4, 7, 9) THEN now() + ((g % 200) - 100 || ' hours')::interval END
		 FROM generate_series(1, $1::int) g
		 JOIN LATERAL (SELECT * FROM users WHERE email LIKE 'uji%@bench.test' ORDER BY id OFFSET (g % 99) LIMIT 1) u ON true`,
		`UPDATE institutions SET dirjen_visible = true WHERE nama LIKE 'Dinas Uji %'`, // what a forward sets
		// A creation and a submission in the history of every application whose clock runs.
		`INSERT INTO application_events (tenant_id, application_id, seq, event, from_state, to_state, actor_role, actor_name, at, hash)
		 SELECT a.tenant_id, a.id, s.seq, s.ev, s.fr, s.st, 'lembaga', 'Uji', a.state_since - ((2 - s.seq) || ' minutes')::interval, decode(repeat('00', 32), 'hex')
		 FROM applications a CROSS JOIN (VALUES (1, 'create', NULL, 'draft'), (2, 'submit', 'draft', 'submitted')) AS s(seq, ev, fr, st)
		 WHERE a.sla_due_at IS NOT NULL AND a.number LIKE 'B-%'`,
		`ANALYZE`,
	}
	for i, s := range stmts {
		var err error
		if i == 3 {
			_, err = conn.Exec(ctx, s, total)
		} else {
			_, err = conn.Exec(ctx, s)
		}
		if err != nil {
			b.Fatalf("seed step %d: %v", i, err)
		}
	}
}

func benchSetup(b *testing.B) *fixture {
	b.Helper()
	f := newFixture(b)
	seedScale(b, f, 200_000)
	return f
}

// BenchmarkQueuePage is the staff work queue's first page in a tenant, with
// 200 000 applications in the database.
func BenchmarkQueuePage(b *testing.B) {
	f := benchSetup(b)
	// The OKI petugas sees only OKI's rows; add OKI load too via its own drafts.
	for i := 0; i < 50; i++ {
		id := f.completeDraft()
		f.fire(f.lembaga, id, app.Action{Event: workflow.Submit})
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := f.app.Queue(f.ctx, f.petugas, app.QueueFilter{})
		if err != nil || len(res.Rows) == 0 {
			b.Fatal(err, len(res.Rows))
		}
	}
}

// BenchmarkInboxPage is the Dirjen's national inbox (all tenants), first page and
// a tenant-filtered page, with 200 000 applications.
func BenchmarkInboxPage(b *testing.B) {
	f := benchSetup(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := f.app.Inbox(f.ctx, f.dirjen, app.InboxFilter{})
		if err != nil || len(res.Rows) == 0 {
			b.Fatal(err, len(res.Rows))
		}
	}
}

// BenchmarkApplicationDetail loads one application's whole page.
func BenchmarkApplicationDetail(b *testing.B) {
	f := benchSetup(b)
	id := f.completeDraft()
	f.toActive(id)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := f.app.Application(f.ctx, f.petugas, id); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSubmitAndReturn fires two transitions (each one transaction with its
// history entry and SLA refresh) on a fresh application per iteration.
func BenchmarkSubmitAndReturn(b *testing.B) {
	f := benchSetup(b)
	ids := make([]int64, b.N)
	for i := range ids {
		ids[i] = f.completeDraft()
	}
	b.ResetTimer()
	start := time.Now()
	for _, id := range ids {
		f.fire(f.lembaga, id, app.Action{Event: workflow.Submit})
		f.fire(f.petugas, id, app.Action{Event: workflow.Return, Form: form("reason", "Lengkapi lampiran.")})
	}
	b.ReportMetric(float64(time.Since(start).Microseconds())/float64(2*b.N), "µs/transition")
}

// BenchmarkRecomputeAllDeadlines is the job loop's recompute over every tenant's
// open clocks, with 200 000 applications (a third of them with a running clock).
func BenchmarkRecomputeAllDeadlines(b *testing.B) {
	f := benchSetup(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		n, err := f.app.RecomputeDeadlines(f.ctx, 0)
		if err != nil || n == 0 {
			b.Fatal(err, n)
		}
		b.ReportMetric(float64(n), "clocks")
	}
}
