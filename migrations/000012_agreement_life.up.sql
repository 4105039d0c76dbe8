-- The agreement's life after signing (issue 9): negotiation of the drafts with
-- the lembaga, staff notes the lembaga never sees, semester reports with their
-- review, sanctions with typed grounds, addenda, data balikan deliveries, and the
-- states of workflow.States that go with them.

ALTER TABLE applications DROP CONSTRAINT applications_state_check;
ALTER TABLE applications ADD CONSTRAINT applications_state_check CHECK (state IN ('draft', 'submitted', 'returned',
    'forwarded', 'rejected', 'approved', 'signing', 'signed', 'user_id_requested', 'dwh_requested', 'dwh_approved',
    'active', 'expired', 'revoked', 'withdrawn', 'changes_requested', 'agreed', 'suspended', 'addendum_requested',
    'addendum_forwarded', 'addendum_dwh_requested', 'addendum_approved'));
DROP INDEX applications_pks_end;
CREATE INDEX applications_pks_end ON applications (pks_end)
    WHERE state IN ('active', 'suspended', 'addendum_requested', 'addendum_forwarded', 'addendum_dwh_requested', 'addendum_approved');
-- The Dirjen's inbox also waits on addenda forwarded or sent for DWH changes.
DROP INDEX applications_inbox_waiting;
CREATE INDEX applications_inbox_waiting ON applications (state_since, id)
    WHERE forwarded_at IS NOT NULL AND state IN ('forwarded', 'dwh_requested', 'addendum_forwarded', 'addendum_dwh_requested');
-- A copy-as-new of a rejected or withdrawn request is linked like a renewal.
ALTER TABLE applications ADD COLUMN copy_of bigint,
    ADD FOREIGN KEY (tenant_id, copy_of) REFERENCES applications (tenant_id, id);

-- The Dirjen's transitions now include sanctions and the addendum decisions.
CREATE OR REPLACE FUNCTION dirjen_update_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF app_scope() <> 'dirjen' THEN
        RETURN NEW;
    END IF;
    -- The Dirjen's own transitions, or a same-state one (teguran, SLA cache refresh).
    IF NOT ((OLD.state, NEW.state) IN (('forwarded', 'approved'), ('forwarded', 'rejected'),
            ('dwh_requested', 'signed'), ('dwh_requested', 'dwh_approved'), ('active', 'revoked'),
            ('active', 'suspended'), ('suspended', 'active'), ('suspended', 'revoked'),
            ('addendum_forwarded', 'addendum_approved'), ('addendum_forwarded', 'active'),
            ('addendum_dwh_requested', 'addendum_approved'), ('addendum_dwh_requested', 'active'))
            OR OLD.state = NEW.state) THEN
        RAISE EXCEPTION 'the Dirjen may not move an application from % to %', OLD.state, NEW.state
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF (NEW.tenant_id, NEW.institution_id, NEW.number, NEW.tracking_code, NEW.renewal_of, NEW.institution_snapshot,
        NEW.purpose, NEW.access_methods, NEW.return_data, NEW.term_months, NEW.eligibility_public_service,
        NEW.eligibility_no_vertical, NEW.ip_addresses, NEW.created_by, NEW.created_at, NEW.submitted_at,
        NEW.forwarded_at, NEW.pks_start, NEW.pks_end, NEW.receipt_acknowledged_at, NEW.copy_of)
       IS DISTINCT FROM
       (OLD.tenant_id, OLD.institution_id, OLD.number, OLD.tracking_code, OLD.renewal_of, OLD.institution_snapshot,
        OLD.purpose, OLD.access_methods, OLD.return_data, OLD.term_months, OLD.eligibility_public_service,
        OLD.eligibility_no_vertical, OLD.ip_addresses, OLD.created_by, OLD.created_at, OLD.submitted_at,
        OLD.forwarded_at, OLD.pks_start, OLD.pks_end, OLD.receipt_acknowledged_at, OLD.copy_of) THEN
        RAISE EXCEPTION 'the Dirjen may change only the state of an application' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;

-- Negotiation: the lembaga's comments per pasal of one draft version, staff
-- answers, and the lembaga's agreement to a version (sign reads it).
CREATE TABLE agreement_comments (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id      bigint NOT NULL,
    application_id bigint NOT NULL,
    version        integer NOT NULL,
    document       text NOT NULL CHECK (document IN ('pks', 'juknis')),
    pasal          integer NOT NULL CHECK (pasal >= 0),  -- 0: the document as a whole
    body           text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
    reply_to       bigint REFERENCES agreement_comments (id),
    author_id      bigint NOT NULL,
    author_role    text NOT NULL CHECK (author_role IN ('lembaga', 'petugas', 'kepala')),
    author_name    text NOT NULL,
    created_at     timestamptz NOT NULL,
    FOREIGN KEY (tenant_id, application_id, version) REFERENCES agreement_versions (tenant_id, application_id, version)
);
CREATE INDEX agreement_comments_version ON agreement_comments (tenant_id, application_id, version, id);
CREATE TRIGGER agreement_comments_append_only BEFORE UPDATE OR DELETE ON agreement_comments
    FOR EACH ROW EXECUTE FUNCTION forbid_change();

CREATE TABLE agreement_acceptances (
    tenant_id      bigint NOT NULL,
    application_id bigint NOT NULL,
    version        integer NOT NULL,
    accepted_by    bigint NOT NULL,
    accepted_name  text NOT NULL,
    accepted_at    timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, application_id, version),
    FOREIGN KEY (tenant_id, application_id, version) REFERENCES agreement_versions (tenant_id, application_id, version)
);
CREATE TRIGGER agreement_acceptances_append_only BEFORE UPDATE OR DELETE ON agreement_acceptances
    FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- Staff notes: internal to the office. The lembaga's scope (app.institution_id
-- set, role lembaga) never reads or writes them, and neither does the Dirjen.
CREATE TABLE staff_notes (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id      bigint NOT NULL,
    application_id bigint NOT NULL,
    body           text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
    author_id      bigint NOT NULL,
    author_name    text NOT NULL,
    created_at     timestamptz NOT NULL,
    FOREIGN KEY (tenant_id, application_id) REFERENCES applications (tenant_id, id)
);
CREATE INDEX staff_notes_application ON staff_notes (tenant_id, application_id, id);

-- Semester reports: one row per filed report, for its calendar semester
-- (workflow.ReportSemesters); staff accept or return it with a reason.
CREATE TABLE semester_reports (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id      bigint NOT NULL,
    application_id bigint NOT NULL,
    semester       text NOT NULL CHECK (semester ~ '^[0-9]{4}-[12]$'),
    document_id    bigint NOT NULL,
    filed_at       timestamptz NOT NULL,
    review         text NOT NULL DEFAULT 'pending' CHECK (review IN ('pending', 'accepted', 'returned')),
    review_reason  text NOT NULL DEFAULT '',
    reviewed_by    bigint,
    reviewed_at    timestamptz,
    FOREIGN KEY (tenant_id, application_id) REFERENCES applications (tenant_id, id),
    FOREIGN KEY (tenant_id, document_id) REFERENCES documents (tenant_id, id),
    CHECK ((review = 'pending') = (reviewed_at IS NULL)),
    CHECK (review <> 'returned' OR length(review_reason) > 0)
);
CREATE INDEX semester_reports_application ON semester_reports (tenant_id, application_id, semester, id);
-- At most one report of a semester awaits review or stands accepted.
CREATE UNIQUE INDEX semester_reports_one_standing ON semester_reports (tenant_id, application_id, semester)
    WHERE review <> 'returned';

-- Sanctions as recorded: kind, typed ground, the User IDs switched, the letter.
CREATE TABLE sanctions (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id      bigint NOT NULL,
    application_id bigint NOT NULL,
    kind           text NOT NULL CHECK (kind IN ('teguran_tertulis', 'penghentian_sementara', 'pencabutan', 'pemulihan')),
    ground         text CHECK (ground IN ('late_report', 'misuse', 'third_party', 'network_open', 'lembaga_request', 'other')),
    ground_months  integer CHECK (ground_months IS NULL OR ground_months BETWEEN 1 AND 120),
    ground_text    text NOT NULL DEFAULT '',
    user_ids       text[] NOT NULL DEFAULT '{}',
    letter_number  text NOT NULL DEFAULT '',
    document_id    bigint,
    imposed_by     bigint,
    imposed_role   text NOT NULL,
    imposed_at     timestamptz NOT NULL,
    FOREIGN KEY (tenant_id, application_id) REFERENCES applications (tenant_id, id),
    FOREIGN KEY (tenant_id, document_id) REFERENCES documents (tenant_id, id),
    CHECK ((kind = 'pemulihan') = (ground IS NULL)),
    CHECK (ground IS DISTINCT FROM 'late_report' OR ground_months IS NOT NULL),
    CHECK (ground IS DISTINCT FROM 'other' OR length(ground_text) > 0)
);
CREATE INDEX sanctions_application ON sanctions (tenant_id, application_id, imposed_at);
CREATE TRIGGER sanctions_append_only BEFORE UPDATE OR DELETE ON sanctions
    FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- Addenda of an active PKS: what changes, how far it came, the signed document.
CREATE TABLE addenda (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id       bigint NOT NULL,
    application_id  bigint NOT NULL,
    seq             integer NOT NULL CHECK (seq >= 1),  -- Adendum ke-1, ke-2, …
    purpose         text NOT NULL DEFAULT '',
    add_elements    jsonb NOT NULL DEFAULT '[]',        -- [{code, justification}]
    ip_addresses    text[],                             -- NULL: unchanged
    add_user_ids    integer NOT NULL DEFAULT 0 CHECK (add_user_ids BETWEEN 0 AND 20),
    reason          text NOT NULL DEFAULT '',
    status          text NOT NULL DEFAULT 'requested'
                    CHECK (status IN ('requested', 'returned', 'rejected', 'signed')),
    dirjen_approved boolean NOT NULL DEFAULT false,
    dwh_approved    boolean NOT NULL DEFAULT false,
    number          text NOT NULL DEFAULT '',
    document_id     bigint,
    requested_at    timestamptz NOT NULL,
    signed_at       timestamptz,
    UNIQUE (tenant_id, application_id, seq),
    FOREIGN KEY (tenant_id, application_id) REFERENCES applications (tenant_id, id),
    FOREIGN KEY (tenant_id, document_id) REFERENCES documents (tenant_id, id)
);
-- One addendum at a time is in progress.
CREATE UNIQUE INDEX addenda_one_open ON addenda (tenant_id, application_id) WHERE status = 'requested';

-- Data balikan deliveries the lembaga records (Pasal 38 as amended by
-- Permendagri 17/2023: the data goes to the Ditjen; the office sees who is behind).
CREATE TABLE data_balikan_deliveries (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id      bigint NOT NULL,
    application_id bigint NOT NULL,
    period_start   date NOT NULL,
    period_end     date NOT NULL CHECK (period_end >= period_start),
    channel        text NOT NULL CHECK (channel IN ('aplikasi_data_balikan', 'web_service', 'surat_elektronik', 'media_penyimpanan')),
    records        integer NOT NULL CHECK (records >= 0),
    recorded_by    bigint NOT NULL,
    recorded_at    timestamptz NOT NULL,
    FOREIGN KEY (tenant_id, application_id) REFERENCES applications (tenant_id, id)
);
CREATE INDEX data_balikan_deliveries_application ON data_balikan_deliveries (tenant_id, application_id, period_end DESC);

-- The office's semester evaluation recap to the Dirjen (Pasal "Evaluasi dan
-- Pelaporan" ayat 4), with its letter number.
CREATE TABLE evaluation_recaps (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id      bigint NOT NULL REFERENCES tenants (id),
    semester       text NOT NULL CHECK (semester ~ '^[0-9]{4}-[12]$'),
    letter_number  text NOT NULL,
    figures        jsonb NOT NULL,   -- {due, received, accepted, overdue, sanctions}
    content        bytea NOT NULL,   -- the generated PDF
    sha256         bytea NOT NULL CHECK (length(sha256) = 32),
    created_by     bigint NOT NULL,
    created_at     timestamptz NOT NULL,
    UNIQUE (tenant_id, semester)
);

GRANT SELECT, INSERT ON agreement_comments, agreement_acceptances, sanctions, evaluation_recaps TO hakakses_app;
GRANT SELECT, INSERT ON staff_notes, data_balikan_deliveries TO hakakses_app;
GRANT SELECT, INSERT, UPDATE ON semester_reports, addenda TO hakakses_app;

ALTER TABLE staff_notes ENABLE ROW LEVEL SECURITY;
ALTER TABLE staff_notes FORCE ROW LEVEL SECURITY;
CREATE POLICY staff_only ON staff_notes
    USING ((tenant_id = app_tenant_id() AND app_scope() = 'tenant' AND app_institution_id() IS NULL
            AND app_role() IN ('petugas', 'kepala')) OR app_scope() = 'system')
    WITH CHECK ((tenant_id = app_tenant_id() AND app_scope() = 'tenant' AND app_institution_id() IS NULL
            AND app_role() IN ('petugas', 'kepala')) OR app_scope() = 'system');

ALTER TABLE evaluation_recaps ENABLE ROW LEVEL SECURITY;
ALTER TABLE evaluation_recaps FORCE ROW LEVEL SECURITY;
CREATE POLICY staff_only ON evaluation_recaps
    USING ((tenant_id = app_tenant_id() AND app_institution_id() IS NULL) OR app_scope() = 'system')
    WITH CHECK ((tenant_id = app_tenant_id() AND app_institution_id() IS NULL AND app_role() = 'kepala')
                OR app_scope() = 'system');
CREATE POLICY dirjen_read ON evaluation_recaps FOR SELECT USING (app_scope() = 'dirjen');

-- Application children: the lembaga sees its own applications' rows; the Dirjen
-- reads what it may see and writes only sanctions and addendum decisions.
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['agreement_comments', 'agreement_acceptances', 'semester_reports', 'sanctions',
                             'addenda', 'data_balikan_deliveries'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
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
END
$$;
CREATE POLICY dirjen_insert ON sanctions FOR INSERT
    WITH CHECK (app_scope() = 'dirjen' AND EXISTS (
        SELECT 1 FROM applications a WHERE a.tenant_id = sanctions.tenant_id AND a.id = sanctions.application_id
          AND a.state IN ('active', 'suspended', 'revoked')));
CREATE POLICY dirjen_update ON addenda FOR UPDATE
    USING (app_scope() = 'dirjen' AND EXISTS (
        SELECT 1 FROM applications a WHERE a.tenant_id = addenda.tenant_id AND a.id = addenda.application_id))
    WITH CHECK (app_scope() = 'dirjen');

-- The Dirjen's new transitions write their documents and history after them.
-- Rows of an application that is active again (a warning, a reinstatement, a
-- refused addendum) are limited to those events and their letters, so the
-- Dirjen still cannot write arbitrary history on an active application.
DROP POLICY dirjen_insert ON application_events;
CREATE POLICY dirjen_insert ON application_events FOR INSERT
    WITH CHECK (app_scope() = 'dirjen' AND EXISTS (
        SELECT 1 FROM applications a WHERE a.tenant_id = application_events.tenant_id AND a.id = application_events.application_id
          AND (a.state IN ('approved', 'rejected', 'signed', 'dwh_approved', 'revoked')
               OR (a.state IN ('active', 'suspended', 'addendum_approved')
                   AND application_events.event IN ('warn', 'suspend', 'reinstate', 'approve_addendum', 'reject_addendum',
                                                    'approve_addendum_dwh')))));
DROP POLICY dirjen_insert ON documents;
CREATE POLICY dirjen_insert ON documents FOR INSERT
    WITH CHECK (app_scope() = 'dirjen' AND EXISTS (
        SELECT 1 FROM applications a WHERE a.tenant_id = documents.tenant_id AND a.id = documents.application_id
          AND (a.state IN ('approved', 'rejected', 'signed', 'dwh_approved', 'revoked')
               OR (a.state IN ('active', 'suspended', 'addendum_approved')
                   AND documents.kind IN ('surat_sanksi', 'surat_persetujuan_adendum')))));
DROP POLICY dirjen_insert ON issued_user_ids;
CREATE POLICY dirjen_insert ON issued_user_ids FOR INSERT
    WITH CHECK (app_scope() = 'dirjen' AND EXISTS (
        SELECT 1 FROM applications a WHERE a.tenant_id = issued_user_ids.tenant_id AND a.id = issued_user_ids.application_id
          AND a.state IN ('approved', 'rejected', 'signed', 'dwh_approved', 'revoked', 'addendum_approved')));
