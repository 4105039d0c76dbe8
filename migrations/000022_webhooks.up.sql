-- Outgoing webhooks: a tenant may name one endpoint that is told of every
-- transition of its applications, signed the Standard Webhooks way
-- (HMAC-SHA256 with a secret the product generates) and delivered by a River job
-- queued in the transition's own transaction.
--
-- The secret is stored as it is, not hashed: signing needs the secret itself
-- (an API token only has to be recognised, so its hash suffices). It is not
-- encrypted with an application key either: that key would live in the same
-- environment as DATABASE_URL, so it would only protect a stolen dump, at the
-- cost of a key to rotate and never lose. Instead row-level security, forced,
-- lets only the tenant's kepala, the platform admin and the delivery worker
-- (system scope) read the row; the page shows the secret once, in the answer
-- that created it; and dumps are kept encrypted (docs/operations.md, Backups).
CREATE TABLE tenant_webhooks (
    tenant_id  bigint PRIMARY KEY REFERENCES tenants (id),
    url        text NOT NULL CHECK (length(url) BETWEEN 10 AND 2000),
    -- "whsec_" and the base64 of 32 random bytes (Standard Webhooks' format)
    secret     text NOT NULL CHECK (secret ~ '^whsec_[A-Za-z0-9+/]{43}=$'),
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
ALTER TABLE tenant_webhooks ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_webhooks FORCE ROW LEVEL SECURITY;
CREATE POLICY kepala_or_platform ON tenant_webhooks
    USING (app_scope() IN ('system', 'admin')
           OR (app_scope() = 'tenant' AND tenant_id = app_tenant_id() AND app_role() = 'kepala'))
    WITH CHECK (app_scope() IN ('system', 'admin')
                OR (app_scope() = 'tenant' AND tenant_id = app_tenant_id() AND app_role() = 'kepala'));
GRANT SELECT, INSERT, UPDATE, DELETE ON tenant_webhooks TO hakakses_app;

-- One row per event to deliver: the exact bytes signed and sent (the same body
-- and Webhook-Id on every attempt, so the receiver can drop a repeat), and the
-- outcome the settings page lists. Events carry what the API already shows of an
-- application (number, states, event): no personal data.
CREATE TABLE webhook_deliveries (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id       bigint NOT NULL REFERENCES tenants (id),
    application_id  bigint NOT NULL,
    message_id      text NOT NULL UNIQUE CHECK (message_id ~ '^msg_[0-9a-f]{32}$'),
    number          text NOT NULL,
    event           text NOT NULL,
    from_state      text NOT NULL,
    to_state        text NOT NULL,
    body            text NOT NULL,
    created_at      timestamptz NOT NULL,
    attempts        integer NOT NULL DEFAULT 0,
    last_attempt_at timestamptz,
    last_status     integer,   -- the receiver's HTTP status; NULL when it did not answer
    last_error      text,
    delivered_at    timestamptz,
    failed_at       timestamptz, -- given up
    FOREIGN KEY (tenant_id, application_id) REFERENCES applications (tenant_id, id)
);
CREATE INDEX webhook_deliveries_tenant ON webhook_deliveries (tenant_id, id DESC);
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (id) WHERE delivered_at IS NULL AND failed_at IS NULL;

-- The kepala and the platform read a tenant's deliveries; only the worker (system
-- scope) writes them: webhook_enqueue below acts as the system to insert.
ALTER TABLE webhook_deliveries ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_deliveries FORCE ROW LEVEL SECURITY;
CREATE POLICY kepala_or_platform ON webhook_deliveries FOR SELECT
    USING (app_scope() IN ('system', 'admin')
           OR (app_scope() = 'tenant' AND tenant_id = app_tenant_id() AND app_role() = 'kepala'));
CREATE POLICY worker ON webhook_deliveries
    USING (app_scope() = 'system')
    WITH CHECK (app_scope() = 'system');
GRANT SELECT, DELETE ON webhook_deliveries TO hakakses_app;
GRANT UPDATE (attempts, last_attempt_at, last_status, last_error, delivered_at, failed_at) ON webhook_deliveries TO hakakses_app;

-- webhook_enqueue is how a transition queues its event: whoever fires it (a
-- lembaga, the office, the Dirjen, the system) may not read the tenant's webhook,
-- yet must learn whether there is one. It answers for an application the caller's
-- own scope may act on (checked here explicitly, as notification_recipients
-- does, because an owner that is a superuser bypasses the policies), and the
-- delivery's tenant is the application's own, never the caller's word: one
-- tenant's events cannot be queued for another's endpoint. It returns the new
-- delivery's ID, or NULL when the tenant has no webhook.
CREATE FUNCTION webhook_enqueue(p_application bigint, p_message_id text, p_event text, p_from text, p_to text,
                                p_body text, p_at timestamptz) RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, public, pg_temp
    AS $$
    DECLARE
        v_scope       text := current_setting('app.scope', true);
        v_tenant      bigint;
        v_institution bigint;
        v_forwarded   timestamptz;
        v_number      text;
        v_id          bigint;
    BEGIN
        SELECT a.tenant_id, a.institution_id, a.forwarded_at, a.number INTO v_tenant, v_institution, v_forwarded, v_number
        FROM applications a WHERE a.id = p_application;
        IF NOT FOUND THEN
            RETURN NULL;
        END IF;
        IF NOT (app_scope() = 'system'
                OR (app_scope() = 'tenant' AND v_tenant = app_tenant_id()
                    AND (app_institution_id() IS NULL OR v_institution = app_institution_id()))
                OR (app_scope() = 'dirjen' AND v_forwarded IS NOT NULL)) THEN
            RETURN NULL;
        END IF;
        PERFORM set_config('app.scope', 'system', true);
        IF EXISTS (SELECT 1 FROM tenant_webhooks WHERE tenant_id = v_tenant) THEN
            INSERT INTO webhook_deliveries (tenant_id, application_id, message_id, number, event, from_state, to_state, body, created_at)
            VALUES (v_tenant, p_application, p_message_id, v_number, p_event, p_from, p_to, p_body, p_at)
            RETURNING id INTO v_id;
        END IF;
        PERFORM set_config('app.scope', COALESCE(v_scope, ''), true);
        RETURN v_id;
    END
    $$;
REVOKE ALL ON FUNCTION webhook_enqueue(bigint, text, text, text, text, text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION webhook_enqueue(bigint, text, text, text, text, text, timestamptz) TO hakakses_app;
