-- Issue 10, breaks 3 and 5.
--
-- users.session_epoch: every session remembers the epoch it was signed in under;
-- a password change or a deactivation bumps it, so every other session of that
-- user ends at its next request.
ALTER TABLE users ADD COLUMN session_epoch bigint NOT NULL DEFAULT 0;

-- applications.history_count / history_head: the chain's head as the row knows
-- it, written in the same transaction as every history entry. verify-history
-- compares it with the chain, so a deleted last entry (the chain still verifies)
-- or a state changed behind the history's back is caught.
ALTER TABLE applications ADD COLUMN history_count integer NOT NULL DEFAULT 0,
                         ADD COLUMN history_head  bytea;
UPDATE applications a SET history_count = e.seq, history_head = e.hash
FROM (SELECT DISTINCT ON (tenant_id, application_id) tenant_id, application_id, seq, hash
      FROM application_events ORDER BY tenant_id, application_id, seq DESC) e
WHERE e.tenant_id = a.tenant_id AND e.application_id = a.id;

-- Single-use tokens sent by e-mail (account unlock, password reset). Only the
-- SHA-256 of a token is stored, so a copy of the table opens nothing. Read and
-- written in the system scope only (the user is not signed in).
CREATE TABLE account_tokens (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     bigint NOT NULL REFERENCES users (id),
    purpose     text NOT NULL CHECK (purpose IN ('unlock', 'reset', 'activate')),
    token_hash  bytea NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz
);
CREATE INDEX account_tokens_user ON account_tokens (user_id, purpose, created_at DESC);
ALTER TABLE account_tokens ENABLE ROW LEVEL SECURITY;
CREATE POLICY system_only ON account_tokens USING (app_scope() = 'system');
-- Self-registration (tenant scope) issues the activation token with the account.
CREATE POLICY issue_any ON account_tokens FOR INSERT WITH CHECK (true);
GRANT SELECT, INSERT ON account_tokens TO hakakses_app;
GRANT UPDATE (used_at) ON account_tokens TO hakakses_app;
