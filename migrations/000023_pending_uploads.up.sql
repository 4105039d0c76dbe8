-- Issue 13: a file chosen in a form that was refused because another field
-- failed is not lost. It is kept here as a pending upload of that application,
-- for the user who chose it, shown on the form again as attached ("Terlampir"),
-- and used by the next successful save of that form unless a new file replaces
-- it. Housekeeping deletes what was never used (app.PendingUploadTTL).
--
-- The bytes stay in this row even when HAKAKSES_BLOB_URL is set: an object in
-- the bucket is named by its SHA-256, shared and never deleted, so a file that
-- may be abandoned must not go there. It reaches the document store (and the
-- bucket) only when it becomes a document. Nothing here is history: rows are
-- replaced and deleted freely, unlike documents.
CREATE TABLE pending_uploads (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id      bigint NOT NULL REFERENCES tenants (id),
    application_id bigint NOT NULL,
    user_id        bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind           text NOT NULL CHECK (length(kind) BETWEEN 1 AND 100),
    filename       text NOT NULL CHECK (length(filename) BETWEEN 1 AND 200),
    content_type   text NOT NULL CHECK (content_type IN ('application/pdf', 'image/png', 'image/jpeg')),
    size_bytes     integer NOT NULL CHECK (size_bytes > 0),
    sha256         bytea NOT NULL CHECK (length(sha256) = 32),
    content        bytea NOT NULL,
    created_at     timestamptz NOT NULL,
    -- One pending file per control of a form: choosing again replaces it.
    UNIQUE (tenant_id, application_id, user_id, kind),
    FOREIGN KEY (tenant_id, application_id) REFERENCES applications (tenant_id, id) ON DELETE CASCADE,
    CHECK (length(content) = size_bytes)
);
CREATE INDEX pending_uploads_age ON pending_uploads (created_at);

-- Only the user who chose a file sees, uses or removes it, and only while that
-- user sees the application (the subquery runs under applications' own
-- policies: a lembaga's institution, the tenant, or the Dirjen's forwarded
-- inbox). Housekeeping runs in the system scope.
ALTER TABLE pending_uploads ENABLE ROW LEVEL SECURITY;
ALTER TABLE pending_uploads FORCE ROW LEVEL SECURITY;
CREATE POLICY owner ON pending_uploads
    USING (app_scope() = 'system' OR (
        user_id = app_user_id()
        AND (tenant_id = app_tenant_id() OR app_scope() = 'dirjen')
        AND EXISTS (SELECT 1 FROM applications a WHERE a.tenant_id = pending_uploads.tenant_id AND a.id = pending_uploads.application_id)))
    WITH CHECK (app_scope() = 'system' OR (
        user_id = app_user_id()
        AND (tenant_id = app_tenant_id() OR app_scope() = 'dirjen')
        AND EXISTS (SELECT 1 FROM applications a WHERE a.tenant_id = pending_uploads.tenant_id AND a.id = pending_uploads.application_id)));
GRANT SELECT, INSERT, UPDATE, DELETE ON pending_uploads TO hakakses_app;
