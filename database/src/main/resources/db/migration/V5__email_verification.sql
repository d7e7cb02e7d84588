-- When the account's current e-mail address was proven (a verification or login code mailed to it
-- was entered); NULL until then, and again after the address changes.
ALTER TABLE users ADD COLUMN email_verified_at timestamptz;
