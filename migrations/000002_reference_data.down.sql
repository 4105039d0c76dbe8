SELECT set_config('app.scope', 'system', false);
DELETE FROM holiday_years;
DELETE FROM national_holidays;
DELETE FROM data_elements;
DELETE FROM tenants;
SELECT set_config('app.scope', '', false);
