// Package store is the product's only door to PostgreSQL: the connection pool, the
// tenant-scoped transactions every query runs in, the migrations, and the SQL of each
// table. Every call takes the scope it acts for, so tenant scoping is part of the
// signature and row-level security backs it up in the database.
package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// AppRole is the database role every transaction runs as: it owns no table and
// cannot bypass row-level security, whatever user DATABASE_URL names.
const AppRole = "hakakses_app"

// Limits bound how long the database may keep a request waiting, so an outage
// answers "unavailable" within seconds instead of hanging.
type Limits struct {
	Connect   time.Duration // opening a connection (TCP and start-up)
	Statement time.Duration // each statement, enforced by PostgreSQL (statement_timeout)
	Lock      time.Duration // each lock wait, enforced by PostgreSQL (lock_timeout)
	// Transaction bounds a whole transaction on this side, acquiring a connection
	// included: a blackholed network never answers, so PostgreSQL's own timeouts
	// cannot fire. Zero means Connect + Statement + one second.
	Transaction time.Duration
}

// DefaultLimits are the limits of the web server.
var DefaultLimits = Limits{Connect: 3 * time.Second, Statement: 5 * time.Second, Lock: 3 * time.Second}

// Unbounded is for administrative commands that read everything (verify-history):
// no statement or transaction limit, only the connect timeout.
var Unbounded = Limits{Connect: 10 * time.Second}

// DB is the pool of connections and the limits every transaction runs under.
type DB struct {
	pool   *pgxpool.Pool // unexported: no statement runs outside a scoped transaction
	limits Limits
	// scope SQL parameters that stay the same for every transaction
	statementMS, lockMS string
	// roleVerified: checkRole passed (at Open; for a replica down at start-up,
	// when it first answered).
	roleVerified atomic.Bool
}

// ErrUnavailable marks a failure to reach the database in time (connect refused
// or timed out, a transaction over its limit): the caller answers 503.
var ErrUnavailable = errors.New("database unavailable")

// Open connects to databaseURL with DefaultLimits.
func Open(ctx context.Context, databaseURL string) (*DB, error) {
	return OpenWithLimits(ctx, databaseURL, DefaultLimits)
}

// OpenWithLimits connects to databaseURL. It refuses to run when AppRole could
// bypass row-level security, or when the connecting user cannot switch to it,
// because then the database would no longer back up tenant isolation. The role is
// switched per transaction (SET LOCAL ROLE), never per connection, so the pool is
// safe behind a transaction-pooling PgBouncer and a superuser DATABASE_URL still
// runs every query as AppRole.
func OpenWithLimits(ctx context.Context, databaseURL string, l Limits) (*DB, error) {
	db, err := newDB(ctx, databaseURL, l)
	if err != nil {
		return nil, err
	}
	if err := db.verifyRole(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// OpenReplica opens the streaming standby at databaseURL for Reads. Unlike Open
// it does not need the standby to answer: a standby that is down or unreachable
// at start-up must not stop the app, whose reads then go to the primary until
// the standby answers (Reads measures it again at most every CheckEvery). The
// role check Open makes at once is then made when the standby first answers, and
// no read goes there before it passes.
//
// down says why the standby cannot be used now (an ErrUnavailable; nil when it
// answered). err is for what waiting cannot fix: a URL that does not parse, or a
// standby that answers but would run transactions as a role that bypasses
// row-level security; db is nil then.
func OpenReplica(ctx context.Context, databaseURL string, l Limits) (db *DB, down, err error) {
	if db, err = newDB(ctx, databaseURL, l); err != nil {
		return nil, nil, err
	}
	if err := db.verifyRole(ctx); err != nil {
		if errors.Is(err, ErrUnavailable) {
			return db, err, nil
		}
		db.Close()
		return nil, nil, err
	}
	return db, nil, nil
}

// newDB builds the pool without connecting: pgxpool opens connections on demand.
func newDB(ctx context.Context, databaseURL string, l Limits) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(databaseURL)
	if err != nil {
		return nil, fmt.Errorf("parse DATABASE_URL: %w", err)
	}
	if l.Connect > 0 {
		cfg.ConnConfig.ConnectTimeout = l.Connect
	}
	if l.Transaction == 0 && l.Statement > 0 {
		l.Transaction = l.Connect + l.Statement + time.Second
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open pool: %w", err)
	}
	return &DB{pool: pool, limits: l, statementMS: millis(l.Statement), lockMS: millis(l.Lock)}, nil
}

// verifyRole runs checkRole until it has passed once.
func (db *DB) verifyRole(ctx context.Context) error {
	if db.roleVerified.Load() {
		return nil
	}
	if err := db.checkRole(ctx); err != nil {
		return err
	}
	db.roleVerified.Store(true)
	return nil
}

func millis(d time.Duration) string { return strconv.FormatInt(d.Milliseconds(), 10) }

// checkRole proves at start-up that transactions will run as a role bound by
// row-level security.
func (db *DB) checkRole(ctx context.Context) error {
	return db.tx(ctx, Public(), pgx.TxOptions{AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		var user string
		var super, bypass bool
		err := tx.QueryRow(ctx, `SELECT current_user, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user`).Scan(&user, &super, &bypass)
		if err != nil {
			return fmt.Errorf("check role: %w", err)
		}
		if user != AppRole || super || bypass {
			return fmt.Errorf("role %s must not be a superuser or bypass row-level security (transactions run as %s)", AppRole, user)
		}
		return nil
	})
}

// JobPool is the connection pool, for the River job queue only (riverpgxv5
// needs a *pgxpool.Pool). River's own tables (river_job, river_queue, …) are not
// tenant data and carry no row-level security; River runs its statements as the
// connecting role (the table owner of DATABASE_URL), not as AppRole, because it
// does not go through tx and so never switches role. Job arguments carry ids
// only, and every job's work goes back through the app, hence through a scoped
// transaction. Nothing else may use this pool: tenant data is read and written
// only inside tx's SET LOCAL ROLE scope.
func (db *DB) JobPool() *pgxpool.Pool { return db.pool }

// Close releases every connection.
func (db *DB) Close() { db.pool.Close() }

// Ping reports whether the database answers within the connect limit.
func (db *DB) Ping(ctx context.Context) error {
	if db.limits.Connect > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, db.limits.Connect)
		defer cancel()
	}
	if err := db.pool.Ping(ctx); err != nil {
		return fmt.Errorf("%w: %w", ErrUnavailable, err)
	}
	return nil
}

// ScopeKind says on whose behalf a transaction acts; row-level security reads it.
type ScopeKind string

const (
	// ScopeTenant sees one tenant's rows only.
	ScopeTenant ScopeKind = "tenant"
	// ScopeDirjen sees, across tenants, only what was forwarded to the Dirjen.
	ScopeDirjen ScopeKind = "dirjen"
	// ScopeSystem is for trusted internal paths: login look-up, background jobs,
	// platform administration. Handlers acting for a user never use it for content.
	ScopeSystem ScopeKind = "system"
	// ScopeAdmin is the platform admin: tenants, national accounts, the national
	// holiday calendar; no application content.
	ScopeAdmin ScopeKind = "admin"
	// ScopePublic sees only public reference data (tenants, holidays, elements).
	ScopePublic ScopeKind = "public"
)

// Scope is who a transaction acts for.
type Scope struct {
	Kind          ScopeKind
	TenantID      int64
	InstitutionID int64  // set for a lembaga: only its own institution's applications
	UserID        int64  // the acting user, if any: each user sees only their own notifications
	Role          string // the acting user's role: tenant settings are the kepala's, verification the staff's
}

// TenantScope scopes a transaction to one tenant.
func TenantScope(id int64) Scope { return Scope{Kind: ScopeTenant, TenantID: id} }

// InstitutionScope scopes a transaction to one institution of one tenant.
func InstitutionScope(tenantID, institutionID int64) Scope {
	return Scope{Kind: ScopeTenant, TenantID: tenantID, InstitutionID: institutionID}
}

// Dirjen scopes a transaction to the national inbox.
func Dirjen() Scope { return Scope{Kind: ScopeDirjen} }

// System scopes a transaction to trusted internal work.
func System() Scope { return Scope{Kind: ScopeSystem} }

// Public scopes a transaction to public reference data.
func Public() Scope { return Scope{Kind: ScopePublic} }

// Tx runs fn in one transaction acting for scope; it commits when fn returns nil
// and rolls back otherwise.
func (db *DB) Tx(ctx context.Context, scope Scope, fn func(pgx.Tx) error) error {
	return db.tx(ctx, scope, pgx.TxOptions{}, fn)
}

// ReadTx is Tx for reads only.
func (db *DB) ReadTx(ctx context.Context, scope Scope, fn func(pgx.Tx) error) error {
	return db.tx(ctx, scope, pgx.TxOptions{AccessMode: pgx.ReadOnly}, fn)
}

func (db *DB) tx(ctx context.Context, scope Scope, opts pgx.TxOptions, fn func(pgx.Tx) error) error {
	tenant, institution := "", ""
	if scope.Kind == ScopeTenant {
		if scope.TenantID <= 0 {
			return errors.New("store: tenant scope without a tenant")
		}
		tenant = strconv.FormatInt(scope.TenantID, 10)
		if scope.InstitutionID > 0 {
			institution = strconv.FormatInt(scope.InstitutionID, 10)
		}
	}
	user := ""
	if scope.UserID > 0 {
		user = strconv.FormatInt(scope.UserID, 10)
	}
	latch, _ := ctx.Value(latchKey{}).(*atomic.Bool)
	if latch != nil && latch.Load() {
		return fmt.Errorf("%w: an earlier transaction of this request found it unreachable", ErrUnavailable)
	}
	if db.limits.Transaction > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, db.limits.Transaction)
		defer cancel()
	}
	// BEGIN, the role and every scope setting go in one round trip: a simple-
	// protocol query string of two statements (the simple protocol takes no
	// parameters, hence the quoted literals), all settings local to this
	// transaction; 0 leaves a timeout off.
	begin, err := beginWithScope(opts, db.statementMS, db.lockMS, tenant, string(scope.Kind), institution, user, scope.Role)
	if err != nil {
		return err
	}
	opts.BeginQuery = begin
	tx, err := db.pool.BeginTx(ctx, opts)
	var pgErr *pgconn.PgError
	switch {
	case errors.As(err, &pgErr):
		// The server refused the scope: the role is missing.
		err = fmt.Errorf("store: begin and set scope (run the migrations first, they create role %s): %w", AppRole, err)
	case err != nil:
		err = fmt.Errorf("store: begin: %w", err)
	default:
		err = runTx(ctx, tx, fn)
	}
	if err != nil && isUnavailable(ctx, err) {
		if latch != nil {
			latch.Store(true)
		}
		return fmt.Errorf("%w: %w", ErrUnavailable, err)
	}
	return err
}

// runTx runs fn in tx, then commits; it rolls back when fn fails (or panics).
func runTx(ctx context.Context, tx pgx.Tx, fn func(pgx.Tx) error) (err error) {
	defer func() {
		if rbErr := tx.Rollback(ctx); rbErr != nil && !errors.Is(rbErr, pgx.ErrTxClosed) && err == nil {
			err = rbErr
		}
	}()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// beginWithScope is the query that opens a transaction with opts' access mode
// and sets its scope, as one simple-protocol round trip.
func beginWithScope(opts pgx.TxOptions, statementMS, lockMS, tenant, kind, institution, user, role string) (string, error) {
	var b strings.Builder
	b.WriteString("BEGIN")
	if opts.IsoLevel != "" {
		b.WriteString(" ISOLATION LEVEL " + string(opts.IsoLevel))
	}
	if opts.AccessMode != "" {
		b.WriteString(" " + string(opts.AccessMode))
	}
	b.WriteString("; SELECT ")
	for i, kv := range [...][2]string{{"role", AppRole}, {"statement_timeout", statementMS}, {"lock_timeout", lockMS},
		{"app.tenant_id", tenant}, {"app.scope", kind}, {"app.institution_id", institution}, {"app.user_id", user}, {"app.role", role}} {
		if i > 0 {
			b.WriteString(", ")
		}
		v, err := quoteLiteral(kv[1])
		if err != nil {
			return "", fmt.Errorf("store: scope setting %s: %w", kv[0], err)
		}
		b.WriteString("set_config('" + kv[0] + "', " + v + ", true)")
	}
	return b.String(), nil
}

// quoteLiteral quotes a scope value as an SQL string literal. The values are
// numbers and fixed names; anything that could need more than doubling quotes
// (a backslash with standard_conforming_strings off, a NUL) is refused.
func quoteLiteral(v string) (string, error) {
	if strings.ContainsAny(v, "\\\x00") {
		return "", fmt.Errorf("value %q cannot be quoted", v)
	}
	return "'" + strings.ReplaceAll(v, "'", "''") + "'", nil
}

type latchKey struct{}

// WithUnavailableLatch gives ctx a latch: once a transaction under it finds the
// database unavailable, every later one fails at once. A web request makes
// several transactions in turn (session, user, the action, the session again);
// with the latch an outage costs it one transaction limit, not one per step.
func WithUnavailableLatch(ctx context.Context) context.Context {
	return context.WithValue(ctx, latchKey{}, new(atomic.Bool))
}

// isUnavailable tells a database that cannot be reached, or did not answer in
// time, from a refused statement.
func isUnavailable(ctx context.Context, err error) bool {
	if errors.Is(err, ErrUnavailable) {
		return false // already marked
	}
	if ctx.Err() != nil && errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return true
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		// Timeouts and "the server is going away" are unavailability; any other
		// refusal is the statement's own error.
		switch pgErr.Code {
		case "57014", "55P03", "57P01", "57P02", "57P03", "53300":
			return pgErr.Code != "57014" || strings.Contains(pgErr.Message, "statement timeout")
		}
		return false
	}
	var connErr *pgconn.ConnectError
	if errors.As(err, &connErr) || pgconn.Timeout(err) || errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var netErr net.Error
	if errors.As(err, &netErr) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.EPIPE) {
		return true
	}
	return strings.Contains(err.Error(), "conn closed") || strings.Contains(err.Error(), "closed pool")
}

// Sentinel errors the store returns; the app layer maps them to user messages.
var (
	ErrNotFound = errors.New("not found")
	ErrConflict = errors.New("conflict")
)

// IsUniqueViolation reports whether err is a unique-constraint violation, optionally
// of the named constraint.
func IsUniqueViolation(err error, constraint string) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23505" {
		return constraint == "" || pgErr.ConstraintName == constraint
	}
	return false
}

func notFound(err error) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return ErrNotFound
	}
	return err
}

// countBy runs a "SELECT key, count(*) … GROUP BY key" query into a map; keys
// without rows are absent.
func countBy(ctx context.Context, q pgx.Tx, what, sql string, args ...any) (map[string]int, error) {
	rows, err := q.Query(ctx, sql, args...)
	if err != nil {
		return nil, fmt.Errorf("store: count %s: %w", what, err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var key string
		var n int
		if err := rows.Scan(&key, &n); err != nil {
			return nil, fmt.Errorf("store: count %s: %w", what, err)
		}
		out[key] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: count %s: %w", what, err)
	}
	return out, nil
}

// Stat reports the connection pool's figures (for metrics); it runs no statement.
func (db *DB) Stat() *pgxpool.Stat { return db.pool.Stat() }
