-- Issue 10: two-factor sign-in with TOTP (RFC 6238) and the audit trail's stored head.

-- users.totp_secret: the shared secret (base32, as authenticator apps take it).
-- Unlike a password it cannot be hashed: every code is computed from it. NULL
-- means not enrolled. totp_last_step is the last 30-second step whose code was
-- accepted, so a code seen by someone else (a shoulder, a phishing proxy) cannot
-- be used again within its step.
ALTER TABLE users
    ADD COLUMN totp_secret      text CHECK (totp_secret ~ '^[A-Z2-7]{16,128}$'),
    ADD COLUMN totp_enrolled_at timestamptz,
    ADD COLUMN totp_last_step   bigint NOT NULL DEFAULT 0;

-- The platform admin resets the second factor of a kepala or the Dirjen liaison
-- (a lost phone); nobody else's, and nothing outside the users' policy otherwise.
CREATE POLICY admin_reset_second_factor ON users FOR UPDATE
    USING (app_scope() = 'admin' AND role IN ('kepala', 'dirjen'))
    WITH CHECK (app_scope() = 'admin' AND role IN ('kepala', 'dirjen'));

-- One-time recovery codes, shown once at enrolment; only SHA-256 of each is kept
-- (the codes carry 50 random bits, so a fast hash is enough). A used code keeps
-- its row, marked, so the count of those left is honest.
CREATE TABLE recovery_codes (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id  bigint REFERENCES tenants (id),  -- the user's; NULL for national accounts
    user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash  bytea NOT NULL UNIQUE,
    created_at timestamptz NOT NULL,
    used_at    timestamptz
);
CREATE INDEX recovery_codes_user ON recovery_codes (user_id) WHERE used_at IS NULL;
ALTER TABLE recovery_codes ENABLE ROW LEVEL SECURITY;
ALTER TABLE recovery_codes FORCE ROW LEVEL SECURITY;
-- Sign-in and a user's own enrolment run in the system scope; a kepala resetting
-- a petugas reaches only their own tenant's staff codes; the admin deletes codes
-- when resetting a kepala or the Dirjen liaison (a DELETE with a WHERE clause
-- also needs the rows readable; they are hashes of random codes).
CREATE POLICY tenant_isolation ON recovery_codes
    USING (app_scope() = 'system' OR (app_scope() = 'tenant' AND tenant_id = app_tenant_id() AND app_institution_id() IS NULL))
    WITH CHECK (app_scope() = 'system' OR (app_scope() = 'tenant' AND tenant_id = app_tenant_id() AND app_institution_id() IS NULL));
CREATE POLICY admin_reset ON recovery_codes FOR DELETE USING (app_scope() = 'admin');
CREATE POLICY admin_read ON recovery_codes FOR SELECT USING (app_scope() = 'admin');
GRANT SELECT, INSERT, UPDATE, DELETE ON recovery_codes TO hakakses_app;

-- The audit chain's head as the appender last left it: how many entries and the
-- last one's hash, updated by the runtime role in the transaction of each append.
-- The chain alone cannot show that its newest entries were deleted (what is left
-- is still a valid chain); the head can, as applications.history_count does for
-- an application's history. One row: the trail is one chain across tenants.
CREATE TABLE audit_chain_head (
    chain  text PRIMARY KEY CHECK (chain = 'audit'),
    count  bigint NOT NULL CHECK (count >= 0),
    hash   bytea
);
INSERT INTO audit_chain_head (chain, count, hash)
    SELECT 'audit', count(*), (SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1) FROM audit_events;
GRANT SELECT, UPDATE ON audit_chain_head TO hakakses_app;
-- Appends read the head from the table now.
DROP FUNCTION audit_head();
