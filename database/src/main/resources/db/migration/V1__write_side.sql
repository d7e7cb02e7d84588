-- The write side of commerce-core. The command API writes these tables; Debezium streams the
-- public tables below into cdc.public.<table>; intake topologies turn the rows into domain events.
-- Statuses are not stored here: the orders topology decides them, and the JDBC sink projects them
-- back into the projections schema (V2). See docs/write-side.md for the decisions.

CREATE TABLE users (
    id             uuid        PRIMARY KEY,
    email          text        NOT NULL CHECK (email ~ '^[^@\s]+@[^@\s]+$' AND length(email) <= 254),
    display_name   text        CHECK (length(display_name) <= 200),
    role           text        NOT NULL CHECK (role IN ('CUSTOMER', 'ADMIN')),
    -- an Argon2/bcrypt hash written by the command API; never captured by Debezium (column.exclude.list)
    password_hash  text        NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
-- one account per address, whatever its case
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE products (
    sku                  text        PRIMARY KEY CHECK (sku ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    name                 text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    price_minor          bigint      NOT NULL CHECK (price_minor >= 0),
    currency             char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    low_stock_threshold  integer     NOT NULL DEFAULT 0 CHECK (low_stock_threshold >= 0),
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now()
);

-- An order and its lines are one row: the lines are a JSON array in the order's own row, so the
-- single change event of the insert carries the whole order and the intake never has to assemble
-- it from several events. Rows are written once; later changes are commands (order_commands).
CREATE TABLE orders (
    id           uuid        PRIMARY KEY,
    customer_id  uuid        NOT NULL REFERENCES users (id),
    currency     char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    total_minor  bigint      NOT NULL CHECK (total_minor >= 0),
    -- [{"line_no": 1, "sku": "KETTLE-1", "quantity": 2, "unit_price_minor": 2490}, ...]
    lines        jsonb       NOT NULL CHECK (jsonb_typeof(lines) = 'array' AND jsonb_array_length(lines) > 0),
    placed_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orders_customer_idx ON orders (customer_id, placed_at DESC);

-- The lines as rows, for SQL users; the JSON array stays the one written (and streamed) form.
CREATE VIEW order_lines AS
SELECT o.id AS order_id, l.line_no, l.sku, l.quantity, l.unit_price_minor
FROM orders o, jsonb_to_recordset(o.lines) AS l(line_no integer, sku text, quantity integer, unit_price_minor bigint);

-- Cancel and ship requests. The orders topology decides whether they apply (a late cancel is refused
-- there, with a recorded reason), so a request is a fact to stream, not a status update.
CREATE TABLE order_commands (
    id            uuid        PRIMARY KEY,
    order_id      uuid        NOT NULL REFERENCES orders (id),
    kind          text        NOT NULL CHECK (kind IN ('CANCEL', 'SHIP')),
    requested_by  uuid        REFERENCES users (id),
    reason        text        CHECK (length(reason) <= 500),
    requested_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX order_commands_order_idx ON order_commands (order_id);

CREATE TABLE stock_adjustments (
    id                   uuid        PRIMARY KEY,
    sku                  text        NOT NULL REFERENCES products (sku),
    quantity_delta       integer     NOT NULL,
    reason               text        NOT NULL CHECK (reason IN ('INITIAL', 'RESTOCK', 'CORRECTION', 'DAMAGE', 'RETURN')),
    low_stock_threshold  integer     CHECK (low_stock_threshold >= 0),
    note                 text        CHECK (length(note) <= 500),
    requested_by         uuid        REFERENCES users (id),
    created_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stock_adjustments_sku_idx ON stock_adjustments (sku, created_at);

-- A client's Idempotency-Key, per user: the retry of a request returns what the first one created;
-- the same key with another body (a different request_hash) is refused. Written in the same
-- transaction as the resource it created. Not streamed.
CREATE TABLE idempotency_keys (
    owner_id       uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key            text        NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
    request_hash   text        NOT NULL,
    resource_type  text        NOT NULL,
    resource_id    text        NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz NOT NULL,
    PRIMARY KEY (owner_id, key)
);
CREATE INDEX idempotency_keys_expiry_idx ON idempotency_keys (expires_at);

-- Full before-images where a change must be understood on its own: a deleted or changed order,
-- product or request then still says what it was. users keeps them too, so a deleted user's row is
-- visible to the intake; its password hash is excluded from capture, and cdc.public.users is
-- compacted, so the personal data leaves the log once the tombstone is compacted.
ALTER TABLE users REPLICA IDENTITY FULL;
ALTER TABLE products REPLICA IDENTITY FULL;
ALTER TABLE orders REPLICA IDENTITY FULL;
ALTER TABLE order_commands REPLICA IDENTITY FULL;
ALTER TABLE stock_adjustments REPLICA IDENTITY FULL;
