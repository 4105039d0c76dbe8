-- Rows already in object storage stay valid under the original schema
-- (storage 'blob', content NULL); move them back first to keep bytes in backups.
DROP INDEX documents_storage;
REVOKE UPDATE (storage, content) ON documents FROM hakakses_app;
DROP TRIGGER documents_immutable ON documents;
CREATE TRIGGER documents_immutable BEFORE UPDATE OR DELETE ON documents
    FOR EACH ROW EXECUTE FUNCTION forbid_change();
DROP FUNCTION documents_storage_move_only();
