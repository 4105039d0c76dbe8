-- The hakakses_app role is cluster-wide and may serve other databases: it stays.
DROP TABLE IF EXISTS login_attempts, sessions, users, institutions, local_holidays,
    holiday_years, national_holidays, data_elements, tenants;
DROP FUNCTION IF EXISTS app_scope();
DROP FUNCTION IF EXISTS app_tenant_id();
REVOKE USAGE ON SCHEMA public FROM hakakses_app;
