-- The status projection says what each order is worth; a second projection sums orders per day.

ALTER TABLE projections.order_status
    ADD COLUMN total_minor bigint,
    ADD COLUMN currency    char(3);

-- Per UTC day and currency, from orders.daily-totals.v1 (connectors/config/30-daily-totals-sink.json):
-- how many orders were placed, confirmed, rejected, shipped and cancelled that day, and for how much.
CREATE TABLE projections.daily_order_totals (
    day              date        NOT NULL,
    currency         char(3)     NOT NULL,
    placed_count     bigint      NOT NULL,
    placed_minor     bigint      NOT NULL,
    confirmed_count  bigint      NOT NULL,
    confirmed_minor  bigint      NOT NULL,
    rejected_count   bigint      NOT NULL,
    shipped_count    bigint      NOT NULL,
    shipped_minor    bigint      NOT NULL,
    cancelled_count  bigint      NOT NULL,
    cancelled_minor  bigint      NOT NULL,
    updated_at       timestamptz NOT NULL,
    last_event_id    text        NOT NULL,
    PRIMARY KEY (day, currency)
);
