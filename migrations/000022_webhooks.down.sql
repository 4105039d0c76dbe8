DROP FUNCTION webhook_enqueue(bigint, text, text, text, text, text, timestamptz);
DROP TABLE webhook_deliveries;
DROP TABLE tenant_webhooks;
