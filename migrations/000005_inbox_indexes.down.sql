DROP POLICY dirjen_inbox ON institutions;
CREATE POLICY dirjen_inbox ON institutions FOR SELECT
    USING (app_scope() = 'dirjen' AND EXISTS (
        SELECT 1 FROM applications a WHERE a.tenant_id = institutions.tenant_id AND a.institution_id = institutions.id));
ALTER TABLE institutions DROP COLUMN dirjen_visible;
CREATE INDEX applications_dirjen ON applications (state, state_since) WHERE forwarded_at IS NOT NULL;
DROP INDEX IF EXISTS applications_inbox_tenant;
DROP INDEX IF EXISTS applications_inbox_state;
DROP INDEX IF EXISTS applications_inbox_all;
DROP INDEX IF EXISTS applications_inbox_waiting;
