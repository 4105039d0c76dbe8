DROP TABLE notification_preferences;
DROP TABLE reminder_log;

REVOKE USAGE ON SEQUENCE outbox_id_seq FROM hakakses_app;
ALTER TABLE outbox ALTER COLUMN id SET GENERATED ALWAYS;

DO $$
DECLARE r record;
BEGIN
    FOR r IN SELECT c.relname, c.relkind FROM pg_class c
             WHERE c.relnamespace = current_schema()::text::regnamespace
               AND c.relname LIKE 'river\_%' AND c.relkind IN ('r', 'S')
    LOOP
        IF r.relkind = 'S' THEN
            EXECUTE format('REVOKE ALL ON SEQUENCE %I FROM hakakses_app', r.relname);
        ELSE
            EXECUTE format('REVOKE ALL ON %I FROM hakakses_app', r.relname);
        END IF;
    END LOOP;
END $$;
