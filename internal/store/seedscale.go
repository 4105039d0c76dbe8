package store

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hakakses/hakakses/internal/workflow"
)

// ScaleOptions shapes the national-scale data set `hakakses seed-scale` writes.
// The same options (and seed) always give the same rows.
type ScaleOptions struct {
	Seed               uint64
	Applications       int               // over every onboarded tenant (200 000)
	LargestTenant      int               // applications of Kabupaten Ogan Komering Ilir (20 000)
	LargestInstitution int               // of those, in its first institution (4 000)
	Institutions       int               // over every tenant (about 5 000)
	Now                time.Time         // the instant the data set ends at
	PasswordHash       string            // every seeded account's password hash
	Progress           func(step string) // told as each step ends, if set
}

// ScaleSet is what seed-scale wrote.
type ScaleSet struct {
	Tenants, Institutions, Users, Applications, Events, Documents, Elements int
}

// ScaleVersion changes whenever SeedScale writes different rows for the same
// options, so a kept copy of an older data set is not reused.
const ScaleVersion = 5

// ScaleLargestSlug is the URL slug of the largest tenant (OKI, kode 16.02).
const ScaleLargestSlug = "oki"

// scaleDomain is the e-mail domain of every seeded account:
// petugas<n>@<slug>.scale.hakakses.id, kepala@…, lembaga<institution>-<n>@…,
// dirjen<n>@scale.hakakses.id, admin@scale.hakakses.id.
const scaleDomain = "scale.hakakses.id"

// ScaleDomain is that domain, for tools that sign seeded accounts in.
const ScaleDomain = scaleDomain

// ScaleTOTPSecret is the second factor of every seeded kepala, Dirjen liaison and
// admin (they must sign in with two factors): the benchmark computes their codes.
const ScaleTOTPSecret = "HAKAKSESSKALAKODEVERIFIKASI23456"

// ScaleStaffEmail is the n-th (1-based) petugas of the tenant with this slug.
func ScaleStaffEmail(slug string, n int) string {
	return fmt.Sprintf("petugas%d@%s.%s", n, slug, scaleDomain)
}

// ScaleLembagaEmail is the n-th user of the k-th institution of a tenant.
func ScaleLembagaEmail(slug string, k, n int) string {
	return fmt.Sprintf("lembaga%d-%d@%s.%s", k, n, slug, scaleDomain)
}

// ScaleDirjenEmail is the n-th Dirjen liaison.
func ScaleDirjenEmail(n int) string { return fmt.Sprintf("dirjen%d@%s", n, scaleDomain) }

// How many accounts of each kind: the load generator signs 32 distinct users in
// for each page.
const (
	ScaleUsersPerRole   = 32 // petugas of the largest tenant, users of its largest institution, Dirjen liaisons
	scaleStaffPerTenant = 2
)

// statePaths are the event sequences that bring a new draft into each state
// (without the optional loops added per application). Shares are per 100.
var statePaths = []struct {
	state workflow.State
	share int
	path  []workflow.Event
}{
	{workflow.Draft, 5, nil},
	{workflow.Submitted, 8, []workflow.Event{workflow.Submit}},
	{workflow.Returned, 4, []workflow.Event{workflow.Submit, workflow.Return}},
	{workflow.Withdrawn, 5, []workflow.Event{workflow.Submit, workflow.Withdraw}},
	{workflow.Forwarded, 12, []workflow.Event{workflow.Submit, workflow.Forward}},
	{workflow.Rejected, 4, []workflow.Event{workflow.Submit, workflow.Forward, workflow.Reject}},
	{workflow.Approved, 3, []workflow.Event{workflow.Submit, workflow.Forward, workflow.Approve}},
	{workflow.Signing, 3, []workflow.Event{workflow.Submit, workflow.Forward, workflow.Approve, workflow.PrepareAgreement}},
	{workflow.Signed, 3, []workflow.Event{workflow.Submit, workflow.Forward, workflow.Approve, workflow.PrepareAgreement, workflow.AgreeAgreement, workflow.Sign}},
	{workflow.UserIDRequested, 3, []workflow.Event{workflow.Submit, workflow.Forward, workflow.Approve, workflow.PrepareAgreement, workflow.AgreeAgreement, workflow.Sign, workflow.RequestUserID}},
	{workflow.DWHRequested, 5, []workflow.Event{workflow.Submit, workflow.Forward, workflow.Approve, workflow.PrepareAgreement, workflow.AgreeAgreement, workflow.Sign, workflow.RequestUserID, workflow.RequestDWH}},
	{workflow.DWHApproved, 2, []workflow.Event{workflow.Submit, workflow.Forward, workflow.Approve, workflow.PrepareAgreement, workflow.AgreeAgreement, workflow.Sign, workflow.RequestUserID, workflow.RequestDWH, workflow.ApproveDWH}},
	{workflow.Active, 30, []workflow.Event{workflow.Submit, workflow.Forward, workflow.Approve, workflow.PrepareAgreement, workflow.AgreeAgreement, workflow.Sign, workflow.RequestUserID, workflow.RequestDWH, workflow.ApproveDWH, workflow.HandOver}},
	{workflow.Expired, 10, []workflow.Event{workflow.Submit, workflow.Forward, workflow.Approve, workflow.PrepareAgreement, workflow.AgreeAgreement, workflow.Sign, workflow.RequestUserID, workflow.RequestDWH, workflow.ApproveDWH, workflow.HandOver, workflow.Expire}},
	{workflow.Revoked, 3, []workflow.Event{workflow.Submit, workflow.Forward, workflow.Approve, workflow.PrepareAgreement, workflow.AgreeAgreement, workflow.Sign, workflow.RequestUserID, workflow.RequestDWH, workflow.ApproveDWH, workflow.HandOver, workflow.Revoke}},
}

// who acts for each event: the lembaga, the office's staff, the Dirjen or the system.
func actorKind(ev workflow.Event) string {
	switch ev {
	case workflow.Submit, workflow.Withdraw, workflow.RequestUserID, workflow.AcknowledgeReceipt, workflow.FileReport, workflow.AgreeAgreement:
		return "lembaga"
	case workflow.Approve, workflow.Reject, workflow.ApproveDWH, workflow.ReturnDWH, workflow.Revoke:
		return "dirjen"
	case workflow.Sign:
		return "kepala"
	case workflow.Expire:
		return "system"
	}
	return "petugas"
}

type scaleTenant struct {
	id         int64
	slug, nama string
	kepala     int64
	staff      []int64
	insts      []scaleInst
}

type scaleInst struct {
	id    int64
	nama  string
	users []int64
}

type scaleApp struct {
	id, tenant, inst, creator int64
	state                     workflow.State
	events                    []workflow.Event
	times                     []time.Time
	requestDoc, forwardDoc    int64
}

// scaleRNG is the one source of randomness: a PCG stream fixed by the seed.
func scaleRNG(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)) }

// scalePDF is the content every seeded document holds (a valid, tiny PDF).
var scalePDF = []byte("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")

// SeedScale writes the national-scale data set into an empty, migrated database
// through COPY, in one transaction: every tenant onboarded, o.Institutions verified
// institutions, accounts for every role, and o.Applications applications over every
// state whose histories are real hash chains (`hakakses verify-history` passes).
// conn must be the migrating owner (a superuser): COPY is refused under
// row-level security.
func SeedScale(ctx context.Context, conn *pgx.Conn, o ScaleOptions) (ScaleSet, error) {
	var set ScaleSet
	if o.Applications < o.LargestTenant || o.LargestTenant < o.LargestInstitution || o.LargestInstitution < 1 {
		return set, errors.New("seed-scale: need applications ≥ largest tenant ≥ largest institution ≥ 1")
	}
	var super bool
	if err := conn.QueryRow(ctx, `SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user`).Scan(&super); err != nil {
		return set, fmt.Errorf("seed-scale: check role: %w", err)
	}
	if !super {
		return set, errors.New("seed-scale: DATABASE_URL must name the migrating superuser (COPY is refused under row-level security)")
	}
	tx, err := conn.Begin(ctx)
	if err != nil {
		return set, fmt.Errorf("seed-scale: begin: %w", err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck // after Commit this is a no-op
	// A bulk load of rows built consistent here: foreign-key and other triggers
	// would check each of the ~2.5 million rows one by one.
	if _, err := tx.Exec(ctx, `SET LOCAL session_replication_role = replica`); err != nil {
		return set, fmt.Errorf("seed-scale: bulk-load mode: %w", err)
	}
	var existing int
	if err := tx.QueryRow(ctx, `SELECT count(*) FROM applications`).Scan(&existing); err != nil {
		return set, fmt.Errorf("seed-scale: count applications: %w", err)
	}
	if existing > 0 {
		return set, fmt.Errorf("seed-scale: the database already holds %d applications; use an empty one", existing)
	}
	step := func(name string) {
		if o.Progress != nil {
			o.Progress(name)
		}
	}
	deferred, err := dropSecondaryIndexes(ctx, tx)
	if err != nil {
		return set, err
	}
	rng := scaleRNG(o.Seed)
	now := o.Now.UTC().Truncate(time.Second)

	tenants, err := scaleTenants(ctx, tx, now)
	if err != nil {
		return set, err
	}
	set.Tenants = len(tenants)
	step("tenants")
	if err := scaleInstitutions(ctx, tx, rng, tenants, o, now); err != nil {
		return set, err
	}
	for _, t := range tenants {
		set.Institutions += len(t.insts)
	}
	step("institutions")
	if set.Users, err = scaleUsers(ctx, tx, tenants, o.PasswordHash, now); err != nil {
		return set, err
	}
	step("users")
	apps, err := scaleApplications(ctx, tx, rng, tenants, o, now)
	if err != nil {
		return set, err
	}
	set.Applications = len(apps)
	// What a forward sets: the Dirjen may read the institution's name.
	if _, err := tx.Exec(ctx, `UPDATE institutions SET dirjen_visible = true
		WHERE id IN (SELECT institution_id FROM applications WHERE forwarded_at IS NOT NULL)`); err != nil {
		return set, fmt.Errorf("seed-scale: institutions seen by the Dirjen: %w", err)
	}
	step("applications")
	if set.Elements, err = scaleElements(ctx, tx, apps); err != nil {
		return set, err
	}
	step("elements")
	if set.Documents, err = scaleDocuments(ctx, tx, apps, now); err != nil {
		return set, err
	}
	step("documents")
	if set.Events, err = scaleEvents(ctx, tx, tenants, apps); err != nil {
		return set, err
	}
	step("history")
	for _, def := range deferred {
		if _, err := tx.Exec(ctx, def); err != nil {
			return set, fmt.Errorf("seed-scale: rebuild index: %w", err)
		}
	}
	step("indexes")
	if err := tx.Commit(ctx); err != nil {
		return set, fmt.Errorf("seed-scale: commit: %w", err)
	}
	step("commit")
	// The state autovacuum would reach: statistics, and a visibility map so
	// that list pages read their IDs from the index alone.
	if _, err := conn.Exec(ctx, `VACUUM ANALYZE`); err != nil {
		return set, fmt.Errorf("seed-scale: vacuum: %w", err)
	}
	return set, nil
}

// scaleTenants onboards every tenant of the reference data (OKI keeps the slug
// "oki"; the others are k<kode>).
func scaleTenants(ctx context.Context, tx pgx.Tx, now time.Time) ([]*scaleTenant, error) {
	_, err := tx.Exec(ctx, `UPDATE tenants SET active = true,
		slug = COALESCE(slug, CASE WHEN kode = '16.02' THEN 'oki' ELSE 'k' || replace(kode, '.', '') END),
		onboarded_at = COALESCE(onboarded_at, $1),
		city = CASE WHEN city = '' THEN nama ELSE city END,
		address = CASE WHEN address = '' THEN 'Jl. Merdeka No. 1, ' || nama ELSE address END,
		head_name = CASE WHEN head_name = '' THEN 'Kepala Daerah ' || nama ELSE head_name END,
		kepala_name = CASE WHEN kepala_name = '' THEN 'Kepala Disdukcapil ' || nama ELSE kepala_name END,
		kepala_nip = CASE WHEN kepala_nip = '' THEN '19700101 199503 1 001' ELSE kepala_nip END,
		kepala_rank = CASE WHEN kepala_rank = '' THEN 'Pembina (IV/a)' ELSE kepala_rank END`, now)
	if err != nil {
		return nil, fmt.Errorf("seed-scale: onboard tenants: %w", err)
	}
	rows, err := tx.Query(ctx, `SELECT id, slug, nama FROM tenants ORDER BY (kode = '16.02') DESC, kode`)
	if err != nil {
		return nil, fmt.Errorf("seed-scale: list tenants: %w", err)
	}
	var out []*scaleTenant
	for rows.Next() {
		t := &scaleTenant{}
		if err := rows.Scan(&t.id, &t.slug, &t.nama); err != nil {
			return nil, fmt.Errorf("seed-scale: read tenant: %w", err)
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("seed-scale: list tenants: %w", err)
	}
	if len(out) == 0 || out[0].slug != ScaleLargestSlug {
		return nil, errors.New("seed-scale: tenant 16.02 (OKI) missing from the reference data")
	}
	return out, nil
}

// dropSecondaryIndexes drops the indexes of the bulk-loaded tables that back no
// constraint, returning their definitions: building each once after the load is
// far cheaper than maintaining it row by row (the GIN trigram index above all).
func dropSecondaryIndexes(ctx context.Context, tx pgx.Tx) ([]string, error) {
	rows, err := tx.Query(ctx, `SELECT i.indexname, i.indexdef FROM pg_indexes i
		WHERE i.schemaname = current_schema() AND i.tablename IN ('applications', 'application_events', 'documents')
		  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = format('%I', i.indexname)::regclass)
		ORDER BY i.indexname`)
	if err != nil {
		return nil, fmt.Errorf("seed-scale: list indexes: %w", err)
	}
	type index struct{ name, def string }
	idx, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (index, error) {
		var i index
		return i, r.Scan(&i.name, &i.def)
	})
	if err != nil {
		return nil, fmt.Errorf("seed-scale: list indexes: %w", err)
	}
	defs := make([]string, 0, len(idx))
	for _, i := range idx {
		if _, err := tx.Exec(ctx, `DROP INDEX `+pgx.Identifier{i.name}.Sanitize()); err != nil {
			return nil, fmt.Errorf("seed-scale: drop index %s: %w", i.name, err)
		}
		defs = append(defs, i.def)
	}
	// The history's own keys too (nothing references them): built after the
	// load from sorted input instead of ~2 million inserts into two B-trees.
	rows, err = tx.Query(ctx, `SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
		WHERE conrelid = 'application_events'::regclass AND contype IN ('p', 'u') ORDER BY conname`)
	if err != nil {
		return nil, fmt.Errorf("seed-scale: list history keys: %w", err)
	}
	keys, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (index, error) {
		var i index
		return i, r.Scan(&i.name, &i.def)
	})
	if err != nil {
		return nil, fmt.Errorf("seed-scale: list history keys: %w", err)
	}
	for _, k := range keys {
		name := pgx.Identifier{k.name}.Sanitize()
		if _, err := tx.Exec(ctx, `ALTER TABLE application_events DROP CONSTRAINT `+name); err != nil {
			return nil, fmt.Errorf("seed-scale: drop %s: %w", k.name, err)
		}
		defs = append(defs, `ALTER TABLE application_events ADD CONSTRAINT `+name+` `+k.def)
	}
	if _, err := tx.Exec(ctx, `SET LOCAL maintenance_work_mem = '256MB'`); err != nil {
		return nil, fmt.Errorf("seed-scale: maintenance memory: %w", err)
	}
	return defs, nil
}

// nextIDs reserves n values of a table's identity sequence and returns the first.
func nextIDs(ctx context.Context, tx pgx.Tx, table string, n int) (int64, error) {
	var last int64
	err := tx.QueryRow(ctx, `SELECT setval(pg_get_serial_sequence($1, 'id'),
		GREATEST((SELECT COALESCE(max(id), 0) FROM `+pgx.Identifier{table}.Sanitize()+`), 0) + $2::bigint)`, table, n).Scan(&last)
	if err != nil {
		return 0, fmt.Errorf("seed-scale: reserve %s ids: %w", table, err)
	}
	return last - int64(n) + 1, nil
}

// copyWithIDs loads rows whose identity values are chosen here: COPY cannot
// override a GENERATED ALWAYS column, so the rows go through a temporary table.
func copyWithIDs(ctx context.Context, tx pgx.Tx, table string, cols []string, src pgx.CopyFromSource) (int64, error) {
	tmp := "seed_" + table
	if _, err := tx.Exec(ctx, `CREATE TEMP TABLE `+tmp+` (LIKE `+pgx.Identifier{table}.Sanitize()+` INCLUDING DEFAULTS) ON COMMIT DROP`); err != nil {
		return 0, fmt.Errorf("seed-scale: temp %s: %w", table, err)
	}
	n, err := tx.CopyFrom(ctx, pgx.Identifier{tmp}, cols, src)
	if err != nil {
		return 0, fmt.Errorf("seed-scale: copy %s: %w", table, err)
	}
	colList := ""
	for i, c := range cols {
		if i > 0 {
			colList += ", "
		}
		colList += pgx.Identifier{c}.Sanitize()
	}
	if _, err := tx.Exec(ctx, `INSERT INTO `+pgx.Identifier{table}.Sanitize()+` (`+colList+`) OVERRIDING SYSTEM VALUE SELECT `+colList+` FROM `+tmp); err != nil {
		return 0, fmt.Errorf("seed-scale: insert %s: %w", table, err)
	}
	return n, nil
}

var instKinds = []string{"Dinas Kesehatan", "Dinas Sosial", "BPJS Kesehatan Cabang", "Bank Pembangunan Daerah", "Dinas Pendidikan",
	"Rumah Sakit Umum Daerah", "Badan Pendapatan Daerah", "Kantor Pertanahan", "Dinas Tenaga Kerja", "Perusahaan Daerah Air Minum"}

func scaleInstitutions(ctx context.Context, tx pgx.Tx, rng *rand.Rand, tenants []*scaleTenant, o ScaleOptions, now time.Time) error {
	// The largest tenant gets one institution in a hundred (its first holds
	// LargestInstitution applications); the rest are spread evenly.
	big := max(2, o.Institutions/100)
	rest := max(len(tenants)-1, o.Institutions-big)
	first, err := nextIDs(ctx, tx, "institutions", big+rest)
	if err != nil {
		return err
	}
	var rows [][]any
	id := first
	for i, t := range tenants {
		n := big
		if i > 0 {
			n = rest / (len(tenants) - 1)
			if i-1 < rest%(len(tenants)-1) {
				n++
			}
		}
		for k := 1; k <= n; k++ {
			nama := fmt.Sprintf("%s %s %d", instKinds[(k-1)%len(instKinds)], t.nama, k)
			jenis := "perangkat_daerah"
			if rng.IntN(4) == 0 {
				jenis = "badan_hukum"
			}
			rows = append(rows, []any{id, t.id, jenis, nama, "Jl. Pemuda No. " + strconv.Itoa(k) + ", " + t.nama,
				"Kepala " + nama, "Kepala", "(0711) 000" + strconv.Itoa(k), fmt.Sprintf("lembaga%d@%s.%s", k, t.slug, scaleDomain),
				"verified", now, now})
			t.insts = append(t.insts, scaleInst{id: id, nama: nama})
			id++
		}
	}
	_, err = copyWithIDs(ctx, tx, "institutions", []string{"id", "tenant_id", "jenis", "nama", "alamat", "head_name", "head_position",
		"phone", "email", "status", "verified_at", "created_at"}, pgx.CopyFromRows(rows))
	return err
}

func scaleUsers(ctx context.Context, tx pgx.Tx, tenants []*scaleTenant, hash string, now time.Time) (int, error) {
	n := 1 + ScaleUsersPerRole // admin, Dirjen liaisons
	for i, t := range tenants {
		n += 1 + len(t.insts) + scaleStaffPerTenant
		if i == 0 {
			n += ScaleUsersPerRole - scaleStaffPerTenant + ScaleUsersPerRole - 1
		}
	}
	first, err := nextIDs(ctx, tx, "users", n)
	if err != nil {
		return 0, err
	}
	id := first
	var rows [][]any
	add := func(tenant, inst *int64, email, name, role string) int64 {
		var secret, enrolled any // nil: no second factor
		if role == "kepala" || role == "dirjen" || role == "admin" {
			secret, enrolled = ScaleTOTPSecret, now
		}
		rows = append(rows, []any{id, tenant, inst, email, name, role, hash, now, now, secret, enrolled})
		id++
		return id - 1
	}
	add(nil, nil, "admin@"+scaleDomain, "Admin Platform", "admin")
	for k := 1; k <= ScaleUsersPerRole; k++ {
		add(nil, nil, ScaleDirjenEmail(k), fmt.Sprintf("Petugas Ditjen Dukcapil %d", k), "dirjen")
	}
	for i, t := range tenants {
		tid := t.id
		t.kepala = add(&tid, nil, "kepala@"+t.slug+"."+scaleDomain, "Kepala Disdukcapil "+t.nama, "kepala")
		staff := scaleStaffPerTenant
		if i == 0 {
			staff = ScaleUsersPerRole
		}
		for k := 1; k <= staff; k++ {
			t.staff = append(t.staff, add(&tid, nil, ScaleStaffEmail(t.slug, k), fmt.Sprintf("Petugas %d %s", k, t.nama), "petugas"))
		}
		for k := range t.insts {
			inst := t.insts[k].id
			users := 1
			if i == 0 && k == 0 {
				users = ScaleUsersPerRole
			}
			for m := 1; m <= users; m++ {
				t.insts[k].users = append(t.insts[k].users,
					add(&tid, &inst, ScaleLembagaEmail(t.slug, k+1, m), fmt.Sprintf("Operator %d %s", m, t.insts[k].nama), "lembaga"))
			}
		}
	}
	if len(rows) != n {
		return 0, fmt.Errorf("seed-scale: %d users planned, %d made", n, len(rows))
	}
	_, err = copyWithIDs(ctx, tx, "users", []string{"id", "tenant_id", "institution_id", "email", "name", "role", "password_hash",
		"created_at", "password_changed_at", "totp_secret", "totp_enrolled_at"}, pgx.CopyFromRows(rows))
	return len(rows), err
}

// planPath is one application's whole history: the path to its state plus the
// loops a real one goes through (returns and resubmissions, revised drafts,
// acknowledged receipt, semester reports).
func planPath(rng *rand.Rand, state workflow.State, base []workflow.Event) []workflow.Event {
	evs := []workflow.Event{"create"}
	for _, ev := range base {
		switch ev {
		case workflow.Submit:
			evs = append(evs, ev)
			if state != workflow.Withdrawn && state != workflow.Returned {
				for range rng.IntN(3) / 2 * (1 + rng.IntN(2)) {
					evs = append(evs, workflow.Return, workflow.Submit)
				}
			}
			continue
		case workflow.AgreeAgreement: // revisions come before the lembaga agrees
			for range rng.IntN(3) {
				evs = append(evs, workflow.ReviseAgreement)
			}
		case workflow.Expire, workflow.Revoke:
			evs = append(evs, workflow.AcknowledgeReceipt)
			for range rng.IntN(6) {
				evs = append(evs, workflow.FileReport)
			}
		}
		evs = append(evs, ev)
	}
	if state == workflow.Active {
		evs = append(evs, workflow.AcknowledgeReceipt)
		for range rng.IntN(6) {
			evs = append(evs, workflow.FileReport)
		}
	}
	return evs
}

func pickState(rng *rand.Rand) int {
	r := rng.IntN(100)
	for i, s := range statePaths {
		if r < s.share {
			return i
		}
		r -= s.share
	}
	return len(statePaths) - 1
}

func scaleApplications(ctx context.Context, tx pgx.Tx, rng *rand.Rand, tenants []*scaleTenant, o ScaleOptions, now time.Time) ([]*scaleApp, error) {
	first, err := nextIDs(ctx, tx, "applications", o.Applications)
	if err != nil {
		return nil, err
	}
	apps := make([]*scaleApp, 0, o.Applications)
	id := first
	assign := func(t *scaleTenant, inst scaleInst) {
		apps = append(apps, &scaleApp{id: id, tenant: t.id, inst: inst.id, creator: inst.users[rng.IntN(len(inst.users))]})
		id++
	}
	big := tenants[0]
	for range o.LargestInstitution {
		assign(big, big.insts[0])
	}
	for k := range o.LargestTenant - o.LargestInstitution {
		assign(big, big.insts[1+k%(len(big.insts)-1)])
	}
	others := tenants[1:]
	restApps := o.Applications - o.LargestTenant
	for k := range restApps {
		t := others[k%len(others)]
		assign(t, t.insts[(k/len(others))%len(t.insts)])
	}
	names := map[int64]string{}
	for _, t := range tenants {
		for _, i := range t.insts {
			names[i.id] = i.nama
		}
	}
	var rows [][]any
	for n, a := range apps {
		sp := statePaths[pickState(rng)]
		a.state = sp.state
		a.events = planPath(rng, sp.state, sp.path)
		// Created up to 420 days ago (expired ones earlier still); every later
		// event some hours to days after the one before, the last before now.
		age := time.Duration(1+rng.IntN(420*24)) * time.Hour
		if a.state == workflow.Expired {
			age += 400 * 24 * time.Hour
		}
		created := now.Add(-age).Add(time.Duration(rng.IntN(3600)) * time.Second)
		step := (age - time.Hour) / time.Duration(len(a.events))
		a.times = make([]time.Time, len(a.events))
		at := created
		for i := range a.events {
			if i > 0 {
				at = at.Add(step/2 + time.Duration(rng.Int64N(int64(step/2)+1)))
			}
			a.times[i] = at
		}
		// Validate the path against the machine: the seed never writes a history
		// the product could not have produced.
		state := workflow.Draft
		var submitted, forwarded, acknowledged any
		var pksStart, pksEnd any
		var ips []string
		for i, ev := range a.events[1:] {
			to, ok := workflow.Target(state, ev)
			if !ok {
				return nil, fmt.Errorf("seed-scale: %s cannot happen in %s", ev, state)
			}
			at := a.times[i+1]
			switch ev {
			case workflow.Submit:
				if submitted == nil {
					submitted = at
				}
			case workflow.Forward:
				forwarded = at
			case workflow.Sign:
				pksStart = at.Truncate(24 * time.Hour)
				pksEnd = at.Truncate(24*time.Hour).AddDate(2, 0, -1) // 24 months: no active one is due to expire
			case workflow.RequestUserID:
				ips = []string{"10.20.30.0/24"}
			case workflow.AcknowledgeReceipt:
				acknowledged = at
			case workflow.Expire:
				pksEnd = at.Truncate(24*time.Hour).AddDate(0, 0, -1)
			}
			state = to
		}
		if state != a.state {
			return nil, fmt.Errorf("seed-scale: path ends in %s, not %s", state, a.state)
		}
		since := a.times[len(a.times)-1]
		var clock, due any
		if c, ok := workflow.ClockOf(state); ok {
			// Approximate: the start-up recompute derives the exact instant from
			// the history and the tenant's calendar.
			clock, due = string(c), since.Add(time.Duration(24+rng.IntN(72))*time.Hour)
		}
		snapshot := []byte("{}")
		if submitted != nil {
			snapshot = fmt.Appendf(nil, `{"nama": %q, "jenis": "perangkat_daerah", "alamat": "Jl. Pemuda", "pimpinan": "Kepala", "jabatan": "Kepala"}`, names[a.inst])
		}
		if ips == nil {
			ips = []string{}
		}
		// The lembaga's request letter (item 1) is dated the day the draft was
		// made; a forward cites its number and date.
		var letterNumber, letterDate any
		if submitted != nil {
			letterNumber, letterDate = fmt.Sprintf("%03d/PERMOHONAN/%d", n%1000+1, created.Year()), created.Truncate(24*time.Hour)
		}
		rows = append(rows, []any{a.id, a.tenant, a.inst, fmt.Sprintf("HA-%06d", n+1), fmt.Sprintf("TRK%08X", rng.Uint32()),
			string(a.state), len(a.events), snapshot, "Verifikasi data penduduk penerima layanan berbasis NIK.", []string{"web_service"},
			"Status verifikasi per NIK, dikirim setiap bulan.", 24, ips, a.creator, created, since, since, submitted, forwarded,
			pksStart, pksEnd, acknowledged, clock, due, letterNumber, letterDate})
	}
	_, err = copyWithIDs(ctx, tx, "applications", []string{"id", "tenant_id", "institution_id", "number", "tracking_code", "state",
		"version", "institution_snapshot", "purpose", "access_methods", "return_data", "term_months", "ip_addresses", "created_by",
		"created_at", "updated_at", "state_since", "submitted_at", "forwarded_at", "pks_start", "pks_end", "receipt_acknowledged_at",
		"sla_clock", "sla_due_at", "request_letter_number", "request_letter_date"}, pgx.CopyFromRows(rows))
	return apps, err
}

func scaleElements(ctx context.Context, tx pgx.Tx, apps []*scaleApp) (int, error) {
	var rows [][]any
	for _, a := range apps {
		rows = append(rows, []any{a.tenant, a.id, "nik", ""}, []any{a.tenant, a.id, "nama_lengkap", ""})
	}
	n, err := tx.CopyFrom(ctx, pgx.Identifier{"application_elements"}, []string{"tenant_id", "application_id", "element", "justification"},
		pgx.CopyFromRows(rows))
	if err != nil {
		return 0, fmt.Errorf("seed-scale: copy application_elements: %w", err)
	}
	return int(n), nil
}

// scaleDocuments gives every submitted application its request letter and every
// forwarded one its forwarding letter (tiny PDFs held in the database).
func scaleDocuments(ctx context.Context, tx pgx.Tx, apps []*scaleApp, now time.Time) (int, error) {
	n := 0
	for _, a := range apps {
		if a.state != workflow.Draft {
			n++
		}
		if len(a.events) > 2 && hasEvent(a.events, workflow.Forward) {
			n++
		}
	}
	first, err := nextIDs(ctx, tx, "documents", n)
	if err != nil {
		return 0, err
	}
	sum := sha256.Sum256(scalePDF)
	id := first
	var rows [][]any
	for _, a := range apps {
		if a.state == workflow.Draft {
			continue
		}
		a.requestDoc = id
		rows = append(rows, []any{id, a.tenant, a.id, "surat_permohonan", 1, "surat-permohonan.pdf", "application/pdf", len(scalePDF),
			sum[:], false, "db", scalePDF, a.creator, a.times[0]})
		id++
		if hasEvent(a.events, workflow.Forward) {
			a.forwardDoc = id
			rows = append(rows, []any{id, a.tenant, a.id, "surat_pengantar_dirjen", 1, "surat-pengantar.pdf", "application/pdf", len(scalePDF),
				sum[:], true, "db", scalePDF, nil, a.times[indexOf(a.events, workflow.Forward)]})
			id++
		}
	}
	_, err = copyWithIDs(ctx, tx, "documents", []string{"id", "tenant_id", "application_id", "kind", "version", "filename", "content_type",
		"size_bytes", "sha256", "generated", "storage", "content", "created_by", "created_at"}, pgx.CopyFromRows(rows))
	return len(rows), err
}

func hasEvent(evs []workflow.Event, ev workflow.Event) bool { return indexOf(evs, ev) >= 0 }

func indexOf(evs []workflow.Event, ev workflow.Event) int {
	for i, e := range evs {
		if e == ev {
			return i
		}
	}
	return -1
}

// eventSource streams every application's history, hashing each entry onto its
// predecessor exactly as AppendEvent does, so nothing is held but one chain.
type eventSource struct {
	apps    []*scaleApp
	actors  map[int64]*scaleTenant
	dirjens []int64
	ai, ei  int
	prev    []byte
	row     []any
	err     error
	count   int
}

func (s *eventSource) Next() bool {
	for s.ai < len(s.apps) && s.ei >= len(s.apps[s.ai].events) {
		s.ai, s.ei, s.prev = s.ai+1, 0, nil
	}
	if s.ai >= len(s.apps) {
		return false
	}
	a := s.apps[s.ai]
	i := s.ei
	s.ei++
	ev := a.events[i]
	t := s.actors[a.tenant]
	e := Event{TenantID: a.tenant, ApplicationID: a.id, Seq: i + 1, Event: string(ev), At: a.times[i].UTC().Truncate(time.Microsecond),
		PrevHash: s.prev, DocumentIDs: []int64{}}
	to := workflow.Draft
	if i > 0 {
		// The machine was checked when the application was planned.
		from := workflow.Draft
		for _, prior := range a.events[1:i] {
			from, _ = workflow.Target(from, prior)
		}
		to, _ = workflow.Target(from, ev)
		f := string(from)
		e.From = &f
	}
	e.To = string(to)
	var actor *int64
	switch actorKind(ev) {
	case "lembaga":
		actor = &a.creator
		e.ActorRole, e.ActorName = "lembaga", "Operator Lembaga"
	case "petugas":
		actor = &t.staff[(a.id)%int64(len(t.staff))]
		e.ActorRole, e.ActorName = "petugas", "Petugas "+t.nama
	case "kepala":
		actor = &t.kepala
		e.ActorRole, e.ActorName = "kepala", "Kepala Disdukcapil "+t.nama
	case "dirjen":
		actor = &s.dirjens[a.id%int64(len(s.dirjens))]
		e.ActorRole, e.ActorName = "dirjen", "Ditjen Dukcapil"
	default:
		e.ActorRole, e.ActorName = "system", "Sistem"
	}
	if ev == "create" {
		actor = &a.creator
		e.ActorRole, e.ActorName = "lembaga", "Operator Lembaga"
	}
	e.ActorID = actor
	data := map[string]any{}
	switch ev {
	case workflow.Return:
		data["reason"] = "Lampiran surat permohonan belum ditandatangani."
	case workflow.Forward:
		data["letter_number"] = fmt.Sprintf("400.12.4.4/%d/DUKCAPIL/%d", a.id, e.At.Year())
		if a.forwardDoc != 0 {
			e.DocumentIDs = []int64{a.forwardDoc}
		}
	case workflow.Submit:
		if a.requestDoc != 0 && i == 1 {
			e.DocumentIDs = []int64{a.requestDoc}
		}
	}
	raw, err := canonicalJSON(data)
	if err != nil {
		s.err = err
		return false
	}
	e.Data = raw
	e.Hash = HashEvent(e)
	s.prev = e.Hash
	var from any
	if e.From != nil {
		from = *e.From
	}
	s.row = []any{e.TenantID, e.ApplicationID, e.Seq, e.Event, from, e.To, e.ActorID, e.ActorRole, e.ActorName, e.At,
		string(e.Data), e.DocumentIDs, e.PrevHash, e.Hash}
	s.count++
	return true
}

func (s *eventSource) Values() ([]any, error) { return s.row, nil }
func (s *eventSource) Err() error             { return s.err }

func scaleEvents(ctx context.Context, tx pgx.Tx, tenants []*scaleTenant, apps []*scaleApp) (int, error) {
	src := &eventSource{apps: apps, actors: map[int64]*scaleTenant{}}
	for _, t := range tenants {
		src.actors[t.id] = t
	}
	rows, err := tx.Query(ctx, `SELECT id FROM users WHERE role = 'dirjen' AND email LIKE 'dirjen%@`+scaleDomain+`' ORDER BY id`)
	if err != nil {
		return 0, fmt.Errorf("seed-scale: Dirjen accounts: %w", err)
	}
	if src.dirjens, err = pgx.CollectRows(rows, pgx.RowTo[int64]); err != nil || len(src.dirjens) == 0 {
		return 0, fmt.Errorf("seed-scale: Dirjen accounts: %w", errors.Join(err, errors.New("none")))
	}
	n, err := tx.CopyFrom(ctx, pgx.Identifier{"application_events"}, []string{"tenant_id", "application_id", "seq", "event",
		"from_state", "to_state", "actor_id", "actor_role", "actor_name", "at", "data", "document_ids", "prev_hash", "hash"}, src)
	if err != nil {
		return 0, fmt.Errorf("seed-scale: copy application_events: %w", err)
	}
	return int(n), nil
}

// ScaleTarget is an application the load generator acts on: its page's tenant
// slug, ID and version (for a transition's compare-and-set).
type ScaleTarget struct {
	Slug    string
	ID      int64
	Version int
}

// ScaleTargets lists up to n applications in state of the tenant with slug (or,
// when slug is "", the first application in that state of each tenant but the
// largest, one per tenant), oldest first. conn is the owner's connection.
func ScaleTargets(ctx context.Context, conn *pgx.Conn, slug, state string, n int) ([]ScaleTarget, error) {
	var rows pgx.Rows
	var err error
	if slug != "" {
		rows, err = conn.Query(ctx, `SELECT t.slug, a.id, a.version FROM applications a JOIN tenants t ON t.id = a.tenant_id
			WHERE t.slug = $1 AND a.state = $2 ORDER BY a.id LIMIT $3`, slug, state, n)
	} else {
		rows, err = conn.Query(ctx, `SELECT DISTINCT ON (t.kode) t.slug, a.id, a.version FROM applications a JOIN tenants t ON t.id = a.tenant_id
			WHERE t.slug <> $1 AND a.state = $2 ORDER BY t.kode, a.id LIMIT $3`, ScaleLargestSlug, state, n)
	}
	if err != nil {
		return nil, fmt.Errorf("scale targets: %w", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[ScaleTarget])
	if err != nil {
		return nil, fmt.Errorf("scale targets: %w", err)
	}
	return out, nil
}

// ScaleTargetsAcross lists up to per applications in state of each of the
// first n tenants (by code) that have any, the largest tenant excepted, oldest
// first within a tenant. conn is the owner's connection.
func ScaleTargetsAcross(ctx context.Context, conn *pgx.Conn, state string, n, per int) ([]ScaleTarget, error) {
	rows, err := conn.Query(ctx, `WITH ranked AS (
			SELECT t.kode, t.slug, a.id, a.version, row_number() OVER (PARTITION BY t.kode ORDER BY a.id) AS k
			FROM applications a JOIN tenants t ON t.id = a.tenant_id WHERE t.slug <> $1 AND a.state = $2),
		chosen AS (SELECT DISTINCT kode FROM ranked ORDER BY kode LIMIT $3)
		SELECT r.slug, r.id, r.version FROM ranked r JOIN chosen c USING (kode) WHERE r.k <= $4 ORDER BY r.kode, r.id`,
		ScaleLargestSlug, state, n, per)
	if err != nil {
		return nil, fmt.Errorf("scale targets across tenants: %w", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[ScaleTarget])
	if err != nil {
		return nil, fmt.Errorf("scale targets across tenants: %w", err)
	}
	return out, nil
}

// ScaleCountInState counts how many of the applications ids are in state (the
// load generator checks that its forwards took effect).
func ScaleCountInState(ctx context.Context, dbURL string, ids []int64, state string) (int, error) {
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		return 0, fmt.Errorf("scale count: connect: %w", err)
	}
	defer conn.Close(context.Background())
	var n int
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM applications WHERE id = ANY($1) AND state = $2`, ids, state).Scan(&n); err != nil {
		return 0, fmt.Errorf("scale count: %w", err)
	}
	return n, nil
}

// ScaleStaffOf is the first petugas of the tenant with slug.
func ScaleStaffOf(slug string) string { return ScaleStaffEmail(slug, 1) }

// ScaleStats are the sizes the load generator pages through.
type ScaleStats struct {
	LargestTenantID      int64
	LargestInstitutionID int64  // the largest tenant's institution with the most applications
	LargestQueue         int    // the largest tenant's applications in its queue (all but drafts)
	InboxWaiting         int    // forwarded applications waiting on the Dirjen
	InboxAll             int    // every forwarded application
	SearchTerm           string // a queue search that matches part of the largest tenant
}

// ScaleStatsOf reads them; conn is the owner's connection.
func ScaleStatsOf(ctx context.Context, conn *pgx.Conn) (ScaleStats, error) {
	var st ScaleStats
	err := conn.QueryRow(ctx, `SELECT t.id,
		(SELECT count(*) FROM applications a WHERE a.tenant_id = t.id AND a.state <> 'draft'),
		(SELECT count(*) FROM applications a WHERE a.forwarded_at IS NOT NULL AND a.state IN ('forwarded', 'dwh_requested')),
		(SELECT count(*) FROM applications a WHERE a.forwarded_at IS NOT NULL)
		FROM tenants t WHERE t.slug = $1`, ScaleLargestSlug).Scan(&st.LargestTenantID, &st.LargestQueue, &st.InboxWaiting, &st.InboxAll)
	if err != nil {
		return st, fmt.Errorf("scale stats: %w", err)
	}
	err = conn.QueryRow(ctx, `SELECT institution_id FROM applications WHERE tenant_id = $1
		GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`, st.LargestTenantID).Scan(&st.LargestInstitutionID)
	if err != nil {
		return st, fmt.Errorf("scale stats: largest institution: %w", err)
	}
	st.SearchTerm = "Kesehatan"
	return st, nil
}

// ScaleCursor is the next-page cursor a user following the list's next links
// would hold before its page-th page (list "queue": the largest tenant's queue;
// "inbox": the Dirjen's waiting applications; "inbox_all": every forwarded one).
// conn is the owner's connection.
func ScaleCursor(ctx context.Context, conn *pgx.Conn, list string, page int) (string, error) {
	var q string
	var args []any
	switch list {
	case "queue":
		q = `SELECT a.sla_due_at, a.state_since, a.id FROM applications a JOIN tenants t ON t.id = a.tenant_id
			WHERE t.slug = $1 AND a.state <> 'draft' ORDER BY COALESCE(a.sla_due_at, 'infinity'), a.state_since, a.id`
		args = []any{ScaleLargestSlug}
	case "inbox":
		q = `SELECT NULL::timestamptz, state_since, id FROM applications
			WHERE forwarded_at IS NOT NULL AND state IN ('forwarded', 'dwh_requested') ORDER BY state_since, id`
	case "inbox_all":
		q = `SELECT NULL::timestamptz, state_since, id FROM applications WHERE forwarded_at IS NOT NULL ORDER BY state_since, id`
	default:
		return "", fmt.Errorf("scale cursor: unknown list %q", list)
	}
	var due *time.Time
	var since time.Time
	var id int64
	if err := conn.QueryRow(ctx, q+` OFFSET `+strconv.Itoa(max(0, (page-1)*25-1))+` LIMIT 1`, args...).Scan(&due, &since, &id); err != nil {
		return "", fmt.Errorf("scale cursor %s: %w", list, err)
	}
	return NewListCursor(due, since, id), nil
}
