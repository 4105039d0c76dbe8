-- Applications and everything that hangs off them: requested data elements, the
-- append-only tamper-evident history, immutable documents, agreement drafts,
-- issued User IDs and gapless letter numbers.

-- The lembaga whose user is acting, or NULL: a lembaga sees only its institution's
-- applications even inside its tenant.
CREATE FUNCTION app_institution_id() RETURNS bigint
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT NULLIF(current_setting('app.institution_id', true), '')::bigint $$;

CREATE TABLE applications (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id       bigint NOT NULL REFERENCES tenants (id),
    institution_id  bigint NOT NULL,
    number          text NOT NULL,
    tracking_code   text NOT NULL CHECK (length(tracking_code) >= 8),  -- with the number, shows the public stage only
    state           text NOT NULL CHECK (state IN ('draft', 'submitted', 'returned', 'forwarded', 'rejected',
                        'approved', 'signing', 'signed', 'user_id_requested', 'dwh_requested', 'dwh_approved',
                        'active', 'expired', 'revoked', 'withdrawn')),
    version         integer NOT NULL DEFAULT 1,  -- bumped by every transition: compare-and-set
    renewal_of      bigint,
    -- Items 2b–2f of the request (2a is the institution, snapshotted at submit).
    institution_snapshot jsonb NOT NULL DEFAULT '{}',
    purpose         text NOT NULL DEFAULT '',
    access_methods  text[] NOT NULL DEFAULT '{}',
    return_data     text NOT NULL DEFAULT '',
    term_months     integer CHECK (term_months IS NULL OR term_months BETWEEN 1 AND 120),
    eligibility_public_service boolean NOT NULL DEFAULT false,
    eligibility_no_vertical    boolean NOT NULL DEFAULT false,
    ip_addresses    text[] NOT NULL DEFAULT '{}',
    created_by      bigint NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    state_since     timestamptz NOT NULL,  -- when the current state was entered
    submitted_at    timestamptz,
    forwarded_at    timestamptz,           -- first forward: from then on the Dirjen may see it
    pks_start       date,
    pks_end         date,
    receipt_acknowledged_at timestamptz,
    -- Cache of the running Disdukcapil clock (derived from history + calendar by the
    -- sla package; recomputed whenever the calendar changes) so lists sort cheaply.
    sla_clock       text,
    sla_due_at      timestamptz,
    UNIQUE (tenant_id, id),
    UNIQUE (tenant_id, number),
    UNIQUE (number),
    FOREIGN KEY (tenant_id, institution_id) REFERENCES institutions (tenant_id, id),
    FOREIGN KEY (tenant_id, renewal_of) REFERENCES applications (tenant_id, id),
    FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id)
);
CREATE INDEX applications_queue ON applications (tenant_id, state, sla_due_at NULLS LAST, id);
CREATE INDEX applications_institution ON applications (tenant_id, institution_id, created_at DESC);
CREATE INDEX applications_dirjen ON applications (state, state_since) WHERE forwarded_at IS NOT NULL;
CREATE INDEX applications_due ON applications (sla_due_at) WHERE sla_due_at IS NOT NULL;
CREATE INDEX applications_pks_end ON applications (pks_end) WHERE state = 'active';

CREATE TABLE application_elements (
    tenant_id      bigint NOT NULL,
    application_id bigint NOT NULL,
    element        text NOT NULL REFERENCES data_elements (kode),
    justification  text NOT NULL DEFAULT '',
    PRIMARY KEY (tenant_id, application_id, element),
    FOREIGN KEY (tenant_id, application_id) REFERENCES applications (tenant_id, id) ON DELETE CASCADE
);

-- Documents are immutable: a correction is a new version, never an overwrite.
CREATE TABLE documents (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id      bigint NOT NULL REFERENCES tenants (id),
    application_id bigint NOT NULL,
    kind           text NOT NULL,
    version        integer NOT NULL CHECK (version >= 1),
    filename       text NOT NULL,
    content_type   text NOT NULL CHECK (content_type IN ('application/pdf', 'image/png', 'image/jpeg')),
    size_bytes     integer NOT NULL CHECK (size_bytes > 0),
    sha256         bytea NOT NULL CHECK (length(sha256) = 32),
    generated      boolean NOT NULL DEFAULT false,
    storage        text NOT NULL DEFAULT 'db' CHECK (storage IN ('db', 'blob')),
    content        bytea,                  -- NULL when storage = 'blob' (S3-compatible store)
    created_by     bigint,
    created_at     timestamptz NOT NULL,
    UNIQUE (tenant_id, id),
    UNIQUE (tenant_id, application_id, kind, version),
    FOREIGN KEY (tenant_id, application_id) REFERENCES applications (tenant_id, id),
    CHECK ((storage = 'db') = (content IS NOT NULL))
);

-- One row per transition, in order, each hashing its predecessor (per application):
-- any edit or deletion breaks the chain, and `hakakses verify-history` finds it.
CREATE TABLE application_events (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id      bigint NOT NULL,
    application_id bigint NOT NULL,
    seq            integer NOT NULL CHECK (seq >= 1),
    event          text NOT NULL,
    from_state     text,
    to_state       text NOT NULL,
    actor_id       bigint,                 -- NULL for the system (expiry)
    actor_role     text NOT NULL,
    actor_name     text NOT NULL,
    at             timestamptz NOT NULL,
    data           jsonb NOT NULL DEFAULT '{}',
    document_ids   bigint[] NOT NULL DEFAULT '{}',
    prev_hash      bytea,
    hash           bytea NOT NULL CHECK (length(hash) = 32),
    UNIQUE (tenant_id, application_id, seq),
    FOREIGN KEY (tenant_id, application_id) REFERENCES applications (tenant_id, id)
);
CREATE INDEX application_events_at ON application_events (tenant_id, at);

CREATE FUNCTION forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER application_events_append_only BEFORE UPDATE OR DELETE ON application_events
    FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER documents_immutable BEFORE UPDATE OR DELETE ON documents
    FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- PKS and Juknis drafts, versioned; each version points at its generated PDFs.
CREATE TABLE agreement_versions (
    tenant_id          bigint NOT NULL,
    application_id     bigint NOT NULL,
    version            integer NOT NULL CHECK (version >= 1),
    pks_clauses        jsonb NOT NULL,   -- [{key, title, body}]
    juknis_sections    jsonb NOT NULL,   -- [{title, body}]
    pks_document_id    bigint NOT NULL,
    juknis_document_id bigint NOT NULL,
    created_by         bigint NOT NULL,
    created_at         timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, application_id, version),
    FOREIGN KEY (tenant_id, application_id) REFERENCES applications (tenant_id, id),
    FOREIGN KEY (tenant_id, pks_document_id) REFERENCES documents (tenant_id, id),
    FOREIGN KEY (tenant_id, juknis_document_id) REFERENCES documents (tenant_id, id)
);
CREATE TRIGGER agreement_versions_immutable BEFORE UPDATE OR DELETE ON agreement_versions
    FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- DWH User IDs issued by the Dirjen (never passwords).
CREATE TABLE issued_user_ids (
    tenant_id      bigint NOT NULL,
    application_id bigint NOT NULL,
    user_id        text NOT NULL,
    category       text NOT NULL DEFAULT '',
    issued_at      timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, application_id, user_id),
    UNIQUE (user_id),
    FOREIGN KEY (tenant_id, application_id) REFERENCES applications (tenant_id, id)
);

-- Letter numbers: a per-tenant, per-year counter advanced inside the transaction
-- that issues the letter, so a rolled-back step leaves no gap and two clerks never
-- get the same number.
CREATE TABLE letter_sequences (
    tenant_id bigint NOT NULL REFERENCES tenants (id),
    year      integer NOT NULL,
    last      integer NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, year)
);
CREATE TABLE letters (
    tenant_id      bigint NOT NULL,
    year           integer NOT NULL,
    seq            integer NOT NULL,
    number         text NOT NULL,
    kind           text NOT NULL,
    application_id bigint NOT NULL,
    document_id    bigint,
    issued_at      timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, year, seq),
    UNIQUE (tenant_id, number),
    UNIQUE (number),
    FOREIGN KEY (tenant_id, application_id) REFERENCES applications (tenant_id, id),
    FOREIGN KEY (tenant_id, document_id) REFERENCES documents (tenant_id, id)
);

-- Row-level security. Tenant rows: own tenant (and, for a lembaga, own institution),
-- or the system. The Dirjen liaison: across tenants, only what was forwarded.
ALTER TABLE applications ENABLE ROW LEVEL SECURITY;
ALTER TABLE applications FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON applications
    USING ((tenant_id = app_tenant_id() AND (app_institution_id() IS NULL OR institution_id = app_institution_id()))
           OR app_scope() = 'system')
    WITH CHECK ((tenant_id = app_tenant_id() AND (app_institution_id() IS NULL OR institution_id = app_institution_id()))
           OR app_scope() = 'system');
CREATE POLICY dirjen_inbox ON applications
    USING (app_scope() = 'dirjen' AND forwarded_at IS NOT NULL)
    WITH CHECK (app_scope() = 'dirjen' AND forwarded_at IS NOT NULL);

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['application_elements', 'documents', 'application_events', 'agreement_versions',
                             'issued_user_ids', 'letters'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_tenant_id() OR app_scope() = ''system'')
                        WITH CHECK (tenant_id = app_tenant_id() OR app_scope() = ''system'')', t);
        -- The subquery runs under applications' own policies: the Dirjen sees a child
        -- row exactly when it sees the application.
        EXECUTE format('CREATE POLICY dirjen_inbox ON %I USING (app_scope() = ''dirjen'' AND EXISTS (
                            SELECT 1 FROM applications a WHERE a.tenant_id = %I.tenant_id AND a.id = %I.application_id))
                        WITH CHECK (app_scope() = ''dirjen'' AND EXISTS (
                            SELECT 1 FROM applications a WHERE a.tenant_id = %I.tenant_id AND a.id = %I.application_id))', t, t, t, t, t);
    END LOOP;
END
$$;

ALTER TABLE letter_sequences ENABLE ROW LEVEL SECURITY;
ALTER TABLE letter_sequences FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON letter_sequences
    USING (tenant_id = app_tenant_id() OR app_scope() = 'system')
    WITH CHECK (tenant_id = app_tenant_id() OR app_scope() = 'system');

-- The Dirjen liaison reads the institutions and tenants behind its inbox.
CREATE POLICY dirjen_inbox ON institutions FOR SELECT
    USING (app_scope() = 'dirjen' AND EXISTS (
        SELECT 1 FROM applications a WHERE a.tenant_id = institutions.tenant_id AND a.institution_id = institutions.id));

GRANT SELECT, INSERT, UPDATE ON applications TO hakakses_app;
GRANT SELECT, INSERT, DELETE ON application_elements TO hakakses_app;
GRANT SELECT, INSERT ON documents, application_events, agreement_versions, issued_user_ids, letters TO hakakses_app;
GRANT SELECT, INSERT, UPDATE ON letter_sequences TO hakakses_app;
