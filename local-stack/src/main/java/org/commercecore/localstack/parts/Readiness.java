package org.commercecore.localstack.parts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What an app's {@code /health/ready} answered while not ready: the platform's body
 * ({@code {"status": "DOWN", "checks": {"state": {"up": false, "detail": "..."}}}}, see the platform's
 * OpsEndpoints) read into its checks. A body in another form (the gateway's) has no checks; it is
 * kept as it came, shortened, so a message can still show it.
 */
record Readiness(List<Check> checks, String body) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The platform's restoration check (RestoreProgress) says "N store partition(s) restoring, M record(s) to go". */
    private static final Pattern RESTORING = Pattern.compile("\\brestoring\\b");
    private static final Pattern RECORDS_TO_GO = Pattern.compile("(\\d+) record\\(s\\) to go");
    private static final int BODY_SHOWN = 300;

    record Check(String name, boolean up, String detail) {
    }

    Readiness {
        checks = List.copyOf(checks);
    }

    static Readiness parse(String body) {
        List<Check> checks = new ArrayList<>();
        try {
            JsonNode named = JSON.readTree(body).path("checks");
            for (Iterator<Map.Entry<String, JsonNode>> it = named.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> check = it.next();
                checks.add(new Check(check.getKey(), check.getValue().path("up").asBoolean(false),
                        check.getValue().path("detail").asText("")));
            }
        } catch (Exception notJson) {
            checks.clear();
        }
        String shown = body == null ? "" : body.strip();
        return new Readiness(checks, shown.length() > BODY_SHOWN ? shown.substring(0, BODY_SHOWN) + "..." : shown);
    }

    List<Check> failing() {
        return checks.stream().filter(c -> !c.up()).toList();
    }

    /** The failing check that reports a restoration, its detail as the app wrote it. */
    Optional<String> restoring() {
        return failing().stream().map(Check::detail).filter(d -> RESTORING.matcher(d).find()).findFirst();
    }

    /** The records the app still has to restore, when it says. */
    OptionalLong recordsToGo() {
        return restoring().map(RECORDS_TO_GO::matcher).filter(Matcher::find)
                .map(m -> OptionalLong.of(Long.parseLong(m.group(1)))).orElse(OptionalLong.empty());
    }

    /** The failing checks, e.g. "streams: REBALANCING; state: 4 store partition(s) restoring, 114 record(s) to go". */
    String failingChecks() {
        List<Check> failing = failing();
        if (failing.isEmpty()) {
            return body.isEmpty() ? "(empty body)" : body;
        }
        return failing.stream().map(c -> c.name() + ": " + c.detail()).collect(Collectors.joining("; "));
    }
}
