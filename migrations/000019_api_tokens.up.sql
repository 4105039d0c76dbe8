-- Personal API tokens: a user's key for /api/v1, acting with exactly the user's
-- role, tenant and institution. Only the SHA-256 of the token is kept.
CREATE TABLE api_tokens (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id       bigint NOT NULL REFERENCES users (id),
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    token_sha256  bytea NOT NULL UNIQUE CHECK (length(token_sha256) = 32),
    created_at    timestamptz NOT NULL,
    revoked_at    timestamptz
);
CREATE INDEX api_tokens_user ON api_tokens (user_id, id);

-- A user sees and revokes only their own tokens; the token look-up of each API
-- request runs in the system scope, like the login's.
ALTER TABLE api_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_tokens FORCE ROW LEVEL SECURITY;
CREATE POLICY owner ON api_tokens
    USING (app_scope() = 'system' OR user_id = app_user_id())
    WITH CHECK (app_scope() = 'system' OR user_id = app_user_id());
GRANT SELECT, INSERT ON api_tokens TO hakakses_app;
GRANT UPDATE (revoked_at) ON api_tokens TO hakakses_app;
