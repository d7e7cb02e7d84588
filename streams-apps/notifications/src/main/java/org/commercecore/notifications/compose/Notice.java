package org.commercecore.notifications.compose;

import java.util.Map;
import org.commercecore.schemas.notifications.NotificationKind;

/**
 * An event worth telling someone about, before it is addressed: what happened and when (the
 * source event's {@code occurred_at}, epoch millis), to whom
 * ({@code customerId}, or every admin when null), and the facts to render. Passed between the
 * topology's processors in memory only (no repartition), so it needs no serde.
 */
record Notice(NotificationKind kind, String sourceEventId, long occurredAt, String correlationId, String customerId,
              Map<String, String> details) {
    static Notice forAdmins(NotificationKind kind, String sourceEventId, long occurredAt, Map<String, String> details) {
        return new Notice(kind, sourceEventId, occurredAt, null, null, details);
    }

    boolean forAdmins() {
        return customerId == null;
    }
}
