-- The daily-sales job's tables, created by the job itself when missing (it may write to a
-- warehouse database of its own, not the write side's). Money as the events carry it (minor units
-- plus currency) and as an exact decimal in the major unit. docs/analytics.md describes each column.
CREATE SCHEMA IF NOT EXISTS analytics;

CREATE TABLE IF NOT EXISTS analytics.daily_sales (
    day                 date          NOT NULL,
    currency            text          NOT NULL,
    orders_placed       bigint        NOT NULL,
    orders_confirmed    bigint        NOT NULL,
    orders_rejected     bigint        NOT NULL,
    orders_cancelled    bigint        NOT NULL,
    orders_shipped      bigint        NOT NULL,
    revenue_minor       bigint        NOT NULL,
    revenue             numeric(24,4),
    refunds_minor       bigint        NOT NULL,
    refunds             numeric(24,4),
    captured_minor      bigint        NOT NULL,
    captured            numeric(24,4),
    average_order_value numeric(24,4),
    conversion_rate     numeric(5,4),
    computed_at         timestamptz   NOT NULL,
    PRIMARY KEY (day, currency)
);

CREATE TABLE IF NOT EXISTS analytics.daily_sku_sales (
    day           date          NOT NULL,
    currency      text          NOT NULL,
    sku           text          NOT NULL,
    units         bigint        NOT NULL,
    revenue_minor bigint        NOT NULL,
    revenue       numeric(24,4),
    rank          integer       NOT NULL,
    computed_at   timestamptz   NOT NULL,
    PRIMARY KEY (day, currency, sku)
);

CREATE TABLE IF NOT EXISTS analytics.daily_rejections (
    day             date        NOT NULL,
    currency        text        NOT NULL,
    reason_code     text        NOT NULL,
    orders_rejected bigint      NOT NULL,
    computed_at     timestamptz NOT NULL,
    PRIMARY KEY (day, currency, reason_code)
);

CREATE TABLE IF NOT EXISTS analytics.daily_stock (
    day                   date        NOT NULL,
    sku                   text        NOT NULL,
    units_reserved        bigint      NOT NULL,
    units_released        bigint      NOT NULL,
    units_committed       bigint      NOT NULL,
    reservations_rejected bigint      NOT NULL,
    low_stock_alerts      bigint      NOT NULL,
    computed_at           timestamptz NOT NULL,
    PRIMARY KEY (day, sku)
);
