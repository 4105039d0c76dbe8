DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['documents', 'application_events', 'issued_user_ids'] LOOP
        EXECUTE format('DROP POLICY dirjen_insert ON %I', t);
        EXECUTE format($p$CREATE POLICY dirjen_insert ON %1$I FOR INSERT
            WITH CHECK (app_scope() = 'dirjen' AND EXISTS (
                SELECT 1 FROM applications a WHERE a.tenant_id = %1$I.tenant_id AND a.id = %1$I.application_id
                  AND a.state IN ('approved', 'rejected', 'signed', 'dwh_approved', 'revoked')))$p$, t);
    END LOOP;
END
$$;

DROP TABLE evaluation_recaps, data_balikan_deliveries, addenda, sanctions, semester_reports, staff_notes,
    agreement_acceptances, agreement_comments;

CREATE OR REPLACE FUNCTION dirjen_update_guard() RETURNS trigger LANGUAGE plpgsql AS $$
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

ALTER TABLE applications DROP COLUMN copy_of;
DROP INDEX applications_inbox_waiting;
CREATE INDEX applications_inbox_waiting ON applications (state_since, id)
    WHERE forwarded_at IS NOT NULL AND state IN ('forwarded', 'dwh_requested');
DROP INDEX applications_pks_end;
CREATE INDEX applications_pks_end ON applications (pks_end) WHERE state = 'active';
-- Applications in a state the older schema does not know cannot stay: they fall
-- back to the nearest older state (negotiation → signing, in force → active).
SELECT set_config('app.scope', 'system', false);
UPDATE applications SET state = 'signing' WHERE state IN ('changes_requested', 'agreed');
UPDATE applications SET state = 'active'
    WHERE state IN ('suspended', 'addendum_requested', 'addendum_forwarded', 'addendum_dwh_requested', 'addendum_approved');
SELECT set_config('app.scope', '', false);
ALTER TABLE applications DROP CONSTRAINT applications_state_check;
ALTER TABLE applications ADD CONSTRAINT applications_state_check CHECK (state IN ('draft', 'submitted', 'returned',
    'forwarded', 'rejected', 'approved', 'signing', 'signed', 'user_id_requested', 'dwh_requested', 'dwh_approved',
    'active', 'expired', 'revoked', 'withdrawn'));
