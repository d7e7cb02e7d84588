package org.commercecore.orders;

import java.time.Duration;

/** The fraud rule: a customer may spend at most {@code limitMinor} (one currency assumed) within {@code window}. */
public record FraudLimits(long limitMinor, Duration window) {
}
