// Package store is the product's only door to PostgreSQL: the connection pool, the
// tenant-scoped transactions every query runs in, the migrations, and the SQL of each
// table. Every call takes the scope it acts for, so tenant scoping is part of the
// signature and row-level security backs it up in the database.
package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// AppRole is the database role every request runs as: it owns no table and cannot
// bypass row-level security, whatever user DATABASE_URL names.
const AppRole = "hakakses_app"

// DB is the pool of connections, each switched to AppRole.
type DB struct {
	Pool *pgxpool.Pool
}

// Open connects to databaseURL and switches every new connection to AppRole. It
// refuses to run when that role could bypass row-level security, because then the
// database would no longer back up tenant isolation.
func Open(ctx context.Context, databaseURL string) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(databaseURL)
	if err != nil {
		return nil, fmt.Errorf("parse DATABASE_URL: %w", err)
	}
	cfg.AfterConnect = func(ctx context.Context, c *pgx.Conn) error {
		if _, err := c.Exec(ctx, "SET ROLE "+AppRole); err != nil {
			return fmt.Errorf("set role %s (run the migrations first): %w", AppRole, err)
		}
		var super, bypass bool
		err := c.QueryRow(ctx, `SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user`).Scan(&super, &bypass)
		if err != nil {
			return fmt.Errorf("check role: %w", err)
		}
		if super || bypass {
			return fmt.Errorf("role %s must not be a superuser or bypass row-level security", AppRole)
		}
		return nil
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open pool: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("connect: %w", err)
	}
	return &DB{Pool: pool}, nil
}

// Close releases every connection.
func (db *DB) Close() { db.Pool.Close() }

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
	return pgx.BeginTxFunc(ctx, db.Pool, opts, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT set_config('app.tenant_id', $1, true), set_config('app.scope', $2, true),
			set_config('app.institution_id', $3, true), set_config('app.user_id', $4, true), set_config('app.role', $5, true)`,
			tenant, string(scope.Kind), institution, user, scope.Role); err != nil {
			return fmt.Errorf("set scope: %w", err)
		}
		return fn(tx)
	})
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
