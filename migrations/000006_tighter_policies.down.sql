SELECT set_config('app.scope', 'system', false);
UPDATE applications SET pks_end = pks_end + 1 WHERE pks_end IS NOT NULL;
SELECT set_config('app.scope', '', false);
DROP INDEX IF EXISTS institutions_nama_trgm;
DROP INDEX IF EXISTS applications_number_trgm;
ALTER FUNCTION notification_users(bigint, bigint, text[]) SET search_path = public;
ALTER FUNCTION notification_recipients(bigint, text[]) SET search_path = public;
ALTER FUNCTION notification_national_recipient(bigint) SET search_path = public;

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['documents', 'application_events', 'issued_user_ids'] LOOP
        EXECUTE format('DROP POLICY dirjen_insert ON %I', t);
    END LOOP;
    FOREACH t IN ARRAY ARRAY['application_elements', 'documents', 'application_events', 'agreement_versions',
                             'issued_user_ids', 'letters'] LOOP
        EXECUTE format('DROP POLICY tenant_isolation ON %I', t);
        EXECUTE format('DROP POLICY dirjen_read ON %I', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_tenant_id() OR app_scope() = ''system'')
                        WITH CHECK (tenant_id = app_tenant_id() OR app_scope() = ''system'')', t);
        EXECUTE format('CREATE POLICY dirjen_inbox ON %I USING (app_scope() = ''dirjen'' AND EXISTS (
                            SELECT 1 FROM applications a WHERE a.tenant_id = %I.tenant_id AND a.id = %I.application_id))
                        WITH CHECK (app_scope() = ''dirjen'' AND EXISTS (
                            SELECT 1 FROM applications a WHERE a.tenant_id = %I.tenant_id AND a.id = %I.application_id))', t, t, t, t, t);
    END LOOP;
END
$$;

DROP TRIGGER applications_dirjen_guard ON applications;
DROP FUNCTION dirjen_update_guard();
DROP POLICY dirjen_update ON applications;
DROP POLICY dirjen_read ON applications;
CREATE POLICY dirjen_inbox ON applications
    USING (app_scope() = 'dirjen' AND forwarded_at IS NOT NULL)
    WITH CHECK (app_scope() = 'dirjen' AND forwarded_at IS NOT NULL);

DROP POLICY tenant_isolation ON users;
CREATE POLICY tenant_isolation ON users
    USING (tenant_id = app_tenant_id() OR app_scope() = 'system')
    WITH CHECK (tenant_id = app_tenant_id() OR app_scope() = 'system');

DROP POLICY staff_update ON institutions;
DROP POLICY tenant_insert ON institutions;
DROP POLICY tenant_read ON institutions;
CREATE POLICY tenant_isolation ON institutions
    USING (tenant_id = app_tenant_id() OR app_scope() = 'system')
    WITH CHECK (tenant_id = app_tenant_id() OR app_scope() = 'system');

DROP POLICY tenants_write ON tenants;
CREATE POLICY tenants_write ON tenants FOR ALL
    USING (id = app_tenant_id() OR app_scope() = 'system')
    WITH CHECK (id = app_tenant_id() OR app_scope() = 'system');

ALTER TABLE issued_user_ids ADD CONSTRAINT issued_user_ids_user_id_key UNIQUE (user_id);
ALTER TABLE letters ADD CONSTRAINT letters_number_key UNIQUE (number);
DROP POLICY public_read ON local_holidays;
DROP FUNCTION app_role();
