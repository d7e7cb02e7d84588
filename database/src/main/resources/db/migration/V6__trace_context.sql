-- The W3C traceparent of the request that wrote the row, null when the request was not traced. The
-- intake topologies continue that trace, so one trace follows an order from the gateway across CDC to
-- its notification (docs/observability.md). Written by the command API, never by a client.
ALTER TABLE orders ADD COLUMN trace_parent text
    CHECK (trace_parent ~ '^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$');
ALTER TABLE order_commands ADD COLUMN trace_parent text
    CHECK (trace_parent ~ '^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$');
