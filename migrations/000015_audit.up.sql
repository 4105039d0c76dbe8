-- Issue 10: the audit trail. Append-only (the runtime role may only insert and
-- read) and hash-chained (each entry hashes its predecessor's hash), so a deleted
-- or altered entry is found by `hakakses verify-history`. A tenant's entries are
-- read by that tenant's kepala, all of them by the platform admin.
CREATE TABLE audit_events (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    seq        bigint NOT NULL UNIQUE,           -- position in the one chain, from 1
    tenant_id  bigint REFERENCES tenants (id),   -- NULL for national accounts and anonymous events
    at         timestamptz NOT NULL,
    actor_id   bigint,
    actor_role text NOT NULL DEFAULT '',
    event      text NOT NULL CHECK (event <> ''),
    subject    text NOT NULL DEFAULT '',         -- what it was about: an e-mail digest, a user ID, a document
    client     text NOT NULL DEFAULT '',
    data       jsonb NOT NULL DEFAULT '{}',
    prev_hash  bytea,
    hash       bytea NOT NULL
);
CREATE INDEX audit_events_tenant ON audit_events (tenant_id, id DESC);
CREATE INDEX audit_events_event ON audit_events (event, id DESC);
ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY append ON audit_events FOR INSERT WITH CHECK (true);
CREATE POLICY read ON audit_events FOR SELECT
    USING (app_scope() IN ('admin', 'system') OR (app_scope() = 'tenant' AND tenant_id = app_tenant_id()));
GRANT SELECT, INSERT ON audit_events TO hakakses_app;

-- The chain's head, whatever the caller's scope may read: every append needs it.
CREATE FUNCTION audit_head(OUT seq bigint, OUT hash bytea)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
    AS $$ SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1 $$;
REVOKE ALL ON FUNCTION audit_head() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_head() TO hakakses_app;
