DROP INDEX IF EXISTS applications_inbox_tenant;
DROP INDEX IF EXISTS applications_inbox_state;
DROP INDEX IF EXISTS applications_inbox_all;
DROP INDEX IF EXISTS applications_inbox_waiting;
CREATE INDEX applications_inbox_waiting ON applications (state_since, id)
    WHERE forwarded_at IS NOT NULL AND state IN ('forwarded', 'dwh_requested', 'addendum_forwarded', 'addendum_dwh_requested');
CREATE INDEX applications_inbox_all ON applications (state_since, id) WHERE forwarded_at IS NOT NULL;
CREATE INDEX applications_inbox_state ON applications (state, state_since, id) WHERE forwarded_at IS NOT NULL;
CREATE INDEX applications_inbox_tenant ON applications (tenant_id, state_since, id) WHERE forwarded_at IS NOT NULL;
CREATE INDEX applications_institution ON applications (tenant_id, institution_id, created_at DESC);
DROP INDEX IF EXISTS applications_institution_recent;
CREATE INDEX applications_queue ON applications (tenant_id, state, sla_due_at NULLS LAST, id);
DROP INDEX IF EXISTS applications_queue_state;
DROP INDEX IF EXISTS applications_queue_open;
