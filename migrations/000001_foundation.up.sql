-- Foundation: the runtime role, tenant scoping helpers, tenants, reference data,
-- institutions, accounts, sessions and login attempts.
--
-- Isolation model. The app connects as whoever DATABASE_URL names (often a superuser
-- in development) but every pooled connection runs `SET ROLE hakakses_app`: a role
-- that owns nothing, cannot bypass RLS, and holds only the grants below. Each
-- transaction declares who it acts for with set_config('app.tenant_id' / 'app.scope',
-- …, true); without them, tenant-scoped tables return no rows.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hakakses_app') THEN
        CREATE ROLE hakakses_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
    END IF;
    IF NOT pg_has_role(current_user, 'hakakses_app', 'MEMBER') THEN
        EXECUTE format('GRANT hakakses_app TO %I', current_user);
    END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO hakakses_app;

-- The tenant the current transaction acts for, or NULL.
CREATE FUNCTION app_tenant_id() RETURNS bigint
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT NULLIF(current_setting('app.tenant_id', true), '')::bigint $$;

-- 'tenant' (default), 'dirjen' (national inbox: forwarded applications of every
-- tenant) or 'system' (trusted internal paths: login, background jobs, admin).
CREATE FUNCTION app_scope() RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT COALESCE(NULLIF(current_setting('app.scope', true), ''), 'tenant') $$;

CREATE TABLE tenants (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kode            text NOT NULL UNIQUE CHECK (kode ~ '^[0-9]{2}\.[0-9]{2}$'),
    nama            text NOT NULL,
    jenis           text NOT NULL CHECK (jenis IN ('kabupaten', 'kota')),
    kode_provinsi   text NOT NULL,
    provinsi        text NOT NULL,
    zona_waktu      text NOT NULL CHECK (zona_waktu IN ('Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura')),
    slug            text UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
    active          boolean NOT NULL DEFAULT false,
    office_open     time NOT NULL DEFAULT '07:30',
    office_close    time NOT NULL DEFAULT '16:00',
    sla_target_days integer NOT NULL DEFAULT 2 CHECK (sla_target_days BETWEEN 1 AND 30),
    city            text NOT NULL DEFAULT '',
    address         text NOT NULL DEFAULT '',
    phone           text NOT NULL DEFAULT '',
    email           text NOT NULL DEFAULT '',
    website         text NOT NULL DEFAULT '',
    head_title      text NOT NULL DEFAULT 'Bupati',
    head_name       text NOT NULL DEFAULT '',
    kepala_name     text NOT NULL DEFAULT '',
    kepala_nip      text NOT NULL DEFAULT '',
    kepala_rank     text NOT NULL DEFAULT '',
    letter_template text NOT NULL DEFAULT '{kode}/{urut}/{jenis}/{unit}/{tahun}',
    letter_code     text NOT NULL DEFAULT '400.12.4.4',
    unit_code       text NOT NULL DEFAULT 'DUKCAPIL',
    service_sk      text NOT NULL DEFAULT '',
    complaint_phone text NOT NULL DEFAULT '',
    lapor_url       text NOT NULL DEFAULT 'https://www.lapor.go.id',
    onboarded_at    timestamptz,
    CHECK (NOT active OR slug IS NOT NULL),
    CHECK (office_open < office_close)
);

-- Every tenant row is public reference data (the landing page lists onboarded ones);
-- only the tenant itself (its kepala) or the platform may change it.
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenants_read ON tenants FOR SELECT USING (true);
CREATE POLICY tenants_write ON tenants FOR ALL
    USING (id = app_tenant_id() OR app_scope() = 'system')
    WITH CHECK (id = app_tenant_id() OR app_scope() = 'system');
GRANT SELECT, UPDATE ON tenants TO hakakses_app;

CREATE TABLE data_elements (
    kode       text PRIMARY KEY,
    huruf      text NOT NULL UNIQUE,
    nama       text NOT NULL,
    dilindungi boolean NOT NULL,
    urutan     integer NOT NULL UNIQUE
);
GRANT SELECT ON data_elements TO hakakses_app;

-- National holidays and cuti bersama; a year appears in holiday_years once its SKB
-- is entered, so a year without data can be warned about instead of silently
-- counting weekends only.
CREATE TABLE national_holidays (
    tanggal    date PRIMARY KEY,
    jenis      text NOT NULL CHECK (jenis IN ('libur_nasional', 'cuti_bersama')),
    keterangan text NOT NULL
);
CREATE TABLE holiday_years (
    tahun  integer PRIMARY KEY CHECK (tahun BETWEEN 2000 AND 2100),
    sumber text NOT NULL DEFAULT ''
);
ALTER TABLE national_holidays ENABLE ROW LEVEL SECURITY;
ALTER TABLE national_holidays FORCE ROW LEVEL SECURITY;
CREATE POLICY national_holidays_read ON national_holidays FOR SELECT USING (true);
CREATE POLICY national_holidays_write ON national_holidays FOR ALL
    USING (app_scope() = 'system') WITH CHECK (app_scope() = 'system');
ALTER TABLE holiday_years ENABLE ROW LEVEL SECURITY;
ALTER TABLE holiday_years FORCE ROW LEVEL SECURITY;
CREATE POLICY holiday_years_read ON holiday_years FOR SELECT USING (true);
CREATE POLICY holiday_years_write ON holiday_years FOR ALL
    USING (app_scope() = 'system') WITH CHECK (app_scope() = 'system');
GRANT SELECT, INSERT, UPDATE, DELETE ON national_holidays, holiday_years TO hakakses_app;

CREATE TABLE local_holidays (
    tenant_id  bigint NOT NULL REFERENCES tenants (id),
    tanggal    date NOT NULL,
    keterangan text NOT NULL,
    PRIMARY KEY (tenant_id, tanggal)
);

CREATE TABLE institutions (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id     bigint NOT NULL REFERENCES tenants (id),
    jenis         text NOT NULL CHECK (jenis IN ('perangkat_daerah', 'badan_hukum')),
    nama          text NOT NULL CHECK (length(trim(nama)) > 0),
    alamat        text NOT NULL DEFAULT '',
    head_name     text NOT NULL DEFAULT '',
    head_position text NOT NULL DEFAULT '',
    phone         text NOT NULL DEFAULT '',
    email         text NOT NULL DEFAULT '',
    status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'verified', 'refused')),
    status_reason text NOT NULL DEFAULT '',
    verified_at   timestamptz,
    created_at    timestamptz NOT NULL,
    UNIQUE (tenant_id, id)
);
CREATE INDEX institutions_tenant_status ON institutions (tenant_id, status, created_at DESC);

CREATE TABLE users (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id      bigint REFERENCES tenants (id),
    institution_id bigint,
    email          text NOT NULL CHECK (email = lower(email) AND email LIKE '%_@_%'),
    name           text NOT NULL,
    role           text NOT NULL CHECK (role IN ('lembaga', 'petugas', 'kepala', 'dirjen', 'admin')),
    password_hash  text NOT NULL,
    active         boolean NOT NULL DEFAULT true,
    created_at     timestamptz NOT NULL,
    password_changed_at timestamptz NOT NULL,
    UNIQUE (email),
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, institution_id) REFERENCES institutions (tenant_id, id),
    -- Who belongs where (DESIGN.md §2): a lembaga user to one institution of one
    -- tenant; staff to one tenant; the Dirjen liaison and admins to no tenant.
    CHECK (CASE role
        WHEN 'lembaga' THEN tenant_id IS NOT NULL AND institution_id IS NOT NULL
        WHEN 'petugas' THEN tenant_id IS NOT NULL AND institution_id IS NULL
        WHEN 'kepala'  THEN tenant_id IS NOT NULL AND institution_id IS NULL
        ELSE tenant_id IS NULL AND institution_id IS NULL END)
);
CREATE INDEX users_tenant_role ON users (tenant_id, role);
CREATE INDEX users_institution ON users (tenant_id, institution_id);

-- Tenant-scoped tables: a row is visible and writable only inside its own tenant,
-- or on a trusted system path.
ALTER TABLE local_holidays ENABLE ROW LEVEL SECURITY;
ALTER TABLE local_holidays FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON local_holidays
    USING (tenant_id = app_tenant_id() OR app_scope() = 'system')
    WITH CHECK (tenant_id = app_tenant_id() OR app_scope() = 'system');

ALTER TABLE institutions ENABLE ROW LEVEL SECURITY;
ALTER TABLE institutions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON institutions
    USING (tenant_id = app_tenant_id() OR app_scope() = 'system')
    WITH CHECK (tenant_id = app_tenant_id() OR app_scope() = 'system');

ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON users
    USING (tenant_id = app_tenant_id() OR app_scope() = 'system')
    WITH CHECK (tenant_id = app_tenant_id() OR app_scope() = 'system');

GRANT SELECT, INSERT, UPDATE, DELETE ON local_holidays TO hakakses_app;
GRANT SELECT, INSERT, UPDATE ON institutions, users TO hakakses_app;

-- scs session store (alexedwards/scs/pgxstore layout): shared by every app instance.
CREATE TABLE sessions (
    token  text PRIMARY KEY,
    data   bytea NOT NULL,
    expiry timestamptz NOT NULL
);
CREATE INDEX sessions_expiry_idx ON sessions (expiry);
GRANT SELECT, INSERT, UPDATE, DELETE ON sessions TO hakakses_app;

-- Failed and successful logins, for rate limiting across instances. Keys are a
-- hash of the e-mail address and the client address, never the password.
CREATE TABLE login_attempts (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key        text NOT NULL,
    succeeded  boolean NOT NULL,
    at         timestamptz NOT NULL
);
CREATE INDEX login_attempts_key_at ON login_attempts (key, at DESC);
GRANT SELECT, INSERT, DELETE ON login_attempts TO hakakses_app;
