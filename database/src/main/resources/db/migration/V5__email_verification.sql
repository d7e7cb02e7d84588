-- When the account's current e-mail address was proven (a verification or login code mailed to it
-- was entered); NULL until then, and again after the address changes.
ALTER TABLE users ADD COLUMN email_verified_at timestamptz;

-- An account may have no password: a login by code to an account whose e-mail was not verified yet
-- removes the password it had (whoever chose it never proved the address; see docs/one-time-codes.md),
-- and its owner sets a new one without the old.
ALTER TABLE users ALTER COLUMN password_hash DROP NOT NULL;
