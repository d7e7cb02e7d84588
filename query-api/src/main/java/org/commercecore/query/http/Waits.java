package org.commercecore.query.http;

import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commercecore.platform.http.api.ProblemException;

/** The {@code waitFor} and {@code timeout} query parameters of a read that waits for its own write. */
final class Waits {
    static final Duration MAX = Duration.ofSeconds(30);
    private static final Set<String> STATUSES = Set.of("PLACED", "CONFIRMED", "REJECTED", "SHIPPED", "CANCELLED");
    private static final Pattern TIMEOUT = Pattern.compile("(\\d{1,6})(ms|s)");

    private Waits() {
    }

    static String status(String waitFor) {
        if (waitFor != null && !STATUSES.contains(waitFor)) {
            throw ProblemException.invalid("waitFor", "must be one of " + String.join(", ", STATUSES.stream().sorted().toList()));
        }
        return waitFor;
    }

    /** {@code 5s} or {@code 500ms}, at most 30 s; without waitFor the read does not wait. */
    static Duration timeout(String timeout, String waitFor) {
        if (waitFor == null) {
            return Duration.ZERO;
        }
        if (timeout == null) {
            return Duration.ofSeconds(5);
        }
        Matcher m = TIMEOUT.matcher(timeout);
        Duration d = m.matches() ? (m.group(2).equals("s") ? Duration.ofSeconds(Long.parseLong(m.group(1)))
                : Duration.ofMillis(Long.parseLong(m.group(1)))) : null;
        if (d == null || d.compareTo(MAX) > 0) {
            throw ProblemException.invalid("timeout", "must be like 5s or 500ms, at most 30s");
        }
        return d;
    }
}
