DROP FUNCTION audit_head();
DROP TABLE audit_events;
