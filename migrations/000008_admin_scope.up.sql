-- The platform admin gets a scope of its own instead of 'system': tenants, national
-- accounts and the national holiday calendar (DESIGN.md §2), and no application
-- content — applications, documents and history have no policy for it at all.
CREATE POLICY admin_write ON tenants FOR UPDATE
    USING (app_scope() = 'admin') WITH CHECK (app_scope() = 'admin');
CREATE POLICY admin_write ON national_holidays FOR ALL
    USING (app_scope() = 'admin') WITH CHECK (app_scope() = 'admin');
CREATE POLICY admin_write ON holiday_years FOR ALL
    USING (app_scope() = 'admin') WITH CHECK (app_scope() = 'admin');
-- Counts on the admin home, and the e-mail check when onboarding a kepala.
CREATE POLICY admin_read ON institutions FOR SELECT USING (app_scope() = 'admin');
CREATE POLICY admin_read ON users FOR SELECT USING (app_scope() = 'admin');
-- Onboarding creates a tenant's first kepala; national accounts are the admin's too.
CREATE POLICY admin_insert ON users FOR INSERT
    WITH CHECK (app_scope() = 'admin' AND role IN ('kepala', 'dirjen', 'admin'));
