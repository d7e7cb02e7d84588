package org.commercecore.query.lookup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.commercecore.platform.http.api.ApiJson;
import org.commercecore.query.views.CustomerOrders;
import org.commercecore.query.views.OrderView;
import org.commercecore.query.views.ProductView;
import org.commercecore.query.views.TopSellers;

/** The views as the API shows them: snake_case JSON, RFC 3339 times. */
public final class ViewJson {
    private static final ObjectMapper JSON = ApiJson.mapper();

    private ViewJson() {
    }

    static String order(OrderView v) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("order_id", v.getOrderId());
        out.put("customer_id", v.getCustomerId());
        out.put("status", v.getStatus());
        out.put("reason_code", v.getReasonCode());
        out.put("reason", v.getReason());
        out.put("total_minor", v.getTotalMinor());
        out.put("currency", v.getCurrency());
        List<Map<String, Object>> lines = new ArrayList<>();
        v.getLines().forEach(l -> lines.add(Map.of("line_no", l.getLineNo(), "sku", l.getSku(), "quantity", l.getQuantity(),
                "unit_price_minor", l.getUnitPriceMinor())));
        out.put("lines", lines);
        out.put("placed_at", v.getPlacedAt() == null ? null : Instant.ofEpochMilli(v.getPlacedAt()).toString());
        out.put("updated_at", Instant.ofEpochMilli(v.getUpdatedAt()).toString());
        List<Map<String, Object>> timeline = new ArrayList<>();
        // in the order the view took them in: each topic's events in log order, so causes come before effects
        // (services stamp occurred_at with their own clocks, which would not order them reliably)
        v.getTimeline().forEach(e -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("occurred_at", Instant.ofEpochMilli(e.getOccurredAt()).toString());
            entry.put("source", e.getSource());
            entry.put("type", e.getType());
            entry.put("detail", e.getDetail());
            entry.put("event_id", e.getEventId());
            timeline.add(entry);
        });
        out.put("timeline", timeline);
        return write(out);
    }

    static String customerOrders(CustomerOrders orders) {
        List<Map<String, Object>> items = new ArrayList<>();
        orders.getOrders().forEach(o -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("order_id", o.getOrderId());
            item.put("status", o.getStatus());
            item.put("total_minor", o.getTotalMinor());
            item.put("currency", o.getCurrency());
            item.put("placed_at", Instant.ofEpochMilli(o.getPlacedAt()).toString());
            item.put("updated_at", Instant.ofEpochMilli(o.getUpdatedAt()).toString());
            items.add(item);
        });
        return write(Map.of("orders", items));
    }

    static String product(ProductView p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sku", p.getSku());
        out.put("name", p.getName());
        out.put("price_minor", p.getPriceMinor());
        out.put("currency", p.getCurrency());
        out.put("on_hand", p.getOnHand());
        out.put("reserved", p.getReserved());
        out.put("available", p.getOnHand() - p.getReserved());
        out.put("low_stock_threshold", p.getLowStockThreshold());
        out.put("updated_at", Instant.ofEpochMilli(p.getUpdatedAt()).toString());
        return write(out);
    }

    /** The ten SKUs with the most units sold within the window before {@code now}, most first. */
    static String topSellers(TopSellers top, java.time.Duration window, long now) {
        Map<String, Long> units = new java.util.HashMap<>();
        if (top != null) {
            top.getBuckets().forEach((bucket, skus) -> {
                if (Long.parseLong(bucket) >= now - window.toMillis()) {
                    skus.forEach((sku, n) -> units.merge(sku, n, Long::sum));
                }
            });
        }
        List<Map<String, Object>> items = new ArrayList<>();
        units.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(10).forEach(e -> items.add(Map.of("sku", e.getKey(), "units", e.getValue())));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("window_minutes", window.toMinutes());
        out.put("as_of", Instant.ofEpochMilli(now).toString());
        out.put("items", items);
        return write(out);
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
