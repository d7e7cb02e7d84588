package org.commercecore.gatewaye2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of a service's {@code /metrics} (Prometheus text format), to read series from. */
final class Scrape {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** name, optional {labels} (label values may hold braces: route templates), value. */
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{.*})? ([-+0-9.eEInfNa]+)$", Pattern.MULTILINE);

    private final String text;

    private Scrape(String text) {
        this.text = text;
    }

    static Scrape of(URI service) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(service.resolve("/metrics")).timeout(Duration.ofSeconds(5))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new AssertionError(service.resolve("/metrics") + " answered " + answer.statusCode());
        }
        return new Scrape(answer.body());
    }

    /** Every series name exposed, space-separated, with a space at both ends. */
    String names() {
        StringBuilder all = new StringBuilder(" ");
        Matcher m = SAMPLE.matcher(text);
        while (m.find()) {
            all.append(m.group(1)).append(' ');
        }
        return all.toString();
    }

    /** Whether any sample of the series is exposed. */
    boolean has(String name) {
        Matcher m = SAMPLE.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The sum of the series' samples whose labels include every given {@code label, value} pair. */
    double sum(String name, String... labelPairs) {
        double total = 0;
        Matcher m = SAMPLE.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(name) && hasLabels(m.group(2) == null ? "" : m.group(2), labelPairs)) {
                total += Double.parseDouble(m.group(3));
            }
        }
        return total;
    }

    private static boolean hasLabels(String labels, String... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (!labels.contains(pairs[i] + "=\"" + pairs[i + 1] + "\"")) {
                return false;
            }
        }
        return true;
    }
}
