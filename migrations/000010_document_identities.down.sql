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

DROP INDEX issued_user_ids_one_data_balikan;
ALTER TABLE issued_user_ids DROP COLUMN kind;
DROP TABLE agreement_signings;
ALTER TABLE applications
    DROP COLUMN request_letter_number,
    DROP COLUMN request_letter_date,
    DROP COLUMN eligibility_statement_number,
    DROP COLUMN eligibility_statement_date,
    DROP COLUMN recommendation_number,
    DROP COLUMN recommendation_date,
    DROP COLUMN recommended_by,
    DROP COLUMN closed_network_statement_number,
    DROP COLUMN closed_network_statement_date;
ALTER TABLE institutions DROP COLUMN head_nip;
ALTER TABLE tenants DROP COLUMN lambang_daerah;
