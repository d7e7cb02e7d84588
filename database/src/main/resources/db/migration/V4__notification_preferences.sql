-- A customer's notification preferences, in the profile row so that they reach the notifications
-- app through the same change stream as the rest of the profile (cdc.public.users -> customers.v1).
-- One JSON object, as the command API validated it:
--   {"channels": ["EMAIL", "PUSH"], "opt_outs": ["ORDER_PLACED"]}
-- channels: where notifications go (empty = nowhere); opt_outs: notification kinds not wanted at all.
-- Existing accounts keep what they had before preferences existed: e-mail, everything.
ALTER TABLE users ADD COLUMN notification_preferences jsonb NOT NULL
    DEFAULT '{"channels": ["EMAIL"], "opt_outs": []}'
    CHECK (jsonb_typeof(notification_preferences) = 'object'
        AND jsonb_typeof(notification_preferences -> 'channels') = 'array'
        AND jsonb_typeof(notification_preferences -> 'opt_outs') = 'array');
