DROP TABLE account_tokens;
ALTER TABLE applications DROP COLUMN history_head, DROP COLUMN history_count;
ALTER TABLE users DROP COLUMN session_epoch;
