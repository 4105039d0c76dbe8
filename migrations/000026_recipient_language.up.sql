-- Issue 12 (English): e-mails and notifications are composed in each recipient's
-- language (users.language, migration 25), so the recipients look-up returns it
-- with the rest of the row: one statement loads every recipient and their
-- language, none is read per recipient. A return type cannot be changed by
-- CREATE OR REPLACE, hence the drop and the new grants.
DROP FUNCTION notification_recipients(bigint, text[]);
DROP FUNCTION notification_users(bigint, bigint, text[]);

CREATE FUNCTION notification_users(p_tenant bigint, p_institution bigint, p_roles text[])
    RETURNS TABLE (user_id bigint, email text, name text, role text, tenant_id bigint, language text)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, public, pg_temp
    AS $$
    DECLARE
        v_scope text := current_setting('app.scope', true);
    BEGIN
        PERFORM set_config('app.scope', 'system', true);
        RETURN QUERY
            SELECT u.id, u.email, u.name, u.role, u.tenant_id, COALESCE(u.language, '')
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

CREATE FUNCTION notification_recipients(p_application bigint, p_roles text[])
    RETURNS TABLE (user_id bigint, email text, name text, role text, tenant_id bigint, language text)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, public, pg_temp
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
        -- The Dirjen liaison exists for an application only once it was forwarded:
        -- before that, no caller learns who the liaisons are.
        IF v_forwarded IS NULL THEN
            p_roles := array_remove(p_roles, 'dirjen');
        END IF;
        RETURN QUERY SELECT * FROM notification_users(v_tenant, v_institution, p_roles);
    END
    $$;
REVOKE ALL ON FUNCTION notification_recipients(bigint, text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION notification_recipients(bigint, text[]) TO hakakses_app;
