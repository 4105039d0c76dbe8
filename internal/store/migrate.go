package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/golang-migrate/migrate/v4"
	pgxmigrate "github.com/golang-migrate/migrate/v4/database/pgx/v5"
	"github.com/golang-migrate/migrate/v4/source/iofs"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/hakakses/hakakses/migrations"
)

// Migrator applies the embedded migrations as the user DATABASE_URL names (the
// tables' owner), not as the runtime role.
type Migrator struct {
	m  *migrate.Migrate
	db *sql.DB
}

// NewMigrator opens a migration session on databaseURL.
func NewMigrator(databaseURL string) (*Migrator, error) {
	cfg, err := pgx.ParseConfig(databaseURL)
	if err != nil {
		return nil, fmt.Errorf("parse DATABASE_URL: %w", err)
	}
	db := stdlib.OpenDB(*cfg)
	driver, err := pgxmigrate.WithInstance(db, &pgxmigrate.Config{})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("migration driver: %w", err)
	}
	src, err := iofs.New(migrations.FS, ".")
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("migration files: %w", err)
	}
	m, err := migrate.NewWithInstance("iofs", src, "pgx5", driver)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("migrate: %w", err)
	}
	return &Migrator{m: m, db: db}, nil
}

// Up applies every pending migration.
func (mg *Migrator) Up() error { return ignoreNoChange(mg.m.Up()) }

// Down reverts the last n migrations.
func (mg *Migrator) Down(n int) error { return ignoreNoChange(mg.m.Steps(-n)) }

// DownAll reverts every migration (version numbers may have gaps).
func (mg *Migrator) DownAll() error { return ignoreNoChange(mg.m.Down()) }

// Version reports the current version and whether a failed migration left it dirty.
func (mg *Migrator) Version() (uint, bool, error) {
	v, dirty, err := mg.m.Version()
	if errors.Is(err, migrate.ErrNilVersion) {
		return 0, false, nil
	}
	return v, dirty, err
}

// Close ends the migration session.
func (mg *Migrator) Close() error {
	srcErr, dbErr := mg.m.Close()
	return errors.Join(srcErr, dbErr, mg.db.Close())
}

func ignoreNoChange(err error) error {
	if errors.Is(err, migrate.ErrNoChange) {
		return nil
	}
	return err
}

// MigrateUp is the start-up path: River's schema first (migration 16 grants on
// it), then open ours, apply everything pending, close.
func MigrateUp(ctx context.Context, databaseURL string) error {
	if err := MigrateRiver(ctx, databaseURL); err != nil {
		return err
	}
	mg, err := NewMigrator(databaseURL)
	if err != nil {
		return err
	}
	defer mg.Close()
	if err := mg.Up(); err != nil {
		return fmt.Errorf("migrate up: %w", err)
	}
	return nil
}
