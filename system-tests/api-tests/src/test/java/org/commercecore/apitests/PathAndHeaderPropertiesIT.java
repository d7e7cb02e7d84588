package org.commercecore.apitests;

import static org.commercecore.apitests.Gens.pick;
import static org.commercecore.apitests.Gens.weight;
import static org.commercecore.apitests.Gens.weighted;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Generated paths, query strings and headers on every operation of both APIs (query routes on
 * both instances), with a valid body and the caller the route wants: whatever the server or its
 * HTTP layer makes of them, the answer is never a 5xx, an error is problem+json with a request id
 * (also those raised before any route runs), and a refused write leaves PostgreSQL as it was.
 */
@ExtendWith(ApisExtension.class)
class PathAndHeaderPropertiesIT {

    record Attempt(ApiOperation operation, int instance, Map<String, String> pathValues, String query, Map<String, String> headers) {
    }

    static Gen<Attempt> attempts() {
        return Generate.pick(ApiOperation.all()).flatMap(operation -> {
            Gen<Map<String, String>> values = Gens.lists(segment(), operation.pathParameters().size(), operation.pathParameters().size())
                    .map(segments -> {
                        Map<String, String> map = new HashMap<>();
                        for (int i = 0; i < segments.size(); i++) {
                            map.put(operation.pathParameters().get(i), segments.get(i));
                        }
                        return map;
                    });
            return Generate.range(0, operation.api() == ApiOperation.Api.QUERY ? 1 : 0)
                    .zip(values, queryString(), headers(), (instance, path, query, headers) -> new Attempt(operation, instance, path, query, headers));
        });
    }

    @Test
    void anyPathQueryOrHeaderIsAnsweredCleanly(Apis apis) {
        Tally.check(attempts(), (attempt, tally) -> attempt(apis, attempt, tally));
    }

    private static void attempt(Apis apis, Attempt attempt, Tally tally) {
        Requests requests = new Requests(apis.actors());
        ApiOperation operation = attempt.operation();
        Map<String, String> pathValues = new HashMap<>(requests.pathValues(operation));
        attempt.pathValues().forEach((name, generated) -> {
            if (generated != null) {
                pathValues.put(name, generated);
            }
        });
        Http.Request valid = requests.valid(operation, Role.ADMIN);
        Http.Request request = new Http.Request(operation.method(), Requests.path(operation, pathValues) + attempt.query(),
                valid.headers(), valid.body());
        for (Map.Entry<String, String> header : attempt.headers().entrySet()) {
            request = request.withHeader(header.getKey(), header.getValue());
        }
        boolean writes = !operation.method().equals("GET");
        Map<String, String> before = writes ? apis.writeSide().fingerprint() : null;
        Http.Reply reply = Http.send(apis.base(operation.api(), attempt.instance()), request);
        Map<String, String> after = writes ? apis.writeSide().fingerprint() : null;
        tally.count(operation.toString(), reply.status());
        Answers.wellBehaved(request, reply, before, after);
    }

    /** A path segment: null (keep the real value), or something a URI may carry that a route may not expect. */
    private static Gen<String> segment() {
        Gen<String> special = pick("", "%00", "..", "%2e%2e", "%2E%2E/%2E%2E", ".", "%2F", "a/b", "%2e", ";", "a;b=c",
                "%C0%AE", "%ED%A0%80", "%FF", "%", "%%", "%zz", "00000000-0000-0000-0000-000000000000", "top", "me",
                "..%2f..%2fetc%2fpasswd", "%0d%0aSet-Cookie:x=y", "'%20OR%201=1", "@", "~", "!$&'()*+,=:");
        Gen<String> encoded = Gens.bytes(1, 30).map(PathAndHeaderPropertiesIT::percent);
        Gen<String> longOnes = Gens.repeated("a", 100, 20_000);
        Gen<String> unreserved = Gens.stringsOf("abcXYZ019-._~!$&'()*+,;=:@", 1, 40);
        return weighted(weight(3, Generate.constant((String) null)), weight(4, special), weight(3, encoded),
                weight(1, longOnes), weight(3, unreserved));
    }

    private static Gen<String> queryString() {
        Gen<String> names = pick("waitFor", "timeout", "limit", "cursor", "window", "x", "", "%00");
        Gen<String> values = Generate.oneOf(
                pick("", "PLACED", "CONFIRMED", "5s", "0s", "-1s", "999999999999s", "1h", "7m", "24h", "25h", "0", "-1", "101",
                        "1.5", "abc", "%00", "LTE=", "MA==", "OTk5OTk5OTk5OTk5OTk=", "bnVsbA==", "====", "%FF%FE"),
                Gens.bytes(0, 20).map(PathAndHeaderPropertiesIT::percent),
                Gens.repeated("9", 100, 9_000));
        Gen<String> pair = names.zip(values, (n, v) -> n + "=" + v);
        return weighted(weight(3, Generate.constant("")),
                weight(5, Gens.lists(pair, 1, 4).map(pairs -> "?" + String.join("&", pairs))));
    }

    /** Headers a client may send, with values of printable ASCII (what HTTP allows on the wire), some far too long. */
    private static Gen<Map<String, String>> headers() {
        Gen<String> printable = Gens.stringsOf(printableAscii(), 1, 60);
        Gen<String> value = weighted(weight(6, printable), weight(1, Gens.repeated("k", 256, 12_000)),
                weight(2, pick("Bearer", "Bearer ", "Bearer x.y.z", "Basic YWRtaW46YWRtaW4=", "bearer eyJhbGciOiJub25lIn0.e30.",
                        "Bearer eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJ4Iiwicm9sZSI6IkFETUlOIn0.", "text/plain", "application/json;;",
                        "*/*", "\"etag\"", "W/\"x\"")));
        Gen<String> name = pick("Authorization", "Idempotency-Key", "Content-Type", "Accept", "X-Request-Id", "If-None-Match",
                "X-Forwarded-For", "Origin", "Accept-Charset", "X-Custom");
        return Gens.lists(name.zip(value, Map::entry), 0, 3).map(entries -> {
            Map<String, String> map = new HashMap<>();
            entries.forEach(e -> map.put(e.getKey(), e.getValue()));
            return map;
        });
    }

    private static String printableAscii() {
        StringBuilder chars = new StringBuilder(" ");
        for (char c = '!'; c <= '~'; c++) {
            chars.append(c);
        }
        return chars.toString();
    }

    private static String percent(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append('%').append(String.format("%02X", b & 0xff));
        }
        return out.toString();
    }
}
