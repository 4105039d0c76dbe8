-- Documents stay immutable, with one exception: their bytes may move between the
-- database (storage 'db', content set) and object storage (storage 'blob',
-- content NULL), as `hakakses documents migrate` does. Every other column keeps
-- its value, and bytes moved back must hash to the recorded SHA-256.
CREATE FUNCTION documents_storage_move_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND (NEW.id, NEW.tenant_id, NEW.application_id, NEW.kind, NEW.version, NEW.filename, NEW.content_type,
            NEW.size_bytes, NEW.sha256, NEW.generated, NEW.created_by, NEW.created_at)
           IS NOT DISTINCT FROM
           (OLD.id, OLD.tenant_id, OLD.application_id, OLD.kind, OLD.version, OLD.filename, OLD.content_type,
            OLD.size_bytes, OLD.sha256, OLD.generated, OLD.created_by, OLD.created_at)
       AND ((NEW.storage = 'blob' AND NEW.content IS NULL)
            OR (NEW.storage = 'db' AND NEW.content IS NOT NULL AND length(NEW.content) = NEW.size_bytes
                AND sha256(NEW.content) = NEW.sha256)) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'documents is append-only: only its bytes may move between the database and object storage'
        USING ERRCODE = 'insufficient_privilege';
END
$$;
ALTER FUNCTION documents_storage_move_only() SET search_path = pg_catalog, public, pg_temp;

DROP TRIGGER documents_immutable ON documents;
CREATE TRIGGER documents_immutable BEFORE UPDATE OR DELETE ON documents
    FOR EACH ROW EXECUTE FUNCTION documents_storage_move_only();

-- The move runs as the runtime role in the system scope (the tenant_isolation
-- policy lets that scope update); only these two columns.
GRANT UPDATE (storage, content) ON documents TO hakakses_app;

-- The move walks the rows still to move by id.
CREATE INDEX documents_storage ON documents (storage, id);
