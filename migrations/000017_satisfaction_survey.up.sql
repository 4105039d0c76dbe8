-- Survei Kepuasan Masyarakat (PermenPANRB 14/2017). When an application ends
-- (active, rejected, withdrawn) its institution is invited, once, to answer the
-- nine elements on a 1–4 scale; each tenant's IKM per semester is computed from
-- the answers (package skm). The invitation is the row; answering fills it once.
CREATE TABLE satisfaction_surveys (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id      bigint NOT NULL REFERENCES tenants (id),
    application_id bigint NOT NULL,
    institution_id bigint NOT NULL,
    ended_state    text NOT NULL CHECK (ended_state IN ('active', 'rejected', 'withdrawn')),
    invited_at     timestamptz NOT NULL,
    answered_at    timestamptz,
    answered_by    bigint REFERENCES users (id),
    answers        smallint[] CHECK (answers IS NULL OR (cardinality(answers) = 9 AND 1 <= ALL (answers) AND 4 >= ALL (answers))),
    suggestion     text NOT NULL DEFAULT '' CHECK (length(suggestion) <= 2000),
    CHECK ((answered_at IS NULL) = (answers IS NULL)),
    UNIQUE (application_id),
    FOREIGN KEY (tenant_id, application_id) REFERENCES applications (tenant_id, id),
    FOREIGN KEY (tenant_id, institution_id) REFERENCES institutions (tenant_id, id)
);
CREATE INDEX satisfaction_surveys_answered ON satisfaction_surveys (tenant_id, answered_at) WHERE answered_at IS NOT NULL;

-- A tenant sees its own (a lembaga only its institution's); the system invites and
-- computes the national index.
ALTER TABLE satisfaction_surveys ENABLE ROW LEVEL SECURITY;
ALTER TABLE satisfaction_surveys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON satisfaction_surveys
    USING ((tenant_id = app_tenant_id() AND (app_institution_id() IS NULL OR institution_id = app_institution_id()))
           OR app_scope() = 'system')
    WITH CHECK ((tenant_id = app_tenant_id() AND (app_institution_id() IS NULL OR institution_id = app_institution_id()))
           OR app_scope() = 'system');
GRANT SELECT, INSERT ON satisfaction_surveys TO hakakses_app;
GRANT UPDATE (answered_at, answered_by, answers, suggestion) ON satisfaction_surveys TO hakakses_app;
