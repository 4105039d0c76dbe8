-- A session row names its signed-in user (issue 14), so that one statement
-- reads the session, its user and the user's unread-notification count: a
-- page view no longer spends a transaction on the session and another on the
-- principal. NULL for an anonymous session (and for one written before this
-- migration: the server then loads the user by the ID in the session's data).
ALTER TABLE sessions ADD COLUMN user_id bigint REFERENCES users (id) ON DELETE CASCADE;
CREATE INDEX sessions_user_idx ON sessions (user_id) WHERE user_id IS NOT NULL;
