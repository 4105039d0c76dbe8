CREATE FUNCTION audit_head(OUT seq bigint, OUT hash bytea)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
    AS $$ SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1 $$;
REVOKE ALL ON FUNCTION audit_head() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_head() TO hakakses_app;
DROP TABLE audit_chain_head;
DROP TABLE recovery_codes;
DROP POLICY admin_reset_second_factor ON users;
ALTER TABLE users DROP COLUMN totp_last_step, DROP COLUMN totp_enrolled_at, DROP COLUMN totp_secret;
