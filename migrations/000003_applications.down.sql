DROP POLICY IF EXISTS dirjen_inbox ON institutions;
DROP TABLE IF EXISTS letters, letter_sequences, issued_user_ids, agreement_versions, application_events,
    documents, application_elements, applications;
DROP FUNCTION IF EXISTS forbid_change();
DROP FUNCTION IF EXISTS app_institution_id();
