DROP POLICY admin_insert ON users;
DROP POLICY admin_read ON users;
DROP POLICY admin_read ON institutions;
DROP POLICY admin_write ON holiday_years;
DROP POLICY admin_write ON national_holidays;
DROP POLICY admin_write ON tenants;
