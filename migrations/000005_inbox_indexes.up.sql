-- The Dirjen's national inbox pages applications across all tenants, oldest
-- waiting first. These partial indexes hand it rows already in that order, so a
-- page reads ~26 index entries however many applications exist.
CREATE INDEX applications_inbox_waiting ON applications (state_since, id)
    WHERE forwarded_at IS NOT NULL AND state IN ('forwarded', 'dwh_requested');
CREATE INDEX applications_inbox_all ON applications (state_since, id) WHERE forwarded_at IS NOT NULL;
CREATE INDEX applications_inbox_state ON applications (state, state_since, id) WHERE forwarded_at IS NOT NULL;
CREATE INDEX applications_inbox_tenant ON applications (tenant_id, state_since, id) WHERE forwarded_at IS NOT NULL;
DROP INDEX IF EXISTS applications_dirjen;

-- The Dirjen may read an institution once one of its applications was forwarded.
-- A flag set by the forward is an index-free check per row, where the EXISTS over
-- applications it replaces cost milliseconds per institution on a large table.
ALTER TABLE institutions ADD COLUMN dirjen_visible boolean NOT NULL DEFAULT false;
UPDATE institutions i SET dirjen_visible = true
    WHERE EXISTS (SELECT 1 FROM applications a WHERE a.tenant_id = i.tenant_id AND a.institution_id = i.id AND a.forwarded_at IS NOT NULL);
DROP POLICY dirjen_inbox ON institutions;
CREATE POLICY dirjen_inbox ON institutions FOR SELECT USING (app_scope() = 'dirjen' AND dirjen_visible);
