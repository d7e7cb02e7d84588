package org.commercecore.command.orders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.commercecore.command.storage.Transactions;
import org.commercecore.platform.auth.Caller;
import org.commercecore.platform.http.api.Problem;
import org.commercecore.platform.http.api.ProblemException;
import org.commercecore.platform.http.api.Validation;
import org.commercecore.platform.tracing.TraceContext;

/**
 * Placing, cancelling and shipping orders. Each is one transaction on the write side; the saga
 * decides what happens next (a cancel that comes too late is refused there, with a reason).
 */
public final class Orders {
    static final int MAX_LINES = 100;
    static final int MAX_QUANTITY = 1000;
    static final int MAX_IDEMPOTENCY_KEY = 255;
    /** Printable ASCII, as the IETF draft's structured-field string has it: the key is stored and compared byte for byte. */
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x20-\\x7E]{1," + MAX_IDEMPOTENCY_KEY + "}");
    private static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Transactions transactions;

    public Orders(Transactions transactions) {
        this.transactions = transactions;
    }

    public record Line(String sku, Integer quantity) {
    }

    public record PlaceOrder(List<Line> lines) {
    }

    /** What the client gets back; {@code replayed} when an earlier request with the same key created it. */
    public record Placed(String orderId, long totalMinor, String currency, boolean replayed) {
    }

    public record Requested(String commandId, String orderId, String kind) {
    }

    /** Places the order, or returns the one an earlier request with the same key placed. */
    public Placed place(Caller caller, String idempotencyKey, PlaceOrder order) {
        validate(idempotencyKey, order);
        String requestHash = hash(order);
        return transactions.inTransaction(db -> {
            Map<String, Price> prices = prices(db, order.lines());
            String orderId = UUID.randomUUID().toString();
            Optional<String> claimed = claimKey(db, caller.userId(), idempotencyKey, requestHash, orderId);
            if (claimed.isEmpty()) {
                return replay(db, caller.userId(), idempotencyKey, requestHash);
            }
            long total = 0;
            List<Map<String, Object>> lines = new ArrayList<>();
            for (int i = 0; i < order.lines().size(); i++) {
                Line line = order.lines().get(i);
                Price price = prices.get(line.sku());
                total += price.minor() * line.quantity();
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("line_no", i + 1);
                json.put("sku", line.sku());
                json.put("quantity", line.quantity());
                json.put("unit_price_minor", price.minor());
                lines.add(json);
            }
            String currency = prices.get(order.lines().get(0).sku()).currency();
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO orders (id, customer_id, currency, total_minor, lines,"
                    + " trace_parent) VALUES (?::uuid, ?::uuid, ?, ?, ?::jsonb, ?)")) {
                insert.setString(1, orderId);
                insert.setString(2, caller.userId());
                insert.setString(3, currency);
                insert.setLong(4, total);
                insert.setString(5, JSON.writeValueAsString(lines));
                // the saga continues this request's trace from the row (the intake reads it back)
                insert.setString(6, TraceContext.currentTraceparent().orElse(null));
                insert.executeUpdate();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            return new Placed(orderId, total, currency, false);
        });
    }

    /** The caller's own order (or any, for an admin) can be cancelled; the saga decides whether it still can be. */
    public Requested cancel(Caller caller, String orderId, String reason) {
        new Validation().length(reason, 1, 500, "reason").orThrow();
        return command(caller, orderId, "CANCEL", reason);
    }

    /** Forgets expired keys; returns how many. */
    public int purgeExpiredKeys() {
        return transactions.inTransaction(db -> {
            try (PreparedStatement delete = db.prepareStatement("DELETE FROM idempotency_keys WHERE expires_at < now()")) {
                return delete.executeUpdate();
            }
        });
    }

    /** Admin only (checked by the route). */
    public Requested ship(Caller admin, String orderId) {
        return command(admin, orderId, "SHIP", null);
    }

    private Requested command(Caller caller, String orderId, String kind, String reason) {
        if (!UUID_TEXT.matcher(orderId).matches()) {
            throw ProblemException.notFound("no order " + orderId);
        }
        String commandId = UUID.randomUUID().toString();
        return transactions.inTransaction(db -> {
            try (PreparedStatement owner = db.prepareStatement("SELECT customer_id FROM orders WHERE id = ?::uuid")) {
                owner.setString(1, orderId);
                try (ResultSet row = owner.executeQuery()) {
                    // someone else's order is answered as missing, so ids cannot be probed
                    if (!row.next() || !caller.mayAccess(row.getString(1))) {
                        throw ProblemException.notFound("no order " + orderId);
                    }
                }
            }
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO order_commands (id, order_id, kind, requested_by,"
                    + " reason, trace_parent) VALUES (?::uuid, ?::uuid, ?, ?::uuid, ?, ?)")) {
                insert.setString(1, commandId);
                insert.setString(2, orderId);
                insert.setString(3, kind);
                insert.setString(4, caller.userId());
                insert.setString(5, reason);
                insert.setString(6, TraceContext.currentTraceparent().orElse(null));
                insert.executeUpdate();
            }
            return new Requested(commandId, orderId, kind);
        });
    }

    private static void validate(String idempotencyKey, PlaceOrder order) {
        Validation v = new Validation();
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            v.require(false, "Idempotency-Key", "header is required (1-255 characters): a retry with the same key returns the same order");
        } else {
            v.matches(idempotencyKey, IDEMPOTENCY_KEY, "Idempotency-Key", "must be 1 to " + MAX_IDEMPOTENCY_KEY
                    + " printable ASCII characters (space to '~'), e.g. a UUID; got " + idempotencyKey.length() + " characters");
        }
        if (v.present(order.lines(), "lines")) {
            v.require(!order.lines().isEmpty() && order.lines().size() <= MAX_LINES, "lines", "must hold 1 to " + MAX_LINES + " lines");
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < order.lines().size(); i++) {
                Line line = order.lines().get(i);
                String at = "lines[" + i + "]";
                if (line == null) {
                    v.require(false, at, "is required");
                    continue;
                }
                if (v.present(line.sku(), at + ".sku")) {
                    v.matches(line.sku(), SKU, at + ".sku", "is not a SKU");
                    v.require(seen.add(line.sku()), at + ".sku", "appears twice; give one line per SKU");
                }
                if (v.present(line.quantity(), at + ".quantity")) {
                    v.range(line.quantity().longValue(), 1, MAX_QUANTITY, at + ".quantity");
                }
            }
        }
        v.orThrow();
    }

    private record Price(long minor, String currency) {
    }

    /** The catalog's price of every line's SKU: 422 naming each line whose SKU is unknown or priced in another currency. */
    private static Map<String, Price> prices(Connection db, List<Line> lines) throws SQLException {
        Map<String, Price> prices = new HashMap<>();
        Array skus = db.createArrayOf("text", lines.stream().map(Line::sku).toArray());
        try (PreparedStatement select = db.prepareStatement("SELECT sku, price_minor, currency FROM products WHERE sku = ANY(?)")) {
            select.setArray(1, skus);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    prices.put(row.getString(1), new Price(row.getLong(2), row.getString(3)));
                }
            }
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        String currency = null;
        for (int i = 0; i < lines.size(); i++) {
            Price price = prices.get(lines.get(i).sku());
            if (price == null) {
                errors.add(new Problem.FieldError("lines[" + i + "].sku", "no such product"));
            } else if (currency == null) {
                currency = price.currency();
            } else if (!currency.equals(price.currency())) {
                errors.add(new Problem.FieldError("lines[" + i + "].sku", "is priced in " + price.currency()
                        + ", the order's other lines in " + currency + "; one currency per order"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.unprocessable(errors));
        }
        return prices;
    }

    /**
     * Claims the key for this request; empty if it is held by an earlier request that has not
     * expired (24 h). A concurrent request with the same key waits here for the first one's
     * transaction, then sees its claim.
     */
    private static Optional<String> claimKey(Connection db, String owner, String key, String hash, String orderId) throws SQLException {
        try (PreparedStatement claim = db.prepareStatement("INSERT INTO idempotency_keys (owner_id, key, request_hash,"
                + " resource_type, resource_id, expires_at) VALUES (?::uuid, ?, ?, 'order', ?, now() + interval '24 hours')"
                // an expired key is free again: the new request takes it over
                + " ON CONFLICT (owner_id, key) DO UPDATE SET request_hash = excluded.request_hash, resource_id = excluded.resource_id,"
                + " created_at = now(), expires_at = excluded.expires_at WHERE idempotency_keys.expires_at < now()"
                + " RETURNING resource_id")) {
            claim.setString(1, owner);
            claim.setString(2, key);
            claim.setString(3, hash);
            claim.setString(4, orderId);
            try (ResultSet row = claim.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        }
    }

    private static Placed replay(Connection db, String owner, String key, String hash) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("SELECT k.request_hash, o.id, o.total_minor, o.currency"
                + " FROM idempotency_keys k JOIN orders o ON o.id = k.resource_id::uuid WHERE k.owner_id = ?::uuid AND k.key = ?")) {
            select.setString(1, owner);
            select.setString(2, key);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("idempotency key " + key + " is claimed but its order is missing");
                }
                if (!hash.equals(row.getString(1))) {
                    throw ProblemException.conflict("Idempotency-Key " + key + " was used for a different order;"
                            + " use a new key for a new order");
                }
                return new Placed(row.getString(2), row.getLong(3), row.getString(4), true);
            }
        }
    }

    /** The request's identity: its lines, in order. Another body under the same key is a different request. */
    private static String hash(PlaceOrder order) {
        StringBuilder canonical = new StringBuilder();
        order.lines().forEach(l -> canonical.append(l.sku()).append('\u0000').append(l.quantity()).append('\n'));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
