package org.commercecore.command.catalog;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.commercecore.command.storage.Transactions;
import org.commercecore.platform.http.api.ProblemException;
import org.commercecore.platform.http.api.Validation;

/** Products and their stock, as the admin sets them. */
public final class Catalog {
    static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Set<String> REASONS = Set.of("INITIAL", "RESTOCK", "CORRECTION", "DAMAGE", "RETURN");

    private final Transactions transactions;

    public Catalog(Transactions transactions) {
        this.transactions = transactions;
    }

    public record Product(String name, Long priceMinor, String currency, Integer lowStockThreshold) {
    }

    public record StockAdjustment(Integer quantityDelta, String reason, Integer lowStockThreshold, String note) {
    }

    /** Creates or replaces the product; true if it was created. */
    public boolean put(String sku, Product p) {
        Validation v = new Validation();
        v.matches(sku, SKU, "sku", "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        if (v.present(p.name(), "name")) {
            v.length(p.name(), 1, 200, "name");
        }
        if (v.present(p.priceMinor(), "price_minor")) {
            v.range(p.priceMinor(), 0, 100_000_000_00L, "price_minor");
        }
        if (v.present(p.currency(), "currency")) {
            v.matches(p.currency(), CURRENCY, "currency", "must be an ISO 4217 code such as EUR");
        }
        v.range(p.lowStockThreshold() == null ? null : p.lowStockThreshold().longValue(), 0, 1_000_000, "low_stock_threshold");
        v.orThrow();
        return transactions.inTransaction(db -> {
            try (PreparedStatement upsert = db.prepareStatement("INSERT INTO products (sku, name, price_minor, currency,"
                    + " low_stock_threshold) VALUES (?, ?, ?, ?, ?) ON CONFLICT (sku) DO UPDATE SET name = excluded.name,"
                    + " price_minor = excluded.price_minor, currency = excluded.currency,"
                    + " low_stock_threshold = excluded.low_stock_threshold, updated_at = now() RETURNING (xmax = 0) AS created")) {
                upsert.setString(1, sku);
                upsert.setString(2, p.name());
                upsert.setLong(3, p.priceMinor());
                upsert.setString(4, p.currency());
                upsert.setInt(5, p.lowStockThreshold() == null ? 0 : p.lowStockThreshold());
                try (ResultSet row = upsert.executeQuery()) {
                    row.next();
                    return row.getBoolean("created");
                }
            }
        });
    }

    /** Records a stock adjustment of an existing product; returns its id. */
    public String adjust(String sku, String adminId, StockAdjustment a) {
        Validation v = new Validation();
        if (v.present(a.quantityDelta(), "quantity_delta")) {
            v.range(a.quantityDelta().longValue(), -1_000_000, 1_000_000, "quantity_delta");
        }
        if (v.present(a.reason(), "reason")) {
            v.require(REASONS.contains(a.reason()), "reason", "must be one of " + String.join(", ", REASONS.stream().sorted().toList()));
        }
        v.range(a.lowStockThreshold() == null ? null : a.lowStockThreshold().longValue(), 0, 1_000_000, "low_stock_threshold")
                .length(a.note(), 0, 500, "note").orThrow();
        String id = UUID.randomUUID().toString();
        return transactions.inTransaction(db -> {
            try (PreparedStatement exists = db.prepareStatement("SELECT 1 FROM products WHERE sku = ?")) {
                exists.setString(1, sku);
                try (ResultSet row = exists.executeQuery()) {
                    if (!row.next()) {
                        throw ProblemException.notFound("no product " + sku + " (PUT /products/" + sku + " first)");
                    }
                }
            }
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO stock_adjustments (id, sku, quantity_delta, reason,"
                    + " low_stock_threshold, note, requested_by) VALUES (?::uuid, ?, ?, ?, ?, ?, ?::uuid)")) {
                insert.setString(1, id);
                insert.setString(2, sku);
                insert.setInt(3, a.quantityDelta());
                insert.setString(4, a.reason());
                insert.setObject(5, a.lowStockThreshold());
                insert.setString(6, a.note());
                insert.setString(7, adminId);
                insert.executeUpdate();
            }
            return id;
        });
    }
}
