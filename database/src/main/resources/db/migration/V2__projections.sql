-- Read-only projections for SQL users, written by the JDBC sink connector by upsert. They live in a
-- schema of their own and are never captured by Debezium: a projection streamed back would loop.

CREATE SCHEMA projections;

-- The current status of every order, from orders.status.v1 (connectors/config/20-order-status-sink.json).
CREATE TABLE projections.order_status (
    order_id       text        PRIMARY KEY,
    customer_id    text        NOT NULL,
    status         text        NOT NULL,
    reason_code    text,
    reason         text,
    updated_at     timestamptz NOT NULL,
    last_event_id  text        NOT NULL
);
CREATE INDEX order_status_customer_idx ON projections.order_status (customer_id);
