package org.commercecore.payments;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.commercecore.schemas.payments.PaymentDeclined;
import org.commercecore.schemas.payments.PaymentEvent;

/**
 * Payment outcomes as {@code commerce.payments.events{kind, decline_code}}: authorized, declined
 * (with the provider's code), captured, voided, refunded. Counted as the events leave the
 * topology; a task that aborts counts its reprocessed events again.
 */
final class PaymentMeters {
    static final String EVENTS = "commerce.payments.events";

    private final MeterRegistry meters;

    PaymentMeters(MeterRegistry meters) {
        this.meters = meters;
    }

    void published(PaymentEvent event) {
        Object payload = event.getPayload();
        String kind = payload.getClass().getSimpleName().replaceFirst("^Payment", "").toLowerCase(Locale.ROOT);
        String code = payload instanceof PaymentDeclined d ? d.getDeclineCode().name().toLowerCase(Locale.ROOT) : "none";
        Counter.builder(EVENTS).description("Payment events published, by kind and decline code")
                .tag("kind", kind).tag("decline_code", code).register(meters).increment();
    }
}
