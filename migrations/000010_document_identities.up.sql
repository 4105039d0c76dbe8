-- Issue 8: the documents' own identities, recorded where they arise, and the
-- people who sign. Existing rows keep NULL where the fact was never recorded; the
-- screens ask for it before the next step.

-- The lambang daerah the kepala uploads, printed in every kop (PNG, at most 1 MB).
ALTER TABLE tenants ADD COLUMN lambang_daerah bytea
    CHECK (lambang_daerah IS NULL OR (length(lambang_daerah) BETWEEN 8 AND 1048576
           AND substring(lambang_daerah FROM 1 FOR 8) = '\x89504e470d0a1a0a'::bytea));

-- A perangkat daerah's head is a civil servant: the PKS and the handover record print the NIP.
ALTER TABLE institutions ADD COLUMN head_nip text NOT NULL DEFAULT ''
    CHECK (head_nip = '' OR head_nip ~ '^[0-9]{18}$');

ALTER TABLE applications
    -- Item 1: the lembaga's own request letter (the forwarding letter cites it).
    ADD COLUMN request_letter_number text CHECK (request_letter_number IS NULL OR length(request_letter_number) BETWEEN 1 AND 200),
    ADD COLUMN request_letter_date date,
    -- Item 11b for a badan hukum: the signed statement and the supervising authority's recommendation.
    ADD COLUMN eligibility_statement_number text CHECK (eligibility_statement_number IS NULL OR length(eligibility_statement_number) <= 200),
    ADD COLUMN eligibility_statement_date date,
    ADD COLUMN recommendation_number text CHECK (recommendation_number IS NULL OR length(recommendation_number) <= 200),
    ADD COLUMN recommendation_date date,
    ADD COLUMN recommended_by text CHECK (recommended_by IS NULL OR length(recommended_by) <= 300),
    -- Item 4c: the Surat Pernyataan Jaringan Tertutup has its own number and date.
    ADD COLUMN closed_network_statement_number text CHECK (closed_network_statement_number IS NULL OR length(closed_network_statement_number) <= 200),
    ADD COLUMN closed_network_statement_date date;

-- Item 11: the signing as it stands on the paper — each party's PKS number, the
-- Juknis number(s), the signing date (the PKS term runs from it) and the people
-- who signed: the Kepala Disdukcapil or a Plt./Plh. with NIP, and the
-- institution's head (NIP for a perangkat daerah), editable with a reason.
CREATE TABLE agreement_signings (
    tenant_id                  bigint NOT NULL,
    application_id             bigint NOT NULL,
    signed_on                  date NOT NULL,
    pks_number_disdukcapil     text CHECK (pks_number_disdukcapil IS NULL OR length(pks_number_disdukcapil) BETWEEN 1 AND 200),
    pks_number_lembaga         text CHECK (pks_number_lembaga IS NULL OR length(pks_number_lembaga) BETWEEN 1 AND 200),
    juknis_number_disdukcapil  text CHECK (juknis_number_disdukcapil IS NULL OR length(juknis_number_disdukcapil) BETWEEN 1 AND 200),
    juknis_number_lembaga      text CHECK (juknis_number_lembaga IS NULL OR length(juknis_number_lembaga) BETWEEN 1 AND 200),
    kepala_name                text NOT NULL DEFAULT '',
    kepala_nip                 text NOT NULL DEFAULT '' CHECK (kepala_nip = '' OR kepala_nip ~ '^[0-9]{18}$'),
    kepala_rank                text NOT NULL DEFAULT '',
    kepala_acting              text NOT NULL DEFAULT '' CHECK (kepala_acting IN ('', 'Plt.', 'Plh.')),
    counterparty_name          text NOT NULL DEFAULT '',
    counterparty_position      text NOT NULL DEFAULT '',
    counterparty_nip           text NOT NULL DEFAULT '' CHECK (counterparty_nip = '' OR counterparty_nip ~ '^[0-9]{18}$'),
    counterparty_edit_reason   text NOT NULL DEFAULT '',
    recorded_at                timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, application_id),
    FOREIGN KEY (tenant_id, application_id) REFERENCES applications (tenant_id, id),
    CHECK (kepala_acting = '' OR kepala_nip <> '')
);

-- Signings recorded before: the date is the PKS start, the names those typed at
-- the time; the numbers were never asked for.
SELECT set_config('app.scope', 'system', false);
INSERT INTO agreement_signings (tenant_id, application_id, signed_on, kepala_name, counterparty_name, recorded_at)
SELECT a.tenant_id, a.id, a.pks_start,
       COALESCE(e.data->>'kepala_disdukcapil', ''), COALESCE(e.data->>'pihak_kedua', ''), COALESCE(e.at, a.updated_at)
  FROM applications a
  LEFT JOIN LATERAL (SELECT data, at FROM application_events
                      WHERE tenant_id = a.tenant_id AND application_id = a.id AND event = 'sign'
                      ORDER BY seq DESC LIMIT 1) e ON true
 WHERE a.pks_start IS NOT NULL;
SELECT set_config('app.scope', '', false);

-- Item 5 gives two things: User IDs for the lembaga (with their category) and the
-- User ID data balikan daerah for the Disdukcapil itself. IDs recorded before
-- were all handed to the lembaga.
ALTER TABLE issued_user_ids ADD COLUMN kind text NOT NULL DEFAULT 'lembaga'
    CHECK (kind IN ('lembaga', 'data_balikan_daerah'));
CREATE UNIQUE INDEX issued_user_ids_one_data_balikan ON issued_user_ids (tenant_id, application_id)
    WHERE kind = 'data_balikan_daerah';

ALTER TABLE agreement_signings ENABLE ROW LEVEL SECURITY;
ALTER TABLE agreement_signings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON agreement_signings
    USING ((tenant_id = app_tenant_id() AND (app_institution_id() IS NULL OR EXISTS (
                SELECT 1 FROM applications a WHERE a.tenant_id = agreement_signings.tenant_id AND a.id = agreement_signings.application_id)))
           OR app_scope() = 'system')
    WITH CHECK ((tenant_id = app_tenant_id() AND app_institution_id() IS NULL) OR app_scope() = 'system');
CREATE POLICY dirjen_read ON agreement_signings FOR SELECT
    USING (app_scope() = 'dirjen' AND EXISTS (
        SELECT 1 FROM applications a WHERE a.tenant_id = agreement_signings.tenant_id AND a.id = agreement_signings.application_id));
-- UPDATE: an agreement signed before its numbers were recorded gets them completed.
GRANT SELECT, INSERT, UPDATE ON agreement_signings TO hakakses_app;

-- The Dirjen's transitions may change none of the new facts either.
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
        NEW.forwarded_at, NEW.pks_start, NEW.pks_end, NEW.receipt_acknowledged_at,
        NEW.request_letter_number, NEW.request_letter_date, NEW.eligibility_statement_number,
        NEW.eligibility_statement_date, NEW.recommendation_number, NEW.recommendation_date, NEW.recommended_by,
        NEW.closed_network_statement_number, NEW.closed_network_statement_date)
       IS DISTINCT FROM
       (OLD.tenant_id, OLD.institution_id, OLD.number, OLD.tracking_code, OLD.renewal_of, OLD.institution_snapshot,
        OLD.purpose, OLD.access_methods, OLD.return_data, OLD.term_months, OLD.eligibility_public_service,
        OLD.eligibility_no_vertical, OLD.ip_addresses, OLD.created_by, OLD.created_at, OLD.submitted_at,
        OLD.forwarded_at, OLD.pks_start, OLD.pks_end, OLD.receipt_acknowledged_at,
        OLD.request_letter_number, OLD.request_letter_date, OLD.eligibility_statement_number,
        OLD.eligibility_statement_date, OLD.recommendation_number, OLD.recommendation_date, OLD.recommended_by,
        OLD.closed_network_statement_number, OLD.closed_network_statement_date) THEN
        RAISE EXCEPTION 'the Dirjen may change only the state of an application' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;
