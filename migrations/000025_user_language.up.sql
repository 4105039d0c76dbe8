-- Issue 12 (English): each account may choose the language of its pages on the
-- account page (/akun). NULL means "not chosen": the language switch's cookie
-- and the browser's Accept-Language then decide, and Bahasa Indonesia is the
-- default (i18n.Resolve).
ALTER TABLE users ADD COLUMN language text CHECK (language IN ('id', 'en'));
