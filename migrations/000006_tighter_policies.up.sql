-- Tighter row-level security, after review:
--  * the Dirjen liaison reads its inbox and writes only what its own transitions
--    write (approve, reject, return or approve DWH access, revoke) — nothing else;
--  * a lembaga is confined to its own institution in every table, not only in
--    applications;
--  * tenant settings may be changed by the tenant's kepala (or the platform) only;
--  * local holidays are public (the Dirjen's transitions compute deadlines with them);
--  * letter numbers and User IDs are unique per tenant/application, not platform-wide.

CREATE FUNCTION app_role() RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT COALESCE(current_setting('app.role', true), '') $$;

-- Local holidays are published like national ones.
CREATE POLICY public_read ON local_holidays FOR SELECT USING (true);

-- Uniqueness that collided across tenants.
ALTER TABLE letters DROP CONSTRAINT letters_number_key;
ALTER TABLE issued_user_ids DROP CONSTRAINT issued_user_ids_user_id_key;

-- Tenants: only the kepala of the tenant (or the platform) may change settings.
DROP POLICY tenants_write ON tenants;
CREATE POLICY tenants_write ON tenants FOR UPDATE
    USING ((id = app_tenant_id() AND app_role() = 'kepala') OR app_scope() = 'system')
    WITH CHECK ((id = app_tenant_id() AND app_role() = 'kepala') OR app_scope() = 'system');

-- Institutions: a lembaga sees its own and changes none; staff of the tenant
-- verify and refuse.
DROP POLICY tenant_isolation ON institutions;
CREATE POLICY tenant_read ON institutions FOR SELECT
    USING ((tenant_id = app_tenant_id() AND (app_institution_id() IS NULL OR id = app_institution_id())) OR app_scope() = 'system');
CREATE POLICY tenant_insert ON institutions FOR INSERT
    WITH CHECK ((tenant_id = app_tenant_id() AND app_institution_id() IS NULL) OR app_scope() = 'system');
CREATE POLICY staff_update ON institutions FOR UPDATE
    USING ((tenant_id = app_tenant_id() AND app_institution_id() IS NULL AND app_role() IN ('petugas', 'kepala')) OR app_scope() = 'system')
    WITH CHECK ((tenant_id = app_tenant_id() AND app_institution_id() IS NULL) OR app_scope() = 'system');

-- Users: a lembaga sees and invites only its own institution's users.
DROP POLICY tenant_isolation ON users;
CREATE POLICY tenant_isolation ON users
    USING ((tenant_id = app_tenant_id() AND (app_institution_id() IS NULL OR institution_id = app_institution_id())) OR app_scope() = 'system')
    WITH CHECK ((tenant_id = app_tenant_id() AND (app_institution_id() IS NULL OR institution_id = app_institution_id())) OR app_scope() = 'system');

-- Applications: the Dirjen reads what was forwarded and updates only through a
-- Dirjen transition (checked column by column by the trigger below).
DROP POLICY dirjen_inbox ON applications;
CREATE POLICY dirjen_read ON applications FOR SELECT
    USING (app_scope() = 'dirjen' AND forwarded_at IS NOT NULL);
CREATE POLICY dirjen_update ON applications FOR UPDATE
    USING (app_scope() = 'dirjen' AND forwarded_at IS NOT NULL)
    WITH CHECK (app_scope() = 'dirjen' AND forwarded_at IS NOT NULL);

CREATE FUNCTION dirjen_update_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF app_scope() <> 'dirjen' THEN
        RETURN NEW;
    END IF;
    -- The Dirjen's own transitions, or a same-state refresh of the SLA cache.
    IF NOT ((OLD.state, NEW.state) IN (('forwarded', 'approved'), ('forwarded', 'rejected'),
            ('dwh_requested', 'signed'), ('dwh_requested', 'dwh_approved'), ('active', 'revoked'))
            OR OLD.state = NEW.state) THEN
        RAISE EXCEPTION 'the Dirjen may not move an application from % to %', OLD.state, NEW.state
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF (NEW.tenant_id, NEW.institution_id, NEW.number, NEW.tracking_code, NEW.renewal_of, NEW.institution_snapshot,
        NEW.purpose, NEW.access_methods, NEW.return_data, NEW.term_months, NEW.eligibility_public_service,
        NEW.eligibility_no_vertical, NEW.ip_addresses, NEW.created_by, NEW.created_at, NEW.submitted_at,
        NEW.forwarded_at, NEW.pks_start, NEW.pks_end, NEW.receipt_acknowledged_at)
       IS DISTINCT FROM
       (OLD.tenant_id, OLD.institution_id, OLD.number, OLD.tracking_code, OLD.renewal_of, OLD.institution_snapshot,
        OLD.purpose, OLD.access_methods, OLD.return_data, OLD.term_months, OLD.eligibility_public_service,
        OLD.eligibility_no_vertical, OLD.ip_addresses, OLD.created_by, OLD.created_at, OLD.submitted_at,
        OLD.forwarded_at, OLD.pks_start, OLD.pks_end, OLD.receipt_acknowledged_at) THEN
        RAISE EXCEPTION 'the Dirjen may change only the state of an application' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER applications_dirjen_guard BEFORE UPDATE ON applications
    FOR EACH ROW EXECUTE FUNCTION dirjen_update_guard();

-- Child tables: tenant rows are confined to the lembaga's own applications (the
-- subquery runs under applications' policies); the Dirjen reads what it may see and
-- inserts only the documents, history and User IDs of its own transitions, right
-- after them (the application already stands in the Dirjen transition's target).
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['application_elements', 'documents', 'application_events', 'agreement_versions',
                             'issued_user_ids', 'letters'] LOOP
        EXECUTE format('DROP POLICY tenant_isolation ON %I', t);
        EXECUTE format('DROP POLICY dirjen_inbox ON %I', t);
        EXECUTE format($p$CREATE POLICY tenant_isolation ON %1$I
            USING ((tenant_id = app_tenant_id() AND (app_institution_id() IS NULL OR EXISTS (
                        SELECT 1 FROM applications a WHERE a.tenant_id = %1$I.tenant_id AND a.id = %1$I.application_id)))
                   OR app_scope() = 'system')
            WITH CHECK ((tenant_id = app_tenant_id() AND (app_institution_id() IS NULL OR EXISTS (
                        SELECT 1 FROM applications a WHERE a.tenant_id = %1$I.tenant_id AND a.id = %1$I.application_id)))
                   OR app_scope() = 'system')$p$, t);
        EXECUTE format($p$CREATE POLICY dirjen_read ON %1$I FOR SELECT
            USING (app_scope() = 'dirjen' AND EXISTS (
                SELECT 1 FROM applications a WHERE a.tenant_id = %1$I.tenant_id AND a.id = %1$I.application_id))$p$, t);
    END LOOP;
    FOREACH t IN ARRAY ARRAY['documents', 'application_events', 'issued_user_ids'] LOOP
        EXECUTE format($p$CREATE POLICY dirjen_insert ON %1$I FOR INSERT
            WITH CHECK (app_scope() = 'dirjen' AND EXISTS (
                SELECT 1 FROM applications a WHERE a.tenant_id = %1$I.tenant_id AND a.id = %1$I.application_id
                  AND a.state IN ('approved', 'rejected', 'signed', 'dwh_approved', 'revoked')))$p$, t);
    END LOOP;
END
$$;

-- Definer functions: no temporary object may shadow a table they read.
ALTER FUNCTION notification_users(bigint, bigint, text[]) SET search_path = pg_catalog, public, pg_temp;
ALTER FUNCTION notification_recipients(bigint, text[]) SET search_path = pg_catalog, public, pg_temp;
ALTER FUNCTION notification_national_recipient(bigint) SET search_path = pg_catalog, public, pg_temp;

-- Queue search by number or institution name without scanning the tenant.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX applications_number_trgm ON applications USING gin (number gin_trgm_ops);
CREATE INDEX institutions_nama_trgm ON institutions USING gin (nama gin_trgm_ops);

-- pks_end now holds the last valid day of the agreement (a 12-month PKS signed on
-- 10 March runs through 9 March); agreements signed before held the day after.
SELECT set_config('app.scope', 'system', false);
UPDATE applications SET pks_end = pks_end - 1 WHERE pks_end IS NOT NULL;
SELECT set_config('app.scope', '', false);
