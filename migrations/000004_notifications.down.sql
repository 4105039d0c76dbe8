DROP TABLE IF EXISTS outbox, notifications;
DROP FUNCTION IF EXISTS notification_national_recipient(bigint);
DROP FUNCTION IF EXISTS notification_recipients(bigint, text[]);
DROP FUNCTION IF EXISTS notification_users(bigint, bigint, text[]);
DROP FUNCTION IF EXISTS app_user_id();
