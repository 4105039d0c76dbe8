CREATE OR REPLACE FUNCTION notification_recipients(p_application bigint, p_roles text[])
    RETURNS TABLE (user_id bigint, email text, name text, role text, tenant_id bigint)
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
        RETURN QUERY SELECT * FROM notification_users(v_tenant, v_institution, p_roles);
    END
    $$;
