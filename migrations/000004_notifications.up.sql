-- Notifications: an in-app list per user, and a transactional outbox of e-mails.
--
-- Both are written by a transition in its own transaction, so a refused or
-- rolled-back transition tells nobody anything. A background worker (any number of
-- instances, rows claimed with FOR UPDATE SKIP LOCKED) delivers the outbox.

-- The user the current transaction acts for, or NULL: each user reads and marks
-- only their own notifications.
CREATE FUNCTION app_user_id() RETURNS bigint
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT NULLIF(current_setting('app.user_id', true), '')::bigint $$;

CREATE TABLE notifications (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id      bigint REFERENCES tenants (id),  -- the recipient's tenant; NULL for the Dirjen liaison
    user_id        bigint NOT NULL REFERENCES users (id),
    application_id bigint,
    title          text NOT NULL CHECK (length(title) > 0),
    body           text NOT NULL,
    link           text NOT NULL DEFAULT '' CHECK (link = '' OR (link LIKE '/%' AND link NOT LIKE '//%')),
    created_at     timestamptz NOT NULL,
    read_at        timestamptz,
    -- A tenant's row goes to a user of that tenant (foreign keys bypass RLS, so
    -- this holds whatever scope inserts it).
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
);
CREATE INDEX notifications_inbox ON notifications (user_id, read_at, created_at DESC);

CREATE TABLE outbox (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id       bigint REFERENCES tenants (id),  -- the tenant whose process sent it
    to_address      text NOT NULL CHECK (to_address LIKE '%_@_%' AND to_address !~ '[\r\n]'),
    subject         text NOT NULL CHECK (subject !~ '[\r\n]'),
    body            text NOT NULL,
    created_at      timestamptz NOT NULL,
    attempts        integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at timestamptz NOT NULL,
    sent_at         timestamptz,
    delivery        text CHECK (delivery IN ('smtp', 'dev')),  -- 'dev': no SMTP configured, kept for the dev mailbox
    last_error      text,
    failed_at       timestamptz,  -- gave up after the last attempt; last_error says why
    CHECK ((sent_at IS NULL) = (delivery IS NULL)),
    CHECK (sent_at IS NULL OR failed_at IS NULL)
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX outbox_recent ON outbox (created_at DESC);

-- The narrow, audited way across row-level security. A lembaga's transaction runs
-- in its institution's scope and cannot see the office's staff, nor anyone the
-- Dirjen liaison; yet submitting must notify them. These functions run as their
-- owner (the migrating user) and return only what a notification needs (ID,
-- e-mail, name, role, tenant) of active accounts.
--
-- notification_users is the look-up itself. Because row-level security is forced
-- on users even for its owner (unless a superuser), it switches the scope to
-- 'system' for the one query and back (a function's SET clause would do the same,
-- but only a superuser may put a custom setting there). It is not granted to the
-- runtime role: only notification_recipients may call it.
CREATE FUNCTION notification_users(p_tenant bigint, p_institution bigint, p_roles text[])
    RETURNS TABLE (user_id bigint, email text, name text, role text, tenant_id bigint)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = public
    AS $$
    DECLARE
        v_scope text := current_setting('app.scope', true);
    BEGIN
        PERFORM set_config('app.scope', 'system', true);
        RETURN QUERY
            SELECT u.id, u.email, u.name, u.role, u.tenant_id
            FROM users u
            WHERE u.active AND u.role = ANY (p_roles) AND (
                   (u.role = 'lembaga' AND u.tenant_id = p_tenant AND u.institution_id = p_institution)
                OR (u.role IN ('petugas', 'kepala') AND u.tenant_id = p_tenant)
                OR (u.role = 'dirjen' AND u.tenant_id IS NULL))
            ORDER BY u.id;
        PERFORM set_config('app.scope', COALESCE(v_scope, ''), true);
    END
    $$;
REVOKE ALL ON FUNCTION notification_users(bigint, bigint, text[]) FROM PUBLIC;

-- notification_recipients answers for one application the caller's own scope may
-- act on (checked here explicitly, the way the applications policies do, because
-- an owner that is a superuser bypasses those policies): its lembaga users, its
-- tenant's staff and/or the Dirjen liaison, as p_roles asks.
CREATE FUNCTION notification_recipients(p_application bigint, p_roles text[])
    RETURNS TABLE (user_id bigint, email text, name text, role text, tenant_id bigint)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = public
    AS $$
    DECLARE
        v_tenant      bigint;
        v_institution bigint;
        v_forwarded   timestamptz;
    BEGIN
        SELECT a.tenant_id, a.institution_id, a.forwarded_at INTO v_tenant, v_institution, v_forwarded
        FROM applications a WHERE a.id = p_application;
        IF NOT FOUND THEN
            RETURN;
        END IF;
        IF NOT (app_scope() = 'system'
                OR (app_scope() = 'tenant' AND v_tenant = app_tenant_id()
                    AND (app_institution_id() IS NULL OR v_institution = app_institution_id()))
                OR (app_scope() = 'dirjen' AND v_forwarded IS NOT NULL)) THEN
            RETURN;
        END IF;
        RETURN QUERY SELECT * FROM notification_users(v_tenant, v_institution, p_roles);
    END
    $$;
REVOKE ALL ON FUNCTION notification_recipients(bigint, text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION notification_recipients(bigint, text[]) TO hakakses_app;

-- Whether a user is an active Dirjen liaison: the only national account a
-- notification without a tenant may go to (used by the insert policy below).
CREATE FUNCTION notification_national_recipient(p_user bigint) RETURNS boolean
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = public
    AS $$
    DECLARE
        v_scope text := current_setting('app.scope', true);
        v_ok    boolean;
    BEGIN
        PERFORM set_config('app.scope', 'system', true);
        SELECT EXISTS (SELECT 1 FROM users WHERE id = p_user AND tenant_id IS NULL AND role = 'dirjen' AND active) INTO v_ok;
        PERFORM set_config('app.scope', COALESCE(v_scope, ''), true);
        RETURN v_ok;
    END
    $$;
REVOKE ALL ON FUNCTION notification_national_recipient(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION notification_national_recipient(bigint) TO hakakses_app;

-- Row-level security. A user reads and marks only their own notifications. A
-- transition inserts them: inside a tenant for that tenant's people or for the
-- Dirjen liaison; as the Dirjen for the parties of an application in its inbox.
ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
ALTER TABLE notifications FORCE ROW LEVEL SECURITY;
CREATE POLICY own_read ON notifications FOR SELECT
    USING (user_id = app_user_id() OR app_scope() = 'system');
CREATE POLICY own_update ON notifications FOR UPDATE
    USING (user_id = app_user_id() OR app_scope() = 'system')
    WITH CHECK (user_id = app_user_id() OR app_scope() = 'system');
CREATE POLICY transition_insert ON notifications FOR INSERT
    WITH CHECK (
        app_scope() = 'system'
        OR (app_scope() = 'tenant' AND app_tenant_id() IS NOT NULL
            AND (tenant_id = app_tenant_id() OR (tenant_id IS NULL AND notification_national_recipient(user_id))))
        OR (app_scope() = 'dirjen'
            AND ((tenant_id IS NULL AND notification_national_recipient(user_id))
                 OR EXISTS (SELECT 1 FROM applications a
                            WHERE a.tenant_id = notifications.tenant_id AND a.id = notifications.application_id))));

-- The outbox is the worker's: only the system scope reads or updates it. A
-- transition may only add to it, for its own tenant (or as the Dirjen).
ALTER TABLE outbox ENABLE ROW LEVEL SECURITY;
ALTER TABLE outbox FORCE ROW LEVEL SECURITY;
CREATE POLICY worker ON outbox
    USING (app_scope() = 'system')
    WITH CHECK (app_scope() = 'system');
CREATE POLICY transition_insert ON outbox FOR INSERT
    WITH CHECK (app_scope() = 'dirjen' OR (tenant_id IS NOT NULL AND tenant_id = app_tenant_id()));

GRANT SELECT, INSERT ON notifications TO hakakses_app;
GRANT UPDATE (read_at) ON notifications TO hakakses_app;
GRANT SELECT, INSERT ON outbox TO hakakses_app;
GRANT UPDATE (attempts, next_attempt_at, sent_at, delivery, last_error, failed_at) ON outbox TO hakakses_app;
