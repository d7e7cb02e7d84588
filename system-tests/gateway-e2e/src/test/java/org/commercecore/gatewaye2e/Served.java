package org.commercecore.gatewaye2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What reached one API instance, read from its own {@code /metrics}: the requests it answered on a
 * route template ({@code http_server_requests_seconds_count}, summed over methods and statuses).
 * How a test through the gateway tells that a request never got past the edge.
 */
final class Served {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern COUNT = Pattern.compile("^http_server_requests_seconds_count\\{(.*)} ([0-9.eE+]+)$", Pattern.MULTILINE); // route templates hold braces

    private Served() {
    }

    static long count(URI instance, String route) {
        String scrape;
        try {
            scrape = HTTP.send(HttpRequest.newBuilder(instance.resolve("/metrics")).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + instance.resolve("/metrics") + ": " + e.getMessage(), e);
        }
        long total = 0;
        Matcher m = COUNT.matcher(scrape);
        while (m.find()) {
            if (m.group(1).contains("route=\"" + route + "\"")) {
                total += (long) Double.parseDouble(m.group(2));
            }
        }
        return total;
    }
}
