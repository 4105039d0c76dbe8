-- Every list is read in the order of an index, a page at a time (issue 14). The
-- planner cannot estimate the row-level-security conditions, so without an index
-- in the list's own order it walked a tenant's every row and sorted them. Each
-- index also carries the columns the policies and filters read (INCLUDE), so the
-- page's IDs come from the index alone, skipped rows of a deep page included,
-- and only the page's own rows are read from the table.

-- The staff work queue: running clocks first, most urgent on top, then by wait.
-- A missing due instant sorts as infinity (NULLS LAST) in an expression a row
-- comparison can range over, so a next page starts where the last one ended.
CREATE INDEX applications_queue_open ON applications (tenant_id, COALESCE(sla_due_at, 'infinity'), state_since, id)
    INCLUDE (institution_id, forwarded_at, number, sla_due_at) WHERE state <> 'draft';
-- … narrowed to one state.
CREATE INDEX applications_queue_state ON applications (tenant_id, state, COALESCE(sla_due_at, 'infinity'), state_since, id)
    INCLUDE (institution_id, forwarded_at, number, sla_due_at);
DROP INDEX IF EXISTS applications_queue;

-- A lembaga's own applications, newest first.
CREATE INDEX applications_institution_recent ON applications (tenant_id, institution_id, created_at DESC, id DESC)
    INCLUDE (forwarded_at);
DROP INDEX IF EXISTS applications_institution;

-- The Dirjen's inbox (migration 000005), now with what its policy reads.
DROP INDEX IF EXISTS applications_inbox_waiting;
DROP INDEX IF EXISTS applications_inbox_all;
DROP INDEX IF EXISTS applications_inbox_state;
DROP INDEX IF EXISTS applications_inbox_tenant;
CREATE INDEX applications_inbox_waiting ON applications (state_since, id) INCLUDE (tenant_id, institution_id, forwarded_at)
    WHERE forwarded_at IS NOT NULL AND state IN ('forwarded', 'dwh_requested', 'addendum_forwarded', 'addendum_dwh_requested');
CREATE INDEX applications_inbox_all ON applications (state_since, id) INCLUDE (tenant_id, institution_id, forwarded_at)
    WHERE forwarded_at IS NOT NULL;
CREATE INDEX applications_inbox_state ON applications (state, state_since, id) INCLUDE (tenant_id, institution_id, forwarded_at)
    WHERE forwarded_at IS NOT NULL;
CREATE INDEX applications_inbox_tenant ON applications (tenant_id, state_since, id) INCLUDE (institution_id, forwarded_at, state)
    WHERE forwarded_at IS NOT NULL;
